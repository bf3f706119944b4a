#include "fhir/http/bounded.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <vector>

TEST_CASE("RunBounded runs every index once with at most K in flight") {
  for (int k : {1, 3, 8}) {
    INFO("k = " << k);
    const std::size_t n = 40;
    std::vector<std::atomic<int>> calls(n);
    std::atomic<int> in_flight{0}, max_in_flight{0};
    fhir::RunBounded(n, k, [&](std::size_t i) {
      int now = ++in_flight;
      int seen = max_in_flight.load();
      while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ++calls[i];
      --in_flight;
    });
    for (std::size_t i = 0; i < n; ++i) CHECK(calls[i] == 1);
    CHECK(max_in_flight <= k);
    if (k > 1) CHECK(max_in_flight > 1);
  }
  int called = 0;
  fhir::RunBounded(0, 4, [&](std::size_t) { ++called; });
  CHECK(called == 0);
}
