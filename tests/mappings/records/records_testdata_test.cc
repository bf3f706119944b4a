// The shared record files tests/testdata/records/{valid,invalid}.jsonl (also
// used by the command-line tests): every valid line parses and round-trips;
// every invalid line gives exactly the errors listed in invalid.expected.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "mappings/records/record_parser.h"
#include "mappings/records/record_writer.h"
#include "tests/mappings/records/records_test_util.h"

namespace {

struct Expected {
  std::string path;
  std::string message_start;
};

// invalid.expected: "LINE: FIELD: MESSAGE-START" per error; '#' comments.
std::map<int, std::vector<Expected>> ReadExpectations() {
  std::map<int, std::vector<Expected>> out;
  for (const std::string& line : records_test::ReadLines("invalid.expected")) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t a = line.find(": ");
    std::size_t b = line.find(": ", a + 2);
    INFO(line);
    REQUIRE(a != std::string::npos);
    REQUIRE(b != std::string::npos);
    out[std::stoi(line.substr(0, a))].push_back(
        {line.substr(a + 2, b - a - 2), line.substr(b + 2)});
  }
  return out;
}

TEST_CASE("every line of valid.jsonl parses and writes back unchanged") {
  std::vector<std::string> lines = records_test::ReadLines("valid.jsonl");
  REQUIRE(lines.size() >= 20);
  std::set<std::string> kinds, keys;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    records_test::Parsed p = records_test::ParseText(lines[i]);
    INFO("valid.jsonl:" << i + 1 << "\n" << p.issues.ToText());
    REQUIRE(p.record.has_value());
    CHECK(p.issues.error_count() == 0);
    kinds.insert(mappings::RecordKind(*p.record));
    CHECK(keys.insert(mappings::RecordKey(*p.record)).second);  // unique
    fhir::Json written = mappings::RecordToJson(*p.record);
    CHECK(written.SerializeCanonical() ==
          records_test::JsonOf(lines[i]).SerializeCanonical());
  }
  CHECK(kinds.size() == 4);
}

TEST_CASE("every line of invalid.jsonl fails with the expected errors") {
  std::vector<std::string> lines = records_test::ReadLines("invalid.jsonl");
  std::map<int, std::vector<Expected>> expected = ReadExpectations();
  REQUIRE(lines.size() >= 40);
  // Every line has expectations and no expectation points past the file.
  CHECK(expected.size() == lines.size());
  CHECK(expected.rbegin()->first == static_cast<int>(lines.size()));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int n = static_cast<int>(i) + 1;
    records_test::Parsed p = records_test::ParseText(lines[i]);
    INFO("invalid.jsonl:" << n << "\n" << p.issues.ToText());
    CHECK_FALSE(p.record.has_value());
    const std::vector<Expected>& want = expected[n];
    CHECK(p.issues.error_count() == want.size());
    for (const Expected& e : want) {
      bool found = false;
      for (const fhir::Issue& issue : p.issues.list()) {
        found |= issue.is_error() && issue.path == e.path &&
                 issue.message.rfind(e.message_start, 0) == 0;
      }
      INFO("expected " << e.path << ": " << e.message_start);
      CHECK(found);
    }
  }
}

}  // namespace
