// The app's side of syncing with a server (docs/sync-protocol.md): who is signed in, what is
// in flight, how long to wait after a failure, and what to tell the user.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/sync_protocol.hpp"
#include "shell/ui_state.hpp"

namespace subspace::ui {

enum class Request : std::uint8_t { Sync, Me, AcceptInvite };

struct SyncState {
  bool enabled = false;  // a server is configured: it is the authority, the acting-as switch is gone
  std::string server, org;
  std::string token, email;  // the signed-in person (kept in the store folder, file sync.json)
  std::string invite_token;  // from an invitation link (#/invite/<token>), to accept once
  std::map<std::uint64_t, Request> in_flight;
  std::uint64_t next_request = 1;
  TimeMs next_attempt = 0;  // when to sync next (backoff after failures, polling when idle)
  int failures = 0;
  bool offline = false, more = false;
  TimeMs last_synced = 0;
  std::string problem;  // the last failure, in words
  std::string blocked;  // why this store may not sync with this server (nothing is sent or written)
  std::vector<InviteLink> links;  // invitation links to show the inviter
  TextBuf<128> token_input;
  std::string sign_in_error;

  // A token counts once the server has said whose it is (email); until then it is being checked.
  bool signed_in() const { return enabled && !token.empty() && !email.empty(); }
  bool syncing() const {
    for (const auto& [id, kind] : in_flight)
      if (kind == Request::Sync) return true;
    return false;
  }
};

}  // namespace subspace::ui
