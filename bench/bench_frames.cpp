// CPU time per frame of the heaviest views, headless (ImGui without a renderer), on the
// large org and on the small one: steady frames must not grow with the organisation.
#include <imgui.h>

#include <memory>
#include <random>

#include "bench.hpp"
#include "core/state_json.hpp"
#include "core/store/store.hpp"
#include "shell/app.hpp"
#include "shell/theme.hpp"

namespace subspace::bench {
namespace {

struct NullPlatform final : ui::Platform {
  std::mt19937_64 rng{1};
  TimeMs now() override { return kNow; }
  void secure_random(std::uint8_t* out, std::size_t n) override {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(rng());
  }
  void copy_text(std::string_view) override {}
  void download(std::string_view, std::string_view, std::string_view) override {}
  void set_route(std::string_view, bool) override {}
  void pick_file(ui::FilePurpose, std::string_view) override {}
  void storage_changed() override {}
};

// An organisation whose parent has 100,000 members: the biggest Members table there is.
State hundred_thousand_members() {
  State s;
  Id id = 1;
  execute(s, {{id++, "system", kNow}, CreateOrg{"Wide", "admin@wide.example", "Admin", PlanFields{200000, 5, 100}, 0}}, 1);
  for (int batch = 0; batch < 10; ++batch) {
    InviteMembers inv{s.parent, {}};
    for (int i = 0; i < 10000; ++i) {
      int n = batch * 10000 + i;
      inv.invites.push_back({"person" + std::to_string(n) + "@wide.example", "Person " + std::to_string(n), Role::Creator});
    }
    execute(s, {{id++, "admin@wide.example", kNow}, inv}, s.last_seq + 1);
  }
  for (int n = 0; n < 100000; ++n)
    execute(s, {{id++, "person" + std::to_string(n) + "@wide.example", kNow}, AcceptInvitation{s.parent}}, s.last_seq + 1);
  return s;
}

struct Console {
  NullPlatform platform;
  MemoryStorage storage;
  std::unique_ptr<ui::App> app;
  explicit Console(const State& org) {
    Store(storage).reset(org);
    app = std::make_unique<ui::App>(platform, storage, ui::AppConfig{});
    app->start();
  }
  double frame() {
    auto t0 = std::chrono::steady_clock::now();
    ImGui::NewFrame();
    app->frame();
    ImGui::Render();
    return seconds_since(t0);
  }
  // After a load the fonts read the organisation's names a slice a frame: the frames it
  // takes and their mean time. Steady frames are measured after it.
  std::pair<int, double> settle() {
    int frames = 0;
    double total = 0;
    for (; !app->glyph_scan_idle() && frames < 100000; ++frames) total += frame();
    return {frames, frames ? total / frames : 0};
  }
  // The first frame after going to the view (caches are built), then the median steady frame.
  std::pair<double, double> view(ui::Route r) {
    app->go(r);
    double first = frame();
    for (int i = 0; i < 5; ++i) frame();
    settle();
    std::vector<double> t;
    for (int i = 0; i < 60; ++i) t.push_back(frame());
    std::sort(t.begin(), t.end());
    return {first, t[t.size() / 2]};
  }
};

}  // namespace

void bench_frames() {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1920, 1080);
  io.DeltaTime = 1.0f / 60;
  ui::apply_theme(false);
  ui::build_fonts(SUBSPACE_FONT_DIR, 1);
  unsigned char* px;
  int w, h;
  io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);

  State wide = hundred_thousand_members();
  State small = make_demo(*demo_size("small"), 7, kNow).state;
  const State& big = large_demo();
  struct Case {
    const char* name;
    const State* org;
    ui::View view;
    bool parent;
  };
  const Case cases[] = {
      {"members_100k", &wide, ui::View::Members, true},   {"members_small", &small, ui::View::Members, true},
      {"audit_1m", &big, ui::View::Audit, true},          {"audit_small", &small, ui::View::Audit, true},
      {"usage_chart_1m", &big, ui::View::Api, true},      {"usage_chart_small", &small, ui::View::Api, true},
      {"subworkspaces_1000", &big, ui::View::SubWorkspaces, false}, {"subworkspaces_small", &small, ui::View::SubWorkspaces, false},
      {"billing_1000_subs", &big, ui::View::Billing, true},
  };
  double steady_big = 0, steady_small = 0;
  for (const Case& c : cases) {
    Console console(*c.org);
    auto [first, steady] = console.view(ui::Route{c.view, c.parent ? c.org->parent : 0});
    figure(std::string("frame.") + c.name + ".steady", steady * 1000, "ms");
    figure(std::string("frame.") + c.name + ".first", first * 1000, "ms");
    figure(std::string("frame.") + c.name + ".vertices", ImGui::GetDrawData()->TotalVtxCount, "vertices");
    if (c.org == &small) steady_small = std::max(steady_small, steady);
    else steady_big = std::max(steady_big, steady);
  }
  figure("frame.heaviest_large_vs_small", steady_big / steady_small, "x");
  // The one-time reading of the large org's names (100,000 people, a million audit
  // entries) for the fonts, spread over the frames after a load.
  Console loaded(big);
  auto [frames, mean] = loaded.settle();
  figure("frame.glyph_scan_after_load.large_org.frames", frames, "frames");
  figure("frame.glyph_scan_after_load.large_org.mean", mean * 1000, "ms");
  ImGui::DestroyContext();
}

}  // namespace subspace::bench
