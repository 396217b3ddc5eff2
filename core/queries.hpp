// Read-only questions the UI, the server and the engine ask of a State. None of them scans
// the whole organisation: they read counters and indices the engine keeps up to date.
#pragma once
#include <vector>

#include "core/commands.hpp"

namespace subspace {

// People holding a seat at `now`: active somewhere live, or an unexpired invitation.
int seats_used(const State& s, TimeMs now);
int seats_left(const State& s, TimeMs now);
bool holds_seat(const State& s, PersonIx p, TimeMs now);
// Whether `p` would still hold a seat without their membership of `ws`: active or with an
// unexpired invitation in another live workspace, including those a projection leaves out.
bool keeps_seat_without(const State& s, PersonIx p, WorkspaceId ws, TimeMs now);
// People active or with an unexpired invitation in this workspace (for the per-sub cap).
int workspace_seats_used(const Workspace& ws, TimeMs now);
// Free places under the sub's cap, or -1 when it has no cap.
int workspace_cap_left(const Workspace& ws, TimeMs now);

bool invitation_expired(const Membership& m, TimeMs now);

// What a batch of invitations into `ws` would do, row by row, without doing it. The engine
// refuses the batch unless every row is fine; the UI shows the same verdicts as a preview.
struct InviteVerdict {
  std::string email;  // normalized (or the raw text if invalid)
  Err problem = Err::none;
  std::string message;
  bool needs_new_seat = false;  // the person holds no seat yet
};
struct InvitePreview {
  std::vector<InviteVerdict> rows;
  int new_seats = 0;   // seats the good rows would take
  int seats_left = 0;  // before the batch
  int ok_count() const;
};
// `ws` may be null for a workspace about to be created (with an optional cap).
InvitePreview preview_invites(const State& s, const Workspace* ws, std::optional<std::int32_t> cap,
                              const std::vector<InviteRow>& rows, TimeMs now);
// Folds a preview into one refusal (or none): seat limit first, then cap, then the rest.
Error batch_error(const InvitePreview& p);
// Whether a new sub-workspace can start with `amount` from the parent's pool (the wizard
// asks before it sends).
Error initial_credits_error(const State& s, Cents amount);
// Why the trashed `ws` cannot be restored now (the window has passed, its members need
// seats, its avatars need slots), or none: the trash says it before Restore is pressed.
Error restore_error(const State& s, const Workspace& ws, TimeMs now);
// Why `raw` cannot name a workspace (renaming `self`, or 0 for a new one): invalid_name or
// name_taken with the sentence to show, or none. The commands and the forms check alike.
// A name taken by a workspace `viewer` may not see is refused without naming it (the
// names of other subs, a client's say, are not theirs to read); kNoPerson sees all.
Error workspace_name_error(const State& s, std::string_view raw, WorkspaceId self = 0, PersonIx viewer = kNoPerson);
// The avatar slots a restore takes back from the parent: its avatars beyond its own slots.
int restore_slots_needed(const State& s, const Workspace& ws);

int avatar_count(const State& s, const Workspace& ws);
int free_avatar_slots(const State& s, const Workspace& ws);

// Whether `asset` may be used in `ws` (owned there or shared in).
bool asset_available(const Asset& a, const Workspace& ws);

// Alert: the share of the credits a sub has received that it has consumed, in percent.
int consumed_percent(const Workspace& ws);
bool over_alert_threshold(const Workspace& ws);

// Sum over all ledger accounts (zero when the books balance).
Cents ledger_sum(const State& s);

// The key a plain-text key's hash and last four belong to (constant-time hash compare).
const ApiKey* find_key(const State& s, const KeyHash& hash, std::string_view last4);

Cents video_cost(const Plan& plan, std::int32_t duration_seconds);

}  // namespace subspace
