// subspace-bench [core|storage|frames|server ...]: every native figure (scripts/bench also
// measures the browser bundle and start-up).
#include <cstring>

#include "bench.hpp"

namespace subspace::bench {
const State& large_demo() {
  static const State s = make_demo(*demo_size("large"), 7, kNow).state;
  return s;
}
}  // namespace subspace::bench

int main(int argc, char** argv) {
  using namespace subspace::bench;
  auto want = [&](const char* what) {
    if (argc < 2) return true;
    for (int i = 1; i < argc; ++i)
      if (!std::strcmp(argv[i], what)) return true;
    return false;
  };
  if (want("core")) bench_core();
  if (want("storage")) bench_storage();
  if (want("frames")) bench_frames();
  if (want("server")) bench_server(SUBSPACE_SERVER_BIN);
  return 0;
}
