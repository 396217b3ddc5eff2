#include "core/command_json.hpp"

#include <set>

namespace subspace {
namespace {

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};
template <class T, class = void> struct has_fields : std::false_type {};
template <class T>
struct has_fields<T, std::void_t<decltype(std::declval<T&>().fields(std::declval<int&>()))>> : std::true_type {};

Error field_error(Err code, const std::string& path, const std::string& what) {
  return Error(code, "Field '" + path + "' " + what + ".");
}

// Reads one value of type T from JSON; `path` names it in error messages.
template <class T> Error read_value(const Json& j, T& out, const std::string& path);

template <class T> Error read_integer(const Json& j, T& out, const std::string& path, long long lo, long long hi) {
  if (!j.is_number_integer()) return field_error(Err::invalid_field, path, "must be a whole number");
  if (j.is_number_unsigned()) {
    unsigned long long v = j.get<unsigned long long>();
    if (hi < 0 || v > static_cast<unsigned long long>(hi)) return field_error(Err::invalid_field, path, "is out of range");
    out = static_cast<T>(v);
    return {};
  }
  long long v = j.get<long long>();
  if (v < lo || v > hi) return field_error(Err::invalid_field, path, "is out of range");
  out = static_cast<T>(v);
  return {};
}

struct ObjectReader {
  const Json& j;
  std::string prefix;
  Error error;
  std::set<std::string_view> known;

  template <class T> void operator()(const char* name, T& member, bool required) {
    known.insert(name);
    if (error) return;
    auto it = j.find(name);
    std::string path = prefix + name;
    if (it == j.end() || (is_optional<T>::value && it->is_null())) {
      if (required) error = field_error(Err::missing_field, path, "is missing");
      return;
    }
    error = read_value(*it, member, path);
  }
};

template <class T> Error read_object(const Json& j, T& out, const std::string& path, const std::set<std::string_view>& extra = {}) {
  if (!j.is_object()) return field_error(Err::invalid_field, path.empty() ? "command" : path, "must be an object");
  ObjectReader r{j, path.empty() ? "" : path + ".", {}, {}};
  out.fields(r);
  if (r.error) return r.error;
  for (auto& [k, v] : j.items()) {
    if (!r.known.count(k) && !extra.count(k))
      return Error(Err::unknown_field, "Unknown field '" + r.prefix + k + "'.");
  }
  return {};
}

template <class T> Error read_value(const Json& j, T& out, const std::string& path) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!j.is_boolean()) return field_error(Err::invalid_field, path, "must be true or false");
    out = j.get<bool>();
    return {};
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    return read_integer(j, out, path, INT32_MIN, INT32_MAX);
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return read_integer(j, out, path, -kMaxAmount, kMaxAmount);
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    return read_integer(j, out, path, 0, static_cast<long long>(kMaxId));
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) return field_error(Err::invalid_field, path, "must be a string");
    out = j.get<std::string>();
    if (out.size() > 4096) return field_error(Err::invalid_field, path, "is too long");
    return {};
  } else if constexpr (std::is_same_v<T, Role>) {
    if (!j.is_string()) return field_error(Err::invalid_field, path, "must be a role name");
    auto r = parse_role(j.get<std::string>());
    if (!r) return Error(Err::invalid_role, "Unknown role '" + j.get<std::string>() + "' in field '" + path + "'.");
    out = *r;
    return {};
  } else if constexpr (std::is_same_v<T, AssetKind>) {
    auto k = j.is_string() ? parse_asset_kind(j.get<std::string>()) : std::nullopt;
    if (!k) return field_error(Err::invalid_field, path, "must be avatar, voice, brand_kit or template");
    out = *k;
    return {};
  } else if constexpr (std::is_same_v<T, KeyHash>) {
    if (!j.is_string() || !parse_key_hash(j.get<std::string>(), out))
      return field_error(Err::invalid_key_hash, path, "must be 64 hexadecimal digits");
    return {};
  } else if constexpr (is_optional<T>::value) {
    typename T::value_type v{};
    if (Error e = read_value(j, v, path)) return e;
    out = std::move(v);
    return {};
  } else if constexpr (is_vector<T>::value) {
    if (!j.is_array()) return field_error(Err::invalid_field, path, "must be a list");
    if (j.size() > 100000) return field_error(Err::invalid_field, path, "has too many items");
    out.clear();
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
      typename T::value_type v{};
      if (Error e = read_value(j[i], v, path + "[" + std::to_string(i) + "]")) return e;
      out.push_back(std::move(v));
    }
    return {};
  } else {
    static_assert(has_fields<T>::value, "unsupported field type");
    return read_object(j, out, path);
  }
}

