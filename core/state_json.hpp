// The State as JSON: one documented format for snapshots, exports, getState() and the CLI.
// Small collections are objects with named fields; the long append-only logs (ledger,
// usage, audit) are arrays of arrays to keep a large organisation's snapshot compact.
#pragma once
#include <string>
#include <string_view>

#include "core/command_json.hpp"

namespace subspace {

constexpr std::string_view kStateFormat = "subspace-state";

Json state_to_json(const State& s);
std::string state_to_text(const State& s);
// Reads a whole State; on failure `out` is left untouched and the error names what and where.
Error state_from_json(const Json& j, State& out);
Error state_from_text(std::string_view text, State& out);

}  // namespace subspace
