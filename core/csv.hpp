// CSV (RFC 4180): writing exports, and reading the member lists people really have.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace subspace {

// Quotes a field when it holds a comma, a quote or a line break; also defuses cells that a
// spreadsheet would run as a formula (=, +, -, @ at the start).
std::string csv_field(std::string_view s);
std::string csv_line(const std::vector<std::string>& fields);

// Members of a workspace: email, name, role, status, since, expires (UTC).
std::string members_csv(const State& s, const Workspace& ws, TimeMs now);

}  // namespace subspace
