// A small organisation to run commands against, with a clock the test moves by hand.
#pragma once
#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "core/engine.hpp"
#include "core/queries.hpp"
#include "core/rights.hpp"

namespace subspace::test {

constexpr TimeMs kT0 = 1'764'000'000'000;  // 2025-11-24, any fixed instant will do
inline const std::string kAdmin = "ada@lumen.example";
inline const std::string kSystem = "system";

struct World {
  State s;
  TimeMs now = kT0;
  Id next_id = 1000;

  explicit World(int seat_limit = 10, Cents credits = 1'000'00, int avatar_slots = 5) {
    ok(kSystem, CreateOrg{"Lumen", kAdmin, "Ada Quill", PlanFields{seat_limit, avatar_slots, 100}, credits});
  }

  ExecResult run(const std::string& actor, Payload p) {
    Command c{{next_id++, actor, now}, std::move(p)};
    ExecResult r = execute(s, c, s.last_seq + 1);
    if (r.event) journal.push_back(*r.event);
    return r;
  }
  std::vector<Event> journal;  // every event so far, founding included
  ExecResult ok(const std::string& actor, Payload p) {
    ExecResult r = run(actor, std::move(p));
    INFO("refused: " << error_code(r.error.code) << ": " << r.error.message);
    REQUIRE(r.accepted());
    return r;
  }
  Err err(const std::string& actor, Payload p) { return run(actor, std::move(p)).error.code; }

  Id last_id() const { return next_id - 1; }
  WorkspaceId parent() const { return s.parent; }

  WorkspaceId sub(const std::string& name, bool billing_by_parent = true, bool api = false, Cents credits = 0) {
    CreateWorkspace c;
    c.name = name;
    c.billing_by_parent = billing_by_parent;
    c.api_access = api;
    c.initial_credits = credits;
    ok(kAdmin, c);
    return last_id();
  }
  void invite(WorkspaceId ws, const std::string& email, Role role = Role::Creator) {
    ok(kAdmin, InviteMembers{ws, {{email, "", role}}});
  }
  // Invited and accepted: an active member.
  void member(WorkspaceId ws, const std::string& email, Role role = Role::Creator) {
    invite(ws, email, role);
    ok(email, AcceptInvitation{ws});
  }
  const Workspace& ws(WorkspaceId id) const { return *s.workspace(id); }
  PersonIx person(const std::string& email) const { return *s.person(email); }
  const Membership* membership(WorkspaceId id, const std::string& email) const {
    auto p = s.person(email);
    return p ? ws(id).member(*p) : nullptr;
  }
  int seats() const { return seats_used(s, now); }

  KeyFingerprint new_key(std::uint8_t seed) {
    std::array<std::uint8_t, kKeyBytes> bytes{};
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(seed * 31 + i * 7);
    plain_keys.push_back(format_api_key(bytes));
    return fingerprint(plain_keys.back());
  }
  std::vector<std::string> plain_keys;
};

}  // namespace subspace::test
