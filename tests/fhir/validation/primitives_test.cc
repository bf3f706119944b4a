// The FHIR primitive format checks of fhir/primitives.h, table-driven:
// calendar days and leap years, time zones, precision, ranges.
#include "fhir/primitives.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace fhir {
namespace {

struct FormatCase {
  const char* text;
  bool valid;
};

using Check = bool (*)(std::string_view);

void RunFormat(const char* name, Check check,
               const std::vector<FormatCase>& cases) {
  for (const FormatCase& c : cases) {
    INFO(name << "('" << c.text << "')");
    CHECK(check(c.text) == c.valid);
  }
}

TEST_CASE("date", "[primitives]") {
  RunFormat("IsFhirDate", IsFhirDate,
            {
                {"2026", true},
                {"2026-02", true},
                {"2026-02-28", true},
                {"2024-02-29", true},   // leap year
                {"2000-02-29", true},   // divisible by 400
                {"1900-02-29", false},  // divisible by 100, not 400
                {"2026-02-29", false},
                {"2026-02-30", false},
                {"2026-04-31", false},
                {"2026-12-31", true},
                {"2026-13-01", false},
                {"2026-00-10", false},
                {"2026-01-00", false},
                {"2026-1-01", false},
                {"26-01-01", false},
                {"2026-01-01T10:00:00Z", false},  // a date has no time
                {"", false},
                {"2026-", false},
                {"2026/01/01", false},
            });
}

TEST_CASE("dateTime", "[primitives]") {
  RunFormat("IsFhirDateTime", IsFhirDateTime,
            {
                {"2026", true},
                {"2026-02", true},
                {"2026-02-03", true},
                {"2026-02-03T10:00:00Z", true},
                {"2026-02-03T10:00:00+01:00", true},
                {"2026-02-03T10:00:00-05:30", true},
                {"2026-02-03T10:00:00+14:00", true},
                {"2026-02-03T10:00:00+15:00", false},
                {"2026-02-03T10:00:00.1Z", true},
                {"2026-02-03T10:00:00.123456789Z", true},
                {"2026-02-03T10:00:00.Z", false},
                {"2026-02-03T10:00:00", false},  // a time needs a zone
                {"2026-02-03T10:00Z", false},    // seconds are required
                {"2026-02-03T24:00:00Z", false},
                {"2026-02-03T23:60:00Z", false},
                {"2026-06-30T23:59:60Z", true},  // leap second
                {"2026-02-03T10:00:00+0100", false},
                {"2026-02-03 10:00:00Z", false},
                {"2026-02-30T10:00:00Z", false},
                {"2024-02-29T00:00:00Z", true},
                {"2026-02-03T10:00:00z", false},
            });
}

TEST_CASE("instant and time", "[primitives]") {
  RunFormat("IsFhirInstant", IsFhirInstant,
            {
                {"2026-02-03T10:00:00Z", true},
                {"2026-02-03T10:00:00.250+02:00", true},
                {"2026-02-03", false},
                {"2026-02", false},
                {"2026", false},
                {"2026-02-03T10:00:00", false},
            });
  RunFormat("IsFhirTime", IsFhirTime,
            {
                {"00:00:00", true},
                {"23:59:59", true},
                {"10:00:00.5", true},
                {"24:00:00", false},
                {"10:00", false},
                {"10:00:00Z", false},
                {"1:00:00", false},
                {"10:00:00.", false},
            });
}

TEST_CASE("compare dateTimes", "[primitives]") {
  struct Case {
    const char* a;
    const char* b;
    int expected;  // sign
  };
  const std::vector<Case> cases = {
      {"2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z", 0},
      {"2026-01-01T12:00:00+02:00", "2026-01-01T10:00:00Z", 0},
      {"2026-01-01T10:00:00-01:00", "2026-01-01T10:30:00Z", 1},
      {"2026-01-01T10:00:00.1Z", "2026-01-01T10:00:00.09Z", 1},
      {"2026-01-01", "2026-01-02", -1},
      {"2026-01-01", "2026-01-01T00:00:00Z", 0},  // a date is its first moment
      {"2025-12-31T23:59:59Z", "2026", -1},
      {"2024-02-29", "2024-03-01", -1},
  };
  for (const Case& c : cases) {
    INFO(c.a << " vs " << c.b);
    bool ok = false;
    int r = CompareFhirDateTimes(c.a, c.b, &ok);
    CHECK(ok);
    CHECK((r > 0) - (r < 0) == c.expected);
  }
  bool ok = true;
  CompareFhirDateTimes("2026-02-30", "2026-01-01", &ok);
  CHECK_FALSE(ok);
}

TEST_CASE("numbers", "[primitives]") {
  RunFormat("IsFhirInteger", IsFhirInteger,
            {
                {"0", true},
                {"-1", true},
                {"2147483647", true},
                {"-2147483648", true},
                {"2147483648", false},
                {"-2147483649", false},
                {"01", false},
                {"1.0", false},
                {"1e3", false},
                {"", false},
                {"-", false},
                {"99999999999", false},
            });
  RunFormat("IsFhirDecimal", IsFhirDecimal,
            {
                {"0", true},
                {"-0.5", true},
                {"1.50", true},
                {"123456789.000001", true},
                {"01", false},
                {"1.", false},
                {".5", false},
                {"1e3", false},
                {"-", false},
                {"+1", false},
                {"", false},
            });
}

TEST_CASE("identifiers, codes and strings", "[primitives]") {
  RunFormat("IsFhirId", IsFhirId,
            {
                {"a", true},
                {"A-z.0", true},
                {std::string(64, 'x').c_str(), true},
                {std::string(65, 'x').c_str(), false},
                {"a_b", false},
                {"a b", false},
                {"", false},
                {"a/b", false},
            });
  RunFormat("IsFhirCode", IsFhirCode,
            {
                {"final", true},
                {"a b", true},
                {"<=", true},
                {" a", false},
                {"a ", false},
                {"a  b", false},
                {"a\tb", false},
                {"", false},
            });
  RunFormat("IsFhirString", IsFhirString,
            {
                {"x", true},
                {" x ", true},
                {"   ", false},
                {"\n\t", false},
                {"", false},
            });
}

TEST_CASE("uri family", "[primitives]") {
  RunFormat("IsFhirUri", IsFhirUri,
            {
                {"http://x", true},
                {"urn:oid:1.2", true},
                {"Patient/1", true},
                {"#p", true},
                {"a b", false},
                {"", false},
            });
  RunFormat("IsFhirUrl", IsFhirUrl,
            {
                {"http://x", true},
                {"https://x/fhir?a=b", true},
                {"mailto:a@b.c", true},
                {"Patient/1", false},
                {"1http://x", false},
                {"http:", false},
                {":x", false},
            });
  RunFormat("IsFhirCanonical", IsFhirCanonical,
            {
                {"http://x/Questionnaire/q", true},
                {"http://x/Questionnaire/q|1.0", true},
                {"http://x|", false},
                {"a b|1", false},
            });
  RunFormat("IsFhirOid", IsFhirOid,
            {
                {"urn:oid:1.2.3", true},
                {"urn:oid:2.16.840.1", true},
                {"urn:oid:3.1", false},
                {"urn:oid:1", false},
                {"urn:oid:1..2", false},
                {"urn:oid:1.2.", false},
                {"1.2.3", false},
            });
  RunFormat("IsFhirUuid", IsFhirUuid,
            {
                {"urn:uuid:3b1f6c1e-8a55-4d0c-9a5e-1c2b3d4e5f60", true},
                {"urn:uuid:3B1F6C1E-8A55-4D0C-9A5E-1C2B3D4E5F60", false},
                {"urn:uuid:3b1f6c1e8a554d0c9a5e1c2b3d4e5f60", false},
                {"3b1f6c1e-8a55-4d0c-9a5e-1c2b3d4e5f60", false},
                {"urn:uuid:3b1f6c1e-8a55-4d0c-9a5e-1c2b3d4e5f6g", false},
            });
  RunFormat("IsFhirBase64", IsFhirBase64,
            {
                {"", true},
                {"aGk=", true},
                {"dGVzdA==", true},
                {"YWJj", true},
                {"aGk", false},
                {"a=Gk", false},
                {"aGk=\n", false},
                {"a Gk", false},
                {"====", false},
            });
}

}  // namespace
}  // namespace fhir
