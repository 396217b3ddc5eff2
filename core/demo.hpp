// A deterministic demo organisation, built by running ordinary commands through the engine
// (so it obeys every rule): a believable history from 90 days ago up to `now`.
#pragma once
#include <optional>
#include <string_view>

#include "core/session.hpp"

namespace subspace {

struct DemoSize {
  const char* name;
  int subs;
  int people;
  int usage_events;
  int assets_per_workspace;
};

// "empty" (an org with only its admin), "small", "medium", "large" (1,000 subs, 100,000
// people, 1,000,000 usage events).
std::optional<DemoSize> demo_size(std::string_view name);

struct DemoResult {
  State state;
  std::string admin_email;
  std::uint64_t commands = 0, refused = 0;
};

// Every command is also passed to `sink` (if set) as the event it became, so a store can
// journal the history.
DemoResult make_demo(const DemoSize& size, std::uint64_t seed, TimeMs now);

}  // namespace subspace
