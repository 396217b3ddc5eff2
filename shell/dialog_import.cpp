// Importing a whole organisation from a JSON file: the file was read and checked in full;
// this asks before anything is replaced.
#include <imgui.h>

#include "shell/app.hpp"
#include "shell/panels.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {

void draw_import_dialog(App& app) {
  ImportState& im = app.ui().import;
  if (im.file.empty()) return;
  const char* title = "Import organisation###import";
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PushTextWrapPos(520);
    ImGui::Text("%s holds %s", im.file.c_str(), im.summary.c_str());
    text_warning("Importing replaces the organisation in this store. Export the current one first if you want to keep it.");
    ImGui::PopTextWrapPos();
    if (danger_button("Replace##import")) {
      ImGui::CloseCurrentPopup();
      app.apply_import();
    }
    ImGui::SameLine();
    if (button("Cancel##import") || escape_closes()) {
      ImGui::CloseCurrentPopup();
      app.cancel_import();
    }
    ImGui::EndPopup();
  }
}

}  // namespace subspace::ui
