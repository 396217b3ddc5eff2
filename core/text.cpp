#include "core/text.hpp"

#include <charconv>
#include <cstdio>

namespace subspace {
namespace {

// Decodes one code point at s[i]; returns its length in bytes, or 0 for invalid UTF-8.
int decode_utf8(std::string_view s, size_t i, char32_t& cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  int len;
  if (c < 0x80) { cp = c; return 1; }
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (int k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c < 0xA0); }

}  // namespace

int utf8_length(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    int len = decode_utf8(s, i, cp);
    if (len == 0) return -1;
    i += len;
    ++n;
  }
  return n;
}

std::string trim(std::string_view s) {
  size_t begin = 0, end = s.size();
  // Leading: decode forward while the code point is white space.
  while (begin < end) {
    char32_t cp;
    int len = decode_utf8(s, begin, cp);
    if (len == 0 || !is_space(cp)) break;
    begin += len;
  }
  // Trailing: step back over continuation bytes to find each code point's start.
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    char32_t cp;
    int len = decode_utf8(s, start, cp);
    if (len == 0 || start + len != end || !is_space(cp)) break;
    end = start;
  }
  return std::string(s.substr(begin, end - begin));
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::optional<std::string> normalize_workspace_name(std::string_view raw) {
  std::string name = trim(raw);
  int len = utf8_length(name);
  if (len < 1 || len > kMaxWorkspaceName) return std::nullopt;
  for (size_t i = 0; i < name.size();) {
    char32_t cp;
    i += decode_utf8(name, i, cp);
    if (is_control(cp)) return std::nullopt;
  }
  return name;
}

std::string workspace_name_problem(std::string_view raw) {
  if (normalize_workspace_name(raw)) return "";
  std::string name = trim(raw);
  int len = utf8_length(name);
  if (len < 0) return "A workspace name must be UTF-8 text.";
  if (len == 0) return "Give the workspace a name.";
  if (len > kMaxWorkspaceName)
    return "A workspace name has at most " + std::to_string(kMaxWorkspaceName) + " characters; this one has " +
           std::to_string(len) + ".";
  return "A workspace name cannot hold control characters such as tabs or line breaks.";
}

namespace {

// The letter an accented Latin letter sorts with (É and é with e, ß with s, Ø with o), over
// Latin-1 and Latin Extended-A; ASCII folded to lower case; anything else is itself.
char32_t sort_fold(char32_t c) {
  static constexpr char kLatin1[] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts";  // U+00C0..U+00DF, and +0x20
  static constexpr char kExtendedA[] =
      "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "iiiijjkkklllllll"
      "lllnnnnnnnnnoooo" "oooorrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";  // U+0100..U+017F
  if (c >= 'A' && c <= 'Z') return c - 'A' + 'a';
  if (c >= 0xC0 && c <= 0xFF && kLatin1[(c - 0xC0) & 0x1F]) return c == 0xFF ? 'y' : kLatin1[(c - 0xC0) & 0x1F];
  if (c >= 0x100 && c <= 0x17F) return kExtendedA[c - 0x100];
  return c;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string search_fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    int len = decode_utf8(s, i, c);
    if (len == 0) {  // not UTF-8: the byte as it is
      out += s[i++];
      continue;
    }
    char32_t f = sort_fold(c);
    if (f < 0x80) out += static_cast<char>(f);
    else out.append(s.substr(i, static_cast<size_t>(len)));  // unchanged: its own bytes
    i += static_cast<size_t>(len);
  }
  return out;
}

int natural_compare(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      // Leading zeros carry no value; then the longer run is the larger number.
      while (i < a.size() && a[i] == '0') ++i;
      while (j < b.size() && b[j] == '0') ++j;
      size_t ei = i, ej = j;
      while (ei < a.size() && is_digit(a[ei])) ++ei;
      while (ej < b.size() && is_digit(b[ej])) ++ej;
      if (ei - i != ej - j) return ei - i < ej - j ? -1 : 1;
      if (int c = a.substr(i, ei - i).compare(b.substr(j, ej - j))) return c;
      i = ei;
      j = ej;
      continue;
    }
    // A byte that is not UTF-8 stands for itself.
    char32_t ca, cb;
    int la = decode_utf8(a, i, ca), lb = decode_utf8(b, j, cb);
    if (la == 0) ca = static_cast<unsigned char>(a[i]), la = 1;
    if (lb == 0) cb = static_cast<unsigned char>(b[j]), lb = 1;
    char32_t fa = sort_fold(ca), fb = sort_fold(cb);
    if (fa != fb) return fa < fb ? -1 : 1;
    i += static_cast<size_t>(la);
    j += static_cast<size_t>(lb);
  }
  if (i < a.size() || j < b.size()) return i < a.size() ? 1 : -1;
  return a.compare(b);
}

