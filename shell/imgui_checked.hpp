// Included by Dear ImGui itself (IMGUI_USER_CONFIG) in native builds: its asserts become
// exceptions even in Release, so a misuse of the ImGui API fails a headless test instead of
// passing unnoticed. The browser build keeps ImGui's defaults.
#pragma once
namespace subspace::ui {
[[noreturn]] void imgui_assert_failed(const char* expr, const char* file, int line);
}
#define IM_ASSERT(x) ((x) ? (void)0 : ::subspace::ui::imgui_assert_failed(#x, __FILE__, __LINE__))
