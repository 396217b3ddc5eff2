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
  std::string out = std::string(kUtf8Bom) + csv_line({"email", "name", "role", "status", "since", "expires"});
  for (const auto& m : ws.members) {
    const Person& p = s.people[m.person];
    std::string status(member_status_code(m.status));
    if (invitation_expired(m, now)) status = "expired";
    out += csv_line({p.email, p.name, std::string(role_label(m.role)), status, format_datetime(m.since),
                     m.status == MemberStatus::Invited ? format_datetime(m.expires_at) : ""});
  }
  return out;
}

}  // namespace subspace

namespace subspace {

void CsvParser::skip_bom() {
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

char CsvParser::detect_delimiter(std::string_view data) {
  // The first line's most used separator: commas, semicolons (spreadsheets in locales with
  // a decimal comma), or tabs (what a spreadsheet puts on the clipboard).
  int commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : data.substr(0, 64 * 1024)) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == ';') ++semicolons;
    else if (!quoted && c == '\t') ++tabs;
  }
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

void CsvParser::end_field() {
  if (record_.size() >= kMaxFields) {
    error_ = "Line " + std::to_string(line_) + " has more than " + std::to_string(kMaxFields) + " columns.";
    return;
  }
  record_.push_back(std::move(field_));
  field_.clear();
  quoted_ = field_started_ = false;
}

void CsvParser::end_record(std::vector<CsvRecord>& out) {
  end_field();
  // A blank line is not a record.
  if (!(record_.size() == 1 && record_[0].empty())) out.push_back({record_line_, std::move(record_)});
  record_.clear();
}

bool CsvParser::step(std::size_t max_bytes, std::vector<CsvRecord>& out) {
  if (!error_.empty()) return false;
  std::size_t end = std::min(data_.size(), pos_ + max_bytes);
  for (; pos_ < end && error_.empty(); ++pos_) {
    char c = data_[pos_];
    if (c == '\0') {
      error_ = "This is not a text file (it contains binary data near line " + std::to_string(line_) + ").";
      return false;
    }
    if (quoted_) {
      if (c == '"') {
        if (pos_ + 1 < data_.size() && data_[pos_ + 1] == '"') {
          field_ += '"';
          ++pos_;
        } else {
          quoted_ = false;
        }
      } else {
        if (c == '\n') ++line_;
        field_ += c;
      }
    } else if (c == delim_) {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ + 1 < data_.size() && data_[pos_ + 1] == '\n') ++pos_;
      end_record(out);
      record_line_ = ++line_;
    } else if (c == '"' && !field_started_) {
      quoted_ = true;
      field_started_ = true;
    } else {
      // Text after a closing quote ("ab"c) is kept as written rather than refused.
      field_ += c;
      field_started_ = true;
    }
    if (field_.size() > kMaxField) {
      error_ = "Line " + std::to_string(line_) + " has a field longer than " + std::to_string(kMaxField) +
               " characters: this does not look like a member list.";
      return false;
    }
  }
  if (pos_ >= data_.size() && error_.empty()) {
    if (quoted_) {
      error_ = "A quoted field opened on or before line " + std::to_string(line_) + " is never closed.";
      return false;
    }
    if (field_started_ || !field_.empty() || !record_.empty()) end_record(out);
    return false;
  }
  return error_.empty();
}

}  // namespace subspace