std::string workspace_name_key(std::string_view normalized) { return ascii_lower(normalized); }

std::optional<std::string> normalize_display_name(std::string_view raw) {
  std::string name = trim(raw);
  int len = utf8_length(name);
  if (len < 0 || len > kMaxDisplayName) return std::nullopt;
  for (size_t i = 0; i < name.size();) {
    char32_t cp;
    i += decode_utf8(name, i, cp);
    if (is_control(cp)) return std::nullopt;
  }
  return name;
}

namespace {

bool valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  static constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~.-";
  char prev = 0;
  for (char c : local) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || kSpecials.find(c) != std::string_view::npos;
    if (!ok || (c == '.' && prev == '.')) return false;
    prev = c;
  }
  return true;
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  int labels = 0;
  size_t start = 0;
  std::string_view last;
  while (start <= domain.size()) {
    size_t dot = domain.find('.', start);
    if (dot == std::string_view::npos) dot = domain.size();
    std::string_view label = domain.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    ++labels;
    last = label;
    start = dot + 1;
  }
  if (labels < 2) return false;
  // A top-level domain is letters (or an IDN "xn--" label), never all digits.
  bool has_letter = false;
  for (char c : last) has_letter |= (c >= 'a' && c <= 'z');
  return has_letter && last.size() >= 2;
}

}  // namespace

std::optional<std::string> normalize_email(std::string_view raw) {
  std::string email = ascii_lower(trim(raw));
  if (email.size() > 254) return std::nullopt;
  size_t at = email.find('@');
  if (at == std::string::npos || email.find('@', at + 1) != std::string::npos) return std::nullopt;
  if (!valid_local_part(std::string_view(email).substr(0, at))) return std::nullopt;
  if (!valid_domain(std::string_view(email).substr(at + 1))) return std::nullopt;
  return email;
}

namespace {
std::string grouped(unsigned long long v) {
  std::string whole = std::to_string(v), out;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  return out;
}
unsigned long long magnitude(long long v) { return v < 0 ? 0ull - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v); }
}  // namespace

std::string format_count(long long n) { return (n < 0 ? "-" : "") + grouped(magnitude(n)); }

std::string format_credits(Cents c) {
  unsigned long long v = magnitude(c);
  char frac[4];
  std::snprintf(frac, sizeof frac, ".%02u", static_cast<unsigned>(v % 100));
  return (c < 0 ? "-" : "") + grouped(v / 100) + frac;
}

std::optional<std::int32_t> parse_whole(std::string_view s) {
  std::string t = trim(s);
  std::int32_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

std::optional<Cents> parse_credits(std::string_view s) {
  std::string t = trim(s);
  if (t.empty()) return std::nullopt;
  Cents whole = 0;
  int digits = 0, frac_digits = -1;
  int group = -1;  // digits since the last thousands comma; -1 before any comma
  Cents frac = 0;
  // A comma only groups thousands (1,234,567): "12,5" is not read as 125.
  auto groups_ok = [&] { return group < 0 || group == 3; };
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == ',' && frac_digits < 0) {
      if (digits == 0 || !groups_ok() || (group < 0 && digits > 3)) return std::nullopt;
      group = 0;
      continue;
    }
    if (c == '.' && frac_digits < 0) {
      if (!groups_ok()) return std::nullopt;
      frac_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (frac_digits >= 0) {
      if (++frac_digits > 2) return std::nullopt;
      frac = frac * 10 + (c - '0');
    } else {
      if (++digits > 12) return std::nullopt;
      if (group >= 0) ++group;
      whole = whole * 10 + (c - '0');
    }
  }
  if (frac_digits < 0 && !groups_ok()) return std::nullopt;
  if (digits == 0 && frac_digits <= 0) return std::nullopt;
  if (frac_digits == 1) frac *= 10;
  Cents amount = whole * 100 + frac;
  if (amount > kMaxAmount) return std::nullopt;  // no command takes more: say so before sending
  return amount;
}

namespace {

// Days since 1970-01-01 to a proleptic Gregorian date (era-based arithmetic).
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

}  // namespace

std::string format_day(std::int64_t day) {
  int y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::string format_date(TimeMs t) { return format_day(utc_day(t)); }

std::string format_datetime(TimeMs t) {
  std::int64_t ms_of_day = t - utc_day(t) * kDayMs;
  int minutes = static_cast<int>(ms_of_day / 60000);
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d", minutes / 60, minutes % 60);
  return format_date(t) + buf;
}

}  // namespace subspace
