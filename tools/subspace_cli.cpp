// subspace-cli: the domain core on the command line. Links only core.
//
//   subspace-cli demo  <store> [--size small|medium|large|empty] [--seed N] [--time MS]
//   subspace-cli apply <store> <commands.jsonl | -> [--actor EMAIL] [--time MS] [--state] [--quiet]
//   subspace-cli state <store>
//   subspace-cli check <store>
//   subspace-cli audit <store> [--actor TEXT] [--workspace ID|NAME] [--kind TYPE] [--result accepted|refused]
//   subspace-cli key
//
// See docs/cli.md.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "core/audit_query.hpp"
#include "core/command_json.hpp"
#include "core/crypto.hpp"
#include "core/demo.hpp"
#include "core/state_json.hpp"
#include "core/store/store.hpp"
#include "core/text.hpp"

using namespace subspace;

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  subspace-cli demo  <store> [--size small|medium|large|empty] [--seed N] [--time MS]\n"
    "  subspace-cli apply <store> <commands.jsonl | -> [--actor EMAIL] [--time MS] [--state] [--quiet]\n"
    "  subspace-cli state <store>\n"
    "  subspace-cli check <store>\n"
    "  subspace-cli audit <store> [--actor TEXT] [--workspace ID|NAME] [--kind TYPE] [--result accepted|refused]\n"
    "  subspace-cli key\n";

struct Args {
  std::vector<std::string> positional;
  std::string size = "small";
  std::optional<std::string> actor, workspace, kind, result;
  std::uint64_t seed = 7;
  std::optional<TimeMs> time;
  bool print_state = false, quiet = false;
};

int fail(const std::string& message) {
  std::fprintf(stderr, "subspace-cli: %s\n", message.c_str());
  return 2;
}

bool parse_number(const char* s, std::uint64_t& out) {
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(s, &end, 10);
  if (errno || !end || *end || s[0] == '-') return false;
  out = v;
  return true;
}

std::optional<Args> parse_args(int argc, char** argv, std::string& error) {
  Args a;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        error = arg + " needs a value";
        return nullptr;
      }
      return argv[++i];
    };
    if (arg == "--size") {
      const char* v = value();
      if (!v) return std::nullopt;
      a.size = v;
    } else if (arg == "--actor" || arg == "--workspace" || arg == "--kind" || arg == "--result") {
      const char* v = value();
      if (!v) return std::nullopt;
      (arg == "--actor" ? a.actor : arg == "--workspace" ? a.workspace : arg == "--kind" ? a.kind : a.result) = v;
    } else if (arg == "--seed" || arg == "--time") {
      const char* v = value();
      std::uint64_t n;
      if (!v || !parse_number(v, n)) {
        if (error.empty()) error = arg + " needs a whole number";
        return std::nullopt;
      }
      if (arg == "--seed") a.seed = n;
      else a.time = static_cast<TimeMs>(n);
    } else if (arg == "--state") {
      a.print_state = true;
    } else if (arg == "--quiet") {
      a.quiet = true;
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      error = "unknown option " + arg;
      return std::nullopt;
    } else {
      a.positional.push_back(arg);
    }
  }
  return a;
}

TimeMs wall_clock() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool urandom(std::uint8_t* out, size_t n) {
  std::ifstream f("/dev/urandom", std::ios::binary);
  return f.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n)).good();
}

// Command ids from the system's secure random source (unique without coordination).
struct RandomIds final : IdSource {
  Id next() override {
    for (;;) {
      std::uint64_t v = 0;
      if (!urandom(reinterpret_cast<std::uint8_t*>(&v), sizeof v)) throw std::runtime_error("cannot read /dev/urandom");
      if (v &= kMaxId) return v;
    }
  }
};

int open_store(const std::string& dir, FolderStorage& fs, Store& store, State& state, bool must_exist) {
  if (Error e = fs.open()) return fail(e.message);
  LoadReport report;
  if (Error e = store.load(state, report)) return fail(e.message);
  if (report.damaged()) std::fprintf(stderr, "subspace-cli: warning: %s\n", report.problem.c_str());
  if (must_exist && !state.has_org) return fail("there is no organisation in " + dir + " (make one with `demo` or `apply` a create_org)");
  return 0;
}

int cmd_demo(const Args& a) {
  if (a.positional.size() != 1) return fail("demo takes one store folder");
  auto size = demo_size(a.size);
  if (!size) return fail("unknown demo size '" + a.size + "' (small, medium, large, empty)");
  DemoResult d = make_demo(*size, a.seed, a.time.value_or(wall_clock()));
  FolderStorage fs(a.positional[0]);
  if (Error e = fs.open()) return fail(e.message);
  Store store(fs);
  if (Error e = store.reset(d.state)) return fail(e.message);
  std::printf("{\"ok\":true,\"store\":%s,\"size\":\"%s\",\"workspaces\":%zu,\"people\":%zu,\"usage_events\":%zu,\"admin\":%s}\n",
              Json(a.positional[0]).dump().c_str(), a.size.c_str(), d.state.workspaces.size(), d.state.people.size(),
              d.state.usage.size(), Json(d.admin_email).dump().c_str());
  return 0;
}

