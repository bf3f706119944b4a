// Retry policy: exponential backoff with full jitter, honouring Retry-After,
// bounded by attempts and by elapsed time.
//
// Only kUnavailable and kDeadlineExceeded are retried (fhir/status.h). The
// delay before retry n (n = 1, 2, ...) is uniform in
// [0, min(max_delay, base_delay * 2^(n-1))] ("full jitter"). A Retry-After
// from the server raises it to at least that many milliseconds; a Retry-After
// longer than max_delay ends the retries at once (the caller should come back
// later, e.g. through its outbox, rather than block), as does a delay that
// would end past max_elapsed. Whether a *request* may be retried at all
// (idempotency) is the caller's decision, see fhir_client.h.
//
// Time is a seam: Clock holds the functions that read the clocks and sleep,
// so tests run instantly and deterministically (with RetryOptions::seed).
#ifndef ALLIANCE_FHIR_HTTP_RETRY_H_
#define ALLIANCE_FHIR_HTTP_RETRY_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "fhir/status.h"

namespace fhir {

using Millis = std::chrono::milliseconds;

struct Clock {
  // For elapsed time. Default: std::chrono::steady_clock::now.
  std::function<std::chrono::steady_clock::time_point()> steady_now;
  // For HTTP dates (Retry-After). Default: std::chrono::system_clock::now.
  std::function<std::chrono::system_clock::time_point()> wall_now;
  // Blocks the calling thread. Default: std::this_thread::sleep_for.
  std::function<void(Millis)> sleep;

  // The real clocks; members left empty in a Clock are filled from it.
  static Clock Real();
};

struct RetryOptions {
  // Attempts in all, the first included; 1 disables retries. Default: 6.
  int max_attempts = 6;
  // Backoff before the first retry is drawn from [0, base_delay].
  // Default: 200 ms.
  Millis base_delay{200};
  // Upper bound of one backoff delay, and the longest Retry-After honoured
  // by waiting. Default: 30 s.
  Millis max_delay{30000};
  // No retry starts after this much time since the first attempt, and no
  // delay is chosen that would end past it. Default: 120 s.
  Millis max_elapsed{120000};
  // Seed of the jitter generator; 0 draws one from std::random_device.
  // Default: 0.
  std::uint64_t seed = 0;
};

// True for the codes worth retrying: kUnavailable, kDeadlineExceeded.
bool IsRetryable(const Status& status);

// Parses a Retry-After value: delta-seconds ("120") or an HTTP-date
// (IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", or the obsolete RFC 850 and
// asctime forms), relative to `now`. A date in the past gives 0. Returns
// nullopt for anything else (empty, negative, garbage).
std::optional<Millis> ParseRetryAfter(
    std::string_view value, std::chrono::system_clock::time_point now);

// The full-jitter delay before retry `retry` (1-based).
Millis JitteredBackoff(int retry, const RetryOptions& options,
                       std::mt19937_64& rng);

// The retry state of one logical request. Not thread-safe; make one per
// request.
class Backoff {
 public:
  // `clock` must have steady_now set (Clock::Real() does).
  Backoff(const RetryOptions& options, Clock clock);

  // Call after each failed attempt. Returns how long to wait before the next
  // attempt, or nullopt to give up: `status` is not retryable, attempts or
  // elapsed time are used up, or `retry_after` exceeds max_delay. When it
  // gives up, why() says why ("" for a non-retryable status).
  std::optional<Millis> NextDelay(const Status& status,
                                  std::optional<Millis> retry_after);

  int attempts() const { return attempts_; }
  const std::string& why() const { return why_; }

 private:
  RetryOptions options_;
  Clock clock_;
  std::mt19937_64 rng_;
  std::chrono::steady_clock::time_point start_;
  int attempts_ = 0;
  std::string why_;
};

}  // namespace fhir

#endif  // ALLIANCE_FHIR_HTTP_RETRY_H_
