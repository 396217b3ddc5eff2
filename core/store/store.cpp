#include "core/store/store.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "core/engine.hpp"
#include "core/state_json.hpp"

namespace subspace {

std::uint32_t crc32(std::string_view data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

namespace {

constexpr std::string_view kSnapPrefix = "snap-", kJournalPrefix = "jrnl-", kBlobPrefix = "blob-",
                           kQuarantinePrefix = "quarantine-";

std::string hex8(std::uint32_t v) {
  char b[9];
  std::snprintf(b, sizeof b, "%08x", v);
  return b;
}

std::string seq_name(std::uint64_t seq) {
  char b[24];
  std::snprintf(b, sizeof b, "%012llu", static_cast<unsigned long long>(seq));
  return b;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Parses "key=value" fields of a header line into a map.
std::map<std::string, std::string> header_fields(std::string_view line) {
  std::map<std::string, std::string> out;
  size_t i = 0;
  while (i < line.size()) {
    size_t end = line.find(' ', i);
    if (end == std::string_view::npos) end = line.size();
    std::string_view tok = line.substr(i, end - i);
    if (size_t eq = tok.find('='); eq != std::string_view::npos) out[std::string(tok.substr(0, eq))] = std::string(tok.substr(eq + 1));
    i = end + 1;
  }
  return out;
}

bool parse_u64(const std::string& s, std::uint64_t& out, int base = 10) {
  if (s.empty() || s.size() > 20) return false;
  char* end = nullptr;
  unsigned long long v = std::strtoull(s.c_str(), &end, base);
  if (*end != '\0') return false;
  out = v;
  return true;
}

// Exactly eight lower-case hex digits, as written: any changed byte is noticed.
bool parse_hex8(std::string_view s, std::uint64_t& out) {
  if (s.size() != 8) return false;
  out = 0;
  for (char c : s) {
    int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    if (v < 0) return false;
    out = out * 16 + static_cast<std::uint64_t>(v);
  }
  return true;
}

struct SnapshotPart {
  std::string name;
  std::uint64_t seq = 0, part = 0;
};

// "snap-000000000042-0001.json" -> seq 42, part 1
std::optional<SnapshotPart> parse_snapshot_name(const std::string& name) {
  if (!starts_with(name, kSnapPrefix) || name.size() != 5 + 12 + 1 + 4 + 5) return std::nullopt;
  SnapshotPart p{name};
  if (!parse_u64(name.substr(5, 12), p.seq) || !parse_u64(name.substr(18, 4), p.part)) return std::nullopt;
  return p;
}

std::optional<std::uint64_t> parse_segment_name(const std::string& name) {
  if (!starts_with(name, kJournalPrefix) || name.size() != 5 + 12 + 4 || name.substr(17) != ".log") return std::nullopt;
  std::uint64_t seq;
  if (!parse_u64(name.substr(5, 12), seq)) return std::nullopt;
  return seq;
}

// Checks one snapshot part and returns its payload, or an explanation.
std::optional<std::string> read_part(const std::string& data, std::uint64_t seq, std::uint64_t part, std::uint64_t& parts,
                                     std::string& why, bool& newer) {
  size_t nl = data.find('\n');
  if (nl == std::string::npos) return why = "no header", std::nullopt;
  std::string_view header(data.data(), nl);
  if (!starts_with(header, "#subspace-snapshot ")) return why = "not a snapshot", std::nullopt;
  auto f = header_fields(header);
  std::string_view version = header.substr(19, header.find(' ', 19) - 19);
  if (version != "v1") {
    std::uint64_t v = 0;
    newer = version.size() > 1 && version[0] == 'v' && parse_u64(std::string(version.substr(1)), v) && v > 1;
    why = newer ? "snapshot format " + std::string(version) + "; this version of Subspace reads v1" : "bad header";
    return std::nullopt;
  }
  std::uint64_t hseq, hpart, hparts, crc, len;
  if (!parse_u64(f["seq"], hseq) || !parse_u64(f["part"], hpart) || !parse_u64(f["parts"], hparts) ||
      !parse_u64(f["crc"], crc, 16) || !parse_u64(f["len"], len))
    return why = "bad header", std::nullopt;
  if (hseq != seq || hpart != part) return why = "header does not match the file name", std::nullopt;
  std::string payload = data.substr(nl + 1);
  if (payload.size() != len) return why = "truncated", std::nullopt;
  if (crc32(payload) != crc) return why = "checksum mismatch", std::nullopt;
  parts = hparts;
  return payload;
}

}  // namespace

SegmentScan scan_segment(std::string_view data) {
  SegmentScan out;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) { out.problem = "a record is cut short"; break; }
    std::string_view line = data.substr(pos, nl - pos);
    std::uint64_t crc;
    if (line.size() < 10 || line[8] != ' ' || !parse_hex8(line.substr(0, 8), crc)) {
      out.problem = "a record has no checksum";
      break;
    }
    std::string_view body = line.substr(9);
    if (crc32(body) != crc) { out.problem = "a record fails its checksum"; break; }
    Json j = parse_json(body);
    if (j.is_discarded()) { out.problem = "a record is not JSON"; break; }
    ScannedRecord rec;
    if (Error err = event_from_json(j, rec.event)) {
      // A record that passed its checksum and names a newer format, or a command type this
      // version does not know, is intact data from a newer version, not damage.
      out.newer = err.code == Err::unsupported_version || err.code == Err::unknown_command;
      out.problem = err.message;
      break;
    }
    pos = nl + 1;
    rec.end = pos;
    out.records.push_back(std::move(rec));
  }
  out.good_bytes = pos;
  return out;
}

Error Store::quarantine(const std::string& name, std::string_view data, const std::string& why, LoadReport& report) {
  auto names = st_.list();
  std::string base = std::string(kQuarantinePrefix) + name;
  std::string target = base;
  for (int i = 2; std::find(names.begin(), names.end(), target) != names.end(); ++i) target = base + "." + std::to_string(i);
  std::string content = "# quarantined: " + why + "\n";
  content.append(data);
  if (Error e = st_.write(target, content)) return e;
  report.quarantined.push_back(target);
  return {};
}

Error Store::load_snapshot(State& state, LoadReport& report, std::vector<std::string>& problems) {
  std::map<std::uint64_t, std::vector<SnapshotPart>, std::greater<>> snaps;
  for (const auto& n : st_.list())
    if (auto p = parse_snapshot_name(n)) snaps[p->seq].push_back(*p);
  snapshot_bytes_ = 0;
  for (auto& [seq, parts] : snaps) {
    std::sort(parts.begin(), parts.end(), [](auto& a, auto& b) { return a.part < b.part; });
    std::string text, why;
    std::uint64_t expected = 0;
    bool ok = true, newer = false;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      auto data = st_.read(parts[i].name);
      std::uint64_t n = 0;
      auto payload = data ? read_part(*data, seq, i, n, why, newer) : std::nullopt;
      if (!data) why = "unreadable";
      if (!payload || parts[i].part != i || (i > 0 && n != expected)) ok = false;
      else expected = n, text += *payload;
    }
    if (ok && parts.size() != expected) ok = false, why = "parts missing";
    if (newer)
      return Error(Err::unsupported_version, "The stored data was written by a newer version of Subspace (" + why + "); nothing was changed.");
    State candidate;
    if (ok) {
      Error e = state_from_text(text, candidate);
      if (e.code == Err::unsupported_version) return e;
      if (e) ok = false, why = e.message;
    }
    if (ok) {
      state = std::move(candidate);
      snapshot_bytes_ = text.size();
      report.snapshot_seq = seq;
      return {};
    }
    // Move the damaged snapshot aside and try an older one.
    for (const auto& p : parts) {
      if (auto data = st_.read(p.name)) quarantine(p.name, *data, "snapshot " + why, report);
      st_.remove(p.name);
    }
    problems.push_back("the snapshot at event " + std::to_string(seq) + " was damaged (" + why + ")");
  }
  return {};
}

