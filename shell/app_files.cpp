// Files that come from the platform: workspace images (thumbnails kept as blobs), and
// the texture cache that draws them.
#include <cstdio>

#include "core/state_json.hpp"
#include "shell/app.hpp"

namespace subspace::ui {
namespace {
constexpr std::size_t kMaxImageBytes = 512 * 1024;
}

std::string App::save_image_blob(const Thumbnail& t) {
  std::uint64_t r = 0;
  platform_.secure_random(reinterpret_cast<std::uint8_t*>(&r), sizeof r);
  char name[40];
  std::snprintf(name, sizeof name, "img-%016llx.rgba", static_cast<unsigned long long>(r));
  std::string_view bytes(reinterpret_cast<const char*>(t.rgba.data()), t.rgba.size());
  if (Error e = store_->write_blob(name, bytes)) {
    toast("Could not store the image: " + e.message, true);
    return "";
  }
  touch_storage();
  return name;
}

std::uintptr_t App::image_texture(const ImageRef& image) {
  if (image.blob.empty()) return 0;
  auto it = textures_.find(image.blob);
  if (it != textures_.end()) return it->second;
  std::uintptr_t tex = 0;
  auto bytes = store_->read_blob(image.blob);
  if (bytes && bytes->size() == static_cast<std::size_t>(image.width) * image.height * 4)
    tex = platform_.create_texture(reinterpret_cast<const std::uint8_t*>(bytes->data()), image.width, image.height);
  textures_[image.blob] = tex;  // also remembers a missing blob, so it is not read every frame
  return tex;
}

void App::on_image_picked(std::string_view name, std::size_t original_bytes, const std::uint8_t* rgba, int w, int h) {
  if (original_bytes > kMaxImageBytes) {
    on_file_error(FilePurpose::WorkspaceImage, std::string(name) + " is " + std::to_string(original_bytes / 1024) +
                                                   " KB; images can be at most 512 KB.");
    return;
  }
  if (!rgba || w < 1 || h < 1 || w > 256 || h > 256) {
    on_file_error(FilePurpose::WorkspaceImage, "The image could not be read.");
    return;
  }
  Thumbnail t;
  t.rgba.assign(rgba, rgba + static_cast<std::size_t>(w) * h * 4);
  t.width = w;
  t.height = h;
  if (ui_.image_target != 0) {  // a new image for an existing workspace
    std::string blob = save_image_blob(t);
    ExecResult r;
    if (!blob.empty()) r = dispatch(SetWorkspaceImage{ui_.image_target, ImageFields{blob, w, h}}, Refusal::ShownInPlace);
    ui_.settings.image_error = blob.empty() ? "The image could not be saved." : r.accepted() ? "" : r.error.message;
    return;
  }
  WizardState& wz = ui_.wizard;
  if (wz.image.texture) platform_.destroy_texture(wz.image.texture);
  t.texture = platform_.create_texture(t.rgba.data(), w, h);
  wz.image = std::move(t);
  wz.image_error.clear();
}

void App::on_file_picked(FilePurpose purpose, std::string_view name, std::string_view bytes) {
  if (purpose == FilePurpose::ImportOrg) {
    prepare_import(name, bytes);
    return;
  }
  if (purpose == FilePurpose::InviteCsv) {
    start_csv_import(name, bytes);
    return;
  }
  toast("Nothing to do with " + std::string(name) + " here.", true);
}

// An import is read and checked whole before anything is replaced; the user then confirms.
void App::prepare_import(std::string_view name, std::string_view bytes) {
  ui_.import = ImportState{};
  if (sync_.enabled) {
    toast("Importing works offline only: with a server, the organisation lives on the server.", true);
    return;
  }
  if (ui_.read_only) {
    toast("This tab is read-only: " + ui_.read_only_reason, true);
    return;
  }
  auto candidate = std::make_unique<State>();
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    ui_.import.error = std::string(name) + " is empty. Nothing was changed.";
    toast(ui_.import.error, true);
    return;
  }
  if (Error e = state_from_text(bytes, *candidate)) {
    // Unreadable as JSON at all: most likely cut short, or some other file picked by mistake.
    ui_.import.error = e.code == Err::invalid_json
                           ? std::string(name) + " is not valid JSON: it may be cut short, or not be an export of Subspace "
                                                 "(Menu > Export organisation makes one). Nothing was changed."
                           : std::string(name) + " cannot be imported: " + e.message + " Nothing was changed.";
    toast(ui_.import.error, true);
    return;
  }
  if (!candidate->has_org) {
    ui_.import.error = std::string(name) + " holds no organisation. Nothing was changed.";
    toast(ui_.import.error, true);
    return;
  }
  ui_.import.file = name;
  ui_.import.summary = "'" + candidate->org_name + "': " + std::to_string(candidate->workspaces.size()) + " workspaces, " +
                       std::to_string(candidate->people.size()) + " people, " + std::to_string(candidate->audit.size()) +
                       " audit entries.";
  import_candidate_ = std::move(candidate);
}

void App::apply_import() {
  if (!import_candidate_) return;
  std::unique_ptr<State> s = std::move(import_candidate_);
  // The new snapshot is written in full before the old data goes: a failure keeps the old.
  if (Error e = store_->reset(*s)) {
    toast("The import could not be saved: " + e.message + " Nothing was changed.", true);
    return;
  }
  std::string name = s->org_name;
  session_.reset(std::move(*s));
  glyphs_.restart();
  ui_.acting_as.clear();
  choose_default_actor();
  touch_storage();
  ui_.import = ImportState{};
  go(Route{View::SubWorkspaces, 0}, true);
  toast("Imported '" + name + "'.");
}

void App::cancel_import() {
  import_candidate_.reset();
  ui_.import = ImportState{};
}

}  // namespace subspace::ui
