#include "fhir/http/retry.h"

#include <catch2/catch.hpp>

#include "tests/fhir/http/fake_clock.h"

using fhir::Backoff;
using fhir::Millis;
using fhir::RetryOptions;
using fhir::Status;
using fhir::StatusCode;
using fhir::testing::FakeClock;

TEST_CASE("Retry-After parsing of delta-seconds and HTTP-dates and garbage") {
  FakeClock clock;  // 2024-03-01T12:00:00Z, a Friday
  auto now = clock.wall();
  struct Case {
    const char* value;
    std::optional<long long> want_ms;
  };
  const Case cases[] = {
      {"0", 0},
      {"1", 1000},
      {" 120 ", 120000},
      {"99999999999999999999", 365LL * 86400 * 1000},   // saturates
      {"Fri, 01 Mar 2024 12:00:30 GMT", 30000},         // IMF-fixdate
      {"Friday, 01-Mar-24 12:01:00 GMT", 60000},        // RFC 850
      {"Fri Mar  1 12:00:05 2024", 5000},               // asctime
      {"Fri, 01 Mar 2024 11:00:00 GMT", 0},             // in the past
      {"Fri, 01 Mar 2024 12:00:30 UTC", std::nullopt},  // must say GMT
      {"Fri, 01 Foo 2024 12:00:30 GMT", std::nullopt},
      {"Fri, 01 Mar 2024 25:00:30 GMT", std::nullopt},
      {"-5", std::nullopt},
      {"1.5", std::nullopt},
      {"soon", std::nullopt},
      {"", std::nullopt},
      {"Fri, 01 Mar 2024 12:00:30 GMT trailing", std::nullopt},
  };
  for (const Case& c : cases) {
    INFO("Retry-After: " << c.value);
    auto got = fhir::ParseRetryAfter(c.value, now);
    REQUIRE(got.has_value() == c.want_ms.has_value());
    if (got) CHECK(got->count() == *c.want_ms);
  }
}

TEST_CASE("full-jitter backoff stays between 0 and min(cap; base * 2^(n-1))") {
  RetryOptions options;
  options.base_delay = Millis(200);
  options.max_delay = Millis(30000);
  std::mt19937_64 rng(42);
  const long long ceilings[] = {200,  400,   800,   1600,  3200,
                                6400, 12800, 25600, 30000, 30000};
  for (int retry = 1; retry <= 10; ++retry) {
    long long ceiling = ceilings[retry - 1];
    long long max_seen = 0;
    for (int i = 0; i < 2000; ++i) {
      long long d = fhir::JitteredBackoff(retry, options, rng).count();
      REQUIRE(d >= 0);
      REQUIRE(d <= ceiling);
      max_seen = std::max(max_seen, d);
    }
    INFO("retry " << retry);
    CHECK(max_seen > ceiling / 2);  // jitter spreads over the whole range
  }
  // Huge retry numbers do not overflow.
  CHECK(fhir::JitteredBackoff(1000, options, rng).count() <= 30000);
  // Same seed, same sequence.
  std::mt19937_64 a(7), b(7);
  for (int i = 1; i < 8; ++i) {
    CHECK(fhir::JitteredBackoff(i, options, a) ==
          fhir::JitteredBackoff(i, options, b));
  }
}

TEST_CASE("Backoff retries only retryable codes") {
  FakeClock clock;
  RetryOptions options;
  options.seed = 1;
  const StatusCode retryable[] = {StatusCode::kUnavailable,
                                  StatusCode::kDeadlineExceeded};
  const StatusCode final_codes[] = {
      StatusCode::kInvalidArgument,  StatusCode::kAborted,
      StatusCode::kUnauthenticated,  StatusCode::kNotFound,
      StatusCode::kPermissionDenied, StatusCode::kInternal};
  for (StatusCode code : retryable) {
    Backoff b(options, clock.AsClock());
    CHECK(b.NextDelay(Status(code, "x"), std::nullopt).has_value());
  }
  for (StatusCode code : final_codes) {
    Backoff b(options, clock.AsClock());
    CHECK_FALSE(b.NextDelay(Status(code, "x"), std::nullopt).has_value());
    CHECK(b.why().empty());
  }
}

TEST_CASE("Backoff is bounded by attempts") {
  FakeClock clock;
  RetryOptions options;
  options.seed = 3;
  options.max_attempts = 4;
  Backoff b(options, clock.AsClock());
  Status unavailable = fhir::UnavailableError("503");
  int retries = 0;
  while (auto d = b.NextDelay(unavailable, std::nullopt)) {
    ++retries;
    clock.Advance(*d);
  }
  CHECK(retries == 3);  // 4 attempts in all
  CHECK(b.attempts() == 4);
  CHECK(b.why() == "gave up after 4 attempts");
}

TEST_CASE("Backoff is bounded by elapsed time") {
  FakeClock clock;
  RetryOptions options;
  options.seed = 5;
  options.max_attempts = 1000;
  options.max_elapsed = Millis(10000);
  Backoff b(options, clock.AsClock());
  Status unavailable = fhir::UnavailableError("503");
  Millis total(0);
  while (auto d = b.NextDelay(unavailable, std::nullopt)) {
    clock.Advance(*d);
    total += *d;
    clock.Advance(Millis(100));  // the attempt itself takes time
    total += Millis(100);
  }
  CHECK(total <= Millis(10000 + 100));  // the last attempt may run past it
  CHECK(b.why().find("retry time limit") != std::string::npos);
}

TEST_CASE("Retry-After raises the delay and too long a one ends retries") {
  FakeClock clock;
  RetryOptions options;
  options.seed = 9;
  options.base_delay = Millis(10);
  options.max_delay = Millis(30000);
  Status unavailable = fhir::UnavailableError("503");
  {
    Backoff b(options, clock.AsClock());
    auto d = b.NextDelay(unavailable, Millis(2000));
    REQUIRE(d);
    CHECK(*d == Millis(2000));  // jitter <= 10 ms, Retry-After wins
  }
  {
    Backoff b(options, clock.AsClock());
    auto d = b.NextDelay(unavailable, Millis(0));
    REQUIRE(d);
    CHECK(*d <= Millis(10));
  }
  {
    Backoff b(options, clock.AsClock());
    CHECK_FALSE(b.NextDelay(unavailable, Millis(60000)));
    CHECK(b.why().find("retry after 60 s") != std::string::npos);
  }
  {
    // A Retry-After that would end past max_elapsed ends retries too.
    RetryOptions short_budget = options;
    short_budget.max_elapsed = Millis(5000);
    Backoff b(short_budget, clock.AsClock());
    CHECK_FALSE(b.NextDelay(unavailable, Millis(6000)));
  }
}

TEST_CASE("Backoff with a seed is deterministic") {
  FakeClock c1, c2;
  RetryOptions options;
  options.seed = 1234;
  Backoff a(options, c1.AsClock()), b(options, c2.AsClock());
  for (int i = 0; i < 5; ++i) {
    auto da = a.NextDelay(fhir::UnavailableError("x"), std::nullopt);
    auto db = b.NextDelay(fhir::UnavailableError("x"), std::nullopt);
    REQUIRE(da);
    REQUIRE(db);
    CHECK(*da == *db);
  }
}
