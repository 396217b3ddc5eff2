#include "core/audit_query.hpp"

#include "core/text.hpp"

namespace subspace {
namespace {

bool contains(std::string_view text, std::string_view needle) { return text.find(needle) != std::string_view::npos; }

bool same_entry(const AuditEntry& a, const AuditEntry& b) {
  return a.time == b.time && a.actor == b.actor && a.workspace == b.workspace && a.type == b.type && a.result == b.result &&
         a.usage == b.usage && a.detail == b.detail;
}

// Appends the indices of the matching entries from `from` on.
void append_matches(const State& s, const AuditFilter& f, std::size_t from, std::vector<std::uint32_t>& out) {
  AuditMatcher match(s, f);
  for (std::size_t i = from; i < s.audit.size(); ++i)
    if (match(s.audit[i])) out.push_back(static_cast<std::uint32_t>(i));
}

}  // namespace

AuditMatcher::AuditMatcher(const State& s, const AuditFilter& f) : filter_(f) {
  std::string needle = ascii_lower(trim(f.actor));
  if (needle.empty()) return;
  any_actor_ = false;
  person_.resize(s.people.size());
  for (PersonIx p = 0; p < s.people.size(); ++p)
    person_[p] = contains(s.people[p].email, needle) || contains(ascii_lower(s.people[p].name), needle);
  system_ = contains(kSystemEmail, needle);
}

bool AuditMatcher::operator()(const AuditEntry& e) const {
  const AuditFilter& f = filter_;
  if (f.workspace && e.workspace != *f.workspace) return false;
  if (f.kind && e.type != *f.kind) return false;
  if (f.hide_api_usage && e.type == CommandType::RecordApiUsage) return false;
  if (f.result != AuditResult::Any && (e.result == Err::none) != (f.result == AuditResult::Accepted)) return false;
  if (any_actor_) return true;
  if (e.actor == kSystemActor) return system_;
  return e.actor < person_.size() && person_[e.actor];
}

std::vector<std::uint32_t> audit_query(const State& s, const AuditFilter& f) {
  std::vector<std::uint32_t> out;
  append_matches(s, f, 0, out);
  return out;
}

bool AuditRows::still_valid(const State& s, const AuditFilter& f) const {
  if (f != filter_ || scanned_ > s.audit.size()) return false;
  return scanned_ == 0 || same_entry(s.audit[scanned_ - 1], last_);
}

void AuditRows::refresh(const State& s, const AuditFilter& f) {
  examined_ = 0;
  if (!still_valid(s, f)) {
    filter_ = f;
    rows_.clear();
    scanned_ = 0;
  }
  if (scanned_ == s.audit.size()) return;  // the usual frame: nothing new
  append_matches(s, filter_, scanned_, rows_);
  examined_ = s.audit.size() - scanned_;
  scanned_ = s.audit.size();
  last_ = s.audit.back();
}

}  // namespace subspace
