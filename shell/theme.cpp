#include "shell/theme.hpp"

namespace subspace::ui {
namespace {
Palette g_palette;
bool g_dark = false;

ImVec4 rgb(int r, int g, int b, int a = 255) { return ImVec4(r / 255.f, g / 255.f, b / 255.f, a / 255.f); }
ImU32 u32(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }
}  // namespace

bool theme_is_dark() { return g_dark; }
const Palette& palette() { return g_palette; }

void apply_theme(bool dark) {
  g_dark = dark;
  ImGuiStyle& st = ImGui::GetStyle();
  st = ImGuiStyle();
  if (dark) ImGui::StyleColorsDark(&st);
  else ImGui::StyleColorsLight(&st);
  st.WindowPadding = ImVec2(14, 12);
  st.FramePadding = ImVec2(9, 5);
  st.ItemSpacing = ImVec2(9, 7);
  st.ItemInnerSpacing = ImVec2(6, 4);
  st.CellPadding = ImVec2(8, 5);
  st.ScrollbarSize = 13;
  st.GrabMinSize = 12;
  st.WindowRounding = 6;
  st.ChildRounding = 6;
  st.FrameRounding = 5;
  st.PopupRounding = 6;
  st.ScrollbarRounding = 6;
  st.GrabRounding = 5;
  st.TabRounding = 5;
  st.WindowBorderSize = 0;
  st.FrameBorderSize = dark ? 0 : 1;
  st.PopupBorderSize = 1;
  // On dark frames ImGui's 0.6 leaves a disabled button looking pressable.
  st.DisabledAlpha = dark ? 0.4f : 0.6f;

  ImVec4* c = st.Colors;
  if (dark) {
    c[ImGuiCol_WindowBg] = rgb(24, 26, 31);
    c[ImGuiCol_ChildBg] = rgb(30, 33, 39);
    c[ImGuiCol_PopupBg] = rgb(34, 37, 44);
    c[ImGuiCol_FrameBg] = rgb(42, 46, 54);
    c[ImGuiCol_FrameBgHovered] = rgb(52, 57, 67);
    c[ImGuiCol_FrameBgActive] = rgb(58, 64, 76);
    c[ImGuiCol_Button] = rgb(48, 53, 63);
    c[ImGuiCol_ButtonHovered] = rgb(62, 69, 82);
    c[ImGuiCol_ButtonActive] = rgb(72, 80, 95);
    c[ImGuiCol_Header] = rgb(52, 72, 120);
    c[ImGuiCol_HeaderHovered] = rgb(60, 82, 135);
    c[ImGuiCol_HeaderActive] = rgb(68, 92, 150);
    c[ImGuiCol_TableHeaderBg] = rgb(36, 40, 48);
    c[ImGuiCol_TableRowBgAlt] = rgb(255, 255, 255, 8);
    c[ImGuiCol_Text] = rgb(230, 233, 239);
    c[ImGuiCol_TextDisabled] = rgb(140, 146, 158);
    c[ImGuiCol_CheckMark] = rgb(120, 160, 255);
    g_palette = {u32(86, 120, 245), u32(104, 136, 255), u32(255, 255, 255),
                 u32(200, 64, 64), u32(222, 82, 82), u32(240, 180, 70), u32(90, 190, 120), u32(150, 156, 168),
                 u32(58, 64, 76), u32(210, 214, 222), u32(40, 70, 140), u32(190, 210, 255), u32(110, 80, 20), u32(255, 215, 140),
                 u32(98, 132, 245), u32(140, 168, 255), u32(150, 156, 168), u32(255, 255, 255, 20),
                 u32(30, 33, 39), u32(20, 22, 27)};
  } else {
    c[ImGuiCol_WindowBg] = rgb(246, 247, 250);
    c[ImGuiCol_ChildBg] = rgb(255, 255, 255);
    c[ImGuiCol_PopupBg] = rgb(255, 255, 255);
    c[ImGuiCol_Border] = rgb(218, 222, 230);
    c[ImGuiCol_FrameBg] = rgb(255, 255, 255);
    c[ImGuiCol_FrameBgHovered] = rgb(240, 243, 250);
    c[ImGuiCol_FrameBgActive] = rgb(232, 237, 248);
    c[ImGuiCol_Button] = rgb(236, 239, 245);
    c[ImGuiCol_ButtonHovered] = rgb(222, 228, 240);
    c[ImGuiCol_ButtonActive] = rgb(208, 216, 234);
    c[ImGuiCol_Header] = rgb(222, 231, 255);
    c[ImGuiCol_HeaderHovered] = rgb(232, 238, 255);
    c[ImGuiCol_HeaderActive] = rgb(210, 222, 255);
    c[ImGuiCol_TableHeaderBg] = rgb(240, 242, 247);
    c[ImGuiCol_TableRowBgAlt] = rgb(0, 0, 0, 6);
    c[ImGuiCol_Text] = rgb(28, 32, 40);
    c[ImGuiCol_TextDisabled] = rgb(130, 136, 148);
    c[ImGuiCol_CheckMark] = rgb(60, 92, 220);
    c[ImGuiCol_ModalWindowDimBg] = rgb(20, 24, 32, 90);
    g_palette = {u32(60, 92, 220), u32(78, 110, 236), u32(255, 255, 255),
                 u32(196, 52, 52), u32(214, 70, 70), u32(176, 110, 0), u32(30, 140, 70), u32(104, 110, 122),
                 u32(234, 237, 243), u32(60, 66, 78), u32(222, 231, 255), u32(40, 70, 170), u32(255, 238, 200), u32(130, 80, 0),
                 u32(74, 108, 232), u32(50, 84, 210), u32(120, 126, 138), u32(0, 0, 0, 18),
                 u32(255, 255, 255), u32(238, 240, 245)};
  }
}

}  // namespace subspace::ui
