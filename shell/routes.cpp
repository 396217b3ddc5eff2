// The URL hash follows the view: "#/subs", "#/trash", "#/ws/<id>/<view>".
#include <array>
#include <charconv>

#include "shell/ui_state.hpp"

namespace subspace::ui {
namespace {
struct ViewName {
  View view;
  std::string_view name;
};
constexpr std::array<ViewName, 7> kWorkspaceViews = {{{View::Members, "members"},
                                                       {View::Assets, "assets"},
                                                       {View::Videos, "videos"},
                                                       {View::Api, "api"},
                                                       {View::Billing, "billing"},
                                                       {View::Audit, "audit"},
                                                       {View::Settings, "settings"}}};
}  // namespace

std::string Route::to_hash() const {
  if (view == View::SubWorkspaces) return "#/subs";
  if (view == View::Trash) return "#/trash";
  // Someone in no workspace yet: the default page, which sends them wherever they may be.
  if (ws == 0) return "#/";
  for (const auto& v : kWorkspaceViews)
    if (v.view == view) return "#/ws/" + std::to_string(ws) + "/" + std::string(v.name);
  return "#/subs";
}

std::optional<Route> Route::parse(std::string_view hash) {
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  if (!hash.empty() && hash.front() == '/') hash.remove_prefix(1);
  if (hash == "subs" || hash.empty()) return Route{View::SubWorkspaces, 0};
  if (hash == "trash") return Route{View::Trash, 0};
  if (hash.substr(0, 3) != "ws/") return std::nullopt;
  hash.remove_prefix(3);
  size_t slash = hash.find('/');
  std::string_view id_text = hash.substr(0, slash);
  std::string_view view = slash == std::string_view::npos ? "members" : hash.substr(slash + 1);
  WorkspaceId id = 0;
  auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || ptr != id_text.data() + id_text.size() || id == 0) return std::nullopt;
  for (const auto& v : kWorkspaceViews)
    if (v.name == view) return Route{v.view, id};
  return std::nullopt;
}

}  // namespace subspace::ui
