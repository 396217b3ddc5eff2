// Syncing with a server (docs/sync-protocol.md). The server is the authority: commands go
// into a pending queue (kept in the store folder, so they survive a reload offline), are
// sent with the last server sequence seen, and the answer's events are journaled as the
// confirmed state; what is still pending is rebased on top. Offline, the queue grows and
// requests are retried with a growing delay.
#include <algorithm>
#include <optional>

#include "core/state_json.hpp"
#include "shell/app.hpp"

namespace subspace::ui {
namespace {

constexpr const char* kSyncFile = "sync.json";
constexpr const char* kPendingFile = "pending.json";
constexpr TimeMs kPollMs = 4000;          // how often an idle client asks for news
constexpr TimeMs kMaxBackoffMs = 30'000;  // the longest wait between attempts when offline

TimeMs backoff(int failures) {
  TimeMs d = 1000;
  for (int i = 1; i < failures && d < kMaxBackoffMs; ++i) d *= 2;
  return std::min(d, kMaxBackoffMs);
}

}  // namespace

void App::start_sync() {
  sync_.enabled = true;
  sync_.server = config_.server;
  while (!sync_.server.empty() && sync_.server.back() == '/') sync_.server.pop_back();
  sync_.org = config_.org;
  session_.set_server_authority(true);
  // Who was signed in, against which server: a store that synced elsewhere starts over.
  std::optional<std::string> sync_file = storage_.read(kSyncFile);
  Json saved = parse_json(sync_file.value_or("{}"));
  bool same = saved.is_object() && saved.value("server", "") == sync_.server && saved.value("org", "") == sync_.org;
  std::string unsent = storage_.read(kPendingFile).value_or("[]");
  // Starting over must not cost anything that lives only here: an organisation kept in this
  // browser, or changes another server has not received yet.
  if (!same && ((!sync_file && session_.confirmed().has_org) || (sync_file && unsent != "[]"))) {
    sync_.blocked = !sync_file
        ? "This browser store holds '" + session_.confirmed().org_name + "', kept in this browser only. Syncing with " +
              sync_.server + " here would replace it, so nothing was changed. Open the server with a store of its own "
              "(leave out ?store= or choose another name)."
        : "This browser store has changes not yet sent to " + saved.value("server", std::string("another server")) +
              ". Syncing with " + sync_.server + " here would drop them, so nothing was changed. Open it with another "
              "store name (?store=).";
    locked_reason_ = sync_.blocked;
    ui_.read_only = true;
    ui_.read_only_reason = sync_.blocked;
    return;
  }
  if (same) {
    sync_.token = saved.value("token", "");
    sync_.email = saved.value("email", "");
    std::vector<PendingCommand> pending;
    Json pj = parse_json(unsent);
    if (pj.is_array()) {
      for (const auto& j : pj) {
        Command c;
        if (!command_from_json(j, c, true)) pending.push_back({std::move(c), Err::none});
      }
    }
    session_.reset(session_.confirmed(), std::move(pending));
    glyphs_.restart();
  } else {
    session_.reset(State{});
    glyphs_.restart();
    if (Error e = store_->reset(State{})) toast("Could not clear the local copy: " + e.message, true);
    storage_.remove(kPendingFile);
  }
  ui_.acting_as = sync_.email;
  sync_.next_attempt = 0;
  if (sync_.signed_in()) request(Request::Me, "GET", "/v1/orgs/" + sync_.org + "/me", "");
}

void App::save_sync_file() {
  Json j = {{"server", sync_.server}, {"org", sync_.org}, {"token", sync_.token}, {"email", sync_.email}};
  storage_.write(kSyncFile, j.dump());
  touch_storage();
}

void App::save_pending() {
  Json j = Json::array();
  for (const auto& p : session_.pending()) j.push_back(command_to_json(p.command));
  storage_.write(kPendingFile, j.dump());
  touch_storage();
}

void App::sign_in(std::string token) {
  sync_.token = std::move(token);
  sync_.sign_in_error.clear();
  request(Request::Me, "GET", "/v1/orgs/" + sync_.org + "/me", "");
}

void App::sign_out() {
  sync_.token.clear();
  sync_.email.clear();
  ui_.acting_as.clear();
  save_sync_file();
}

std::string App::invite_url(const InviteLink& link) const {
  return config_.page_url + "?server=" + sync_.server + "&org=" + sync_.org + "#/invite/" + link.token;
}

void App::request(Request kind, std::string_view method, std::string_view path, const std::string& body) {
  std::uint64_t id = sync_.next_request++;
  sync_.in_flight[id] = kind;
  platform_.http_request(id, method, sync_.server + std::string(path), body, kind == Request::AcceptInvite ? "" : sync_.token);
}

// A browser reports a server that refuses this page's origin (CORS) as unreachable, the
// same as one that is down: the hint names both.
std::string App::unreachable_hint() const {
  const std::string& url = config_.page_url;
  std::size_t scheme = url.find("://");
  std::string origin = scheme == std::string::npos ? url : url.substr(0, url.find('/', scheme + 3));
  return "is it running, and does it accept this page" +
         (origin.empty() ? std::string("?") : " (scripts/server --allow-origin " + origin + ")?");
}

void App::sync_tick() {
  if (!sync_.enabled || ui_.read_only || !sync_.blocked.empty()) return;  // the writing tab syncs for all
  if (!sync_.invite_token.empty() && sync_.in_flight.empty()) {
    request(Request::AcceptInvite, "POST", "/v1/invites/accept", Json({{"token", sync_.invite_token}}).dump());
    sync_.invite_token.clear();
    return;
  }
  if (!sync_.signed_in() || sync_.syncing()) return;
  bool due = now() >= sync_.next_attempt || sync_.more;
  if (due) send_sync();
}

void App::send_sync() {
  SyncRequest req = make_sync_request(session_, session_.confirmed().last_seq);
  request(Request::Sync, "POST", "/v1/orgs/" + sync_.org + "/sync", sync_request_to_json(req).dump());
}

void App::on_http_response(std::uint64_t id, int status, std::string_view body) {
  auto it = sync_.in_flight.find(id);
  if (it == sync_.in_flight.end()) return;
  Request kind = it->second;
  sync_.in_flight.erase(it);
  Json j = parse_json(body);
  std::string message = j.is_object() && j.contains("error") ? j["error"].value("message", "") : "";
  if (kind == Request::Me) {
    if (status == 200 && j.is_object()) {
      sync_.email = j.value("email", "");
      ui_.acting_as = sync_.email;
      sync_.token_input.clear();
      save_sync_file();
      sync_.next_attempt = 0;
    } else if (status == 0 && !sync_.email.empty()) {
      sync_.offline = true;  // a sign-in checked before: work offline; syncing retries and checks it again
      ui_.acting_as = sync_.email;
    } else if (status == 0) {
      // A token never checked names nobody to act as offline. It stays in the field for another try.
      sync_.token.clear();
      sync_.sign_in_error = "The server at " + sync_.server + " cannot be reached: " + unreachable_hint() + " Then sign in again.";
    } else {
      // The token stays in the field to be checked and corrected.
      sync_.sign_in_error = status == 401 ? "That token was not accepted: it is unknown, mistyped or revoked. Check it, or ask "
                                            "your administrator for a new one."
                            : message.empty() ? "The server refused the token (HTTP " + std::to_string(status) + ")."
                                              : message;
      sign_out();
    }
    return;
  }
  if (kind == Request::AcceptInvite) {
    if (status == 200 && j.is_object()) {
      sync_.token = j.value("token", "");
      sync_.email = j.value("email", "");
      ui_.acting_as = sync_.email;
      save_sync_file();
      toast("Welcome! You joined as " + sync_.email + ".");
      if (WorkspaceId ws = j.value("workspace", Id{0})) pending_route_ = Route{View::Members, ws};
      sync_.next_attempt = 0;
    } else {
      sync_.sign_in_error = status == 0 ? "The server cannot be reached to accept the invitation." : "The invitation could not be accepted: " + message;
      toast(sync_.sign_in_error, true);
    }
    return;
  }
  on_sync_answer(status, body);
}

void App::on_sync_answer(int status, std::string_view body) {
  TimeMs t = now();
  if (status == 0 || status >= 500) {
    ++sync_.failures;
    sync_.offline = status == 0;
    sync_.problem = status == 0 ? "The server cannot be reached: " + unreachable_hint() : "The server failed (HTTP " + std::to_string(status) + ").";
    sync_.next_attempt = t + backoff(sync_.failures);
    return;
  }
  SyncResponse res;
  Json j = parse_json(body);
  std::string message = j.is_object() && j.contains("error") && j["error"].is_object() ? j["error"].value("message", "") : "";
  // 403: the token is good, but its person is in no workspace of the organisation any more.
  if (status == 401 || status == 403) {
    sync_.sign_in_error = status == 401 || message.empty() ? "Your sign-in is no longer valid: sign in again." : message;
    sign_out();
    return;
  }
  // A refusal's own sentence says what is wrong (e.g. a sync version this server does not speak).
  Error e = j.is_discarded() ? Error(Err::invalid_json, "The server's answer is not JSON.")
            : status != 200  ? Error(Err::invalid_field, message.empty() ? j.dump() : message)
                             : sync_response_from_json(j, res);
  if (e) {
    // A garbled answer changes nothing here; try again later.
    ++sync_.failures;
    sync_.problem = "The server answered something unusable: " + e.message.substr(0, 200);
    sync_.next_attempt = t + backoff(sync_.failures);
    return;
  }
  if (res.snapshot)
    if (Error se = store_->reset(*res.snapshot)) toast("Could not save the organisation locally: " + se.message, true);
  SyncOutcome out = apply_sync_response(session_, res);
  for (const auto& [cmd, err] : out.refused)
    toast("The server refused " + std::string(command_name(cmd.type())) + ": " + err.message, true);
  sync_.links.insert(sync_.links.end(), out.invite_links.begin(), out.invite_links.end());
  if (out.error) {
    sync_.problem = out.error.message;
    toast("Sync problem: " + out.error.message, true);
  }
  save_pending();
  sync_.failures = 0;
  sync_.offline = false;
  sync_.problem.clear();
  sync_.more = out.more;
  sync_.last_synced = t;
  sync_.next_attempt = t + (session_.pending().empty() ? kPollMs : 0);
  if (!state().person(sync_.email) && state().has_org) {
    sync_.sign_in_error = "You are no longer part of this organisation.";
    sign_out();
  }
  platform_.emit("sync", Json({{"last_seq", session_.confirmed().last_seq}, {"pending", session_.pending().size()}}).dump());
}

}  // namespace subspace::ui
