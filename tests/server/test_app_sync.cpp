// The console (headless) signed in against the real server: commands go through the
// pending queue and come back confirmed; offline they wait and are sent when it is back.
#include <imgui.h>

#include <memory>

#include "core/queries.hpp"
#include "server_process.hpp"
#include "sync_client.hpp"
#include "shell/app.hpp"
#include "shell/theme.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

// A platform whose HTTP goes to the real server; answers arrive at the next frame, as in a
// browser (never inside the call that asked).
struct NetPlatform final : ui::Platform {
  TimeMs clock = 1'900'000'000'000;
  std::uint64_t r = 99;
  std::vector<std::tuple<std::uint64_t, int, std::string>> answers;
  TimeMs now() override { return clock; }
  void secure_random(std::uint8_t* out, std::size_t n) override {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>((r = r * 6364136223846793005ull + 1442695040888963407ull) >> 56);
  }
  std::string copied;
  void copy_text(std::string_view text) override { copied = text; }
  void download(std::string_view, std::string_view, std::string_view) override {}
  void set_route(std::string_view, bool) override {}
  void pick_file(ui::FilePurpose, std::string_view) override {}
  void storage_changed() override {}
  void http_request(std::uint64_t id, std::string_view method, std::string_view url, std::string_view body,
                    std::string_view bearer) override {
    std::string u(url);
    size_t slash = u.find('/', 7);
    httplib::Client c(u.substr(0, slash));
    c.set_read_timeout(5, 0);
    c.set_connection_timeout(1, 0);
    httplib::Headers h;
    if (!bearer.empty()) h.emplace("Authorization", "Bearer " + std::string(bearer));
    auto res = method == "GET" ? c.Get(u.substr(slash).c_str(), h) : c.Post(u.substr(slash).c_str(), h, std::string(body), "application/json");
    answers.emplace_back(id, res ? res->status : 0, res ? res->body : "");
  }
};

// One font atlas for every context of this test: the shell's fonts are process-wide.
ImFontAtlas* shared_atlas() {
  static ImFontAtlas* atlas = [] {
    ImFontAtlas* a = IM_NEW(ImFontAtlas)();
    ImGui::SetCurrentContext(ImGui::CreateContext(a));  // a context only to build the fonts into `a`
    ui::build_fonts(SUBSPACE_FONT_DIR, 1);
    unsigned char* px;
    int w, h;
    a->GetTexDataAsRGBA32(&px, &w, &h);
    return a;
  }();
  return atlas;
}

struct SyncedApp {
  NetPlatform platform;
  MemoryStorage storage;
  std::unique_ptr<ui::App> app;
  ImGuiContext* ctx;
  SyncedApp(int port, const std::string& org) {
    ctx = ImGui::CreateContext(shared_atlas());
    ImGui::SetCurrentContext(ctx);  // CreateContext keeps an existing current context
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60;
    ui::AppConfig cfg;
    cfg.server = "http://127.0.0.1:" + std::to_string(port);
    cfg.org = org;
    cfg.page_url = "http://127.0.0.1:8080/";
    app = std::make_unique<ui::App>(platform, storage, cfg);
    app->start();
  }
  ~SyncedApp() { ImGui::DestroyContext(ctx); }
  void frame() {
    ImGui::SetCurrentContext(ctx);
    auto answers = std::move(platform.answers);
    platform.answers.clear();
    for (auto& [id, status, body] : answers) app->on_http_response(id, status, body);
    ImGui::NewFrame();
    app->frame();
    ImGui::Render();
    platform.clock += 50;
  }
  // Frames until `done` holds (or fails the test).
  template <class F> void until(F done, int frames = 400) {
    for (int i = 0; i < frames && !done(); ++i) frame();
    REQUIRE(done());
  }
  // A click at the centre of a labelled widget, as the mouse would.
  void click(const std::string& label) {
    const ui::ItemRect* r = app->items().find(label);
    INFO("no widget labelled " << label);
    REQUIRE(r);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((r->x0 + r->x1) / 2, (r->y0 + r->y1) / 2);
    for (bool down : {false, true, false, false}) {
      io.MouseDown[0] = down;
      frame();
    }
  }
};

}  // namespace

