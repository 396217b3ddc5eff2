// Files into the console: member lists (CSV) and whole organisations (JSON), headless.
#include "core/demo.hpp"
#include "core/queries.hpp"
#include "core/state_json.hpp"
#include "core/text.hpp"
#include "headless.hpp"

using namespace subspace;
using namespace subspace::test;

TEST_CASE("a member list is previewed row by row and the chosen valid rows are invited as one batch") {
  Headless h;
  const State& s = h.state();
  const Workspace& sub = s.workspaces[1];
  std::string member = s.people[sub.members.front().person].email;
  h.app->go(ui::Route{ui::View::Members, sub.id});
  h.frame();
  h.click("Import CSV...##members");
  std::string csv = "\xEF\xBB\xBF" "Full Name;Email Address;Role\r\n"
                    "Ann Example;ann@example.com;developer\r\n"
                    "Bad Row;not-an-email;viewer\r\n"
                    "Dup;ANN@example.com;viewer\r\n"
                    "\"Quoted; Name\";quoted@example.com;\r\n"
                    "Boss;boss@example.com;overlord\r\n"
                    "Member;" + member + ";viewer\r\n";
  h.app->on_file_picked(ui::FilePurpose::InviteCsv, "team.csv", csv);
  for (int i = 0; i < 5; ++i) h.frame();
  const auto& v = h.app->ui().csv;
  REQUIRE_FALSE(v.reading);
  REQUIRE(v.rows.size() == 6);
  CHECK(v.rows[1].code == Err::invalid_email);
  CHECK(v.rows[4].code == Err::invalid_role);
  CHECK(v.rows[3].name == "Quoted; Name");
  // Core's verdicts on the rest: a duplicate and an existing member are left out.
  CHECK(h.has("csv:summary"));
  CHECK(text_of(h, "csv:summary-text") == "team.csv: 6 rows; 2 will be invited, 4 cannot be (see Result). Seats left: " +
                                              std::to_string(seats_left(h.state(), h.platform.now())) + ".");
  size_t before = sub.members.size();
  h.click("Invite 2 people##csv-send");
  const Workspace& after = *h.state().workspace(sub.id);
  CHECK(after.members.size() == before + 2);
  auto ann = h.state().person("ann@example.com");
  REQUIRE(ann);
  CHECK(after.member(*ann)->role == Role::Developer);
  auto quoted = h.state().person("quoted@example.com");
  REQUIRE(quoted);
  CHECK(after.member(*quoted)->role == Role::Creator);  // the default role
  CHECK_FALSE(h.app->ui().csv.open);
}

TEST_CASE("a large member list is read across frames with progress; a hostile one gets a clear error") {
  Headless h;
  h.app->go(ui::Route{ui::View::Members, h.state().workspaces[1].id});
  h.frame();
  h.click("Import CSV...##members");
  std::string csv = "email,name\n";
  for (int i = 0; i < 100000; ++i) csv += "p" + std::to_string(i) + "@example.com,Person " + std::to_string(i) + "\n";
  h.app->on_file_picked(ui::FilePurpose::InviteCsv, "big.csv", csv);
  h.frame();
  const auto& v = h.app->ui().csv;
  CHECK(v.reading);
  CHECK(v.progress > 0);
  CHECK(v.progress < 1);
  CHECK(h.has("csv:progress"));
  for (int i = 0; i < 50 && v.reading; ++i) h.frame();
  REQUIRE_FALSE(v.reading);
  CHECK(v.rows.size() == 100000);
  // More than the seats left: the rows past the limit say so, and the batch cannot be sent whole.
  h.frame();
  CHECK(h.has("csv-row:0"));
  h.app->on_file_picked(ui::FilePurpose::InviteCsv, "junk.bin", std::string("\x00\x01\x02garbage", 10));
  for (int i = 0; i < 3; ++i) h.frame();
  CHECK(v.error.find("not a text file") != std::string::npos);
  CHECK(h.has("csv:error"));
}

