// A Session owns the organisation's state as one client sees it: the confirmed state (as of
// the last event the authority numbered) and, when a server is the authority, the pending
// commands on top of it. Offline, the session is its own authority and every command is
// confirmed at once.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/engine.hpp"

namespace subspace {

struct Clock {
  virtual ~Clock() = default;
  virtual TimeMs now() = 0;
};

struct IdSource {
  virtual ~IdSource() = default;
  virtual Id next() = 0;  // unique, 1 .. 2^53-1
};

// Deterministic sources for tests, the CLI and the demo generator.
struct FixedClock final : Clock {
  TimeMs t = 0;
  explicit FixedClock(TimeMs start) : t(start) {}
  TimeMs now() override { return t; }
};
struct CounterIds final : IdSource {
  Id n;
  explicit CounterIds(Id start = 1) : n(start) {}
  Id next() override { return n++; }
};

struct PendingCommand {
  Command command;
  Err local_refusal = Err::none;  // refused locally; still sent so the server audits the attempt
};

class Session {
 public:
  using EventSink = std::function<void(const Event&)>;

  Session() = default;
  explicit Session(State confirmed) : confirmed_(std::move(confirmed)) {}

  // What the UI shows: the confirmed state with pending commands applied.
  const State& state() const { return view_ ? *view_ : confirmed_; }
  const State& confirmed() const { return confirmed_; }
  const std::vector<PendingCommand>& pending() const { return pending_; }

  // Offline (the default), dispatch confirms at once and numbers the event; with a server
  // as authority, it applies the command speculatively and queues it.
  void set_server_authority(bool on);
  bool server_authority() const { return server_authority_; }
  void set_sink(EventSink sink) { sink_ = std::move(sink); }

  ExecResult dispatch(const Command& c);

  // --- used by persistence and sync ---
  // Applies events numbered by the authority, in order. Pending commands whose ids appear
  // are dropped; the rest are re-applied on top. Returns the pending commands that the
  // rebase turned into refusals (someone else's change got there first).
  std::vector<std::pair<Command, Error>> apply_confirmed(const std::vector<Event>& events, Error* replay_error = nullptr);
  void reset(State confirmed, std::vector<PendingCommand> pending = {});
  std::vector<std::pair<Command, Error>> rebase();
  // Forgets a pending command the authority refused without an event; returns it.
  std::optional<Command> drop_pending(CommandId id);
  const PendingCommand* find_pending(CommandId id) const;

 private:
  State confirmed_;
  std::optional<State> view_;  // only while commands are pending
  std::vector<PendingCommand> pending_;
  bool server_authority_ = false;
  EventSink sink_;
};

// Builds commands with ids and times from the platform.
struct CommandFactory {
  Clock& clock;
  IdSource& ids;
  Command make(std::string actor, Payload p) { return Command{{ids.next(), std::move(actor), clock.now()}, std::move(p)}; }
};

}  // namespace subspace
