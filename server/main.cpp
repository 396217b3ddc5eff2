// subspace-server: the sync and API server, and its administration commands.
//
//   subspace-server serve       --db FILE [--host 127.0.0.1] [--port 8090] [--allow-origin URL]...
//   subspace-server create-org  --db FILE --org ID --name NAME --admin EMAIL [--admin-name NAME]
//                               [--seats N] [--avatar-slots N] [--credits C]
//   subspace-server demo        --db FILE --org ID [--size small|medium|large|empty] [--seed N]
//   subspace-server add-person  --db FILE --org ID --email EMAIL [--name NAME] [--workspace ID] [--role ROLE]
//   subspace-server issue-token --db FILE --org ID --email EMAIL
//
// See docs/server.md.
#include <httplib.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>

#include "core/demo.hpp"
#include "core/text.hpp"
#include "server/http.hpp"

using namespace subspace;
using namespace subspace::server;

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  subspace-server serve       --db FILE [--host 127.0.0.1] [--port 8090] [--allow-origin URL]...\n"
    "  subspace-server create-org  --db FILE --org ID --name NAME --admin EMAIL [--admin-name NAME]\n"
    "                              [--seats N] [--avatar-slots N] [--credits C]\n"
    "  subspace-server demo        --db FILE --org ID [--size small|medium|large|empty] [--seed N]\n"
    "  subspace-server add-person  --db FILE --org ID --email EMAIL [--name NAME] [--workspace ID] [--role ROLE]\n"
    "  subspace-server issue-token --db FILE --org ID --email EMAIL\n";

int fail(const std::string& m) {
  std::fprintf(stderr, "subspace-server: %s\n", m.c_str());
  return 2;
}

TimeMs wall_clock() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void urandom(std::uint8_t* out, std::size_t n) {
  std::ifstream f("/dev/urandom", std::ios::binary);
  if (!f.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n))) throw std::runtime_error("cannot read /dev/urandom");
}

struct Options {
  std::map<std::string, std::vector<std::string>> values;
  std::string get(const std::string& k, const std::string& def = "") const {
    auto it = values.find(k);
    return it == values.end() || it->second.empty() ? def : it->second.back();
  }
  bool has(const std::string& k) const { return values.count(k) > 0; }
};

std::optional<Options> parse(int argc, char** argv, std::string& error) {
  Options o;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || i + 1 >= argc) {
      error = a.rfind("--", 0) == 0 ? a + " needs a value" : "unexpected argument " + a;
      return std::nullopt;
    }
    o.values[a.substr(2)].push_back(argv[++i]);
  }
  return o;
}

bool number(const std::string& s, long long& out) {
  char* end = nullptr;
  errno = 0;
  out = std::strtoll(s.c_str(), &end, 10);
  return !s.empty() && !errno && *end == '\0';
}

httplib::Server* g_http = nullptr;
void on_signal(int) {
  if (g_http) g_http->stop();
}

