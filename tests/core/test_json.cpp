// JSON for commands, events and the state: strict reading, canonical writing, versions.
#include "core/demo.hpp"
#include "core/state_json.hpp"
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {
Error parse(std::string_view text, Command& c) { return command_from_text(text, c, false); }
}  // namespace

TEST_CASE("commands are read strictly and each error names its field") {
  Command c;
  CHECK(parse("not json", c).code == Err::invalid_json);
  CHECK(parse("[1,2]", c).code == Err::invalid_field);
  CHECK(parse(R"({"workspace":1})", c).code == Err::missing_field);
  CHECK(parse(R"({"type":5})", c).code == Err::invalid_field);
  CHECK(parse(R"({"type":"launch_rockets"})", c).code == Err::unknown_command);
  Error e = parse(R"({"type":"rename_workspace","workspace":"abc","name":"x"})", c);
  CHECK(e.code == Err::invalid_field);
  CHECK(e.message == "Field 'workspace' must be a whole number.");
  CHECK(parse(R"({"type":"rename_workspace","workspace":1.5,"name":"x"})", c).code == Err::invalid_field);
  CHECK(parse(R"({"type":"rename_workspace","workspace":-1,"name":"x"})", c).code == Err::invalid_field);
  CHECK(parse(R"({"type":"rename_workspace","workspace":9007199254740992,"name":"x"})", c).code == Err::invalid_field);
  e = parse(R"({"type":"rename_workspace","workspace":1})", c);
  CHECK(e.code == Err::missing_field);
  CHECK(e.message == "Field 'name' is missing.");
  e = parse(R"({"type":"rename_workspace","workspace":1,"name":"x","colour":"red"})", c);
  CHECK(e.code == Err::unknown_field);
  CHECK(e.message == "Unknown field 'colour'.");
  e = parse(R"({"type":"invite_members","workspace":1,"invites":[{"email":"a@b.co","role":"boss"}]})", c);
  CHECK(e.code == Err::invalid_role);
  e = parse(R"({"type":"invite_members","workspace":1,"invites":[{"email":"a@b.co","role":"viewer","x":1}]})", c);
  CHECK(e.message == "Unknown field 'invites[0].x'.");
  CHECK(parse(R"({"type":"set_api_access","workspace":1,"enabled":"yes"})", c).code == Err::invalid_field);
  CHECK(parse(R"({"type":"create_api_key","workspace":1,"label":"k","key_hash":"zz","last4":"abcd"})", c).code ==
        Err::invalid_key_hash);
  // The envelope is the app's to fill: a caller cannot pose as someone else.
  e = parse(R"({"type":"accept_invitation","workspace":1,"actor":"system"})", c);
  CHECK(e.code == Err::unknown_field);
  CHECK(e.message == "Field 'actor' is not given here: the app fills in who sends a command, its id and its time.");
  // Optional fields may be absent or null.
  REQUIRE_FALSE(parse(R"({"type":"set_seat_cap","workspace":1,"cap":null})", c));
  CHECK_FALSE(std::get<SetSeatCap>(c.payload).cap);
  REQUIRE_FALSE(parse(R"({"type":"invite_members","workspace":7,"invites":[{"email":"a@b.co","role":"Super Admin"}]})", c));
  CHECK(std::get<InviteMembers>(c.payload).invites[0].role == Role::SuperAdmin);
}

