// The audit log by filter (core/audit_query.hpp): each dimension on its own, combined, and
// empty; the same answer kept up to date incrementally, over a million entries too.
#include "core/audit_query.hpp"
#include "core/text.hpp"
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

// A log with entries from three people and the system, in three workspaces and the
// organisation, accepted and refused.
struct AuditWorld {
  World w{10, 1000'00};
  WorkspaceId alpha = 0, beta = 0;

  AuditWorld() {
    alpha = w.sub("Alpha", true, false, 100'00);
    beta = w.sub("Beta");
    w.ok(kAdmin, InviteMembers{alpha, {{"al@x.io", "Al Ng", Role::SuperAdmin}}});
    w.ok("al@x.io", AcceptInvitation{alpha});
    w.member(beta, "bo@x.io", Role::Viewer);
    w.ok("al@x.io", RenameWorkspace{alpha, "Alpha Team"});
    w.run("al@x.io", AllocateCredits{alpha, 1'00});        // forbidden, in Alpha
    w.run("bo@x.io", RenameWorkspace{beta, "Mine"});         // forbidden, in Beta
    w.run(kSystem, PurgeWorkspace{beta});                    // not in the trash, in Beta
    w.ok("al@x.io", UpdatePerson{"al@x.io", "Al Ngata"});    // organisation-wide
    w.ok(kAdmin, RenameWorkspace{beta, "Beta Team"});
  }
  const State& s() const { return w.s; }
};

// The filter's meaning written out plainly, entry by entry, to check the query against.
bool reference_match(const State& s, const AuditFilter& f, const AuditEntry& e) {
  if (f.workspace && e.workspace != *f.workspace) return false;
  if (f.kind && e.type != *f.kind) return false;
  if (f.hide_api_usage && e.type == CommandType::RecordApiUsage) return false;
  if (f.result == AuditResult::Accepted && e.result != Err::none) return false;
  if (f.result == AuditResult::Refused && e.result == Err::none) return false;
  std::string needle = ascii_lower(trim(f.actor));
  if (needle.empty()) return true;
  std::string who = std::string(s.email_of(e.actor));
  if (e.actor != kSystemActor) who += " " + ascii_lower(s.people[e.actor].name);
  return who.find(needle) != std::string::npos;
}

std::vector<std::uint32_t> reference(const State& s, const AuditFilter& f) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < s.audit.size(); ++i)
    if (reference_match(s, f, s.audit[i])) out.push_back(i);
  return out;
}

std::vector<std::string> actors(const State& s, const std::vector<std::uint32_t>& rows) {
  std::vector<std::string> out;
  for (auto i : rows) out.emplace_back(s.email_of(s.audit[i].actor));
  return out;
}

}  // namespace

TEST_CASE("audit by actor: part of an email or a name, any case, the system by name") {
  AuditWorld a;
  const State& s = a.s();
  AuditFilter f;
  f.actor = "al@";
  auto rows = audit_query(s, f);
  CHECK(rows.size() == 4);  // accepts, renames Alpha, the refused allocation, renames themself
  for (const auto& who : actors(s, rows)) CHECK(who == "al@x.io");
  f.actor = "  NGATA ";  // by the name they have now
  CHECK(audit_query(s, f) == rows);
  f.actor = "system";
  rows = audit_query(s, f);
  REQUIRE(rows.size() == 2);  // the founding and the refused purge
  CHECK(s.audit[rows[0]].type == CommandType::CreateOrg);
  CHECK(s.audit[rows[1]].type == CommandType::PurgeWorkspace);
  f.actor = "x.io";  // two people: al's four, bo's acceptance and refused rename
  CHECK(audit_query(s, f).size() == 6);
  f.actor = "";
  CHECK(audit_query(s, f).size() == s.audit.size());
}

TEST_CASE("audit by workspace: one workspace, the organisation-wide entries, or all") {
  AuditWorld a;
  const State& s = a.s();
  AuditFilter f;
  f.workspace = a.beta;
  auto rows = audit_query(s, f);
  REQUIRE(rows.size() == 6);  // its creation, the invitation, its acceptance, two refusals, the rename
  for (auto i : rows) CHECK(s.audit[i].workspace == a.beta);
  f.workspace = 0;
  rows = audit_query(s, f);
  REQUIRE(rows.size() == 1);
  CHECK(s.audit[rows[0]].type == CommandType::UpdatePerson);
  f.workspace.reset();
  CHECK(audit_query(s, f).size() == s.audit.size());
}

TEST_CASE("audit by kind and by result: refused attempts apart from accepted commands") {
  AuditWorld a;
  const State& s = a.s();
  AuditFilter f;
  f.kind = CommandType::RenameWorkspace;
  auto rows = audit_query(s, f);
  REQUIRE(rows.size() == 3);
  for (auto i : rows) CHECK(s.audit[i].type == CommandType::RenameWorkspace);

  f = {};
  f.result = AuditResult::Refused;
  rows = audit_query(s, f);
  REQUIRE(rows.size() == 3);
  CHECK(s.audit[rows[0]].result == Err::forbidden);
  CHECK(s.audit[rows[1]].result == Err::forbidden);
  CHECK(s.audit[rows[2]].result == Err::not_in_trash);
  f.result = AuditResult::Accepted;
  auto accepted = audit_query(s, f);
  CHECK(accepted.size() + rows.size() == s.audit.size());
  for (auto i : accepted) CHECK(s.audit[i].result == Err::none);
}

TEST_CASE("audit filters combine, and a filter nothing matches gives nothing") {
  AuditWorld a;
  const State& s = a.s();
  AuditFilter f;
  f.actor = "al";
  f.workspace = a.alpha;
  f.result = AuditResult::Refused;
  auto rows = audit_query(s, f);
  REQUIRE(rows.size() == 1);
  CHECK(s.audit[rows[0]].type == CommandType::AllocateCredits);
  f.kind = CommandType::RenameWorkspace;  // al renamed Alpha, but that was accepted
  CHECK(audit_query(s, f).empty());
  f.result = AuditResult::Accepted;
  CHECK(audit_query(s, f).size() == 1);

  for (AuditFilter none : {AuditFilter{std::nullopt, "nobody", std::nullopt, AuditResult::Any},
                           AuditFilter{999'999, "", std::nullopt, AuditResult::Any},
                           AuditFilter{std::nullopt, "", CommandType::DeleteVideo, AuditResult::Any},
                           AuditFilter{a.beta, "system", std::nullopt, AuditResult::Accepted}})
    CHECK(audit_query(s, none).empty());

  // Every combination of a few values per dimension agrees with the plain reading.
  for (auto ws : {std::optional<WorkspaceId>{}, std::optional<WorkspaceId>{0}, std::optional<WorkspaceId>{a.alpha},
                  std::optional<WorkspaceId>{a.beta}})
    for (const char* actor : {"", "al", "BO@X", "system", "ada", "zzz"})
      for (auto kind : {std::optional<CommandType>{}, std::optional<CommandType>{CommandType::RenameWorkspace},
                        std::optional<CommandType>{CommandType::InviteMembers}})
        for (auto result : {AuditResult::Any, AuditResult::Accepted, AuditResult::Refused}) {
          AuditFilter g{ws, actor, kind, result};
          INFO((ws ? std::to_string(*ws) : "all") << " '" << actor << "' " << (kind ? command_name(*kind) : "any") << " "
                                                  << static_cast<int>(result));
          CHECK(audit_query(s, g) == reference(s, g));
        }
}

TEST_CASE("audit rows stay up to date by examining only what was appended") {
  AuditWorld a;
  AuditRows rows;
  AuditFilter f;
  f.result = AuditResult::Refused;
  rows.refresh(a.s(), f);
  CHECK(rows.examined() == a.s().audit.size());
  CHECK(rows.rows() == reference(a.s(), f));
  rows.refresh(a.s(), f);  // the next frame: nothing new
  CHECK(rows.examined() == 0);

  a.w.run("bo@x.io", RenameWorkspace{a.beta, "Again"});  // refused
  a.w.ok(kAdmin, RenameWorkspace{a.alpha, "Alpha Two"});
  rows.refresh(a.s(), f);
  CHECK(rows.examined() == 2);
  CHECK(rows.rows() == reference(a.s(), f));
  CHECK(rows.rows().size() == 4);

  // A new filter starts over.
  f.actor = "ada";
  rows.refresh(a.s(), f);
  CHECK(rows.examined() == a.s().audit.size());
  CHECK(rows.rows() == reference(a.s(), f));

  // A log replaced by another of the same length (a reload, an import, a sync rebase) is
  // noticed, though nothing was appended.
  AuditWorld other;
  other.w.run("bo@x.io", RenameWorkspace{other.beta, "Again"});
  other.w.ok(kAdmin, SetAlertThreshold{other.alpha, 50});
  REQUIRE(other.s().audit.size() == a.s().audit.size());
  f = {};
  f.kind = CommandType::RenameWorkspace;
  rows.refresh(a.s(), f);
  CHECK(rows.rows().size() == 5);
  rows.refresh(other.s(), f);
  CHECK(rows.examined() == other.s().audit.size());
  CHECK(rows.rows() == reference(other.s(), f));
  CHECK(rows.rows().size() == 4);
  // And one that shrank (an older store loaded).
  World small;
  rows.refresh(small.s, f);
  CHECK(rows.rows().empty());
}

TEST_CASE("audit rows over a million entries: one new entry is one entry examined") {
  State s;
  s.people = {{"ann@x.io", "Ann"}, {"bob@x.io", "Bob"}};
  constexpr std::uint32_t kEntries = 1'000'000;
  s.audit.reserve(kEntries + 1);
  for (std::uint32_t i = 0; i < kEntries; ++i) {
    AuditEntry e;
    e.time = i;
    e.actor = i % 3 == 2 ? kSystemActor : i % 3;
    e.workspace = 1 + i % 4;
    e.type = i % 2 ? CommandType::RecordApiUsage : CommandType::InviteMembers;
    e.result = i % 10 == 0 ? Err::forbidden : Err::none;
    s.audit.push_back(e);
  }
  AuditFilter f;
  f.actor = "bob";
  f.workspace = 3;
  f.result = AuditResult::Refused;
  AuditRows rows;
  rows.refresh(s, f);
  CHECK(rows.examined() == kEntries);
  // bob: i % 3 == 1; workspace 3: i % 4 == 2; refused: i % 10 == 0 -> i = 10 (mod 60).
  CHECK(rows.rows().size() == kEntries / 60 + (kEntries % 60 > 10));
  CHECK(rows.rows() == audit_query(s, f));
  for (int frame = 0; frame < 3; ++frame) {
    rows.refresh(s, f);
    CHECK(rows.examined() == 0);
  }
  AuditEntry e;
  e.time = kEntries;
  e.actor = 1;
  e.workspace = 3;
  e.type = CommandType::ChangeRole;
  e.result = Err::forbidden;
  s.audit.push_back(e);
  size_t before = rows.rows().size();
  rows.refresh(s, f);
  CHECK(rows.examined() == 1);
  REQUIRE(rows.rows().size() == before + 1);
  CHECK(rows.rows().back() == kEntries);
}

TEST_CASE("audit without the recorded API calls: every other entry stays, refused ones included") {
  World w;
  KeyFingerprint k = w.new_key(3);
  w.ok(kAdmin, CreateApiKey{w.parent(), "ci", k.hash, k.last4});
  for (int i = 0; i < 3; ++i) w.ok(kSystem, RecordApiUsage{k.hash, k.last4, "/v1/a", 1'00});
  w.invite(w.parent(), "new@x.io");
  w.run("new@x.io", RenameWorkspace{w.parent(), "Mine"});  // refused: not a member yet
  AuditFilter f;
  std::size_t all = audit_query(w.s, f).size();
  f.hide_api_usage = true;
  auto rows = audit_query(w.s, f);
  CHECK(rows.size() == all - 3);
  CHECK(rows == reference(w.s, f));
  for (auto i : rows) CHECK(w.s.audit[i].type != CommandType::RecordApiUsage);
  f.result = AuditResult::Refused;
  CHECK(audit_query(w.s, f).size() == 1);
}
