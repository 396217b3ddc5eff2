// The sync messages (docs/sync-protocol.md) as JSON: what the app sends and how it reads
// what the server answers.
#include "core/sync_protocol.hpp"
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

TEST_CASE("sync bodies carry their format version; another version is refused by name, none means 1") {
  SyncRequest req;
  req.since = 3;
  Json sent = Json::parse(sync_request_to_json(req).dump());  // as on the wire
  CHECK(sent["version"] == kSyncVersion);
  SyncRequest back;
  REQUIRE_FALSE(sync_request_from_json(sent, back));
  CHECK(back.since == 3);
  sent.erase("version");  // an older client
  CHECK_FALSE(sync_request_from_json(sent, back));
  for (Json v : {Json(2), Json(0), Json("1"), Json(1.5), Json(nullptr)}) {
    INFO(v.dump());
    sent["version"] = v;
    Error e = sync_request_from_json(sent, back);
    CHECK(e.code == Err::unsupported_version);
    CHECK(e.message.find("version " + v.dump()) != std::string::npos);
    CHECK(e.message.find("version 1 only") != std::string::npos);
  }
  // A newer request's fields are not reported as unknown: its version is what is wrong.
  Json newer = {{"version", 2}, {"since", 0}, {"commands", Json::array()}, {"cursor", "x"}};
  CHECK(sync_request_from_json(newer, back).code == Err::unsupported_version);

  SyncResponse res;
  res.last_seq = 9;
  Json answer = Json::parse(sync_response_to_json(res).dump());
  CHECK(answer["version"] == kSyncVersion);
  SyncResponse read;
  REQUIRE_FALSE(sync_response_from_json(answer, read));
  CHECK(read.last_seq == 9);
  answer.erase("version");  // an older server
  CHECK_FALSE(sync_response_from_json(answer, read));
  answer["version"] = 2;
  Error e = sync_response_from_json(answer, read);
  CHECK(e.code == Err::unsupported_version);
  CHECK(e.message.find("reload") != std::string::npos);
}