Error Store::replay_journal(State& state, LoadReport& report, std::vector<std::string>& problems, bool& tainted) {
  std::vector<std::pair<std::uint64_t, std::string>> segments;
  for (const auto& n : st_.list())
    if (auto first = parse_segment_name(n)) segments.emplace_back(*first, n);
  std::sort(segments.begin(), segments.end());
  journal_bytes_ = 0;
  segment_name_.clear();
  segment_.clear();
  bool damaged = false;
  for (const auto& [first, name] : segments) {
    std::string data = st_.read(name).value_or(std::string());
    if (damaged) {  // everything after the damage goes aside with it
      quarantine(name, data, "follows a damaged record", report);
      st_.remove(name);
      continue;
    }
    ++report.segments;
    SegmentScan scan = scan_segment(data);
    if (scan.newer) {
      return Error(Err::unsupported_version, "The journal segment " + name + " was written by a newer version of Subspace (record " +
                                                 std::to_string(scan.records.size() + 1) + ": " + scan.problem +
                                                 ") and was left as it is: open this store with that version.");
    }
    size_t pos = 0;
    std::uint64_t good_seq = state.last_seq;  // a failed replay may already have moved last_seq
    std::string why = scan.problem;
    for (const ScannedRecord& rec : scan.records) {
      const Event& e = rec.event;
      if (e.seq > good_seq) {
        if (e.seq != good_seq + 1) { why = "event " + std::to_string(good_seq + 1) + " is missing"; break; }
        if (Error err = apply_event(state, e)) { why = err.message, tainted = true; break; }
        good_seq = e.seq;
        ++report.events_replayed;
      }  // else: already in the snapshot
      pos = rec.end;
    }
    if (pos < data.size()) {
      damaged = true;
      // Keep the good records where they are and the rest, byte for byte, in quarantine.
      quarantine(name, std::string_view(data).substr(pos), why, report);
      data.resize(pos);
      if (data.empty()) st_.remove(name);
      else st_.write(name, data);
      problems.push_back("the journal was damaged after event " + std::to_string(good_seq) + " (" + why + ")");
    }
    journal_bytes_ += data.size();
    if (!data.empty()) segment_name_ = name, segment_ = std::move(data);
  }
  return {};
}