TEST_CASE("importing an organisation: a bad file changes nothing; a good one replaces it after confirmation") {
  Headless h;
  std::string before = h.app->state_json();
  h.app->on_file_picked(ui::FilePurpose::ImportOrg, "broken.json", "{\"format\":\"subspace-state\",\"version\":1,");
  h.frame();
  CHECK(h.app->ui().import.error ==
        "broken.json is not valid JSON: it may be cut short, or not be an export of Subspace (Menu > Export organisation "
        "makes one). Nothing was changed.");
  CHECK(h.app->state_json() == before);
  Json j = Json::parse(before);
  j["workspaces"][0]["members"][0]["role"] = "emperor";
  h.app->on_file_picked(ui::FilePurpose::ImportOrg, "edited.json", j.dump());
  h.frame();
  CHECK(h.app->ui().import.error.find("workspaces[0].members[0].role") != std::string::npos);
  CHECK(h.app->state_json() == before);
  h.app->on_file_picked(ui::FilePurpose::ImportOrg, "partial.json", "{\"format\":\"subspace-state\",\"version\":1}");
  CHECK(h.app->ui().import.error == "partial.json cannot be imported: The state is damaged at state.last_seq: missing. Nothing was changed.");
  h.app->on_file_picked(ui::FilePurpose::ImportOrg, "empty.json", " \n");
  CHECK(h.app->ui().import.error == "empty.json is empty. Nothing was changed.");
  CHECK(h.app->state_json() == before);
  j = Json::parse(before);
  j["version"] = 2;
  h.app->on_file_picked(ui::FilePurpose::ImportOrg, "newer.json", j.dump());
  CHECK(h.app->ui().import.error.find("version 2") != std::string::npos);

  DemoResult other = make_demo(*demo_size("small"), 99, 1'700'000'000'000);
  h.app->on_file_picked(ui::FilePurpose::ImportOrg, "other.json", state_to_text(other.state));
  h.frame();
  h.frame();  // an auto-sized dialog is measured in its first frame
  CHECK(h.has("Replace##import"));
  CHECK(h.app->state_json() == before);  // nothing yet
  h.click("Replace##import");
  CHECK(h.app->state_json() == state_to_text(other.state));
  // And it is what the store now holds.
  Store store(h.storage);
  State loaded;
  LoadReport report;
  REQUIRE_FALSE(store.load(loaded, report));
  CHECK(state_to_text(loaded) == state_to_text(other.state));
}

TEST_CASE("a members export is named after the workspace and the day, and says so") {
  Headless h;
  WorkspaceId id = h.state().workspaces[1].id;
  REQUIRE(h.app->dispatch(RenameWorkspace{id, "Partners: EMEA & APAC"}).accepted());
  h.app->go(ui::Route{ui::View::Members, id});
  h.frame();
  h.click("Export CSV##members");
  std::string file = "members-partners-emea-apac-" + format_date(h.platform.now()) + ".csv";
  REQUIRE(h.platform.downloads.count(file) == 1);
  CHECK(h.platform.downloads[file].rfind("\xEF\xBB\xBF" "email,", 0) == 0);
  CHECK(h.app->ui().toasts.back().text == "Downloaded " + file + ".");
  CHECK(ui::download_name("members", "\xC3\x89quipe Z\xC3\xBCrich \xE6\x9D\xB1\xE4\xBA\xAC", 0, "csv") ==
        "members-\xC3\x89quipe-z\xC3\xBCrich-\xE6\x9D\xB1\xE4\xBA\xAC-1970-01-01.csv");
}

TEST_CASE("?demo= on a store that holds an organisation says why nothing changed") {
  Headless h;
  std::string before = h.app->state_json();
  ui::AppConfig c;
  c.demo = "large";
  c.demo_asked = true;
  h.app = std::make_unique<ui::App>(h.platform, h.storage, c);  // a reload with ?demo=large
  h.app->start();
  h.frame();
  CHECK(h.app->state_json() == before);
  REQUIRE_FALSE(h.app->ui().toasts.empty());
  CHECK(h.app->ui().toasts.back().text.find("?demo= makes a demo in an empty store only") != std::string::npos);
}
