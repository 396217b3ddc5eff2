// The store: snapshot + segmented journal, checksums, and recovery from damage at any byte.
#include <algorithm>

#include "core/demo.hpp"
#include "core/state_json.hpp"
#include "core/store/store.hpp"
#include "world.hpp"

using namespace subspace;
using namespace subspace::test;

namespace {

// A world whose every event went into a store: 1,200+ journal records of mixed kinds.
struct Journaled {
  World w{50, 100000'00};
  MemoryStorage storage;
  Store store{storage};
  std::vector<State> states;  // states[i] = the state after the first i journal records

  explicit Journaled(int records = 1200) {
    REQUIRE_FALSE(store.reset(w.s));  // snapshot of the founded org
    WorkspaceId a = w.sub("Alpha", true, true, 1000'00);
    KeyFingerprint k = w.new_key(1);
    w.ok(kAdmin, CreateApiKey{a, "k", k.hash, k.last4});
    size_t first = w.journal.size();
    for (int i = 0; w.journal.size() - first < static_cast<size_t>(records); ++i) {
      switch (i % 4) {
        case 0: w.run(kSystem, RecordApiUsage{k.hash, k.last4, "/v1/call", 1}); break;
        case 1: w.run(kAdmin, InviteMembers{a, {{"p" + std::to_string(i) + "@x.io", "", Role::Viewer}}}); break;
        case 2: w.run("p" + std::to_string(i - 1) + "@x.io", AcceptInvitation{a}); break;
        default: w.run("nobody@x.io", AcceptInvitation{a}); break;  // unknown actor: no event
      }
      w.now += 1000;
    }
    // Journal everything after the snapshot (the snapshot holds the founding event).
    for (size_t i = 1; i < w.journal.size(); ++i) REQUIRE_FALSE(store.append(w.journal[i]));
  }

  std::vector<std::pair<std::string, std::string>> segments() {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& [name, data] : storage.files)
      if (name.rfind("jrnl-", 0) == 0) out.emplace_back(name, data);
    return out;
  }
};

State load(Storage& st, LoadReport& report) {
  Store store(st);
  State s;
  REQUIRE_FALSE(store.load(s, report));
  return s;
}

}  // namespace

TEST_CASE("a store loads back exactly what was journaled; one change writes one small segment") {
  Journaled j(300);
  LoadReport report;
  State s = load(j.storage, report);
  CHECK_FALSE(report.damaged());
  CHECK(report.events_replayed == j.w.journal.size() - 1);
  CHECK(state_to_text(s) == state_to_text(j.w.s));
  for (auto& [name, data] : j.segments()) CHECK(data.size() < 4096 + 1024);

  // Appending one more event rewrites only the current segment.
  CountingStorage counting(j.storage);
  Store store(counting);
  State again;
  LoadReport r2;
  REQUIRE_FALSE(store.load(again, r2));
  Command c{{999999, kAdmin, j.w.now}, RenameWorkspace{j.w.parent(), "Lumen Two"}};
  ExecResult res = execute(again, c, again.last_seq + 1);
  REQUIRE(res.event);
  counting.bytes_written = counting.writes = 0;
  REQUIRE_FALSE(store.append(*res.event));
  CHECK(counting.writes == 1);
  CHECK(counting.bytes_written < 8 * 1024);
}

TEST_CASE("the segment scanner recovers every complete record before a cut at any byte offset") {
  Journaled j(1000);
  size_t checked = 0;
  for (auto& [name, data] : j.segments()) {
    SegmentScan whole = scan_segment(data);
    REQUIRE(whole.problem.empty());
    for (size_t cut = 0; cut <= data.size(); ++cut) {
      SegmentScan s = scan_segment(std::string_view(data).substr(0, cut));
      size_t complete = 0;
      while (complete < whole.records.size() && whole.records[complete].end <= cut) ++complete;
      REQUIRE(s.records.size() == complete);
      REQUIRE(s.good_bytes == (complete ? whole.records[complete - 1].end : 0));
      REQUIRE(s.problem.empty() == (s.good_bytes == cut));  // damage is reported iff bytes were left over
      ++checked;
    }
  }
  CHECK(checked > 100000);
}

TEST_CASE("the segment scanner detects a flipped byte anywhere and keeps the records before it") {
  Journaled j(1000);
  size_t flips = 0;
  for (auto& [name, data] : j.segments()) {
    SegmentScan whole = scan_segment(data);
    for (size_t at = 0; at < data.size(); ++at) {
      std::string bad = data;
      bad[at] = static_cast<char>(bad[at] ^ 0x20);
      SegmentScan s = scan_segment(bad);
      size_t before = 0;  // records that end before the flipped byte
      while (before < whole.records.size() && whole.records[before].end <= at) ++before;
      REQUIRE_FALSE(s.problem.empty());
      REQUIRE(s.records.size() == before);
      ++flips;
    }
  }
  CHECK(flips > 100000);
}

TEST_CASE("loading a damaged journal keeps everything before the damage and quarantines the rest") {
  Journaled j(1000);
  auto segs = j.segments();
  REQUIRE(segs.size() > 20);
  std::string all;
  for (auto& [name, data] : segs) all += data;
  // Cut the whole journal at many offsets (every segment boundary and a spread in between),
  // and flip bytes, then load for real through Store.
  std::vector<size_t> offsets;
  size_t boundary = 0;
  for (auto& [name, data] : segs) {
    for (long d = -2; d <= 2; ++d)
      if (static_cast<long>(boundary) + d >= 0) offsets.push_back(boundary + d);
    boundary += data.size();
  }
  for (size_t o = 7; o < all.size(); o += 997) offsets.push_back(o);
  // Where every record ends, as an offset into the whole journal.
  std::vector<size_t> ends;
  for (size_t p = 0, seg_start = 0; p < segs.size(); seg_start += segs[p].second.size(), ++p)
    for (const auto& rec : scan_segment(segs[p].second).records) ends.push_back(seg_start + rec.end);
  for (size_t cut : offsets) {
    MemoryStorage st = j.storage;  // copy
    size_t start = 0;
    for (auto& [name, data] : segs) {
      if (cut <= start) st.files.erase(name);
      else if (cut < start + data.size()) st.files[name] = data.substr(0, cut - start);
      start += data.size();
    }
    LoadReport report;
    State s = load(st, report);
    // Events recovered = complete records before the cut.
    size_t complete = std::upper_bound(ends.begin(), ends.end(), cut) - ends.begin();
    INFO("cut at " << cut);
    REQUIRE(report.events_replayed == complete);
    REQUIRE(s.last_seq == j.w.journal[complete].seq);
    bool mid_record = cut != 0 && !std::binary_search(ends.begin(), ends.end(), cut);
    REQUIRE(report.damaged() == mid_record);
    if (mid_record) {
      REQUIRE(report.quarantined.size() == 1);
      // The quarantine file holds the torn bytes exactly, after its header line.
      const std::string& q = st.files.at(report.quarantined[0]);
      std::string tail = q.substr(q.find('\n') + 1);
      REQUIRE(all.substr(cut - tail.size(), tail.size()) == tail);
      // Loading again is clean: the damage was moved aside, the good part kept.
      LoadReport again;
      State s2 = load(st, again);
      REQUIRE_FALSE(again.damaged());
      REQUIRE(s2.last_seq == s.last_seq);
    }
  }
  // A full comparison for one cut in the middle.
  size_t mid = all.size() / 2;
  MemoryStorage st = j.storage;
  size_t start = 0;
  for (auto& [name, data] : segs) {
    if (mid <= start) st.files.erase(name);
    else if (mid < start + data.size()) st.files[name] = data.substr(0, mid - start);
    start += data.size();
  }
  LoadReport report;
  State s = load(st, report);
  State expected;
  for (const Event& e : j.w.journal)
    if (e.seq <= s.last_seq) REQUIRE_FALSE(apply_event(expected, e));
  CHECK(state_to_text(s) == state_to_text(expected));
}

TEST_CASE("a flipped byte in the middle moves that record and everything after it aside") {
  Journaled j(1000);
  auto segs = j.segments();
  const auto& [name, data] = segs[segs.size() / 2];
  std::string bad = data;
  bad[bad.size() / 2] ^= 0x01;
  j.storage.files[name] = bad;
  LoadReport report;
  State s = load(j.storage, report);
  CHECK(report.damaged());
  CHECK(report.problem.find("checksum") != std::string::npos);
  // This segment's tail and every later segment are in quarantine; nothing is deleted.
  CHECK(report.quarantined.size() == 1 + (segs.size() - segs.size() / 2 - 1));
  size_t kept = 0;
  for (const auto& rec : scan_segment(bad).records) kept = std::max(kept, rec.end);
  CHECK(j.storage.files.at(name) == bad.substr(0, kept));
  CHECK(s.last_seq < j.w.s.last_seq);
}

TEST_CASE("snapshots: compaction replaces the journal; a damaged snapshot falls back to an older one") {
  Journaled j(400);
  Store store(j.storage, StoreOptions{4096, 4096, 1024, 4});  // small parts: a multi-part snapshot
  State s;
  LoadReport report;
  REQUIRE_FALSE(store.load(s, report));
  CHECK(store.compaction_due());
  REQUIRE_FALSE(store.compact(s));
  int parts = 0, segments = 0;
  for (auto& [n, d] : j.storage.files) {
    parts += n.rfind("snap-", 0) == 0;
    segments += n.rfind("jrnl-", 0) == 0;
  }
  CHECK(parts > 3);
  CHECK(segments == 0);
  State back = load(j.storage, report);
  CHECK(state_to_text(back) == state_to_text(s));

  // Damage one part of the newest snapshot while an older, complete one exists.
  MemoryStorage st;
  Store older(st);
  World w;
  REQUIRE_FALSE(older.reset(w.s));
  WorkspaceId a = w.sub("Alpha");
  (void)a;
  for (size_t i = 1; i < w.journal.size(); ++i) REQUIRE_FALSE(older.append(w.journal[i]));
  Store newer(st);
  State cur;
  REQUIRE_FALSE(newer.load(cur, report));
  auto snapshot_names = [&] {
    std::vector<std::string> v;
    for (auto& [n, d] : st.files)
      if (n.rfind("snap-", 0) == 0) v.push_back(n);
    return v;
  };
  std::string old_snapshot = snapshot_names().front();
  std::string old_copy = st.files[old_snapshot];
  REQUIRE_FALSE(newer.compact(cur));
  std::string new_snapshot = snapshot_names().back();
  st.files[old_snapshot] = old_copy;  // as if the old one had not been removed yet
  st.files[new_snapshot][st.files[new_snapshot].size() - 3] ^= 0x10;
  State recovered = load(st, report);
  CHECK(report.damaged());
  CHECK(report.problem.find("snapshot") != std::string::npos);
  CHECK(recovered.has_org);
  CHECK(recovered.last_seq == 1);  // the older snapshot, without the events it no longer has
  CHECK(st.files.count(new_snapshot) == 0);  // moved to quarantine, not lost
  bool quarantined = false;
  for (auto& q : report.quarantined) quarantined |= q.find(new_snapshot) != std::string::npos;
  CHECK(quarantined);
}

namespace {
std::string journal_line(const std::string& body) {
  char crc[9];
  std::snprintf(crc, sizeof crc, "%08x", crc32(body));
  return std::string(crc) + " " + body + "\n";
}
}  // namespace

TEST_CASE("a snapshot from a newer version is refused and left untouched, naming both versions") {
  MemoryStorage st;
  st.files["snap-000000000005-0000.json"] = "#subspace-snapshot v2 seq=5 part=0 parts=1 crc=00000000 len=2\n{}";
  MemoryStorage before = st;
  Store store(st);
  State s;
  LoadReport report;
  Error e = store.load(s, report);
  CHECK(e.code == Err::unsupported_version);
  CHECK(e.message == "The stored data was written by a newer version of Subspace (snapshot format v2; this version of "
                     "Subspace reads v1); nothing was changed.");
  CHECK(st.files == before.files);
}

TEST_CASE("a journal record from a newer version stops the load and is left as it is, not quarantined as damage") {
  World w;
  WorkspaceId a = w.sub("Alpha");
  const std::string tail = R"("id":90001,"actor":"ada@lumen.example","time":1764000000000})";
  const std::string seq = std::to_string(w.s.last_seq + 1);
  struct Case {
    const char* what;
    std::string body;
    const char* says;
  } cases[] = {
      // A newer format that added a field: its version says so before the field is judged.
      {"a stated newer version", R"({"seq":)" + seq + R"(,"command":{"type":"rename_workspace","v":2,"workspace":)" +
                                     std::to_string(a) + R"(,"name":"Gamma","colour":"teal",)" + tail + "}",
       "record 2: The command is format version 2; this version of Subspace reads command format version 1 at most."},
      // A checksummed record of a type this version has never heard of.
      {"an unknown command type", R"({"seq":)" + seq + R"(,"command":{"type":"teleport",)" + tail + "}",
       "record 2: Unknown command type 'teleport'."},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    MemoryStorage st;
    Store store(st);
    REQUIRE_FALSE(store.reset(w.s));  // snapshot after Alpha; the journal goes on from there
    Command next{{w.next_id++, kAdmin, w.now}, RenameWorkspace{a, "Beta"}};
    State s = w.s;
    ExecResult r = execute(s, next, s.last_seq + 1);
    REQUIRE(r.event);
    REQUIRE_FALSE(store.append(*r.event));
    std::string& segment = st.files.begin()->second;  // "jrnl-" sorts before "snap-"
    REQUIRE(st.files.begin()->first.rfind("jrnl-", 0) == 0);
    std::string body = c.body;
    body.replace(body.find(R"("seq":)" + seq), 6 + seq.size(), R"("seq":)" + std::to_string(s.last_seq + 1));
    segment += journal_line(body);
    MemoryStorage before = st;
    State loaded;
    LoadReport report;
    Error e = Store(st).load(loaded, report);
    CHECK(e.code == Err::unsupported_version);
    CHECK(e.message.find("was written by a newer version of Subspace") != std::string::npos);
    CHECK(e.message.find(c.says) != std::string::npos);
    CHECK(report.quarantined.empty());
    CHECK(st.files == before.files);  // nothing moved aside, nothing rewritten
  }
}

TEST_CASE("a journal record that replays differently is quarantined, and none of its effects stay in the state") {
  for (Err recorded : {Err::forbidden, Err::none}) {
    INFO("recorded as " << error_code(recorded));
    World w;
    MemoryStorage st;
    Store store(st);
    REQUIRE_FALSE(store.reset(w.s));
    WorkspaceId a = w.sub("Alpha");
    for (size_t i = 1; i < w.journal.size(); ++i) REQUIRE_FALSE(store.append(w.journal[i]));
    std::string good = state_to_text(w.s);
    // forbidden: an admin's rename recorded as refused goes through on replay.
    // none: a second "alpha" recorded as accepted is refused on replay (name_taken).
    Payload p = recorded == Err::none ? Payload{CreateWorkspace{"alpha"}} : Payload{RenameWorkspace{a, "Gamma"}};
    REQUIRE_FALSE(store.append(Event{w.s.last_seq + 1, Command{{w.next_id++, kAdmin, w.now}, p}, recorded}));
    LoadReport report;
    State s = load(st, report);
    CHECK(report.damaged());
    CHECK(report.problem.find("but replays as") != std::string::npos);
    CHECK(report.problem.rfind("Recovered up to event " + std::to_string(w.s.last_seq) + ";", 0) == 0);
    CHECK(report.quarantined.size() == 1);
    CHECK(state_to_text(s) == good);
    CHECK(s.workspace(a)->name == "Alpha");
    LoadReport again;
    CHECK(state_to_text(load(st, again)) == good);
    CHECK_FALSE(again.damaged());
  }
}

TEST_CASE("blobs are checksummed and their names confined") {
  MemoryStorage st;
  Store store(st);
  REQUIRE_FALSE(store.write_blob("img-1.rgba", std::string("\x01\x02\x03\x04", 4)));
  CHECK(store.read_blob("img-1.rgba") == std::string("\x01\x02\x03\x04", 4));
  st.files["blob-img-1.rgba"].back() ^= 1;
  CHECK_FALSE(store.read_blob("img-1.rgba"));
  CHECK(store.write_blob("../x", "a").code == Err::invalid_image);
  CHECK_FALSE(Store::valid_blob_name("a/b"));
}

TEST_CASE("a folder store works the same on disk") {
  std::string dir = "store-test-folder";
  FolderStorage fs(dir);
  REQUIRE_FALSE(fs.open());
  for (auto& n : fs.list()) fs.remove(n);
  World w;
  Store store(fs);
  REQUIRE_FALSE(store.reset(w.s));
  w.sub("Alpha");
  for (size_t i = 1; i < w.journal.size(); ++i) REQUIRE_FALSE(store.append(w.journal[i]));
  Store again(fs);
  State s;
  LoadReport report;
  REQUIRE_FALSE(again.load(s, report));
  CHECK(state_to_text(s) == state_to_text(w.s));
  for (auto& n : fs.list()) fs.remove(n);
}
