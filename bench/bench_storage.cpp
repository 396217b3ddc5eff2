// Storage figures on the large org: bytes written per command (IDBFS writes whole files, so
// this is what one change costs in IndexedDB) and a cold start from storage.
#include <filesystem>

#include "bench.hpp"
#include "core/crypto.hpp"
#include "core/store/store.hpp"

namespace subspace::bench {

void bench_storage() {
  const State& big = large_demo();
  std::string dir = std::filesystem::temp_directory_path() / "subspace-bench-store";
  std::filesystem::remove_all(dir);
  FolderStorage folder(dir);
  folder.open();
  {
    Store store(folder);
    auto t0 = std::chrono::steady_clock::now();
    store.reset(big);
    figure("storage.snapshot_write.large_org", seconds_since(t0) * 1000, "ms");
    figure("storage.snapshot_size.large_org", store.snapshot_bytes() / 1e6, "MB");
  }
  double cold = median_seconds(3, [&] {
    Store store(folder);
    State s;
    LoadReport r;
    store.load(s, r);
  });
  figure("storage.cold_start.large_org", cold * 1000, "ms");

  // Journal 2,000 ordinary changes and count the bytes that reach storage.
  CountingStorage counting(folder);
  Store store(counting);
  State s;
  LoadReport r;
  store.load(s, r);
  std::string admin = "ada.quill@lumen.example";
  Id id = 20'000'000;
  std::uint64_t events = 0, line_bytes = 0;
  counting.bytes_written = counting.writes = 0;
  std::uint64_t journal_before = store.journal_bytes();
  for (int i = 0; i < 2000; ++i) {
    const Workspace& ws = s.workspaces[1 + (i * 7919) % (s.workspaces.size() - 1)];
    Payload p = i % 3 == 0 ? Payload(InviteMembers{ws.id, {{"store" + std::to_string(i) + "@lumen.example", "", Role::Viewer}}})
              : i % 3 == 1 ? Payload(AllocateCredits{ws.id, 100})
                           : Payload(RenameWorkspace{ws.id, ws.name + " " + std::to_string(i)});
    ExecResult res = execute(s, Command{{id++, admin, kNow + i}, std::move(p)}, s.last_seq + 1);
    if (!res.event) continue;
    store.append(*res.event);
    ++events;
  }
  line_bytes = store.journal_bytes() - journal_before;
  figure("storage.bytes_written_per_command.large_org", static_cast<double>(counting.bytes_written) / events, "bytes");
  figure("storage.writes_per_command", static_cast<double>(counting.writes) / events, "files");
  // Compaction rewrites the snapshot once the journal reaches a quarter of it: spread over
  // the commands in between, that is four times a journal line per command.
  double amortized = static_cast<double>(counting.bytes_written) / events + 4.0 * line_bytes / events;
  figure("storage.bytes_per_command_with_compaction.large_org", amortized, "bytes");
  figure("storage.journal_line.average", static_cast<double>(line_bytes) / events, "bytes");
  std::filesystem::remove_all(dir);
}

}  // namespace subspace::bench
