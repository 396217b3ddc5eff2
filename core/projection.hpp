// What one person may know of the organisation. DESIGN.md: sub-workspaces cannot see each
// other; a member of sub A sees nothing of sub B but the name of the workspace an asset was
// shared from. The server sends this, never the whole state, to anyone but org admins.
#pragma once
#include "core/model.hpp"

namespace subspace {

// The state as `person` may see it, a valid State the engine runs on (numbered as of
// s.last_seq, so pending commands rebase on it). Org admins see everything: for them it is
// `s` unchanged. For anyone else it keeps:
//  * every workspace where they are active, whole (members, assets, videos, balances);
//    there, API keys (hash and last four) only where they may use the API, and usage, the
//    ledger and the audit log only where they may see billing (usage also with the API);
//  * workspaces they are invited to, as a name with their own invitation;
//  * the owner of an asset shared into theirs, and the parent, as a name only (the
//    parent also lists which of the people kept are org admins, whom a sub cannot demote);
//  * the people those mention, and the seats held by everyone left out, as counts
//    (State::elsewhere), so the org's seat figures stay exact.
// The books stay balanced: "consumed" is what the kept workspaces consumed, "outside" the
// rest. Pure and deterministic: the same state and person give the same projection.
State project_for(const State& s, PersonIx person);

}  // namespace subspace
