#include "core/sync_protocol.hpp"

#include "core/state_json.hpp"

namespace subspace {
namespace {

Error bad(const std::string& what) { return Error(Err::invalid_field, what); }

bool read_u64(const Json& j, const char* key, std::uint64_t& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned()) return false;
  out = it->get<std::uint64_t>();
  return true;
}

// A body's format version: absent means 1. The refusal names both versions.
Error check_version(const Json& j, const char* sender, const char* reader) {
  auto it = j.find("version");
  if (it == j.end() || (it->is_number_integer() && it->get<std::int64_t>() == kSyncVersion)) return {};
  return Error(Err::unsupported_version, std::string(sender) + " sync version " + it->dump() + "; " + reader + " version " +
                                             std::to_string(kSyncVersion) + " only.");
}

}  // namespace

Json sync_request_to_json(const SyncRequest& r) {
  Json cmds = Json::array();
  for (const auto& c : r.commands) cmds.push_back(command_to_json(c));
  Json j = {{"version", kSyncVersion}, {"since", r.since}, {"commands", cmds}, {"limit", r.limit}};
  if (!r.projected_for.empty()) j["projected_for"] = r.projected_for;
  return j;
}

Error sync_request_from_json(const Json& j, SyncRequest& out) {
  if (!j.is_object()) return bad("A sync request is a JSON object.");
  if (Error e = check_version(j, "The request is in", "this server speaks")) return e;
  for (auto& [k, v] : j.items())
    if (k != "version" && k != "since" && k != "commands" && k != "limit" && k != "projected_for")
      return Error(Err::unknown_field, "Unknown field '" + k + "'.");
  if (!read_u64(j, "since", out.since)) return bad("Field 'since' must be a whole number.");
  if (j.contains("limit")) {
    std::uint64_t limit;
    if (!read_u64(j, "limit", limit) || limit < 1 || limit > kSyncPageLimit)
      return bad("Field 'limit' must be from 1 to " + std::to_string(kSyncPageLimit) + ".");
    out.limit = static_cast<int>(limit);
  }
  if (auto it = j.find("projected_for"); it != j.end()) {
    if (!it->is_string() || it->get_ref<const std::string&>().size() > 320) return bad("Field 'projected_for' must be an email.");
    out.projected_for = it->get<std::string>();
  }
  auto cmds = j.find("commands");
  if (cmds == j.end() || !cmds->is_array()) return bad("Field 'commands' must be a list.");
  if (cmds->size() > static_cast<size_t>(kSyncMaxCommands))
    return bad("At most " + std::to_string(kSyncMaxCommands) + " commands per request.");
  out.commands.clear();
  for (size_t i = 0; i < cmds->size(); ++i) {
    Command c;
    if (Error e = command_from_json((*cmds)[i], c, true)) {
      e.message = "commands[" + std::to_string(i) + "]: " + e.message;
      return e;
    }
    out.commands.push_back(std::move(c));
  }
  return {};
}

Json sync_response_to_json(const SyncResponse& r) {
  Json results = Json::array();
  for (const auto& res : r.results) {
    Json j = {{"id", res.id}, {"ok", !res.error}};
    if (res.seq) j["seq"] = res.seq;
    if (res.error) j["error"] = error_to_json(res.error);
    if (!res.invite_links.empty()) {
      Json links = Json::array();
      for (const auto& l : res.invite_links) links.push_back({{"workspace", l.workspace}, {"email", l.email}, {"token", l.token}});
      j["invite_links"] = links;
    }
    results.push_back(std::move(j));
  }
  Json events = Json::array();
  for (const auto& e : r.events) events.push_back(event_to_json(e));
  Json j = {{"version", kSyncVersion}, {"results", results}, {"events", events}, {"last_seq", r.last_seq},
            {"more", r.more}, {"server_time", r.server_time}};
  if (r.snapshot) {
    j["snapshot"] = state_to_json(*r.snapshot);
    j["snapshot_seq"] = r.snapshot_seq;
  }
  return j;
}

