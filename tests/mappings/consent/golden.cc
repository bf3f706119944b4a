#include "tests/mappings/consent/golden.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "fhir/validation/validator.h"

namespace alliance_test {

namespace {

std::string GoldenPath(const std::string& relative_path) {
  return std::string(ALLIANCE_SOURCE_DIR) + "/tests/testdata/" + relative_path;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Pretty text with object keys sorted (canonical order), for diffs.
std::string SortedPretty(const fhir::Json& json) {
  fhir::StatusOr<fhir::Json> sorted =
      fhir::Json::Parse(json.SerializeCanonical());
  return sorted.ok() ? sorted->SerializePretty() : json.SerializePretty();
}

}  // namespace

std::string LineDiff(const std::string& expected, const std::string& actual) {
  std::vector<std::string> a = Lines(expected), b = Lines(actual);
  // Longest common subsequence table, then a walk that emits the edit.
  std::vector<std::vector<int>> lcs(a.size() + 1,
                                    std::vector<int>(b.size() + 1));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1
                               : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::string> out;  // "  ", "- ", "+ " prefixed
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out.push_back("  " + a[i++]);
      ++j;
    } else if (j < b.size() &&
               (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push_back("+ " + b[j++]);
    } else {
      out.push_back("- " + a[i++]);
    }
  }
  std::string diff;
  for (std::size_t k = 0; k < out.size(); ++k) {
    bool near_change = false;
    for (std::size_t d = (k < 2 ? 0 : k - 2); d <= k + 2 && d < out.size();
         ++d) {
      if (out[d][0] != ' ') near_change = true;
    }
    if (near_change) diff += out[k] + "\n";
  }
  return diff;
}

void CheckGolden(const fhir::Json& actual, const std::string& relative_path) {
  fhir::Issues validation;
  fhir::ValidateResource(actual, &validation);
  if (validation.HasErrors()) {
    FAIL_CHECK("fhir::ValidateResource rejects " << relative_path << ":\n"
                                                 << validation.ToText());
  }
  std::string path = GoldenPath(relative_path);
  const char* update = std::getenv("ALLIANCE_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual.SerializePretty() << "\n";
    WARN("rewrote golden file " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    FAIL_CHECK("missing golden file "
               << path << " (run with ALLIANCE_UPDATE_GOLDEN=1)");
    return;
  }
  std::stringstream text;
  text << in.rdbuf();
  fhir::StatusOr<fhir::Json> expected = fhir::Json::Parse(text.str());
  if (!expected.ok()) {
    FAIL_CHECK("golden file "
               << path << " does not parse: " << expected.status().ToString());
    return;
  }
  if (expected->SerializeCanonical() != actual.SerializeCanonical()) {
    FAIL_CHECK("mismatch with golden file "
               << path << "\n"
               << LineDiff(SortedPretty(*expected), SortedPretty(actual)));
  }
}

}  // namespace alliance_test
