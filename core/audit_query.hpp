// The audit log by filter, one query for the UI, the server and the CLI: by workspace,
// actor, kind of command and result (accepted, or refused attempts).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/commands.hpp"

namespace subspace {

enum class AuditResult : std::uint8_t { Any, Accepted, Refused };

// Each dimension left at its default matches every entry.
struct AuditFilter {
  // One workspace's entries (0: the organisation-wide ones, such as update_person); none: all.
  std::optional<WorkspaceId> workspace;
  // Part of the actor's email or display name, ASCII case ignored and trimmed ("system"
  // finds the system's entries); empty: anyone.
  std::string actor;
  std::optional<CommandType> kind;
  AuditResult result = AuditResult::Any;  // Refused: the attempt_refused entries
  // Leaves out recorded API calls, which outnumber every other entry in a busy organisation.
  bool hide_api_usage = false;
  bool operator==(const AuditFilter&) const = default;
};

// A filter resolved against one State: the actor text becomes a verdict per person once,
// so each entry costs a few comparisons.
class AuditMatcher {
 public:
  AuditMatcher(const State& s, const AuditFilter& f);
  bool operator()(const AuditEntry& e) const;

 private:
  AuditFilter filter_;
  bool any_actor_ = true;
  std::vector<bool> person_;  // by PersonIx, when an actor is asked for
  bool system_ = true;
};

// Indices into s.audit of every entry that matches, oldest first.
std::vector<std::uint32_t> audit_query(const State& s, const AuditFilter& f);

// The same answer kept up to date for a view that asks every frame. The log only grows,
// so a refresh examines just the entries appended since the last one, and none while the
// log and the filter are unchanged. A log that was replaced rather than grown (reload,
// import, a sync rebase) shows in its last examined entry, and is rebuilt; a state's
// version would not show it, as two states can reach the same version by different paths.
// An actor is matched by the name they had when their entry was examined.
class AuditRows {
 public:
  void refresh(const State& s, const AuditFilter& f);
  const std::vector<std::uint32_t>& rows() const { return rows_; }
  std::size_t examined() const { return examined_; }  // entries the last refresh looked at

 private:
  bool still_valid(const State& s, const AuditFilter& f) const;

  AuditFilter filter_;
  std::vector<std::uint32_t> rows_;
  std::size_t scanned_ = 0;
  AuditEntry last_;  // s.audit[scanned_ - 1] as it was examined
  std::size_t examined_ = 0;
};

}  // namespace subspace
