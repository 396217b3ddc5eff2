// The server's HTTP surface (docs/sync-protocol.md): sync, sign-in check, invitation links,
// and the API-key endpoints; JSON errors for everything that goes wrong; CORS for the app.
#pragma once
#include <string>
#include <vector>

#include "server/service.hpp"

namespace httplib {
class Server;
}

namespace subspace::server {

struct HttpOptions {
  std::vector<std::string> allowed_origins{"http://127.0.0.1:8080", "http://localhost:8080"};
  std::size_t max_body = 8 * 1024 * 1024;
  int timeout_seconds = 10;
};

void install_routes(httplib::Server& http, Service& service, const HttpOptions& options);

}  // namespace subspace::server
