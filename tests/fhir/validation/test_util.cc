#include "tests/fhir/validation/test_util.h"

#include <catch2/catch.hpp>

namespace fhir {
namespace testing {

void RunCases(const std::string& minimal,
              const std::vector<ResourceCase>& cases) {
  for (const ResourceCase& c : cases) {
    std::string json = minimal;
    if (!c.members.empty()) json.insert(json.size() - 1, "," + c.members);
    INFO(c.name << "\n" << json);
    Issues issues = ValidateText(json);
    INFO(issues.ToText());
    std::vector<std::string> expected = c.errors;
    std::sort(expected.begin(), expected.end());
    CHECK(Findings(issues) == expected);
  }
}

}  // namespace testing
}  // namespace fhir
