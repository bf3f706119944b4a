// FakeClock: a fhir::Clock for tests. sleep() does not block; it records the
// delay and moves both clocks forward by it.
#ifndef ALLIANCE_TESTS_FHIR_HTTP_FAKE_CLOCK_H_
#define ALLIANCE_TESTS_FHIR_HTTP_FAKE_CLOCK_H_

#include <chrono>
#include <mutex>
#include <vector>

#include "fhir/http/retry.h"

namespace fhir {
namespace testing {

class FakeClock {
 public:
  // Wall time starts at 2024-03-01T12:00:00Z.
  FakeClock()
      : wall_(std::chrono::system_clock::time_point(
            std::chrono::seconds(1709294400))) {}

  // The Clock refers to this object, which must outlive it.
  Clock AsClock() {
    Clock c;
    c.steady_now = [this] {
      std::lock_guard<std::mutex> lock(mu_);
      return steady_;
    };
    c.wall_now = [this] {
      std::lock_guard<std::mutex> lock(mu_);
      return wall_;
    };
    c.sleep = [this](Millis d) { Advance(d, true); };
    return c;
  }

  void Advance(Millis d, bool record = false) {
    std::lock_guard<std::mutex> lock(mu_);
    steady_ += d;
    wall_ += d;
    if (record) sleeps_.push_back(d);
  }

  std::vector<Millis> sleeps() const {
    std::lock_guard<std::mutex> lock(mu_);
    return sleeps_;
  }

  std::chrono::system_clock::time_point wall() const {
    std::lock_guard<std::mutex> lock(mu_);
    return wall_;
  }

 private:
  mutable std::mutex mu_;
  std::chrono::steady_clock::time_point steady_{};
  std::chrono::system_clock::time_point wall_;
  std::vector<Millis> sleeps_;
};

}  // namespace testing
}  // namespace fhir

#endif  // ALLIANCE_TESTS_FHIR_HTTP_FAKE_CLOCK_H_
