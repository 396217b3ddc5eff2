// Accepted commands per second through the real server with 8 concurrent clients on
// loopback, one command per request (every request is its own fsync'd transaction).
#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "bench.hpp"
#include "core/sync_protocol.hpp"

extern char** environ;

namespace subspace::bench {
namespace {

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  return out;
}

}  // namespace

void bench_server(const std::string& bin) {
  std::string dir = std::filesystem::temp_directory_path() / "subspace-bench-server";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string db = dir + "/server.db", log = dir + "/server.log";
  run(bin + " create-org --db " + db + " --org bench --name Bench --admin admin@bench.example --seats 1000 --credits 100000000");
  constexpr int kClients = 8;
  std::vector<std::string> tokens;
  for (int i = 0; i < kClients; ++i) {
    std::string email = "admin" + std::to_string(i) + "@bench.example";
    run(bin + " add-person --db " + db + " --org bench --email " + email + " --role super_admin");
    Json j = Json::parse(run(bin + " issue-token --db " + db + " --org bench --email " + email), nullptr, false);
    tokens.push_back(j.value("token", ""));
  }
  std::vector<std::string> args = {bin, "serve", "--db", db, "--port", "0"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid;
  posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  int port = 0;
  for (int i = 0; i < 200 && !port; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    std::ifstream f(log);
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (auto at = text.find("127.0.0.1:"); at != std::string::npos) port = std::stoi(text.substr(at + 10));
  }
  for (int batch : {1, 10}) {
    std::atomic<std::uint64_t> accepted{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    auto t0 = std::chrono::steady_clock::now();
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] {
        httplib::Client http("127.0.0.1", port);
        std::mt19937_64 rng(c + 1);
        httplib::Headers auth{{"Authorization", "Bearer " + tokens[c]}};
        std::uint64_t since = 1;
        while (!stop) {
          SyncRequest req;
          req.since = since;
          for (int k = 0; k < batch; ++k)
            req.commands.push_back({{(rng() & kMaxId) | 1, "", 0}, PurchaseCredits{0, 1}});
          // The parent's id, learnt from the first answer's snapshot.
          static std::atomic<Id> parent{0};
          if (!parent) {
            auto first = http.Post("/v1/orgs/bench/sync", auth, R"({"since":0,"commands":[]})", "application/json");
            if (!first) return;
            parent = Json::parse(first->body)["snapshot"]["org"]["parent"].get<Id>();
          }
          for (auto& cmd : req.commands) std::get<PurchaseCredits>(cmd.payload).workspace = parent;
          auto res = http.Post("/v1/orgs/bench/sync", auth, sync_request_to_json(req).dump(), "application/json");
          if (!res || res->status != 200) continue;
          Json j = Json::parse(res->body, nullptr, false);
          for (const auto& r : j["results"]) accepted += r.value("ok", false);
          since = j.value("last_seq", since);
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::seconds(4));
    stop = true;
    for (auto& t : clients) t.join();
    double secs = seconds_since(t0);
    figure("server.accepted_commands_per_second.8_clients.batch_" + std::to_string(batch), accepted / secs, "commands/s");
  }
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  std::filesystem::remove_all(dir);
}

}  // namespace subspace::bench
