// Text rules shared by commands, imports and the UI: names, emails, amounts.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/types.hpp"

namespace subspace {

// Counts code points; returns -1 for invalid UTF-8 (overlongs, surrogates, truncation).
int utf8_length(std::string_view s);
// Trims ASCII and Unicode white space (NBSP, ideographic space...) from both ends.
std::string trim(std::string_view s);
std::string ascii_lower(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);
// The order people expect in lists: "Team 2" before "Team 10" (runs of digits compare by
// value), case and Latin accents ignored ("Équipe" with the e's, "Zoë" after "Zoe" and
// before "Zora"); texts equal by that rule ("a01", "A1") fall back to byte order, so the
// order is total. Negative, zero or positive, like strcmp.
int natural_compare(std::string_view a, std::string_view b);
// For searching: case and Latin accents folded as the list order folds them, so "elodie"
// finds "Élodie" and "zurich" finds "Zürich".
std::string search_fold(std::string_view s);
inline bool natural_less(std::string_view a, std::string_view b) { return natural_compare(a, b) < 0; }

// Workspace names: 1-64 code points after trimming, no control characters.
constexpr int kMaxWorkspaceName = 64;
std::optional<std::string> normalize_workspace_name(std::string_view raw);
// Why `raw` is not a workspace name, in words ("" when it is one): empty, too long (with
// its length, so the user knows how much to cut) or holding control characters.
std::string workspace_name_problem(std::string_view raw);
// Key used for "unique ignoring ASCII case".
std::string workspace_name_key(std::string_view normalized);

// Emails: trimmed, lower-cased, one '@', a plausible local part and a dotted domain.
std::optional<std::string> normalize_email(std::string_view raw);
constexpr int kMaxDisplayName = 100;
std::optional<std::string> normalize_display_name(std::string_view raw);

// 12,345: counts of people and seats, grouped as credits are.
std::string format_count(long long n);
// Credits are shown as "1,234.50"; parsing accepts "12", "12.5", "12.50", "1,234.50" (a comma
// groups thousands only: "12,5" is refused), up to kMaxAmount.
std::string format_credits(Cents c);
std::optional<Cents> parse_credits(std::string_view s);
// A whole number typed by a user (" 12 "): nothing else around it, within 32 bits.
std::optional<std::int32_t> parse_whole(std::string_view s);

// "2026-12-03", "2026-12-03 14:05" in UTC.
std::string format_date(TimeMs t);
std::string format_datetime(TimeMs t);
std::string format_day(std::int64_t utc_day);

}  // namespace subspace
