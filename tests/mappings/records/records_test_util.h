// Helpers for the record tests: canonical valid records of each kind, edits
// of one member by path, and reading the testdata files.
#ifndef ALLIANCE_TESTS_MAPPINGS_RECORDS_RECORDS_TEST_UTIL_H_
#define ALLIANCE_TESTS_MAPPINGS_RECORDS_RECORDS_TEST_UTIL_H_

#include <optional>
#include <string>
#include <vector>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "mappings/records/record.h"

namespace records_test {

// A valid record of `kind` ("rating", "consent", "goal", "plan") with most
// optional fields set.
fhir::Json ValidRecord(const std::string& kind);

// Parses `text` as JSON (REQUIREs that it parses).
fhir::Json JsonOf(const std::string& text);

// Returns `record` with the member at `path` ("session.date",
// "targets[0].detail", "answers.4") replaced by the JSON `value_text`, or
// removed when `value_text` is null. Intermediate members must exist.
fhir::Json Edit(fhir::Json record, const std::string& path,
                const char* value_text);

struct Parsed {
  std::optional<mappings::Record> record;
  fhir::Issues issues;
};
Parsed Parse(const fhir::Json& object);
Parsed ParseText(const std::string& line);

// The first error at `path`, or nullptr.
const fhir::Issue* ErrorAt(const fhir::Issues& issues, const std::string& path);

// Lines of a file under tests/testdata/records/ (no line ends).
std::vector<std::string> ReadLines(const std::string& name);
// The example records of the project's records.md.
std::vector<std::string> ContractExamples();

}  // namespace records_test

#endif  // ALLIANCE_TESTS_MAPPINGS_RECORDS_RECORDS_TEST_UTIL_H_
