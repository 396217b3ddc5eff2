// Videos of one workspace: create one from its own and shared-in avatars, voices and
// templates, with the credit cost shown before confirming (the render is simulated), and
// the list of videos made.
#include <imgui.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/text.hpp"
#include "shell/app.hpp"
#include "shell/panels.hpp"
#include "shell/widgets.hpp"

namespace subspace::ui {
namespace {

// The duration typed, in seconds (the fields add up: 0 min 90 s is 1:30), or -1 when a
// field is not a whole number.
int parse_seconds(const VideosState& st) {
  auto num = [](std::string_view t, int& out) {
    std::string s = trim(t);
    if (s.empty()) return out = 0, true;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && out >= 0 && out <= 1'000'000;
  };
  int m = 0, sec = 0;
  if (!num(st.minutes.view(), m) || !num(st.seconds.view(), sec)) return -1;
  return m * 60 + sec;
}

std::string clock_text(int seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d:%02d", seconds / 60, seconds % 60);
  return buf;
}

// Why the duration cannot be made ("" when it can), in the words core's refusal would use.
std::string duration_problem(int seconds) {
  if (seconds < 0) return "Minutes and seconds are whole numbers, e.g. 2 and 30.";
  if (seconds == 0) return "Set a duration: a video lasts from 1 second to 2 hours.";
  if (seconds > kMaxVideoSeconds) return "A video lasts at most 2 hours (120:00); this one is " + clock_text(seconds) + ".";
  return "";
}

std::string asset_label(const State& s, const Workspace& ws, const Asset& a) {
  if (a.owner == ws.id) return a.name;
  const Workspace* owner = s.workspace(a.owner);
  return a.name + "  (shared from " + (owner ? owner->name : std::string("?")) + ")";
}

// A combo over the assets of `kind` usable in `ws`; `optional` adds a "None" entry.
void asset_combo(const char* label, const State& s, const Workspace& ws, AssetKind kind, AssetId& chosen, bool optional) {
  const Asset* cur = s.asset(chosen);
  std::string preview = cur ? asset_label(s, ws, *cur) : optional ? "None" : "Choose...";
  ImGui::SetNextItemWidth(360);
  if (ImGui::BeginCombo(label, preview.c_str())) {
    if (optional && ImGui::Selectable("None", chosen == 0)) chosen = 0;
    int count = 0;
    auto offer = [&](AssetId id) {
      const Asset* a = s.asset(id);
      if (!a || a->kind != kind) return;
      ++count;
      ImGui::PushID(static_cast<int>(id & 0x7fffffff));
      if (ImGui::Selectable(asset_label(s, ws, *a).c_str(), chosen == id)) chosen = id;
      track(std::string(label) + ":" + a->name);
      ImGui::PopID();
    };
    for (AssetId id : ws.assets) offer(id);
    for (AssetId id : ws.shared_in) offer(id);
    if (!count) {
      // Where one comes from: made on the Assets page, or shared in from another workspace.
      std::string how = "None here yet: create one on this workspace's Assets page";
      if (kind == AssetKind::Avatar) how += " (it takes an avatar slot)";
      how += ", or have one shared in from another workspace.";
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 340);
      text_muted("%s", how.c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::EndCombo();
  }
  track(label);
}

void draw_create(App& app, const Workspace& ws, VideosState& st) {
  const State& s = app.state();
  // Title, avatar, voice, template, duration (and cost), buttons; a line more for a bad duration.
  int lines = duration_problem(parse_seconds(st)).empty() ? 6 : 7;
  ImGui::BeginChild("video-create", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * lines + ImGui::GetStyle().WindowPadding.y * 2), true);
  ImGui::SetNextItemWidth(360);
  input_hint("Title##video", "e.g. Product launch", st.title);
  asset_combo("Avatar##video", s, ws, AssetKind::Avatar, st.avatar, false);
  asset_combo("Voice##video", s, ws, AssetKind::Voice, st.voice, false);
  asset_combo("Template##video", s, ws, AssetKind::Template, st.template_id, true);
  ImGui::SetNextItemWidth(70);
  input_hint("min##video-minutes", "e.g. 2", st.minutes);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(70);
  input_hint("s##video-seconds", "e.g. 30", st.seconds);
  int seconds = parse_seconds(st);
  std::string bad_duration = duration_problem(seconds);
  bool typed = !st.minutes.empty() || !st.seconds.empty();
  Cents cost = bad_duration.empty() ? video_cost(s.plan, seconds) : 0;
  bool affordable = cost <= ws.balance;
  if (bad_duration.empty()) {
    ImGui::SameLine(0, 20);
    ImGui::AlignTextToFramePadding();
    std::string length = clock_text(seconds) + " - ";
    std::string text = affordable ? length + "Cost: " + format_credits(cost) + " credits (balance " + format_credits(ws.balance) + ")"
                                  : length + "Cost: " + format_credits(cost) + " credits - more than the " + format_credits(ws.balance) + " left";
    if (affordable) ImGui::TextUnformatted(text.c_str());
    else text_error("%s", text.c_str());
    track_text("video:cost", text);
  } else if (typed) {
    text_error("%s", bad_duration.c_str());
    track_text("video:duration-error", bad_duration);
  }
  const char* why = st.title.empty() ? "Give the video a title."
                    : !st.avatar || !st.voice ? "Choose an avatar and a voice."
                    : !bad_duration.empty() ? bad_duration.c_str()
                    : !affordable ? "Not enough credits."
                                  : nullptr;
  if (primary_button("Create video##video", why == nullptr, why)) {
    CreateVideo c{ws.id, std::string(st.title.view()), st.avatar, st.voice,
                  st.template_id ? std::optional<AssetId>(st.template_id) : std::nullopt, seconds};
    if (app.dispatch(std::move(c)).accepted()) {
      app.toast("Video rendered (simulated) for " + format_credits(cost) + " credits.");
      st = VideosState{};
    }
  }
  ImGui::SameLine();
  if (button("Cancel##video")) st.create_open = false;
  ImGui::EndChild();
}

}  // namespace

void draw_videos(App& app) {
  const State& s = app.state();
  VideosState& st = app.ui().videos;
  auto me = app.me();
  const Workspace* ws = app.route_workspace();
  if (!ws || !me) return;
  view_title(ws->name + " - Videos");
  ImGui::Text("Balance: %s credits", format_credits(ws->balance).c_str());
  ImGui::SameLine(0, 16);
  text_muted("Videos cost %s credits a minute.", format_credits(s.plan.video_cost_per_minute).c_str());
  draw_credit_alert(*ws, "videos:alert");
  bool create = can(s, *me, *ws, Perm::CreateContent);
  if (!st.create_open && primary_button("+ Create video##videos", create, "Viewers cannot create videos.")) st.create_open = true;
  if (st.create_open) draw_create(app, *ws, st);
  ImGui::Spacing();

  std::vector<const Video*> rows;
  for (VideoId id : ws->videos)
    if (const Video* v = s.video(id)) rows.push_back(v);
  std::sort(rows.begin(), rows.end(), [](const Video* a, const Video* b) { return a->created_at > b->created_at; });
  if (rows.empty()) {
    text_muted("No videos yet.");
    return;
  }
  if (ImGui::BeginTable("videos", 7, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                         ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* c : {"Title", "Avatar", "Voice", "Template"}) ImGui::TableSetupColumn(c);
    // Numbers in narrow columns: a cost against its right edge stays under its heading.
    float pad = ImGui::GetStyle().CellPadding.x * 2;
    ImGui::TableSetupColumn("Length", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Length").x + pad);
    ImGui::TableSetupColumn("Cost", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("100,000.00").x + pad);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 64.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Video& v = *rows[i];
        ImGui::PushID(static_cast<int>(v.id & 0x7fffffff));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(v.title.c_str());
        track("video:" + v.title);
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("by %s on %s", std::string(s.email_of(v.creator)).c_str(), format_datetime(v.created_at).c_str());
        for (const std::string* name : {&v.avatar_name, &v.voice_name, &v.template_name}) {
          ImGui::TableNextColumn();
          ImGui::AlignTextToFramePadding();
          ImGui::TextUnformatted(name->empty() ? "-" : name->c_str());
        }
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%d:%02d", v.duration_seconds / 60, v.duration_seconds % 60);
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        text_right(format_credits(v.cost));
        ImGui::TableNextColumn();
        bool own = v.creator == *me && can(s, *me, *ws, Perm::CreateContent);
        bool may = own || can(s, *me, *ws, Perm::EditAnyAsset);
        if (keyed_small_button("Delete", "video-delete:" + v.title, may, "Only its creator or a Super Admin can delete it."))
          st.delete_video = v.id;
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  if (st.delete_video) {
    ImGui::OpenPopup("Delete video?");
    st.pending_delete = st.delete_video;
    st.delete_video = 0;
  }
  const Video* doomed = s.video(st.pending_delete);
  if (confirm_modal("Delete video?", "Delete '" + (doomed ? doomed->title : std::string()) + "'? Credits are not refunded.", "Delete") && doomed)
    app.dispatch(DeleteVideo{doomed->id});
}

}  // namespace subspace::ui
