// JSON for commands and events: strict reading (unknown fields, wrong types and missing
// fields are errors that name the field) and canonical writing.
#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/commands.hpp"

namespace subspace {

using Json = nlohmann::json;

// The format version of command and event JSON, stated as "v" on the command object (an
// event is versioned by its command); absent means 1. Raise it whenever a core writes a
// command or event that an older core would misread or refuse (a new type, a new field, a
// changed meaning): the older core then answers unsupported_version instead of calling the
// data damaged. Writers state it only when it is not 1, so version-1 bytes stay as they were.
constexpr int kCommandFormatVersion = 1;

// Parses JSON text; a discarded value if it is not JSON. The app's parses all go through
// here, so the parser is compiled once (it is among the largest code in the wasm).
Json parse_json(std::string_view text);

// Reads {type, v?, ...fields}. With `with_envelope`, also requires id, actor and time;
// without, those keys are refused as unknown (the caller fills them). A "v" newer than
// kCommandFormatVersion is unsupported_version, before anything else is looked at.
Error command_from_json(const Json& j, Command& out, bool with_envelope);
Error command_from_text(std::string_view text, Command& out, bool with_envelope);
Json payload_to_json(const Payload& p);
Json command_to_json(const Command& c);

Json event_to_json(const Event& e);
Error event_from_json(const Json& j, Event& out);

Json error_to_json(const Error& e);

std::string key_hash_hex(const KeyHash& h);
bool parse_key_hash(std::string_view hex, KeyHash& out);

}  // namespace subspace
