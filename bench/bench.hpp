// Benchmarks print one figure a line, "name: value unit", for scripts/bench and
// BENCHMARKS.md. Timings are medians of repeated runs; ratios are taken within one run.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "core/demo.hpp"

namespace subspace::bench {

constexpr TimeMs kNow = 1'790'000'000'000;  // a fixed "now": the same demo every run

inline void figure(const std::string& name, double value, const char* unit) {
  std::printf("%s: %.*f %s\n", name.c_str(), value >= 100 ? 0 : value >= 10 ? 1 : 3, value, unit);
  std::fflush(stdout);
}

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Median wall time of `runs` calls, in seconds.
inline double median_seconds(int runs, const std::function<void()>& fn) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    t.push_back(seconds_since(t0));
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// The large demo (1,000 subs, 100,000 people, 1,000,000 usage events), made once.
const State& large_demo();

void bench_core();
void bench_storage();
void bench_frames();
void bench_server(const std::string& server_bin);

}  // namespace subspace::bench