Error sync_response_from_json(const Json& j, SyncResponse& out) {
  if (!j.is_object()) return bad("The server's answer is not a sync response.");
  if (Error e = check_version(j, "The server answered in", "this app speaks (reload it for a newer one)")) return e;
  if (!j.contains("results") || !j.contains("events") || !j["results"].is_array() || !j["events"].is_array())
    return bad("The server's answer is not a sync response.");
  if (!read_u64(j, "last_seq", out.last_seq)) return bad("The server's answer has no 'last_seq'.");
  out.more = j.value("more", false);
  out.server_time = j.value("server_time", TimeMs{0});
  out.results.clear();
  for (const auto& rj : j["results"]) {
    SyncResult res;
    if (!rj.is_object() || !read_u64(rj, "id", res.id) || !rj.contains("ok") || !rj["ok"].is_boolean())
      return bad("The server's answer has a malformed result.");
    read_u64(rj, "seq", res.seq);
    if (!rj["ok"].get<bool>()) {
      const Json& e = rj.value("error", Json::object());
      std::string code = e.value("code", "");
      if (!parse_error_code(code, res.error.code) || res.error.code == Err::none) res.error.code = Err::forbidden;
      res.error.message = e.value("message", std::string(error_default_message(res.error.code)));
    }
    if (rj.contains("invite_links") && rj["invite_links"].is_array())
      for (const auto& l : rj["invite_links"])
        if (l.is_object() && l.contains("token") && l["token"].is_string())
          res.invite_links.push_back({l.value("workspace", Id{0}), l.value("email", ""), l["token"].get<std::string>()});
    out.results.push_back(std::move(res));
  }
  out.events.clear();
  for (const auto& ej : j["events"]) {
    Event e;
    if (Error err = event_from_json(ej, e)) return Error(err.code, "The server sent an unreadable event: " + err.message);
    out.events.push_back(std::move(e));
  }
  if (j.contains("snapshot")) {
    State s;
    if (Error err = state_from_json(j["snapshot"], s)) return err;
    out.snapshot = std::move(s);
    read_u64(j, "snapshot_seq", out.snapshot_seq);
  }
  return {};
}

SyncRequest make_sync_request(const Session& s, std::uint64_t since, int max_commands) {
  SyncRequest r;
  r.since = since;
  r.projected_for = s.confirmed().projected_for;
  for (const auto& p : s.pending()) {
    if (static_cast<int>(r.commands.size()) >= max_commands) break;
    r.commands.push_back(p.command);
  }
  return r;
}

SyncOutcome apply_sync_response(Session& s, const SyncResponse& r) {
  SyncOutcome out;
  out.more = r.more;
  // A projection holds too little to replay events on; the server never sends it any.
  if (!r.snapshot && !r.events.empty() && !s.confirmed().projected_for.empty()) {
    out.error = Error(Err::replay_mismatch, "The server sent events for a state it had sent as a projection.");
    return out;
  }
  if (r.snapshot) s.reset(*r.snapshot, s.pending());
  for (const auto& res : r.results) {
    out.invite_links.insert(out.invite_links.end(), res.invite_links.begin(), res.invite_links.end());
    const PendingCommand* p = s.find_pending(res.id);
    if (!p) continue;
    if (res.error) out.refused.emplace_back(p->command, res.error);
    // Decided with no event to come for it, or already inside the new snapshot: done. (Its
    // event, if any, arrives otherwise and drops it in apply_confirmed.)
    bool in_snapshot = r.snapshot && res.seq && res.seq <= r.snapshot_seq;
    if ((res.error && res.seq == 0) || in_snapshot) s.drop_pending(res.id);
  }
  Error replay;
  s.apply_confirmed(r.events, &replay);
  if (replay) out.error = replay;
  return out;
}

}  // namespace subspace
