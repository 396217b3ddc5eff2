// Runs the real subspace-server binary as a child process on 127.0.0.1 for a test, with its
// own temporary database, and talks to it over HTTP.
#pragma once
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/command_json.hpp"

extern char** environ;

namespace subspace::test {

inline std::string run_admin(const std::vector<std::string>& args) {
  std::string cmd = SUBSPACE_SERVER_BIN;
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int rc = pclose(p);
  INFO(cmd << " -> " << out);
  REQUIRE(rc == 0);
  return out;
}

struct ServerProcess {
  std::string dir, db, log;
  int port = 0;
  pid_t pid = -1;

  ServerProcess() {
    char tmpl[] = "/tmp/subspace-server-test-XXXXXX";
    dir = mkdtemp(tmpl);
    db = dir + "/server.db";
    log = dir + "/server.log";
  }
  ~ServerProcess() {
    stop();
    std::filesystem::remove_all(dir);
  }

  // Creates an org with an admin (and their token); returns the token.
  std::string make_org(const std::string& org, int seats, const std::string& credits = "1000") {
    run_admin({"create-org", "--db", db, "--org", org, "--name", "Lumen", "--admin", "ada@x.io", "--admin-name", "Ada",
               "--seats", std::to_string(seats), "--credits", credits});
    return token(org, "ada@x.io");
  }
  std::string token(const std::string& org, const std::string& email) {
    Json j = Json::parse(run_admin({"issue-token", "--db", db, "--org", org, "--email", email}));
    return j["token"].get<std::string>();
  }

  void start() {
    std::uintmax_t log_start = std::filesystem::exists(log) ? std::filesystem::file_size(log) : 0;
    std::vector<std::string> args = {SUBSPACE_SERVER_BIN, "serve", "--db", db, "--port", std::to_string(port)};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    REQUIRE(posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
    // Wait for "listening on http://127.0.0.1:<port>" (port 0 picks a free one the first time).
    for (int i = 0; i < 200; ++i) {
      std::ifstream f(log);
      f.seekg(static_cast<std::streamoff>(log_start));  // only what this start wrote
      std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
      size_t at = text.rfind("http://127.0.0.1:");
      if (at != std::string::npos) {
        port = std::stoi(text.substr(at + 17));
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    std::ifstream f(log);
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    FAIL("the server did not start: " << text);
  }
  void kill_hard() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      pid = -1;
    }
  }
  void stop() {
    if (pid > 0) {
      ::kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
      pid = -1;
    }
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(10, 0);
    return c;
  }
  // POST a JSON body; returns status and parsed body (null if not JSON).
  std::pair<int, Json> post(const std::string& path, const std::string& body, const httplib::Headers& headers = {}) const {
    auto res = client().Post(path.c_str(), headers, body, "application/json");
    REQUIRE(res);
    return {res->status, Json::parse(res->body, nullptr, false)};
  }
  std::pair<int, Json> get(const std::string& path, const httplib::Headers& headers = {}) const {
    auto res = client().Get(path.c_str(), headers);
    REQUIRE(res);
    return {res->status, Json::parse(res->body, nullptr, false)};
  }
};

inline httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

}  // namespace subspace::test
