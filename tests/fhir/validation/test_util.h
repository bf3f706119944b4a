// Helpers for the validation tests: parse JSON text, validate it, and
// compare the reported errors as "path code" strings.
#ifndef ALLIANCE_TESTS_FHIR_VALIDATION_TEST_UTIL_H_
#define ALLIANCE_TESTS_FHIR_VALIDATION_TEST_UTIL_H_

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "fhir/validation/validator.h"

namespace fhir {
namespace testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "path code" of every issue of `severity`, sorted.
inline std::vector<std::string> Findings(const Issues& issues,
                                         Severity severity = Severity::kError) {
  std::vector<std::string> out;
  for (const Issue& i : issues.list()) {
    if (i.severity == severity) out.push_back(i.path + " " + i.code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Validates `json_text` (which must parse) and returns its issues.
inline Issues ValidateText(const std::string& json_text) {
  Issues issues;
  StatusOr<Json> json = Json::Parse(json_text);
  if (!json.ok()) {
    issues.Error("parse", "", json.status().ToString());
    return issues;
  }
  ValidateResource(*json, &issues);
  return issues;
}

// One case of a table-driven test: members appended to a minimal resource
// and the errors expected ("path code").
struct ResourceCase {
  const char* name;
  std::string members;
  std::vector<std::string> errors;
};

// Validates `minimal` + each case's members (`minimal` ends with '}') and
// checks that exactly the expected errors are reported. Uses Catch2.
void RunCases(const std::string& minimal,
              const std::vector<ResourceCase>& cases);

}  // namespace testing
}  // namespace fhir

#endif  // ALLIANCE_TESTS_FHIR_VALIDATION_TEST_UTIL_H_
