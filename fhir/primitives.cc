#include "fhir/primitives.h"

#include <cstdint>

namespace fhir {
namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at s[*i], advancing *i; -1 on failure.
int Digits(std::string_view s, std::size_t* i, int n) {
  if (*i + static_cast<std::size_t>(n) > s.size()) return -1;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[*i + static_cast<std::size_t>(k)];
    if (!Digit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  *i += static_cast<std::size_t>(n);
  return v;
}

bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && Leap(y)) ? 29 : kDays[m - 1];
}

struct Parsed {
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;
  int precision = 0;  // 1 year, 2 month, 3 day, 4 time
  long fraction_nanos = 0;
};

// Parses the date part and an optional time part. Returns false on any
// format error.
bool ParseDateTime(std::string_view s, Parsed* p, bool allow_time) {
  std::size_t i = 0;
  p->year = Digits(s, &i, 4);
  if (p->year < 0) return false;
  p->precision = 1;
  if (i == s.size()) return true;
  if (s[i++] != '-') return false;
  p->month = Digits(s, &i, 2);
  if (p->month < 1 || p->month > 12) return false;
  p->precision = 2;
  if (i == s.size()) return true;
  if (s[i++] != '-') return false;
  p->day = Digits(s, &i, 2);
  if (p->day < 1 || p->day > DaysIn(p->year, p->month)) return false;
  p->precision = 3;
  if (i == s.size()) return true;
  if (!allow_time || s[i++] != 'T') return false;
  p->hour = Digits(s, &i, 2);
  if (p->hour < 0 || p->hour > 23 || i >= s.size() || s[i++] != ':') return false;
  p->minute = Digits(s, &i, 2);
  if (p->minute < 0 || p->minute > 59 || i >= s.size() || s[i++] != ':') {
    return false;
  }
  p->second = Digits(s, &i, 2);
  if (p->second < 0 || p->second > 60) return false;  // 60: leap second
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t start = i;
    long scale = 100000000;
    while (i < s.size() && Digit(s[i])) {
      p->fraction_nanos += (s[i] - '0') * scale;
      scale /= 10;
      ++i;
    }
    if (i == start) return false;
  }
  p->precision = 4;
  if (i >= s.size()) return false;  // a time needs a zone
  if (s[i] == 'Z') {
    return i + 1 == s.size();
  }
  if (s[i] != '+' && s[i] != '-') return false;
  int sign = s[i++] == '-' ? -1 : 1;
  int oh = Digits(s, &i, 2);
  if (oh < 0 || oh > 14 || i >= s.size() || s[i++] != ':') return false;
  int om = Digits(s, &i, 2);
  if (om < 0 || om > 59) return false;
  p->offset_minutes = sign * (oh * 60 + om);
  return i == s.size();
}

// Days since 1970-01-01 (proleptic Gregorian).
std::int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

bool IsFhirId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || Digit(c) ||
              c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool IsFhirCode(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\t' || c == '\n' || c == '\r') return false;
    if (c == ' ' && s[i + 1] == ' ') return false;
  }
  return true;
}

bool IsFhirString(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return true;
  }
  return false;
}

bool IsFhirUri(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    // One comparison for the common case; whitespace is all <= ' '.
    if (static_cast<unsigned char>(c) <= ' ' &&
        (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
      return false;
    }
  }
  return true;
}

bool IsFhirCanonical(std::string_view s) {
  std::size_t bar = s.find('|');
  if (bar == std::string_view::npos) return IsFhirUri(s);
  return IsFhirUri(s.substr(0, bar)) && bar + 1 < s.size() &&
         IsFhirUri(s.substr(bar + 1));
}

bool IsFhirUrl(std::string_view s) {
  if (!IsFhirUri(s)) return false;
  std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  char first = s[0];
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
    return false;
  }
  for (std::size_t i = 1; i < colon; ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || Digit(c) ||
              c == '+' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return colon + 1 < s.size();
}

