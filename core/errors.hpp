// Errors are values: a stable code for programs and a sentence for people.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace subspace {

// X(code, default sentence). Codes are part of the public API (JSON, HTTP, docs): never
// rename one; add new ones at the end of their group.
#define SUBSPACE_ERRORS(X)                                                                          \
  X(none, "OK")                                                                                   \
  /* input shape */                                                                               \
  X(invalid_json, "The input is not valid JSON.")                                                 \
  X(unknown_command, "Unknown command type.")                                                     \
  X(missing_field, "A required field is missing.")                                                \
  X(invalid_field, "A field has the wrong type or an impossible value.")                          \
  X(unknown_field, "The command has a field it does not know.")                                   \
  X(unsupported_version, "The data was written by a newer or unknown format version.")           \
  X(id_conflict, "That id is already in use.")                                                    \
  /* who */                                                                                       \
  X(unknown_actor, "The acting person is not part of this organisation.")                         \
  X(forbidden, "You do not have permission to do that.")                                          \
  X(system_only, "Only the system may do that.")                                                  \
  X(usage_needs_api_key, "API usage is reported with the key itself (POST /v1/usage with X-Api-Key), not through sync.") \
  X(no_access, "You are no longer a member of any workspace of this organisation, nor invited to one.") \
  /* organisation */                                                                              \
  X(no_org, "There is no organisation yet.")                                                      \
  X(org_exists, "The organisation already exists.")                                               \
  X(plan_below_usage, "The plan cannot go below what is already in use.")                         \
  X(unknown_org, "There is no organisation with that id on this server.")                          \
  X(unauthorized, "Sign in first: the token is missing, unknown or revoked.")                      \
  X(invalid_invite, "That invitation link is not valid.")                                           \
  X(invite_used, "That invitation link was already used.")                                         \
  /* workspaces */                                                                                \
  X(workspace_not_found, "That workspace does not exist.")                                        \
  X(not_a_sub_workspace, "That only applies to sub-workspaces.")                                  \
  X(invalid_name, "A workspace name must have 1 to 64 characters.")                               \
  X(name_taken, "Another workspace already has that name.")                                       \
  X(workspace_in_trash, "That workspace is in the trash.")                                        \
  X(not_in_trash, "That workspace is not in the trash.")                                          \
  X(restore_window_passed, "The 30-day restore window has passed.")                               \
  X(restore_seats_missing, "Not enough free seats to restore the workspace's members.")           \
  X(purge_too_early, "A workspace can be purged only 30 days after deletion.")                    \
  X(confirmation_mismatch, "Type the workspace's name exactly to confirm.")                       \
  X(invalid_image, "The image reference is not valid.")                                           \
  /* people and members */                                                                        \
  X(person_not_found, "That person is not part of this organisation.")                            \
  X(invalid_email, "That is not a valid email address.")                                          \
  X(invalid_role, "Unknown role.")                                                                \
  X(empty_batch, "Add at least one person to invite.")                                            \
  X(batch_too_large, "Too many invitations in one batch.")                                        \
  X(duplicate_in_batch, "That email appears more than once in the batch.")                        \
  X(already_member, "That person is already a member of this workspace.")                         \
  X(already_invited, "That person already has a pending invitation to this workspace.")           \
  X(seat_limit_reached, "Seat limit reached: remove a member or revoke an invitation first")      \
  X(sub_seat_cap_reached, "This sub-workspace's seat cap is reached.")                            \
  X(invalid_batch, "Some rows of the batch cannot be invited; nothing was invited.")              \
  X(not_a_member, "That person is not a member of this workspace.")                               \
  X(invitation_not_found, "There is no invitation for that person in this workspace.")            \
  X(invitation_expired, "That invitation has expired: ask for it to be resent.")                  \
  X(own_role, "Nobody can change their own role.")                                                \
  X(last_super_admin, "The last Super Admin of the parent workspace cannot be removed or demoted.") \
  X(org_admin_protected, "Only org admins can remove or demote an org admin.")                    \
  X(seat_cap_below_usage, "The seat cap cannot be lower than the people already there.")          \
  /* credits and slots */                                                                         \
  X(invalid_amount, "The amount must be a positive number of credits.")                           \
  X(insufficient_credits, "Not enough credits.")                                                  \
  X(billing_managed_by_parent, "The parent workspace manages this sub-workspace's billing.")      \
  X(reclaim_exceeds_allocation, "You can reclaim at most the allocated credits that are unspent.") \
  X(invalid_threshold, "The alert threshold must be between 1 and 100 percent.")                  \
  X(avatar_slots_exhausted, "No free avatar slot in this workspace.")                             \
  X(reclaim_exceeds_free_slots, "You can reclaim at most the allocated avatar slots that are free.") \
  /* api */                                                                                       \
  X(api_access_disabled, "This sub-workspace cannot view API settings.")                          \
  X(key_not_found, "That API key does not exist.")                                                \
  X(key_not_active, "That API key was rotated or revoked.")                                       \
  X(invalid_api_key, "The API key is not valid.")                                                 \
  X(invalid_key_hash, "A key is given as a SHA-256 hash (64 hex digits) and its last four characters.") \
  /* assets and videos */                                                                         \
  X(asset_not_found, "That asset does not exist.")                                                \
  X(asset_not_available, "That asset is not available in this workspace.")                        \
  X(asset_kind_mismatch, "That asset is of the wrong kind.")                                      \
  X(use_only_asset, "A shared asset is use-only here.")                                           \
  X(video_not_found, "That video does not exist.")                                                \
  X(invalid_duration, "A video lasts from 1 second to 2 hours.")                                  \
  X(asset_name_taken, "This workspace already has an asset of that kind with that name.")          \
  /* storage and sync */                                                                          \
  X(storage_corrupt, "Stored data is damaged.")                                                   \
  X(storage_failed, "Saving failed.")                                                             \
  X(replay_mismatch, "A stored event could not be replayed.")

enum class Err : std::uint16_t {
#define SUBSPACE_X(code, msg) code,
  SUBSPACE_ERRORS(SUBSPACE_X)
#undef SUBSPACE_X
};

std::string_view error_code(Err e);
std::string_view error_default_message(Err e);
bool parse_error_code(std::string_view s, Err& out);

// One row of a batch that cannot go in (invitations, CSV imports).
struct RowProblem {
  int row = 0;  // 0-based index into the batch
  std::string email;
  Err code = Err::none;
  std::string message;
};

struct Error {
  Err code = Err::none;
  std::string message;
  std::vector<RowProblem> rows;  // only for batch refusals

  Error() = default;
  Error(Err c) : code(c), message(error_default_message(c)) {}  // NOLINT: errors convert freely
  Error(Err c, std::string m) : code(c), message(std::move(m)) {}
  explicit operator bool() const { return code != Err::none; }
};

}  // namespace subspace
