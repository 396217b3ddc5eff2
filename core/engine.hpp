// The engine: validates a command against the State and its actor's rights, and applies it.
#pragma once
#include <optional>

#include "core/commands.hpp"

namespace subspace {

struct ExecResult {
  Error error;                 // none = accepted
  std::optional<Event> event;  // what goes into the journal: accepted, or attempt_refused
  bool accepted() const { return !error; }
};

// Runs `cmd` as event number `seq`. On acceptance the State changes and an audit entry is
// appended. A refused permission-bearing command from a known actor changes nothing but
// the audit log (attempt_refused). A refusal for malformed input or an unknown actor
// changes nothing at all and yields no event.
ExecResult execute(State& s, const Command& cmd, std::uint64_t seq);

// Replays a journal event: runs its command again and checks that it ends as recorded.
Error apply_event(State& s, const Event& e);

}  // namespace subspace