Error Store::load(State& out, LoadReport& report) {
  report = {};
  std::vector<std::string> problems;
  State state;
  bool tainted = false;
  if (Error e = load_snapshot(state, report, problems)) return e;
  if (Error e = replay_journal(state, report, problems, tainted)) return e;
  if (tainted) {
    // An event that did not replay as recorded may have changed the state before that
    // showed (a command recorded as refused that now goes through): now that it is set
    // aside, load again from what is left.
    LoadReport clean;
    if (Error e = load(out, clean)) return e;
    clean.quarantined = std::move(report.quarantined);
    report = std::move(clean);
  } else {
    out = std::move(state);
  }
  if (!problems.empty()) {
    std::string msg = "Recovered up to event " + std::to_string(out.last_seq) + "; ";
    for (size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
    msg += ". Damaged data was kept aside in " + std::to_string(report.quarantined.size()) + " quarantine file(s).";
    report.problem = msg;
  }
  return {};
}

Error Store::append(const Event& e) {
  std::string body = event_to_json(e).dump();
  if (segment_name_.empty() || segment_.size() >= opt_.segment_bytes) {
    segment_name_ = std::string(kJournalPrefix) + seq_name(e.seq) + ".log";
    segment_.clear();
  }
  std::string line = hex8(crc32(body)) + " " + body + "\n";
  segment_ += line;
  journal_bytes_ += line.size();
  // The whole segment is rewritten: a failed write is retried by the next one.
  return st_.write(segment_name_, segment_);
}

bool Store::compaction_due() const {
  return journal_bytes_ > std::max<std::uint64_t>(opt_.min_compact_bytes, snapshot_bytes_ / opt_.compact_ratio);
}

Error Store::write_snapshot(const State& s) {
  std::string text = state_to_text(s);
  size_t part_size = opt_.snapshot_part_bytes;
  size_t parts = std::max<size_t>(1, (text.size() + part_size - 1) / part_size);
  std::vector<std::string> written;
  for (size_t i = 0; i < parts; ++i) {
    std::string_view payload = std::string_view(text).substr(i * part_size, part_size);
    char name[40];
    std::snprintf(name, sizeof name, "%s%s-%04zu.json", std::string(kSnapPrefix).c_str(), seq_name(s.last_seq).c_str(), i);
    std::string data = "#subspace-snapshot v1 seq=" + std::to_string(s.last_seq) + " part=" + std::to_string(i) +
                       " parts=" + std::to_string(parts) + " crc=" + hex8(crc32(payload)) +
                       " len=" + std::to_string(payload.size()) + "\n";
    data.append(payload);
    if (Error e = st_.write(name, data)) {
      for (const auto& w : written) st_.remove(w);
      return e;
    }
    written.emplace_back(name);
  }
  snapshot_bytes_ = text.size();
  // Only now, with the new snapshot complete, drop what it covers.
  for (const auto& n : st_.list()) {
    auto snap = parse_snapshot_name(n);
    if ((snap && (snap->seq != s.last_seq || snap->part >= parts)) || parse_segment_name(n)) st_.remove(n);
  }
  segment_name_.clear();
  segment_.clear();
  journal_bytes_ = 0;
  return {};
}

Error Store::compact(const State& s) { return write_snapshot(s); }

Error Store::reset(const State& s) { return write_snapshot(s); }

bool Store::valid_blob_name(const std::string& name) {
  if (name.empty() || name.size() > 128) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
      return false;
  return name.find("..") == std::string::npos;
}

Error Store::write_blob(const std::string& name, std::string_view data) {
  if (!valid_blob_name(name)) return Error(Err::invalid_image, "Bad blob name.");
  std::string content = "#subspace-blob v1 crc=" + hex8(crc32(data)) + " len=" + std::to_string(data.size()) + "\n";
  content.append(data);
  return st_.write(std::string(kBlobPrefix) + name, content);
}

std::optional<std::string> Store::read_blob(const std::string& name) {
  if (!valid_blob_name(name)) return std::nullopt;
  auto data = st_.read(std::string(kBlobPrefix) + name);
  if (!data) return std::nullopt;
  size_t nl = data->find('\n');
  if (nl == std::string::npos) return std::nullopt;
  auto f = header_fields(std::string_view(*data).substr(0, nl));
  std::uint64_t crc, len;
  std::string payload = data->substr(nl + 1);
  if (!parse_u64(f["crc"], crc, 16) || !parse_u64(f["len"], len) || payload.size() != len || crc32(payload) != crc)
    return std::nullopt;
  return payload;
}

}  // namespace subspace
