#include "core/paste_list.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace subspace {
namespace {

bool has_at(std::string_view s) { return s.find('@') != std::string_view::npos; }

// Without surrounding spaces, quotes and angle brackets: "\"Lee, Ann\"" -> Lee, Ann.
std::string unwrap(std::string_view s) {
  std::string t = trim(s);
  while (t.size() >= 2 && ((t.front() == '"' && t.back() == '"') || (t.front() == '<' && t.back() == '>') ||
                           (t.front() == '\'' && t.back() == '\'')))
    t = trim(std::string_view(t).substr(1, t.size() - 2));
  return t;
}

// Splits on any of `seps`, but not inside double quotes or angle brackets.
std::vector<std::string_view> split_outside_quotes(std::string_view line, std::string_view seps) {
  std::vector<std::string_view> out;
  bool quoted = false, angled = false;
  size_t start = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '<') angled = true;
    else if (!quoted && c == '>') angled = false;
    else if (!quoted && !angled && seps.find(c) != std::string_view::npos) {
      out.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(line.substr(start));
  return out;
}

// "Ann Lee <ann@x.io>": the address between the brackets and the name before them.
bool name_and_address(std::string_view s, std::string& name, std::string& email) {
  size_t open = s.find('<'), close = s.rfind('>');
  if (open == std::string_view::npos || close == std::string_view::npos || open > close || !has_at(s.substr(open, close - open)))
    return false;
  email = unwrap(s.substr(open + 1, close - open - 1));
  name = unwrap(s.substr(0, open));
  return true;
}

// The columns a header row names ("Email", "E-mail address", "Primary Email"; "Role").
struct SheetColumns {
  int email = -1;
  int role = -1;
};

// A header row names its email column; not a header: email stays -1.
SheetColumns header_columns(const std::vector<std::string_view>& cells) {
  SheetColumns cols;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string cell = ascii_lower(unwrap(cells[i]));
    if (has_at(cell)) return {};
    if (cols.email < 0 && cell.find("mail") != std::string::npos) cols.email = static_cast<int>(i);
    else if (cols.role < 0 && cell.find("role") != std::string::npos) cols.role = static_cast<int>(i);
  }
  return cols.email >= 0 ? cols : SheetColumns{};
}

bool one_word(std::string_view s) { return !s.empty() && s.find_first_of(" \t") == std::string_view::npos; }

// The last non-empty cell of a row, or cells.size().
size_t last_filled(const std::vector<std::string_view>& cells) {
  for (size_t i = cells.size(); i-- > 0;)
    if (!unwrap(cells[i]).empty()) return i;
  return cells.size();
}

// One row of cells (a spreadsheet row): the cell with an email (the header's email column,
// so that a malformed address still reaches the preview), a cell naming a role, and the
// rest, in order, as the name (first and last names join). No email: skipped.
void take_row(const std::vector<std::string_view>& cells, SheetColumns cols, std::vector<PastedPerson>& out) {
  // A cell with an '@' is the email wherever it is; the header's column only when none has one.
  if (std::any_of(cells.begin(), cells.end(), has_at)) cols.email = -1;
  size_t last = last_filled(cells);
  PastedPerson p;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string_view raw = cells[i];
    std::string cell = unwrap(raw), part;
    if (cell.empty()) continue;
    bool is_email = cols.email >= 0 ? static_cast<int>(i) == cols.email : p.email.empty() && has_at(cell);
    // Where a role goes: the header's role column, or a lone word closing a row that has
    // given its email and a name already ("Alan Kay, alan@x.io, Admin").
    bool role_cell = cols.role >= 0 ? static_cast<int>(i) == cols.role
                                    : i == last && !p.email.empty() && !p.name.empty() && !p.role && one_word(cell);
    if (is_email) {
      p.email = cell;
      if (name_and_address(raw, part, p.email) && !part.empty()) p.name += (p.name.empty() ? "" : " ") + part;
    } else if (auto role = parse_role(cell); role && !p.role) {
      p.role = role;
    } else if (role_cell) {
      p.unknown_role = cell;
    } else {
      p.name += (p.name.empty() ? "" : " ") + cell;
    }
  }
  if (!p.email.empty()) out.push_back(std::move(p));
}

// One entry of a list: "Name <email>", or emails and words separated by spaces (a lone
// email with words around it: the words are its name).
void take_entry(std::string_view entry, std::vector<PastedPerson>& out) {
  PastedPerson p;
  if (name_and_address(entry, p.name, p.email)) {
    out.push_back(std::move(p));
    return;
  }
  std::vector<std::string> emails, words;
  for (std::string_view token : split_outside_quotes(entry, " \t")) {
    std::string t = unwrap(token);
    if (t.empty()) continue;
    (has_at(t) ? emails : words).push_back(t);
  }
  if (emails.size() == 1) {
    std::string name;
    for (const auto& w : words) name += (name.empty() ? "" : " ") + w;
    out.push_back({emails[0], name, std::nullopt});
    return;
  }
  for (auto& e : emails) out.push_back({std::move(e), "", std::nullopt});
}

}  // namespace

std::vector<PastedPerson> parse_pasted_people(std::string_view text) {
  std::vector<PastedPerson> out;
  SheetColumns sheet;       // from the header row of a pasted sheet
  bool first_row = true;     // only a sheet's first row may be its header
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\t') != std::string_view::npos) {
      std::vector<std::string_view> cells = split_outside_quotes(line, "\t");
      SheetColumns header = first_row ? header_columns(cells) : SheetColumns{};
      first_row = false;
      if (header.email >= 0) sheet = header;  // a header: not a person
      else take_row(cells, sheet, out);
      continue;
    }
    std::vector<std::string_view> entries = split_outside_quotes(line, ",;");
    size_t ats = static_cast<size_t>(std::count(line.begin(), line.end(), '@'));
    bool row = ats <= 1 && entries.size() > 1;  // "Ann Lee, ann@x.io, Creator": one person's cells
    if (row) take_row(entries, SheetColumns{}, out);
    else
      for (std::string_view e : entries) take_entry(e, out);
  }
  return out;
}

}  // namespace subspace
