#include "core/csv.hpp"

#include "core/queries.hpp"
#include "core/text.hpp"

namespace subspace {

std::string csv_field(std::string_view s) {
  bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@');
  bool quote = formula || s.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) return std::string(s);
  std::string out = "\"";
  if (formula) out += '\'';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    line += csv_field(fields[i]);
  }
  line += "\r\n";
  return line;
}

std::string members_csv(const State& s, const Workspace& ws, TimeMs now) {
  std::string out = csv_line({"email", "name", "role", "status", "since", "expires"});
  for (const auto& m : ws.members) {
    const Person& p = s.people[m.person];
    std::string status(member_status_code(m.status));
    if (invitation_expired(m, now)) status = "expired";
    out += csv_line({p.email, p.name, std::string(role_code(m.role)), status, format_datetime(m.since),
                     m.status == MemberStatus::Invited ? format_datetime(m.expires_at) : ""});
  }
  return out;
}

}  // namespace subspace