TEST_CASE("every command type survives a JSON round trip") {
  KeyHash h{};
  h[0] = 0xab;
  std::vector<Payload> all = {
      CreateOrg{"Org", "a@b.co", "A", PlanFields{5, 2, 100}, 10},
      SetPlan{{5, 2, 100}},
      UpdatePerson{"a@b.co", "Ann"},
      CreateWorkspace{"W", ImageFields{"img-1.rgba", 4, 4}, false, true, 100, 3, {{"x@y.co", "X", Role::Developer}}},
      RenameWorkspace{1, "N"},
      SetWorkspaceImage{1, std::nullopt},
      SetBillingMode{1, false},
      SetApiAccess{1, true},
      SetSeatCap{1, 4},
      SetAlertThreshold{1, 70},
      DeleteWorkspace{1, "W"},
      RestoreWorkspace{1},
      PurgeWorkspace{1},
      InviteMembers{1, {{"x@y.co", "", Role::Viewer}}},
      AcceptInvitation{1},
      RevokeInvitation{1, "x@y.co"},
      ResendInvitation{1, "x@y.co"},
      ChangeRole{1, "x@y.co", Role::Creator},
      RemoveMember{1, "x@y.co"},
      PurchaseCredits{1, 5},
      AllocateCredits{1, 5},
      ReclaimCredits{1, 5},
      PurchaseAvatarSlots{1, 1},
      AllocateAvatarSlots{1, 1},
      ReclaimAvatarSlots{1, 1},
      CreateApiKey{1, "k", h, "abcd"},
      RotateApiKey{2, h, "abcd"},
      RevokeApiKey{2},
      RecordApiUsage{h, "abcd", "/v1/x", 3},
      CreateAsset{1, AssetKind::BrandKit, "Kit"},
      RenameAsset{3, "Kit 2"},
      DeleteAsset{3},
      ShareAsset{3, {1, 2}},
      UnshareAsset{3, {2}},
      MoveAsset{3, 2},
      CreateVideo{1, "V", 3, 4, 5, 60},
      DeleteVideo{6},
  };
  REQUIRE(all.size() == std::variant_size_v<Payload> - 1);  // every type but the empty one
  for (size_t i = 0; i < all.size(); ++i) {
    REQUIRE(all[i].index() == i);  // listed in declaration order, so none is missed
    Command c{{42, "a@b.co", 1234}, all[i]};
    Json j = command_to_json(c);
    Command back;
    Error e = command_from_json(j, back, true);
    INFO(j.dump());
    REQUIRE_FALSE(e);
    CHECK(command_to_json(back) == j);
    CHECK(back.env.id == 42);
    CHECK(back.env.actor == "a@b.co");
    Event ev{9, c, i % 2 ? Err::forbidden : Err::none};
    Event ev_back;
    REQUIRE_FALSE(event_from_json(event_to_json(ev), ev_back));
    CHECK(ev_back.seq == 9);
    CHECK(ev_back.refused == ev.refused);
  }
}

TEST_CASE("the state survives a JSON round trip, indices and all") {
  DemoResult demo = make_demo(*demo_size("small"), 3, kT0);
  State& s = demo.state;
  std::string text = state_to_text(s);
  State back;
  REQUIRE_FALSE(state_from_text(text, back));
  CHECK(state_to_text(back) == text);
  CHECK(seats_used(back, kT0) == seats_used(s, kT0));
  CHECK(back.people_active == s.people_active);
  CHECK(back.usage_by_day.size() == s.usage_by_day.size());
  CHECK(back.person_workspaces == s.person_workspaces);
  for (const auto& ws : s.workspaces) {
    const Workspace* w = back.workspace(ws.id);
    REQUIRE(w);
    CHECK(w->active_count == ws.active_count);
    CHECK(w->invitation_expiries == ws.invitation_expiries);
    CHECK(w->usage_by_day.size() == ws.usage_by_day.size());
  }
  // And it keeps working the same way afterwards.
  Command c{{kMaxId, demo.admin_email, kT0}, CreateWorkspace{"After the round trip"}};
  CHECK(execute(s, c, s.last_seq + 1).accepted() == execute(back, c, back.last_seq + 1).accepted());
  CHECK(state_to_text(back) == state_to_text(s));
}

TEST_CASE("loading refuses other formats, newer versions and damaged states with a clear reason") {
  State s;
  CHECK(state_from_text("{", s).code == Err::invalid_json);
  Error e = state_from_text(R"({"format":"subspace-state","version":99,"last_seq":0,"org":null})", s);
  CHECK(e.code == Err::unsupported_version);
  CHECK(e.message.find("version 99") != std::string::npos);
  CHECK(state_from_text(R"({"format":"other","version":1})", s).code == Err::storage_corrupt);

  World w;
  Json j = state_to_json(w.s);
  j["workspaces"][0]["members"][0]["role"] = "overlord";
  e = state_from_json(j, s);
  CHECK(e.code == Err::storage_corrupt);
  CHECK(e.message.find("workspaces[0].members[0].role") != std::string::npos);
  j = state_to_json(w.s);
  j["ledger"]["outside"] = 5;
  CHECK(state_from_json(j, s).message.find("do not sum to zero") != std::string::npos);
  // Summing to zero is not enough: only "outside" may be below zero.
  j = state_to_json(w.s);
  Cents pool = j["workspaces"][0]["balance"].get<Cents>();
  j["workspaces"][0]["balance"] = -5;
  j["ledger"]["outside"] = j["ledger"]["outside"].get<Cents>() + pool + 5;
  CHECK(state_from_json(j, s).message == "The state is damaged at workspaces: 'Lumen' has a negative balance.");
  j = state_to_json(w.s);
  j["workspaces"].push_back(j["workspaces"][0]);
  CHECK(state_from_json(j, s).code == Err::storage_corrupt);
  CHECK_FALSE(s.has_org);  // nothing half-loaded
}