bool IsFhirOid(std::string_view s) {
  constexpr std::string_view kPrefix = "urn:oid:";
  if (s.substr(0, kPrefix.size()) != kPrefix) return false;
  s.remove_prefix(kPrefix.size());
  if (s.size() < 3 || (s[0] < '0' || s[0] > '2') || s[1] != '.') return false;
  bool need_digit = true;
  for (std::size_t i = 2; i < s.size(); ++i) {
    if (Digit(s[i])) {
      need_digit = false;
    } else if (s[i] == '.' && !need_digit) {
      need_digit = true;
    } else {
      return false;
    }
  }
  return !need_digit;
}

bool IsFhirUuid(std::string_view s) {
  constexpr std::string_view kPrefix = "urn:uuid:";
  if (s.substr(0, kPrefix.size()) != kPrefix) return false;
  s.remove_prefix(kPrefix.size());
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!(Digit(s[i]) || (s[i] >= 'a' && s[i] <= 'f'))) {
      return false;
    }
  }
  return true;
}

bool IsFhirDate(std::string_view s) {
  Parsed p;
  return ParseDateTime(s, &p, /*allow_time=*/false);
}

bool IsFhirDateTime(std::string_view s) {
  Parsed p;
  return ParseDateTime(s, &p, /*allow_time=*/true);
}

bool IsFhirInstant(std::string_view s) {
  Parsed p;
  return ParseDateTime(s, &p, true) && p.precision == 4;
}

bool HasTimeAndZone(std::string_view s) { return IsFhirInstant(s); }

bool IsFhirTime(std::string_view s) {
  std::size_t i = 0;
  int h = Digits(s, &i, 2);
  if (h < 0 || h > 23 || i >= s.size() || s[i++] != ':') return false;
  int m = Digits(s, &i, 2);
  if (m < 0 || m > 59 || i >= s.size() || s[i++] != ':') return false;
  int sec = Digits(s, &i, 2);
  if (sec < 0 || sec > 60) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && Digit(s[i])) ++i;
    if (i == start) return false;
  }
  return i == s.size();
}

bool IsFhirDecimal(std::string_view s) {
  if (s.find_first_of("eE") != std::string_view::npos) return false;
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') {
    ++i;
  } else if (Digit(s[i])) {
    while (i < s.size() && Digit(s[i])) ++i;
  } else {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && Digit(s[i])) ++i;
    if (i == start) return false;
  }
  return i == s.size();
}

bool IsFhirInteger(std::string_view s) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  if (i >= s.size() || s.size() - i > 10) return false;
  if (s[i] == '0' && s.size() - i > 1) return false;
  std::int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (!Digit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
  }
  return neg ? v <= 2147483648LL : v <= 2147483647LL;
}

bool IsFhirBase64(std::string_view s) {
  if (s.size() % 4 != 0) return false;
  std::size_t pad = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || Digit(c) ||
              c == '+' || c == '/';
    if (c == '=') {
      if (i + 2 < s.size()) return false;
      ++pad;
    } else if (!ok || pad) {
      return false;
    }
  }
  return true;
}

int CompareFhirDateTimes(std::string_view a, std::string_view b, bool* ok) {
  Parsed pa, pb;
  *ok = ParseDateTime(a, &pa, true) && ParseDateTime(b, &pb, true);
  if (!*ok) return 0;
  auto seconds = [](const Parsed& p) {
    std::int64_t days = DaysFromCivil(p.year, p.month, p.day);
    return days * 86400 + p.hour * 3600 + p.minute * 60 + p.second -
           static_cast<std::int64_t>(p.offset_minutes) * 60;
  };
  std::int64_t sa = seconds(pa), sb = seconds(pb);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (pa.fraction_nanos != pb.fraction_nanos) {
    return pa.fraction_nanos < pb.fraction_nanos ? -1 : 1;
  }
  return 0;
}

}  // namespace fhir
