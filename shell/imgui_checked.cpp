#include <stdexcept>
#include <string>

#include "shell/imgui_checked.hpp"

namespace subspace::ui {
void imgui_assert_failed(const char* expr, const char* file, int line) {
  throw std::logic_error(std::string("ImGui assert: ") + expr + " at " + file + ":" + std::to_string(line));
}
}  // namespace subspace::ui
