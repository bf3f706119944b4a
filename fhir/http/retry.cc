#include "fhir/http/retry.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <thread>

namespace fhir {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

int MonthIndex(const char* name) {
  static constexpr std::array<const char*, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun",
      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i) {
    if (std::strcmp(name, kMonths[i]) == 0) return i + 1;
  }
  return 0;
}

bool IsDayName(const char* name, bool long_form) {
  static constexpr std::array<const char*, 7> kShort = {
      "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::array<const char*, 7> kLong = {
      "Monday", "Tuesday",  "Wednesday", "Thursday",
      "Friday", "Saturday", "Sunday"};
  for (const char* d : long_form ? kLong : kShort) {
    if (std::strcmp(name, d) == 0) return true;
  }
  return false;
}

// Seconds since the epoch of an HTTP-date, or nullopt.
std::optional<std::int64_t> ParseHttpDate(const std::string& s) {
  char day[16] = {0};
  char mon[4] = {0};
  int d = 0, y = 0, hh = 0, mm = 0, ss = 0, n = 0;
  bool ok = false;
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  if (std::sscanf(s.c_str(), "%3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d GMT%n",
                  day, &d, mon, &y, &hh, &mm, &ss, &n) == 7 &&
      static_cast<std::size_t>(n) == s.size() && IsDayName(day, false)) {
    ok = true;
  }
  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
  if (!ok &&
      std::sscanf(s.c_str(),
                  "%15[A-Za-z], %2d-%3[A-Za-z]-%2d %2d:%2d:%2d GMT%n", day, &d,
                  mon, &y, &hh, &mm, &ss, &n) == 7 &&
      static_cast<std::size_t>(n) == s.size() && IsDayName(day, true)) {
    y += y < 70 ? 2000 : 1900;
    ok = true;
  }
  // asctime: Sun Nov  6 08:49:37 1994
  if (!ok &&
      std::sscanf(s.c_str(), "%3[A-Za-z] %3[A-Za-z] %2d %2d:%2d:%2d %4d%n", day,
                  mon, &d, &hh, &mm, &ss, &y, &n) == 7 &&
      static_cast<std::size_t>(n) == s.size() && IsDayName(day, false)) {
    ok = true;
  }
  if (!ok) return std::nullopt;
  int month = MonthIndex(mon);
  if (month == 0 || d < 1 || d > 31 || y < 1900 || hh > 23 || mm > 59 ||
      ss > 60 || hh < 0 || mm < 0 || ss < 0) {
    return std::nullopt;
  }
  return DaysFromCivil(y, static_cast<unsigned>(month),
                       static_cast<unsigned>(d)) *
             86400 +
         hh * 3600 + mm * 60 + ss;
}

}  // namespace

Clock Clock::Real() {
  Clock c;
  c.steady_now = [] { return std::chrono::steady_clock::now(); };
  c.wall_now = [] { return std::chrono::system_clock::now(); };
  c.sleep = [](Millis d) { std::this_thread::sleep_for(d); };
  return c;
}

bool IsRetryable(const Status& status) {
  return status.code() == StatusCode::kUnavailable ||
         status.code() == StatusCode::kDeadlineExceeded;
}

std::optional<Millis> ParseRetryAfter(
    std::string_view value, std::chrono::system_clock::time_point now) {
  while (!value.empty() &&
         std::isspace(static_cast<unsigned char>(value.front()))) {
    value.remove_prefix(1);
  }
  while (!value.empty() &&
         std::isspace(static_cast<unsigned char>(value.back()))) {
    value.remove_suffix(1);
  }
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    // Saturate: a year is as good as forever here.
    constexpr std::int64_t kMaxSeconds = 365LL * 86400;
    std::int64_t seconds = 0;
    for (char c : value) {
      seconds = seconds * 10 + (c - '0');
      if (seconds > kMaxSeconds) {
        seconds = kMaxSeconds;
        break;
      }
    }
    return Millis(seconds * 1000);
  }
  std::optional<std::int64_t> date = ParseHttpDate(std::string(value));
  if (!date) return std::nullopt;
  auto target =
      std::chrono::system_clock::time_point(std::chrono::seconds(*date));
  if (target <= now) return Millis(0);
  return std::chrono::duration_cast<Millis>(target - now);
}

Millis JitteredBackoff(int retry, const RetryOptions& options,
                       std::mt19937_64& rng) {
  std::int64_t cap = std::max<std::int64_t>(0, options.max_delay.count());
  std::int64_t ceiling = std::max<std::int64_t>(0, options.base_delay.count());
  for (int i = 1; i < retry && ceiling < cap; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, cap);
  std::uniform_int_distribution<std::int64_t> dist(0, ceiling);
  return Millis(dist(rng));
}

Backoff::Backoff(const RetryOptions& options, Clock clock)
    : options_(options), clock_(std::move(clock)) {
  Clock real = Clock::Real();
  if (!clock_.steady_now) clock_.steady_now = real.steady_now;
  if (!clock_.wall_now) clock_.wall_now = real.wall_now;
  if (!clock_.sleep) clock_.sleep = real.sleep;
  rng_.seed(options_.seed != 0 ? options_.seed : std::random_device{}());
  start_ = clock_.steady_now();
}

std::optional<Millis> Backoff::NextDelay(const Status& status,
                                         std::optional<Millis> retry_after) {
  ++attempts_;
  why_.clear();
  if (!IsRetryable(status)) return std::nullopt;
  if (attempts_ >= options_.max_attempts) {
    why_ = "gave up after " + std::to_string(attempts_) + " attempts";
    return std::nullopt;
  }
  if (retry_after && *retry_after > options_.max_delay) {
    why_ = "server asked to retry after " +
           std::to_string(retry_after->count() / 1000) +
           " s, longer than the retry policy waits";
    return std::nullopt;
  }
  Millis delay = JitteredBackoff(attempts_, options_, rng_);
  if (retry_after) delay = std::max(delay, *retry_after);
  auto elapsed =
      std::chrono::duration_cast<Millis>(clock_.steady_now() - start_);
  if (elapsed + delay > options_.max_elapsed) {
    why_ = "gave up after " + std::to_string(attempts_) + " attempts in " +
           std::to_string(elapsed.count()) + " ms (retry time limit)";
    return std::nullopt;
  }
  return delay;
}

}  // namespace fhir
