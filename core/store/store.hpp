// The store format, in one place: a snapshot (in parts) plus a journal of events split into
// small segment files, every record checksummed. One change rewrites only the current
// segment (a few KB), whatever the size of the organisation; compaction writes a new
// snapshot once the journal has grown to a fair share of it.
//
//   snap-<seq>-<part>.json   "#subspace-snapshot v1 seq=S part=I parts=N crc=C len=L\n" + JSON text
//   jrnl-<first seq>.log     one event a line: "<crc32 hex> <event JSON>\n"; an event states its
//                            format version only when it is not 1 (see kCommandFormatVersion)
//   blob-<name>              "#subspace-blob v1 crc=C len=L\n" + bytes (image thumbnails)
//   quarantine-<...>         damaged data moved aside, never deleted by the app
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/commands.hpp"
#include "core/store/storage.hpp"

namespace subspace {

std::uint32_t crc32(std::string_view data);

struct StoreOptions {
  size_t segment_bytes = 4096;          // start a new segment past this size
  size_t snapshot_part_bytes = 1 << 20;  // IndexedDB takes one record per part
  std::uint64_t min_compact_bytes = 512 * 1024;
  int compact_ratio = 4;                 // compact when journal > snapshot / ratio
};

// One journal segment read record by record: every complete, intact record up to the
// first one that is cut short, fails its checksum, or cannot be read.
struct ScannedRecord {
  Event event;
  size_t end = 0;  // offset just past the record's line
};
struct SegmentScan {
  std::vector<ScannedRecord> records;
  size_t good_bytes = 0;  // the records' bytes; what follows is damaged
  std::string problem;    // why the scan stopped early; empty when it read to the end
  bool newer = false;     // it stopped at an intact record written by a newer version
};
SegmentScan scan_segment(std::string_view data);

struct LoadReport {
  std::uint64_t snapshot_seq = 0;
  std::uint64_t events_replayed = 0;
  int segments = 0;
  std::vector<std::string> quarantined;  // files written aside
  std::string problem;                   // what was damaged and what was recovered; empty if clean
  bool damaged() const { return !problem.empty(); }
};

class Store {
 public:
  explicit Store(Storage& storage, StoreOptions opt = {}) : st_(storage), opt_(opt) {}

  // Reads the newest complete snapshot and replays the journal after it. A damaged or
  // unreadable tail is moved to a quarantine file and reported; everything before it loads.
  // Fails with unsupported_version, leaving the data as it is, when a snapshot or a journal
  // record was written by a newer version of the app.
  Error load(State& out, LoadReport& report);

  Error append(const Event& e);
  bool compaction_due() const;
  Error compact(const State& s);
  // Replaces the whole store with a snapshot of `s` (imports, demo resets).
  Error reset(const State& s);

  Error write_blob(const std::string& name, std::string_view data);
  std::optional<std::string> read_blob(const std::string& name);
  static bool valid_blob_name(const std::string& name);

  std::uint64_t journal_bytes() const { return journal_bytes_; }
  std::uint64_t snapshot_bytes() const { return snapshot_bytes_; }

 private:
  Error load_snapshot(State& state, LoadReport& report, std::vector<std::string>& problems);
  // Replays the segments after the snapshot; `tainted` when an event did not replay as
  // recorded, which may have left some of its effects in `state`.
  Error replay_journal(State& state, LoadReport& report, std::vector<std::string>& problems, bool& tainted);
  Error write_snapshot(const State& s);
  Error quarantine(const std::string& name, std::string_view data, const std::string& why, LoadReport& report);

  Storage& st_;
  StoreOptions opt_;
  std::string segment_name_;  // current segment (empty: start a new one)
  std::string segment_;       // its content
  std::uint64_t journal_bytes_ = 0;
  std::uint64_t snapshot_bytes_ = 0;
};

}  // namespace subspace