TEST_CASE("a command or event may state its format version; a newer one is unsupported_version, not damage") {
  Command c;
  // Absent or 1: this version's format.
  REQUIRE_FALSE(parse(R"({"type":"rename_workspace","workspace":1,"name":"x"})", c));
  REQUIRE_FALSE(parse(R"({"type":"rename_workspace","v":1,"workspace":1,"name":"x"})", c));
  CHECK(std::get<RenameWorkspace>(c.payload).name == "x");
  // Newer: said before any field is judged, whatever the newer format changed.
  const std::string newer = "The command is format version 2; this version of Subspace reads command format version 1 at most.";
  for (const char* text : {R"({"type":"rename_workspace","v":2,"workspace":1,"name":"x","colour":"red"})",
                           R"({"type":"rename_workspace","v":2,"workspace":"one","name":"x"})",
                           R"({"type":"rename_workspace","v":2,"workspace":1})",
                           R"({"type":"teleport","v":2})", R"({"v":2})"}) {
    INFO(text);
    Error e = parse(text, c);
    CHECK(e.code == Err::unsupported_version);
    CHECK(e.message == newer);
  }
  CHECK(parse(R"({"type":"accept_invitation","v":18446744073709551615,"workspace":1})", c).code == Err::unsupported_version);
  // Not a version at all.
  for (const char* text : {R"({"type":"accept_invitation","v":0,"workspace":1})", R"({"type":"accept_invitation","v":-3,"workspace":1})",
                           R"({"type":"accept_invitation","v":"2","workspace":1})", R"({"type":"accept_invitation","v":1.5,"workspace":1})",
                           R"({"type":"accept_invitation","v":null,"workspace":1})"}) {
    INFO(text);
    Error e = parse(text, c);
    CHECK(e.code == Err::invalid_field);
    CHECK(e.message == "Field 'v' must be a format version: a whole number from 1.");
  }
  // With an envelope (the CLI's lines, the journal, sync) the rule is the same.
  CHECK_FALSE(command_from_text(R"({"type":"accept_invitation","v":1,"workspace":1,"id":5,"actor":"system","time":1})", c, true));
  CHECK(command_from_text(R"({"type":"accept_invitation","v":3,"workspace":1,"id":5,"actor":"system","time":1})", c, true).code ==
        Err::unsupported_version);

  // An event is versioned by its command, which speaks before the event's own fields.
  Event ev;
  Json j = parse_json(R"({"seq":4,"command":{"type":"accept_invitation","workspace":1,"id":5,"actor":"system","time":1}})");
  REQUIRE_FALSE(event_from_json(j, ev));
  j["command"]["v"] = 2;
  j["origin"] = "eu-1";  // a field this version has never heard of
  Error e = event_from_json(j, ev);
  CHECK(e.code == Err::unsupported_version);
  CHECK(e.message == newer);
  j["command"].erase("v");
  CHECK(event_from_json(j, ev).code == Err::unknown_field);  // without a version it is just wrong

  // Version 1 is written as before: no "v", so the journal and sync bytes do not change.
  Command made{{5, "system", 1}, AcceptInvitation{1}};
  CHECK_FALSE(command_to_json(made).contains("v"));
  CHECK(event_to_json(Event{4, made, Err::none}).dump() ==
        R"({"command":{"actor":"system","id":5,"time":1,"type":"accept_invitation","workspace":1},"seq":4})");
}
