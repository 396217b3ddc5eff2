#include "server/http.hpp"

#include <httplib.h>

#include <algorithm>

namespace subspace::server {
namespace {

void send(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, const Error& e) { send(res, status, {{"ok", false}, {"error", error_to_json(e)}}); }

// Parses a JSON object body with exactly the allowed keys.
bool parse_body(const httplib::Request& req, httplib::Response& res, Json& out, std::initializer_list<const char*> keys) {
  out = Json::parse(req.body, nullptr, false);
  if (out.is_discarded() || !out.is_object()) {
    send_error(res, 400, Error(Err::invalid_json, "The request body must be a JSON object."));
    return false;
  }
  for (auto& [k, v] : out.items()) {
    if (std::none_of(keys.begin(), keys.end(), [&](const char* a) { return k == a; })) {
      send_error(res, 400, Error(Err::unknown_field, "Unknown field '" + k + "'."));
      return false;
    }
  }
  return true;
}

std::optional<Auth> signed_in(Service& service, const httplib::Request& req, httplib::Response& res, const std::string& org) {
  std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  std::optional<Auth> who;
  if (header.compare(0, kBearer.size(), kBearer) == 0) who = service.authenticate(std::string_view(header).substr(kBearer.size()));
  if (!who) {
    send_error(res, 401, Err::unauthorized);
    return std::nullopt;
  }
  if (who->org != org) {  // a token is for one organisation only
    send_error(res, 404, Err::unknown_org);
    return std::nullopt;
  }
  return who;
}

int status_for(Err code) {
  switch (code) {
    case Err::unknown_org: return 404;
    case Err::unauthorized: return 401;
    case Err::no_access: return 403;
    case Err::storage_failed: return 503;
    default: return 400;
  }
}

}  // namespace

void install_routes(httplib::Server& http, Service& service, const HttpOptions& opt) {
  http.set_payload_max_length(opt.max_body);
  http.set_read_timeout(opt.timeout_seconds, 0);
  http.set_write_timeout(opt.timeout_seconds, 0);
  http.set_keep_alive_timeout(5);

  // CORS: the app's origin may call with a bearer token or an API key header.
  http.set_post_routing_handler([origins = opt.allowed_origins](const httplib::Request& req, httplib::Response& res) {
    std::string origin = req.get_header_value("Origin");
    bool any = std::find(origins.begin(), origins.end(), "*") != origins.end();
    if (!origin.empty() && (any || std::find(origins.begin(), origins.end(), origin) != origins.end())) {
      res.set_header("Access-Control-Allow-Origin", any ? "*" : origin);
      res.set_header("Vary", "Origin");
    }
  });
  http.Options(R"(/v1/.*)", [](const httplib::Request&, httplib::Response& res) {
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Api-Key");
    res.set_header("Access-Control-Max-Age", "600");
  });
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) send_error(res, 413, Error(Err::invalid_field, "The request body is too large."));
    else if (res.status == 404) send_error(res, 404, Error(Err::invalid_field, "There is no such endpoint."));
    else send_error(res, res.status, Error(Err::invalid_field, "The request could not be handled."));
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    }
    send_error(res, 500, Error(Err::storage_failed, "The server failed: " + what));
  });

  http.Get("/v1/health", [](const httplib::Request&, httplib::Response& res) { send(res, 200, {{"ok", true}}); });

  http.Post(R"(/v1/orgs/([a-z0-9-]{1,40})/sync)", [&service](const httplib::Request& req, httplib::Response& res) {
    auto who = signed_in(service, req, res, req.matches[1]);
    if (!who) return;
    Json body = Json::parse(req.body, nullptr, false);
    if (body.is_discarded()) return send_error(res, 400, Error(Err::invalid_json, "The request body is not valid JSON."));
    SyncRequest sync;
    if (Error e = sync_request_from_json(body, sync)) return send_error(res, 400, e);
    SyncResponse out;
    if (Error e = service.sync(*who, sync, out)) return send_error(res, status_for(e.code), e);
    send(res, 200, sync_response_to_json(out));
  });

  http.Get(R"(/v1/orgs/([a-z0-9-]{1,40})/me)", [&service](const httplib::Request& req, httplib::Response& res) {
    auto who = signed_in(service, req, res, req.matches[1]);
    if (!who) return;
    Answer a = service.me(*who);
    send(res, a.status, a.body);
  });

  http.Post("/v1/invites/accept", [&service](const httplib::Request& req, httplib::Response& res) {
    Json body;
    if (!parse_body(req, res, body, {"token"})) return;
    if (!body.contains("token") || !body["token"].is_string())
      return send_error(res, 400, Error(Err::missing_field, "Field 'token' is missing."));
    Answer a = service.accept_invite(body["token"].get<std::string>());
    send(res, a.status, a.body);
  });

  http.Post("/v1/usage", [&service](const httplib::Request& req, httplib::Response& res) {
    Json body;
    if (!parse_body(req, res, body, {"endpoint", "credits"})) return;
    if (!body.contains("endpoint") || !body["endpoint"].is_string())
      return send_error(res, 400, Error(Err::invalid_field, "Field 'endpoint' must be a string."));
    if (!body.contains("credits") || !body["credits"].is_number_integer())
      return send_error(res, 400, Error(Err::invalid_field, "Field 'credits' is a whole number of hundredths of a credit: 150 for 1.50 credits."));
    Answer a = service.report_usage(req.get_header_value("X-Api-Key"), body["endpoint"].get<std::string>(),
                                    body["credits"].get<Cents>());
    send(res, a.status, a.body);
  });

  http.Get("/v1/quota", [&service](const httplib::Request& req, httplib::Response& res) {
    Answer a = service.quota(req.get_header_value("X-Api-Key"));
    send(res, a.status, a.body);
  });
}

}  // namespace subspace::server