template <class T> Json write_value(const T& v);

struct ObjectWriter {
  Json& j;
  template <class T> void operator()(const char* name, const T& member, bool) {
    if constexpr (is_optional<T>::value) {
      if (member) j[name] = write_value(*member);
    } else {
      j[name] = write_value(member);
    }
  }
};

template <class T> Json write_value(const T& v) {
  if constexpr (std::is_same_v<T, Role>) return std::string(role_code(v));
  else if constexpr (std::is_same_v<T, AssetKind>) return std::string(asset_kind_code(v));
  else if constexpr (std::is_same_v<T, KeyHash>) return key_hash_hex(v);
  else if constexpr (is_vector<T>::value) {
    Json a = Json::array();
    for (const auto& x : v) a.push_back(write_value(x));
    return a;
  } else if constexpr (has_fields<T>::value) {
    Json o = Json::object();
    ObjectWriter w{o};
    const_cast<T&>(v).fields(w);  // fields() is shared by reading and writing
    return o;
  } else {
    return Json(v);
  }
}

template <class T> Error read_payload(const Json& j, Payload& out, const std::set<std::string_view>& extra) {
  T p{};
  if (Error e = read_object(j, p, "", extra)) return e;
  out = std::move(p);
  return {};
}

using PayloadReader = Error (*)(const Json&, Payload&, const std::set<std::string_view>&);
constexpr PayloadReader kReaders[] = {
#define SUBSPACE_X(T, name, perm) &read_payload<T>,
    SUBSPACE_COMMANDS(SUBSPACE_X)
#undef SUBSPACE_X
};

// "v" on a command: the format version it was written in (absent: 1). Checked before the
// type and the fields, which a newer version may have changed.
Error check_format_version(const Json& command) {
  auto v = command.find("v");
  if (v == command.end()) return {};
  // Parsed JSON holds 0 and up as unsigned, built JSON may hold them signed.
  bool whole = v->is_number_unsigned() || (v->is_number_integer() && v->get<long long>() >= 0);
  if (!whole || v->get<unsigned long long>() < 1)
    return Error(Err::invalid_field, "Field 'v' must be a format version: a whole number from 1.");
  unsigned long long version = v->get<unsigned long long>();
  if (version <= static_cast<unsigned long long>(kCommandFormatVersion)) return {};
  return Error(Err::unsupported_version, "The command is format version " + std::to_string(version) +
                                             "; this version of Subspace reads command format version " +
                                             std::to_string(kCommandFormatVersion) + " at most.");
}

}  // namespace

std::string key_hash_hex(const KeyHash& h) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(64, '0');
  for (size_t i = 0; i < h.size(); ++i) {
    s[2 * i] = kHex[h[i] >> 4];
    s[2 * i + 1] = kHex[h[i] & 15];
  }
  return s;
}

bool parse_key_hash(std::string_view hex, KeyHash& out) {
  if (hex.size() != 64) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < 32; ++i) {
    int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return true;
}

