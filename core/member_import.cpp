#include "core/member_import.hpp"

#include <algorithm>
#include <initializer_list>

#include "core/text.hpp"

namespace subspace {
namespace {

// "Email Address" -> "emailaddress", "E-mail" -> "email".
std::string header_key(std::string_view s) {
  std::string out;
  for (char c : trim(s)) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

bool is_one_of(const std::string& key, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return key == n; });
}

bool is_email_header(const std::string& k) {
  return is_one_of(k, {"email", "emailaddress", "primaryemail", "workemail", "mail", "emailaddr", "useremail",
                       "businessemail", "primaryemailaddress", "workemailaddress", "courriel"});
}

}  // namespace

MemberCsvReader::MemberCsvReader(std::string data)
    : data_(std::move(data)), parser_(data_, CsvParser::detect_delimiter(data_)) {
  if (data_.size() > kMaxBytes) {
    fail("The file is " + std::to_string(data_.size() / (1024 * 1024)) + " MB; member lists can be at most 10 MB.");
  } else if (data_.find('\0') != std::string::npos) {
    fail("This is not a text file: it contains binary data.");
  } else if (utf8_length(data_) < 0) {
    fail("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.");
  } else if (trim(data_).empty()) {
    fail("The file is empty.");
  }
}

void MemberCsvReader::fail(std::string why) {
  result_.error = std::move(why);
  result_.rows.clear();
  done_ = true;
}

double MemberCsvReader::progress() const {
  if (done_ || data_.empty()) return 1.0;
  return static_cast<double>(parser_.position()) / static_cast<double>(data_.size());
}

bool MemberCsvReader::step(std::size_t budget) {
  if (done_) return false;
  bool more = parser_.step(budget, pending_);
  if (!parser_.error().empty()) {
    fail(parser_.error());
    return false;
  }
  take_records();
  if (!more && !done_) {
    done_ = true;
    if (!columns_known_) fail("The file has no rows.");
  }
  return !done_;
}

void MemberCsvReader::take_records() {
  MemberImport& r = result_;
  size_t i = 0;
  if (!columns_known_ && !pending_.empty()) {
    const auto& first = pending_[0].fields;
    for (size_t c = 0; c < first.size(); ++c) {
      std::string k = header_key(first[c]);
      int col = static_cast<int>(c);
      if (r.email_column < 0 && is_email_header(k)) r.email_column = col;
      else if (r.name_column < 0 && is_one_of(k, {"name", "fullname", "displayname", "membername", "person", "nom"})) r.name_column = col;
      else if (r.first_column < 0 && is_one_of(k, {"firstname", "givenname", "first", "forename", "prenom"})) r.first_column = col;
      else if (r.last_column < 0 && is_one_of(k, {"lastname", "surname", "familyname", "last"})) r.last_column = col;
      else if (r.role_column < 0 && is_one_of(k, {"role", "workspacerole", "accessrole", "permission", "permissions", "accesslevel", "usertype"}))
        r.role_column = col;
    }
    if (r.email_column >= 0) {
      r.header = true;
      r.columns = first;
      i = 1;
    } else {
      // No header: the first column holding an email address is the email, the next one a name.
      for (size_t c = 0; c < first.size(); ++c) {
        if (normalize_email(first[c])) {
          r.email_column = static_cast<int>(c);
          if (c + 1 < first.size() && !normalize_email(first[c + 1])) r.name_column = static_cast<int>(c + 1);
          break;
        }
      }
      if (r.email_column < 0) {
        fail("Cannot find an email column. Give the file a header such as \"email\", \"Email Address\" or "
             "\"Primary Email\", or put the addresses in the first column.");
        return;
      }
    }
    columns_known_ = true;
  }
  auto field = [](const std::vector<std::string>& rec, int col) -> std::string {
    return col >= 0 && static_cast<size_t>(col) < rec.size() ? trim(rec[col]) : std::string();
  };
  for (; i < pending_.size(); ++i) {
    if (r.rows.size() >= kMaxRows) {
      fail("The file has more than " + std::to_string(kMaxRows) + " rows; split it into smaller lists.");
      return;
    }
    const auto& rec = pending_[i].fields;
    ImportedMember m;
    m.line = pending_[i].line;
    std::string raw_email = field(rec, r.email_column);
    std::string name = field(rec, r.name_column);
    if (name.empty()) {
      std::string first = field(rec, r.first_column), last = field(rec, r.last_column);
      name = trim(first + " " + last);
    }
    for (char& ch : name)
      if (ch == '\r' || ch == '\n') ch = ' ';
    auto email = normalize_email(raw_email);
    m.email = email ? *email : raw_email;
    m.name = normalize_display_name(name).value_or(std::string());
    // An address never holds a line break: one that does took in the lines after it, because
    // its closing quote is missing. (A quoted name may span lines, RFC 4180: it becomes one line.)
    bool runs_on = raw_email.find_first_of("\r\n") != std::string::npos;
    if (runs_on) {
      m.code = Err::invalid_field;
      m.problem = "A quote opened on line " + std::to_string(m.line) +
                  " is closed only on a later line, so those lines were read as one row. Is a closing quote missing?";
    } else if (raw_email.empty()) {
      m.code = Err::invalid_email;
      m.problem = "No email on this row.";
    } else if (!email) {
      m.code = Err::invalid_email;
      m.problem = "'" + raw_email + "' is not a valid email address.";
    }
    std::string role_text = field(rec, r.role_column);
    if (!role_text.empty()) {
      m.role = parse_role(role_text);
      if (!m.role) m.role_text = role_text;
      if (!m.role && m.code == Err::none) {
        m.code = Err::invalid_role;
        m.problem = "Unknown role '" + role_text + "' (use Super Admin, Developer, Creator or Viewer).";
      }
    }
    r.rows.push_back(std::move(m));
  }
  pending_.clear();
}

MemberImport read_members_csv(std::string data) {
  MemberCsvReader reader(std::move(data));
  while (reader.step(1 << 20)) {
  }
  return reader.take();
}

}  // namespace subspace
