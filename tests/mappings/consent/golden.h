// Golden-file checks for mapped FHIR resources (consent_test, goals_test).
//
// CheckGolden(resource, "consent/golden/active.json") compares
// resource.SerializeCanonical() with the file under tests/testdata/. A
// mismatch (or a missing / unparsable file) fails the current Catch2 test
// case and prints a line diff of both sides, pretty-printed with keys
// sorted. It also runs fhir::ValidateResource (the plugin's own validator,
// which parks anything with errors) and fails on any error it reports.
// With ALLIANCE_UPDATE_GOLDEN=1 in the environment the file is
// (re)written from `actual` instead, pretty-printed in mapping order: review
// each rewritten file by eye before committing it.
#ifndef ALLIANCE_TESTS_MAPPINGS_CONSENT_GOLDEN_H_
#define ALLIANCE_TESTS_MAPPINGS_CONSENT_GOLDEN_H_

#include <string>

#include "fhir/json.h"

namespace alliance_test {

void CheckGolden(const fhir::Json& actual, const std::string& relative_path);

// A line diff of two texts ("-" only in `expected`, "+" only in `actual`,
// two lines of context around changes); empty when they are equal.
std::string LineDiff(const std::string& expected, const std::string& actual);

}  // namespace alliance_test

#endif  // ALLIANCE_TESTS_MAPPINGS_CONSENT_GOLDEN_H_