int cmd_apply(const Args& a) {
  if (a.positional.size() != 2) return fail("apply takes a store folder and a commands file (or - for standard input)");
  FolderStorage fs(a.positional[0]);
  Store store(fs);
  State state;
  if (int rc = open_store(a.positional[0], fs, store, state, false)) return rc;
  std::ifstream file;
  std::istream* in = &std::cin;
  if (a.positional[1] != "-") {
    file.open(a.positional[1]);
    if (!file) return fail("cannot read " + a.positional[1]);
    in = &file;
  }
  RandomIds ids;
  std::string line;
  int line_no = 0, refused = 0;
  while (std::getline(*in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json result = {{"line", line_no}};
    Json j = Json::parse(line, nullptr, false);
    Command c;
    Error e;
    if (j.is_discarded()) {
      e = Error(Err::invalid_json, "Line " + std::to_string(line_no) + " is not valid JSON.");
    } else {
      // A line may carry its own envelope (id, actor, time) or leave it to the options.
      bool enveloped = j.is_object() && (j.contains("id") || j.contains("actor") || j.contains("time"));
      e = command_from_json(j, c, enveloped);
      if (!e && !enveloped) c.env = {ids.next(), a.actor.value_or("system"), a.time.value_or(wall_clock())};
    }
    if (!e) {
      ExecResult r = execute(state, c, state.last_seq + 1);
      if (r.event)
        if (Error se = store.append(*r.event)) return fail("saving failed: " + se.message);
      e = r.error;
      if (r.event) result["seq"] = r.event->seq;
      result["id"] = c.env.id;
    }
    result["ok"] = !e;
    if (e) {
      result["error"] = error_to_json(e);
      ++refused;
    }
    if (!a.quiet) std::printf("%s\n", result.dump().c_str());
  }
  if (store.compaction_due())
    if (Error e = store.compact(state)) return fail("compaction failed: " + e.message);
  if (a.print_state) std::printf("%s\n", state_to_text(state).c_str());
  return refused ? 1 : 0;
}

int cmd_state(const Args& a) {
  if (a.positional.size() != 1) return fail("state takes one store folder");
  FolderStorage fs(a.positional[0]);
  Store store(fs);
  State state;
  if (int rc = open_store(a.positional[0], fs, store, state, true)) return rc;
  std::printf("%s\n", state_to_text(state).c_str());
  return 0;
}

int cmd_check(const Args& a) {
  if (a.positional.size() != 1) return fail("check takes one store folder");
  FolderStorage fs(a.positional[0]);
  if (Error e = fs.open()) return fail(e.message);
  Store store(fs);
  State state;
  LoadReport report;
  Error e = store.load(state, report);
  Json j = {{"ok", !e && !report.damaged()},
            {"snapshot_seq", report.snapshot_seq},
            {"events_replayed", report.events_replayed},
            {"last_seq", state.last_seq},
            {"quarantined", report.quarantined}};
  if (e) j["error"] = error_to_json(e);
  if (report.damaged()) j["problem"] = report.problem;
  std::printf("%s\n", j.dump().c_str());
  return (!e && !report.damaged()) ? 0 : 1;
}

// --workspace: an id (0: the organisation-wide entries) or a workspace's name, any case.
std::optional<WorkspaceId> find_workspace_arg(const State& s, const std::string& arg) {
  std::uint64_t id;
  if (parse_number(arg.c_str(), id)) return id;
  auto name = normalize_workspace_name(arg);
  auto it = name ? s.workspace_by_name_key.find(workspace_name_key(*name)) : s.workspace_by_name_key.end();
  if (it == s.workspace_by_name_key.end()) return std::nullopt;
  return it->second;
}

std::optional<AuditFilter> audit_filter(const State& s, const Args& a, std::string& error) {
  AuditFilter f;
  f.actor = a.actor.value_or("");
  if (a.workspace && !(f.workspace = find_workspace_arg(s, *a.workspace))) error = "no workspace '" + *a.workspace + "'";
  if (a.kind && !(f.kind = parse_command_name(*a.kind))) error = "unknown command type '" + *a.kind + "'";
  if (a.result == "accepted") f.result = AuditResult::Accepted;
  else if (a.result == "refused") f.result = AuditResult::Refused;
  else if (a.result) error = "--result is accepted or refused";
  if (!error.empty()) return std::nullopt;
  return f;
}

Json audit_line(const State& s, const AuditEntry& e) {
  Json j = {{"time", e.time}, {"actor", s.email_of(e.actor)}, {"workspace", e.workspace}, {"type", command_name(e.type)}};
  if (e.result == Err::none) j["result"] = "accepted", j["detail"] = audit_detail(s, e);
  else j["result"] = "refused", j["code"] = error_code(e.result);
  return j;
}

int cmd_audit(const Args& a) {
  if (a.positional.size() != 1) return fail("audit takes one store folder");
  FolderStorage fs(a.positional[0]);
  Store store(fs);
  State state;
  if (int rc = open_store(a.positional[0], fs, store, state, true)) return rc;
  std::string error;
  auto filter = audit_filter(state, a, error);
  if (!filter) return fail(error);
  for (std::uint32_t i : audit_query(state, *filter)) std::printf("%s\n", audit_line(state, state.audit[i]).dump().c_str());
  return 0;
}

int cmd_key() {
  std::array<std::uint8_t, kKeyBytes> bytes;
  if (!urandom(bytes.data(), bytes.size())) return fail("cannot read /dev/urandom");
  std::string key = format_api_key(bytes);
  KeyFingerprint f = fingerprint(key);
  // The plain key is printed once, here; only the hash and last four go into commands.
  std::printf("%s\n", Json({{"key", key}, {"key_hash", key_hash_hex(f.hash)}, {"last4", f.last4}}).dump().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  std::string error;
  auto args = parse_args(argc, argv, error);
  if (!args) return fail(error);
  std::string verb = argv[1];
  try {
    if (verb == "demo") return cmd_demo(*args);
    if (verb == "apply") return cmd_apply(*args);
    if (verb == "state") return cmd_state(*args);
    if (verb == "check") return cmd_check(*args);
    if (verb == "audit") return cmd_audit(*args);
    if (verb == "key") return cmd_key();
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  std::fputs(kUsage, stderr);
  return fail("unknown command '" + verb + "'");
}
