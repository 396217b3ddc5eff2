#include "server/service.hpp"

#include <set>

#include "core/crypto.hpp"
#include "core/projection.hpp"
#include "core/queries.hpp"
#include "core/rights.hpp"
#include "core/state_json.hpp"
#include "core/text.hpp"

namespace subspace::server {
namespace {

Json result_json(const SyncResult& r) {
  Json j = {{"id", r.id}, {"ok", !r.error}};
  if (r.seq) j["seq"] = r.seq;
  if (r.error) j["error"] = error_to_json(r.error);
  return j;
}

SyncResult result_from_json(const Json& j) {
  SyncResult r;
  r.id = j.value("id", Id{0});
  r.seq = j.value("seq", std::uint64_t{0});
  if (!j.value("ok", false)) {
    const Json& e = j.value("error", Json::object());
    if (!parse_error_code(e.value("code", ""), r.error.code)) r.error.code = Err::forbidden;
    r.error.message = e.value("message", "");
  }
  return r;
}

// The people a command invites, for invitation links.
std::vector<std::pair<WorkspaceId, std::string>> invited_by(const Command& c) {
  std::vector<std::pair<WorkspaceId, std::string>> out;
  auto add = [&](WorkspaceId ws, const std::string& raw) {
    if (auto e = normalize_email(raw)) out.emplace_back(ws, *e);
  };
  if (auto* p = std::get_if<InviteMembers>(&c.payload))
    for (const auto& r : p->invites) add(p->workspace, r.email);
  if (auto* p = std::get_if<CreateWorkspace>(&c.payload))
    for (const auto& r : p->invites) add(c.env.id, r.email);
  if (auto* p = std::get_if<ResendInvitation>(&c.payload)) add(p->workspace, p->email);
  return out;
}

// What a sync client may not send at all (answered with a refusal, nothing stored): API
// usage comes only from the key endpoint, where the key itself is the credential; through
// sync, anyone could charge any workspace with a key hash from their state.
Error refused_from_clients(const Command& c) {
  if (c.type() == CommandType::RecordApiUsage) return Err::usage_needs_api_key;
  return {};
}

// The invitation of `email` to `ws` if it can still be accepted.
const Membership* pending_invitation(const State& s, WorkspaceId ws_id, const std::string& email, TimeMs now) {
  const Workspace* ws = s.workspace(ws_id);
  auto p = s.person(email);
  const Membership* m = ws && ws->live() && p ? ws->member(*p) : nullptr;
  return m && m->status == MemberStatus::Invited && !invitation_expired(*m, now) ? m : nullptr;
}

// Signed in is not enough: someone removed from every workspace (no active membership and
// no live invitation) gets nothing of the organisation any more.
Error admission(const State& s, const std::string& email, TimeMs now) {
  auto p = s.person(email);
  if (!p) return Err::unauthorized;
  if (!holds_seat(s, *p, now)) return Err::no_access;
  return {};
}

// Anyone but an org admin gets only their projection, always whole: an event would tell
// them of workspaces they may not see. A new one goes out whenever anything happened since
// their last (or the client holds something else, e.g. another person's).
void answer_projected(const State& s, PersonIx me, const SyncRequest& req, SyncResponse& out) {
  if (req.since == s.last_seq && req.projected_for == s.people[me].email) return;
  out.snapshot = project_for(s, me);
  out.snapshot_seq = s.last_seq;
}

Answer error_answer(int status, const Error& e) { return {status, {{"ok", false}, {"error", error_to_json(e)}}}; }

}  // namespace

bool Service::valid_org_id(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

std::string Service::new_token(const char* prefix) {
  std::array<std::uint8_t, kKeyBytes> bytes;
  random_(bytes.data(), bytes.size());
  return prefix + format_api_key(bytes).substr(kKeyPrefix.size());
}

std::string Service::store_token(const std::string& org, const std::string& email, const char* kind, WorkspaceId ws,
                                 std::optional<TimeMs> expires, CommandId command) {
  std::string token = new_token(std::string(kind) == "invite" ? "inv_" : "st_");
  Statement st(db_.handle(),
               "INSERT INTO tokens(hash, org, email, kind, workspace, created_at, expires_at, command_id) VALUES(?,?,?,?,?,?,?,?)");
  st.bind(1, sha256_hex(token)).bind(2, org).bind(3, email).bind(4, std::string_view(kind));
  if (ws) st.bind(5, static_cast<std::int64_t>(ws));
  else st.bind_null(5);
  st.bind(6, clock_());
  if (expires) st.bind(7, *expires);
  else st.bind_null(7);
  if (command) st.bind(8, static_cast<std::int64_t>(command));
  else st.bind_null(8);
  st.step();
  return token;  // only its hash is kept
}

void Service::load_org(const std::string& id, Org& o) {
  o.state = State{};
  Statement st(db_.handle(), "SELECT body FROM snapshots WHERE org=? ORDER BY seq DESC LIMIT 1");
  st.bind(1, id);
  if (st.step())
    if (Error e = state_from_text(st.text(0), o.state)) throw DbError("snapshot of " + id + ": " + e.message);
  catch_up(id, o);
}

void Service::catch_up(const std::string& id, Org& o) {
  Statement st(db_.handle(), "SELECT seq, body FROM events WHERE org=? AND seq>? ORDER BY seq");
  st.bind(1, id).bind(2, static_cast<std::int64_t>(o.state.last_seq));
  while (st.step()) {
    Event e;
    Json j = Json::parse(st.text(1), nullptr, false);
    if (Error err = event_from_json(j, e)) throw DbError("event " + std::to_string(st.int64(0)) + " of " + id + ": " + err.message);
    if (Error err = apply_event(o.state, e)) throw DbError(err.message);
  }
}

Service::Org* Service::find_org(const std::string& id) {
  auto it = orgs_.find(id);
  if (it == orgs_.end()) {
    Statement st(db_.handle(), "SELECT 1 FROM orgs WHERE id=?");
    st.bind(1, id);
    if (!st.step()) return nullptr;
    auto org = std::make_unique<Org>();
    load_org(id, *org);
    it = orgs_.emplace(id, std::move(org)).first;
    return it->second.get();
  }
  catch_up(id, *it->second);  // the admin CLI may have written to the file
  return it->second.get();
}

std::vector<std::string> Service::org_ids() {
  std::lock_guard lock(mu_);
  std::vector<std::string> ids;
  Statement st(db_.handle(), "SELECT id FROM orgs ORDER BY id");
  while (st.step()) ids.push_back(st.text(0));
  return ids;
}

void Service::apply_batch(const std::string& id, Org& o, std::vector<Command>& cmds, std::vector<SyncResult>& results,
                          bool from_client) {
  try {
    Transaction tx(db_);
    catch_up(id, o);
    Statement seen(db_.handle(), "SELECT body FROM results WHERE org=? AND command_id=?");
    Statement put_event(db_.handle(), "INSERT INTO events(org, seq, command_id, body) VALUES(?,?,?,?)");
    Statement put_result(db_.handle(), "INSERT INTO results(org, command_id, seq, body) VALUES(?,?,?,?)");
    for (Command& c : cmds) {
      // A command id the server has seen is answered as before, never run twice.
      seen.reset();
      seen.bind(1, id).bind(2, static_cast<std::int64_t>(c.env.id));
      if (seen.step()) {
        SyncResult res = result_from_json(Json::parse(seen.text(0)));
        if (from_client && !res.error && res.seq) reissue_links(id, o, c, res);
        results.push_back(std::move(res));
        continue;
      }
      if (Error e = from_client ? refused_from_clients(c) : Error{}) {
        results.push_back({c.env.id, 0, e, {}});
        continue;
      }
      ExecResult r = execute(o.state, c, o.state.last_seq + 1);
      SyncResult res{c.env.id, r.event ? r.event->seq : 0, r.error, {}};
      if (r.event) {
        put_event.reset();
        put_event.bind(1, id).bind(2, static_cast<std::int64_t>(r.event->seq)).bind(3, static_cast<std::int64_t>(c.env.id));
        put_event.bind(4, event_to_json(*r.event).dump());
        put_event.step();
      }
      put_result.reset();
      put_result.bind(1, id).bind(2, static_cast<std::int64_t>(c.env.id)).bind(3, static_cast<std::int64_t>(res.seq));
      put_result.bind(4, result_json(res).dump());
      put_result.step();
      if (r.accepted())
        for (const auto& [ws, email] : invited_by(c))
          res.invite_links.push_back({ws, email, store_token(id, email, "invite", ws, c.env.time + kInvitationTtlMs, c.env.id)});
      results.push_back(std::move(res));
    }
    tx.commit();
  } catch (...) {
    // What ran in memory was not stored: start again from the file.
    load_org(id, o);
    throw;
  }
  // Snapshots keep restarts quick; losing one costs nothing but time.
  Statement last(db_.handle(), "SELECT COALESCE(MAX(seq), 0) FROM snapshots WHERE org=?");
  last.bind(1, id);
  last.step();
  if (o.state.last_seq >= static_cast<std::uint64_t>(last.int64(0)) + snapshot_every) {
    Statement snap(db_.handle(), "INSERT OR REPLACE INTO snapshots(org, seq, body) VALUES(?,?,?)");
    snap.bind(1, id).bind(2, static_cast<std::int64_t>(o.state.last_seq)).bind(3, state_to_text(o.state));
    snap.step();
  }
}

// An identical resend of an accepted invite-bearing command means its answer was lost: the
// links in it were never delivered, and the server keeps only their hashes. The invitations
// still pending get fresh one-time links, and this command's earlier unused ones stop
// working. Only the person who sent it, with the same payload, gets them: command ids are
// no secret (a workspace's id is the id of the command that created it).
void Service::reissue_links(const std::string& id, const Org& o, const Command& c, SyncResult& res) {
  Statement ev(db_.handle(), "SELECT body FROM events WHERE org=? AND seq=?");
  ev.bind(1, id).bind(2, static_cast<std::int64_t>(res.seq));
  Event original;
  if (!ev.step() || event_from_json(Json::parse(ev.text(0)), original) || !original.accepted()) return;
  if (original.command.env.actor != c.env.actor || payload_to_json(original.command.payload) != payload_to_json(c.payload)) return;
  Statement drop(db_.handle(),
                 "DELETE FROM tokens WHERE org=? AND kind='invite' AND command_id=? AND email=? AND workspace=? AND used_at IS NULL");
  for (const auto& [ws, email] : invited_by(original.command)) {
    const Membership* m = pending_invitation(o.state, ws, email, clock_());
    if (!m) continue;
    drop.reset();
    drop.bind(1, id).bind(2, static_cast<std::int64_t>(c.env.id)).bind(3, email).bind(4, static_cast<std::int64_t>(ws));
    drop.step();
    res.invite_links.push_back({ws, email, store_token(id, email, "invite", ws, m->expires_at, c.env.id)});
  }
}

Command Service::server_command(std::string actor, Payload p) {
  std::uint64_t r = 0;
  random_(reinterpret_cast<std::uint8_t*>(&r), sizeof r);
  return Command{{(r & kMaxId) | 1, std::move(actor), clock_()}, std::move(p)};
}

SyncResult Service::run_one(const std::string& id, Org& o, std::string actor, Payload p) {
  std::vector<Command> cmds{server_command(std::move(actor), std::move(p))};
  std::vector<SyncResult> results;
  apply_batch(id, o, cmds, results);
  return results[0];
}

// Registers an organisation id (inside the caller's transaction).
Error Service::insert_org(const std::string& org) {
  Statement exists(db_.handle(), "SELECT 1 FROM orgs WHERE id=?");
  exists.bind(1, org);
  if (exists.step()) return Error(Err::org_exists, "There is already an organisation '" + org + "'.");
  Statement put(db_.handle(), "INSERT INTO orgs(id, created_at) VALUES(?,?)");
  put.bind(1, org).bind(2, clock_());
  put.step();
  return {};
}

// The server's own upkeep, as the system actor: sub-workspaces 30 days in the trash go for good.
void Service::purge_due(const std::string& id, Org& o) {
  std::vector<Command> due;
  TimeMs t = clock_();
  for (const auto& ws : o.state.workspaces)
    if (ws.deleted_at && t - *ws.deleted_at >= kTrashRetentionMs)
      due.push_back(server_command(std::string(kSystemEmail), PurgeWorkspace{ws.id}));
  if (due.empty()) return;
  std::vector<SyncResult> results;
  apply_batch(id, o, due, results);
}

Error Service::create_org(const std::string& org, const CreateOrg& c) {
  if (!valid_org_id(org)) return Error(Err::invalid_field, "An organisation id is 1-40 of a-z, 0-9 and '-'.");
  std::lock_guard lock(mu_);
  try {
    {
      Transaction tx(db_);
      if (Error e = insert_org(org)) return e;
      tx.commit();
    }
    return run_one(org, *find_org(org), std::string(kSystemEmail), c).error;
  } catch (const DbError& e) {
    return Error(Err::storage_failed, e.what());
  }
}

Error Service::import_state(const std::string& org, const State& s) {
  if (!valid_org_id(org)) return Error(Err::invalid_field, "An organisation id is 1-40 of a-z, 0-9 and '-'.");
  std::lock_guard lock(mu_);
  try {
    Transaction tx(db_);
    if (Error e = insert_org(org)) return e;
    Statement snap(db_.handle(), "INSERT INTO snapshots(org, seq, body) VALUES(?,?,?)");
    snap.bind(1, org).bind(2, static_cast<std::int64_t>(s.last_seq)).bind(3, state_to_text(s));
    snap.step();
    tx.commit();
  } catch (const DbError& e) {
    return Error(Err::storage_failed, e.what());
  }
  return {};
}

Error Service::run(const std::string& org, const std::string& actor, Payload p, ExecResult& out) {
  std::lock_guard lock(mu_);
  try {
    Org* o = find_org(org);
    if (!o) return Err::unknown_org;
    out.error = run_one(org, *o, actor, std::move(p)).error;
    return {};
  } catch (const DbError& e) {
    return Error(Err::storage_failed, e.what());
  }
}

std::optional<WorkspaceId> Service::parent_workspace(const std::string& org) {
  std::lock_guard lock(mu_);
  Org* o = find_org(org);
  if (!o || !o->state.has_org) return std::nullopt;
  return o->state.parent;
}

Error Service::issue_token(const std::string& org, const std::string& raw_email, std::string& token) {
  std::lock_guard lock(mu_);
  try {
    Org* o = find_org(org);
    if (!o) return Err::unknown_org;
    auto email = normalize_email(raw_email);
    if (!email || !o->state.person(*email)) return Error(Err::person_not_found, "'" + raw_email + "' is not part of " + org + ".");
    token = store_token(org, *email, "session", 0, std::nullopt);
    return {};
  } catch (const DbError& e) {
    return Error(Err::storage_failed, e.what());
  }
}

std::optional<Auth> Service::authenticate(std::string_view bearer) {
  if (bearer.size() < 10 || bearer.size() > 100) return std::nullopt;
  std::lock_guard lock(mu_);
  Statement st(db_.handle(), "SELECT org, email FROM tokens WHERE hash=? AND kind='session'");
  st.bind(1, sha256_hex(bearer));  // the lookup key is a digest: timing tells nothing of the token
  if (!st.step()) return std::nullopt;
  return Auth{st.text(0), st.text(1)};
}

Error Service::sync(const Auth& who, const SyncRequest& req, SyncResponse& out) {
  std::lock_guard lock(mu_);
  try {
    Org* o = find_org(who.org);
    if (!o) return Err::unknown_org;
    if (Error e = admission(o->state, who.email, clock_())) return e;
    purge_due(who.org, *o);
    std::vector<Command> cmds = req.commands;
    for (Command& c : cmds) c.env = {c.env.id, who.email, clock_()};  // the signed-in person, the server's time
    if (!cmds.empty()) apply_batch(who.org, *o, cmds, out.results, /*from_client=*/true);
    const State& s = o->state;
    out.last_seq = s.last_seq;
    out.server_time = clock_();
    PersonIx me = *s.person(who.email);
    if (!is_org_admin(s, me)) {
      answer_projected(s, me, req, out);
      return {};
    }
    if (req.since == 0 || req.since > s.last_seq || !req.projected_for.empty()) {
      // A new client (or one from another server, or holding a projection from before it was
      // an org admin): start it from the current state.
      out.snapshot = s;
      out.snapshot_seq = s.last_seq;
      return {};
    }
    Statement st(db_.handle(), "SELECT body FROM events WHERE org=? AND seq>? ORDER BY seq LIMIT ?");
    st.bind(1, who.org).bind(2, static_cast<std::int64_t>(req.since)).bind(3, static_cast<std::int64_t>(req.limit));
    while (st.step()) {
      Event e;
      if (Error err = event_from_json(Json::parse(st.text(0)), e)) return err;
      out.events.push_back(std::move(e));
    }
    std::uint64_t reached = out.events.empty() ? req.since : out.events.back().seq;
    out.more = reached < s.last_seq;
    return {};
  } catch (const DbError& e) {
    return Error(Err::storage_failed, e.what());
  }
}

Answer Service::me(const Auth& who) {
  std::lock_guard lock(mu_);
  Org* o = find_org(who.org);
  if (!o) return error_answer(404, Err::unknown_org);
  if (Error e = admission(o->state, who.email, clock_())) return error_answer(e.code == Err::no_access ? 403 : 401, e);
  auto p = o->state.person(who.email);
  return {200,
          {{"org", who.org}, {"email", who.email}, {"name", o->state.people[*p].name}, {"org_admin", is_org_admin(o->state, *p)}}};
}

Answer Service::accept_invite(std::string_view token) {
  std::lock_guard lock(mu_);
  try {
    Statement st(db_.handle(), "SELECT org, email, workspace, expires_at, used_at FROM tokens WHERE hash=? AND kind='invite'");
    st.bind(1, sha256_hex(token));
    if (!st.step()) return error_answer(404, Err::invalid_invite);
    std::string org = st.text(0), email = st.text(1);
    WorkspaceId ws = static_cast<WorkspaceId>(st.int64(2));
    if (!st.is_null(4)) return error_answer(410, Err::invite_used);
    if (!st.is_null(3) && st.int64(3) <= clock_()) return error_answer(410, Err::invitation_expired);
    Org* o = find_org(org);
    if (!o) return error_answer(404, Err::unknown_org);
    if (Error e = run_one(org, *o, email, AcceptInvitation{ws}).error) return error_answer(409, e);
    Statement used(db_.handle(), "UPDATE tokens SET used_at=? WHERE hash=?");
    used.bind(1, clock_()).bind(2, sha256_hex(token));
    used.step();
    std::string session = store_token(org, email, "session", 0, std::nullopt);
    return {200, {{"ok", true}, {"org", org}, {"email", email}, {"workspace", ws}, {"token", session}}};
  } catch (const DbError& e) {
    return error_answer(500, Error(Err::storage_failed, e.what()));
  }
}

const ApiKey* Service::find_key(std::string_view plain, std::string& org_out) {
  if (!looks_like_api_key(plain)) return nullptr;
  KeyFingerprint f = fingerprint(plain);
  Statement st(db_.handle(), "SELECT id FROM orgs");
  std::vector<std::string> ids;
  while (st.step()) ids.push_back(st.text(0));
  for (const auto& id : ids) {
    Org* o = find_org(id);
    if (const ApiKey* k = o ? subspace::find_key(o->state, f.hash, f.last4) : nullptr) {
      org_out = id;
      return k;
    }
  }
  return nullptr;
}

Answer Service::report_usage(std::string_view api_key, const std::string& endpoint, Cents credits) {
  std::lock_guard lock(mu_);
  try {
    std::string org;
    const ApiKey* k = find_key(api_key, org);
    if (!k || k->status != KeyStatus::Active) return error_answer(401, Err::invalid_api_key);
    KeyFingerprint f = fingerprint(api_key);
    Org* o = find_org(org);
    Error e = run_one(org, *o, std::string(kSystemEmail), RecordApiUsage{f.hash, f.last4, endpoint, credits}).error;
    if (e.code == Err::insufficient_credits) return error_answer(402, e);
    if (e.code == Err::invalid_api_key) return error_answer(401, e);
    if (e) return error_answer(400, e);
    const ApiKey* key = subspace::find_key(o->state, f.hash, f.last4);
    const Workspace* ws = o->state.workspace(key->workspace);
    return {200, {{"ok", true}, {"workspace", ws->id}, {"charged", credits}, {"balance", ws->balance}}};
  } catch (const DbError& e) {
    return error_answer(500, Error(Err::storage_failed, e.what()));
  }
}

Answer Service::quota(std::string_view api_key) {
  std::lock_guard lock(mu_);
  try {
    std::string org;
    const ApiKey* k = find_key(api_key, org);
    if (!k || k->status != KeyStatus::Active) return error_answer(401, Err::invalid_api_key);
    const Workspace* ws = orgs_.at(org)->state.workspace(k->workspace);
    if (!ws || !ws->live()) return error_answer(401, Err::invalid_api_key);
    return {200,
            {{"ok", true},
             {"workspace", ws->id},
             {"workspace_name", ws->name},
             {"balance", ws->balance},
             {"consumed_total", ws->consumed_total},
             {"consumed_percent", consumed_percent(*ws)},
             {"alert_percent", ws->alert_percent},
             {"over_alert", over_alert_threshold(*ws)}}};
  } catch (const DbError& e) {
    return error_answer(500, Error(Err::storage_failed, e.what()));
  }
}

}  // namespace subspace::server
