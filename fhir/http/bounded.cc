#include "fhir/http/bounded.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace fhir {

void RunBounded(std::size_t n, int max_in_flight,
                const std::function<void(std::size_t)>& fn) {
  std::size_t workers = static_cast<std::size_t>(std::max(1, max_in_flight));
  workers = std::min(workers, n);
  if (workers <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();  // the calling thread is one of the workers
  for (std::thread& t : threads) t.join();
}

}  // namespace fhir