Error command_from_json(const Json& j, Command& out, bool with_envelope) {
  if (!j.is_object()) return Error(Err::invalid_field, "A command must be a JSON object.");
  if (Error e = check_format_version(j)) return e;
  auto t = j.find("type");
  if (t == j.end()) return Error(Err::missing_field, "Field 'type' is missing.");
  if (!t->is_string()) return Error(Err::invalid_field, "Field 'type' must be a string.");
  auto type = parse_command_name(t->get<std::string>());
  if (!type) return Error(Err::unknown_command, "Unknown command type '" + t->get<std::string>() + "'.");

  std::set<std::string_view> extra{"type", "v"};
  if (with_envelope) {
    extra.insert({"id", "actor", "time"});
    for (const char* k : {"id", "actor", "time"})
      if (!j.contains(k)) return Error(Err::missing_field, std::string("Field '") + k + "' is missing.");
    if (Error e = read_value(j["id"], out.env.id, "id")) return e;
    if (out.env.id == 0) return Error(Err::invalid_field, "Field 'id' must not be 0.");
    if (Error e = read_value(j["actor"], out.env.actor, "actor")) return e;
    // Milliseconds since 1970, up to the end of year 9999.
    if (Error e = read_integer(j["time"], out.env.time, "time", 0, 253'402'300'799'999)) return e;
  } else {
    for (const char* k : {"id", "actor", "time"})
      if (j.contains(k))
        return Error(Err::unknown_field, std::string("Field '") + k +
                                             "' is not given here: the app fills in who sends a command, its id and its time.");
  }
  return kReaders[static_cast<size_t>(*type)](j, out.payload, extra);
}

Json parse_json(std::string_view text) {
  return Json::parse(text.data(), text.data() + text.size(), nullptr, /*allow_exceptions=*/false);
}

Error command_from_text(std::string_view text, Command& out, bool with_envelope) {
  Json j = parse_json(text);
  if (j.is_discarded()) return Error(Err::invalid_json, "The command is not valid JSON.");
  return command_from_json(j, out, with_envelope);
}

Json payload_to_json(const Payload& p) {
  Json j = std::visit(
      [](const auto& v) -> Json {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) return Json::object();
        else return write_value(v);
      },
      p);
  j["type"] = std::string(command_name(command_type(p)));
  if constexpr (kCommandFormatVersion != 1) j["v"] = kCommandFormatVersion;
  return j;
}

Json command_to_json(const Command& c) {
  Json j = payload_to_json(c.payload);
  j["id"] = c.env.id;
  j["actor"] = c.env.actor;
  j["time"] = c.env.time;
  return j;
}

Json event_to_json(const Event& e) {
  Json j = {{"seq", e.seq}, {"command", command_to_json(e.command)}};
  if (!e.accepted()) j["refused"] = std::string(error_code(e.refused));
  return j;
}

Error event_from_json(const Json& j, Event& out) {
  if (!j.is_object() || !j.contains("seq") || !j.contains("command"))
    return Error(Err::invalid_field, "An event needs 'seq' and 'command'.");
  // A newer event may have new fields of its own: its command's version speaks first.
  if (j["command"].is_object())
    if (Error e = check_format_version(j["command"])) return e;
  for (auto& [k, v] : j.items())
    if (k != "seq" && k != "command" && k != "refused") return Error(Err::unknown_field, "Unknown event field '" + k + "'.");
  if (Error e = read_value(j["seq"], out.seq, "seq")) return e;
  out.refused = Err::none;
  if (j.contains("refused")) {
    if (!j["refused"].is_string() || !parse_error_code(j["refused"].get<std::string>(), out.refused) ||
        out.refused == Err::none)
      return Error(Err::invalid_field, "Field 'refused' must be an error code.");
  }
  return command_from_json(j["command"], out.command, true);
}

Json error_to_json(const Error& e) {
  Json j = {{"code", std::string(error_code(e.code))}, {"message", e.message}};
  if (!e.rows.empty()) {
    Json rows = Json::array();
    for (const auto& r : e.rows)
      rows.push_back({{"row", r.row}, {"email", r.email}, {"code", std::string(error_code(r.code))}, {"message", r.message}});
    j["rows"] = rows;
  }
  return j;
}

}  // namespace subspace
