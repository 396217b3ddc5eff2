#include "headless.hpp"
using namespace subspace;
using namespace subspace::test;
TEST_CASE("scratch: first frame") {
  Headless h;
  CHECK(h.has("+ Create Sub-workspace##open-wizard"));
}