TEST_CASE("the console signs in with a token, syncs its commands, and queues them while the server is down") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 20);
  srv.start();
  SyncedApp a(srv.port, "lumen");
  a.frame();
  CHECK(a.app->sync().enabled);
  CHECK_FALSE(a.app->sync().signed_in());
  a.app->sign_in("st_wrong-token-for-sure");
  a.until([&] { return !a.app->sync().sign_in_error.empty(); });
  a.app->sign_in(token);
  a.until([&] { return a.app->state().has_org && a.app->sync().email == "ada@x.io"; });
  CHECK(a.app->ui().acting_as == "ada@x.io");

  // A change is pending until the server confirms it.
  REQUIRE(a.app->dispatch(CreateWorkspace{"Synced team"}).accepted());
  CHECK(a.app->session_pending() == 1);
  a.until([&] { return a.app->session_pending() == 0; });
  SyncedApp b(srv.port, "lumen");
  b.app->sign_in(srv.token("lumen", "ada@x.io"));
  b.until([&] { return b.app->state().workspaces.size() == 2; });
  CHECK(b.app->state().workspaces[1].name == "Synced team");

  // Offline: the change waits, the app says so, and it goes out when the server is back.
  srv.stop();
  REQUIRE(a.app->dispatch(CreateWorkspace{"Made offline"}).accepted());
  a.until([&] { return a.app->sync().offline; });
  CHECK(a.app->session_pending() == 1);
  CHECK(a.app->state().workspaces.size() == 3);  // shown at once, pending
  // The queue survives a reload: a new app over the same storage still has it.
  {
    SyncedApp reloaded(srv.port, "lumen");
    reloaded.storage = a.storage;
    reloaded.app = std::make_unique<ui::App>(reloaded.platform, reloaded.storage, [&] {
      ui::AppConfig c;
      c.server = "http://127.0.0.1:" + std::to_string(srv.port);
      c.org = "lumen";
      return c;
    }());
    reloaded.app->start();
    CHECK(reloaded.app->session_pending() == 1);
    CHECK(reloaded.app->sync().email == "ada@x.io");
  }
  ImGui::SetCurrentContext(a.ctx);
  srv.start();
  a.platform.clock += 60'000;  // past any backoff
  a.until([&] { return a.app->session_pending() == 0 && !a.app->sync().offline; }, 800);
  b.until([&] { return b.app->state().workspaces.size() == 3; }, 800);
}

TEST_CASE("a refusal by the server is shown and the pending command dropped") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 1);  // only the admin fits
  srv.start();
  SyncedApp a(srv.port, "lumen");
  a.app->sign_in(token);
  a.until([&] { return a.app->state().has_org; });
  // Locally refused already (seat limit): still sent, so the server audits the attempt.
  ExecResult r = a.app->dispatch(InviteMembers{a.app->state().parent, {{"x@x.io", "", Role::Viewer}}});
  CHECK(r.error.code == Err::seat_limit_reached);
  a.until([&] { return a.app->session_pending() == 0; });
  const State& s = a.app->state();
  REQUIRE_FALSE(s.audit.empty());
  CHECK(s.audit.back().result == Err::seat_limit_reached);  // recorded by the server
}

