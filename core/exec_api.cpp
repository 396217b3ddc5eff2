// API keys and their usage. Plain keys never reach this file: only SHA-256 + last four.
#include "core/exec_context.hpp"
#include "core/text.hpp"

namespace subspace {
namespace {

Error check_last4(const std::string& last4) {
  bool ok = last4.size() == 4;
  for (char ch : last4) ok &= (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  return ok ? Error{} : Error(Err::invalid_key_hash, "'last4' must be the key's last four characters.");
}

Error find_active_key(Ctx& c, KeyId id, const ApiKey*& out) {
  out = c.s.key(id);
  if (!out) return Err::key_not_found;
  const Workspace* ws;
  if (Error e = find_workspace(c, out->workspace, ws)) return e.code == Err::workspace_not_found ? Error(Err::key_not_found) : e;
  if (Error e = require(c, *ws, Perm::Api)) return e;
  if (out->status != KeyStatus::Active) return Err::key_not_active;
  return {};
}

}  // namespace

Error exec(Ctx& c, const CreateApiKey& p) {
  const Workspace* ws;
  if (Error e = find_workspace(c, p.workspace, ws)) return e;
  if (Error e = require(c, *ws, Perm::Api)) return e;
  if (Error e = require_new_id(c)) return e;
  std::string label;
  if (Error e = check_label(p.label, label, "A key label")) return e;
  if (Error e = check_last4(p.last4)) return e;
  ApiKey k;
  k.id = c.id();
  k.workspace = ws->id;
  k.label = label;
  k.hash = p.key_hash;
  k.last4 = p.last4;
  k.created_by = c.actor;
  k.created_at = c.now();
  mut::add_key(c.s, std::move(k));
  c.detail = "created key '" + label + "' ending " + p.last4;
  return {};
}

Error exec(Ctx& c, const RotateApiKey& p) {
  const ApiKey* old;
  if (Error e = find_active_key(c, p.key, old)) return e;
  if (Error e = require_new_id(c)) return e;
  if (Error e = check_last4(p.last4)) return e;
  ApiKey k;
  k.id = c.id();
  k.workspace = old->workspace;
  k.label = old->label;
  k.hash = p.key_hash;
  k.last4 = p.last4;
  k.created_by = c.actor;
  k.created_at = c.now();
  c.detail = "rotated key '" + old->label + "' ending " + old->last4 + " to one ending " + p.last4;
  ApiKey& o = mut::key(c.s, old->id);
  o.status = KeyStatus::Rotated;
  o.ended_at = c.now();
  o.replaced_by = k.id;
  mut::add_key(c.s, std::move(k));
  return {};
}

Error exec(Ctx& c, const RevokeApiKey& p) {
  const ApiKey* k;
  if (Error e = find_active_key(c, p.key, k)) return e;
  c.detail = "revoked key '" + k->label + "' ending " + k->last4;
  ApiKey& m = mut::key(c.s, k->id);
  m.status = KeyStatus::Revoked;
  m.ended_at = c.now();
  return {};
}

Error exec(Ctx& c, const RecordApiUsage& p) {
  // The key is the credential here: whoever holds it may report usage against it. Only two
  // callers hold keys: the server's X-Api-Key endpoint (as system) and the offline app's
  // simulated call. A synced client never sends this (Session refuses it; so does the
  // server's sync), since the state it holds has key hashes, not keys.
  const ApiKey* k = find_key(c.s, p.key_hash, p.last4);
  const Workspace* ws = k ? c.s.workspace(k->workspace) : nullptr;
  if (!k || k->status != KeyStatus::Active || !ws || !ws->live() || !workspace_has_api(c.s, *ws)) return Err::invalid_api_key;
  c.audit_workspace = ws->id;
  std::string endpoint;
  if (Error e = check_label(p.endpoint, endpoint, "An endpoint", 128)) return e;
  if (p.credits < 0 || p.credits > kMaxAmount) return Err::invalid_amount;
  if (p.credits > ws->balance)
    return Error(Err::insufficient_credits, "'" + ws->name + "' has " + format_credits(ws->balance) + " credits; the call needs " +
                                                format_credits(p.credits) + ".");
  mut::record_usage(c.s, mut::key(c.s, k->id), endpoint, p.credits, c.now());
  return {};  // the audit entry points at the usage event (audit_detail)
}

std::string audit_detail(const State& s, const AuditEntry& e) {
  if (e.usage == kNoUsage || e.usage >= s.usage.size()) return e.detail;
  const UsageEvent& u = s.usage[e.usage];
  return std::string(s.endpoint_name(u.endpoint)) + ", " + format_credits(u.credits) + " credits";
}

}  // namespace subspace
