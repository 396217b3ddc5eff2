#include "core/session.hpp"

#include <algorithm>
#include <unordered_set>

namespace subspace {

void Session::set_server_authority(bool on) { server_authority_ = on; }

ExecResult Session::dispatch(const Command& c) {
  if (!server_authority_) {
    ExecResult r = execute(confirmed_, c, confirmed_.last_seq + 1);
    if (r.event && sink_) sink_(*r.event);
    return r;
  }
  // With a server, API usage is charged only by the server's key endpoint (the key is the
  // credential there); a client that queued it would let anyone charge any workspace's
  // credits with a key hash from its state. The server refuses it too.
  if (c.type() == CommandType::RecordApiUsage) return ExecResult{Err::usage_needs_api_key, std::nullopt};
  if (!view_) view_ = confirmed_;
  // Pending events are numbered past the confirmed ones; the server renumbers them.
  ExecResult r = execute(*view_, c, view_->last_seq + 1);
  if (r.accepted()) pending_.push_back({c, Err::none});
  else if (r.event) pending_.push_back({c, r.error.code});  // audited by the server too
  if (pending_.empty()) view_.reset();
  return r;
}

std::vector<std::pair<Command, Error>> Session::apply_confirmed(const std::vector<Event>& events, Error* replay_error) {
  std::unordered_set<CommandId> done;
  for (const Event& e : events) {
    if (e.seq <= confirmed_.last_seq) continue;  // already have it (a resent page)
    if (Error err = apply_event(confirmed_, e)) {
      if (replay_error && !*replay_error) *replay_error = err;
      continue;
    }
    done.insert(e.command.env.id);
    if (sink_) sink_(e);
  }
  std::vector<PendingCommand> still;
  for (auto& p : pending_)
    if (!done.count(p.command.env.id)) still.push_back(std::move(p));
  pending_ = std::move(still);
  return rebase();
}

void Session::reset(State confirmed, std::vector<PendingCommand> pending) {
  // The UI caches by State::version, which is not stored: a state that replaces the one
  // shown (a snapshot, a projection, a load) must not reuse a number shown for other content.
  confirmed.version = std::max(confirmed.version, state().version + 1);
  confirmed_ = std::move(confirmed);
  pending_ = std::move(pending);
  rebase();
}

std::vector<std::pair<Command, Error>> Session::rebase() {
  std::vector<std::pair<Command, Error>> refused;
  if (pending_.empty()) {
    view_.reset();
    return refused;
  }
  view_ = confirmed_;
  for (auto& p : pending_) {
    ExecResult r = execute(*view_, p.command, view_->last_seq + 1);
    if (!r.accepted() && p.local_refusal == Err::none) refused.emplace_back(p.command, r.error);
    p.local_refusal = r.error.code;
  }
  return refused;
}

}  // namespace subspace

namespace subspace {

std::optional<Command> Session::drop_pending(CommandId id) {
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->command.env.id != id) continue;
    Command c = std::move(it->command);
    pending_.erase(it);
    rebase();
    return c;
  }
  return std::nullopt;
}

const PendingCommand* Session::find_pending(CommandId id) const {
  for (const auto& p : pending_)
    if (p.command.env.id == id) return &p;
  return nullptr;
}

}  // namespace subspace