TEST_CASE("a sign-in the server cannot check is not taken for one; the next try after it is back works") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 20);
  srv.start();  // once, for a port of its own
  srv.stop();
  SyncedApp a(srv.port, "lumen");
  a.app->sign_in(token);
  a.until([&] { return !a.app->sync().sign_in_error.empty(); });
  CHECK_FALSE(a.app->sync().signed_in());  // the sign-in screen stays up: nobody is acted as
  CHECK(a.app->ui().acting_as.empty());
  CHECK_FALSE(a.app->state().has_org);
  CHECK(a.app->sync().sign_in_error.find("cannot be reached") != std::string::npos);
  CHECK(a.app->sync().sign_in_error.find("--allow-origin http://127.0.0.1:8080)") != std::string::npos);
  srv.start();
  a.app->sign_in(token);
  a.until([&] { return a.app->state().has_org && a.app->sync().signed_in(); });
  CHECK(a.app->ui().acting_as == "ada@x.io");
}

TEST_CASE("a sub member's console runs on their projection, with the org's seat figure; removed from all, it signs out saying why") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 50);
  srv.start();
  Client ada(srv, "lumen", token, "ada@x.io");
  ada.sync_all();
  REQUIRE(ada.dispatch(CreateWorkspace{"Alpha", std::nullopt, true, true, 10'00}).accepted());
  WorkspaceId alpha = ada.session.pending().back().command.env.id;
  ada.sync_all();
  run_admin({"add-person", "--db", srv.db, "--org", "lumen", "--email", "pd@x.io", "--role", "developer"});
  run_admin({"add-person", "--db", srv.db, "--org", "lumen", "--email", "sue@x.io", "--workspace", std::to_string(alpha), "--role",
             "super_admin"});
  SyncedApp sue(srv.port, "lumen");
  sue.app->sign_in(srv.token("lumen", "sue@x.io"));
  sue.until([&] { return sue.app->state().has_org && sue.app->sync().signed_in(); });
  const State& s = sue.app->state();
  CHECK(s.projected_for == "sue@x.io");
  CHECK_FALSE(s.person("pd@x.io"));  // a Developer of the parent, which sue is not in
  // Every view of her workspace draws on the projection; the seats count pd@ too.
  for (ui::View v : {ui::View::Assets, ui::View::Videos, ui::View::Api, ui::View::Billing, ui::View::Audit, ui::View::Settings,
                     ui::View::Members}) {
    sue.app->go(ui::Route{v, alpha});
    sue.frame();
    sue.frame();
  }
  std::string seats;
  for (const auto& [label, rect] : sue.app->items().all())
    if (label.rfind("members:seats=", 0) == 0) seats = label.substr(14);
  CHECK(seats == "Org seats: 3 of 50 used");

  ada.sync_all();  // sue joined through the admin CLI
  REQUIRE(ada.dispatch(RemoveMember{alpha, "sue@x.io"}).accepted());
  ada.sync_all();
  sue.platform.clock += 10'000;  // past the idle poll
  sue.until([&] { return !sue.app->sync().sign_in_error.empty(); });
  CHECK(sue.app->sync().sign_in_error == error_default_message(Err::no_access));
  CHECK_FALSE(sue.app->sync().signed_in());
}

TEST_CASE("signing out asks first and offers the token, which someone who joined by a link never saw") {
  ServerProcess srv;
  std::string token = srv.make_org("lumen", 20);
  srv.start();
  SyncedApp a(srv.port, "lumen");
  a.app->sign_in(token);
  a.until([&] { return a.app->sync().signed_in() && a.app->state().has_org; });
  a.frame();
  a.click("Sign out##sync");
  CHECK(a.app->sync().signed_in());  // asked first
  std::string text;
  for (const auto& [label, rect] : a.app->items().all())
    if (label.rfind("sign-out:text=", 0) == 0) text = label.substr(14);
  CHECK(text.rfind("Sign out of http://127.0.0.1:", 0) == 0);
  CHECK(text.find("you need your sign-in token") != std::string::npos);
  a.click("Copy my token##sign-out");
  CHECK(a.platform.copied == token);
  CHECK(a.app->sync().signed_in());
  a.click("Sign out##sign-out-confirmed");
  CHECK_FALSE(a.app->sync().signed_in());
}