int serve(Service& service, const Options& o) {
  long long port = 8090;
  if (o.has("port") && (!number(o.get("port"), port) || port < 0 || port > 65535)) return fail("--port needs a port number");
  HttpOptions http_opt;
  for (const auto& origin : o.values.count("allow-origin") ? o.values.at("allow-origin") : std::vector<std::string>{})
    http_opt.allowed_origins.push_back(origin);
  httplib::Server http;
  install_routes(http, service, http_opt);
  std::string host = o.get("host", "127.0.0.1");
  int bound = port == 0 ? http.bind_to_any_port(host) : (http.bind_to_port(host, static_cast<int>(port)) ? static_cast<int>(port) : -1);
  if (bound < 0) return fail("cannot listen on " + host + ":" + std::to_string(port));
  g_http = &http;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::printf("Subspace server listening on http://%s:%d (database %s)\n", host.c_str(), bound, o.get("db").c_str());
  std::fflush(stdout);
  http.listen_after_bind();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  std::string verb = argv[1], error;
  auto o = parse(argc, argv, error);
  if (!o) return fail(error);
  if (!o->has("db")) return fail("--db FILE is required");
  Database db;
  if (Error e = db.open(o->get("db"))) return fail(e.message);
  Service service(db, wall_clock, urandom);
  try {
    if (verb == "serve") return serve(service, *o);
    std::string org = o->get("org");
    if (!Service::valid_org_id(org)) return fail("--org needs an id of 1-40 characters a-z, 0-9 and '-'");
    if (verb == "create-org") {
      CreateOrg c;
      c.name = o->get("name");
      c.admin_email = o->get("admin");
      c.admin_name = o->get("admin-name");
      long long seats = 10, slots = 5, credits = 0;
      if ((o->has("seats") && !number(o->get("seats"), seats)) || (o->has("avatar-slots") && !number(o->get("avatar-slots"), slots)))
        return fail("--seats and --avatar-slots need whole numbers");
      if (o->has("credits")) {
        auto c2 = parse_credits(o->get("credits"));
        if (!c2) return fail("--credits needs an amount such as 1000 or 1000.50");
        credits = *c2;
      }
      c.plan = PlanFields{static_cast<std::int32_t>(seats), static_cast<std::int32_t>(slots), 100};
      c.initial_credits = credits;
      if (Error e = service.create_org(org, c)) return fail(e.message);
      std::printf("%s\n", Json({{"ok", true}, {"org", org}, {"admin", ascii_lower(trim(c.admin_email))}}).dump().c_str());
      return 0;
    }
    if (verb == "demo") {
      auto size = demo_size(o->get("size", "small"));
      long long seed = 7;
      if (!size) return fail("unknown --size (small, medium, large, empty)");
      if (o->has("seed") && !number(o->get("seed"), seed)) return fail("--seed needs a whole number");
      DemoResult d = make_demo(*size, static_cast<std::uint64_t>(seed), wall_clock());
      if (Error e = service.import_state(org, d.state)) return fail(e.message);
      std::printf("%s\n", Json({{"ok", true}, {"org", org}, {"admin", d.admin_email}, {"people", d.state.people.size()}}).dump().c_str());
      return 0;
    }
    if (verb == "add-person") {
      // Invited by the system and accepted at once: an active member, no invitation link.
      long long ws = 0;
      if (o->has("workspace") && !number(o->get("workspace"), ws)) return fail("--workspace needs a workspace id");
      auto role = parse_role(o->get("role", "creator"));
      if (!role) return fail("unknown --role (super_admin, developer, creator, viewer)");
      std::string email = o->get("email");
      ExecResult r;
      WorkspaceId target = static_cast<WorkspaceId>(ws);
      if (!target) {
        auto parent = service.parent_workspace(org);
        if (!parent) return fail("there is no organisation '" + org + "'");
        target = *parent;
      }
      if (Error e = service.run(org, "system", InviteMembers{target, {{email, o->get("name"), *role}}}, r)) return fail(e.message);
      if (r.error) return fail(r.error.message);
      if (Error e = service.run(org, ascii_lower(trim(email)), AcceptInvitation{target}, r)) return fail(e.message);
      if (r.error) return fail(r.error.message);
      std::printf("%s\n", Json({{"ok", true}, {"org", org}, {"email", ascii_lower(trim(email))}}).dump().c_str());
      return 0;
    }
    if (verb == "issue-token") {
      std::string token;
      if (Error e = service.issue_token(org, o->get("email"), token)) return fail(e.message);
      // The token is shown once; the server keeps only its SHA-256.
      std::printf("%s\n", Json({{"ok", true}, {"org", org}, {"email", ascii_lower(trim(o->get("email")))}, {"token", token}}).dump().c_str());
      return 0;
    }
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  std::fputs(kUsage, stderr);
  return fail("unknown command '" + verb + "'");
}
