// Golden files: every resource under testdata/validation/valid/ validates
// with no errors and no warnings; every file under invalid/ and
// invalid_strict/ reports exactly the errors its sibling .expect file lists
// (one "path code" per line; '#' starts a comment).
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/fhir/validation/test_util.h"

namespace fhir {
namespace {

namespace fs = std::filesystem;
using testing::Findings;
using testing::ReadFile;
using testing::ValidateText;

const fs::path kDataDir =
    fs::path(ALLIANCE_SOURCE_DIR) / "tests" / "testdata" / "validation";

std::vector<fs::path> JsonFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> ReadExpectations(const fs::path& file) {
  std::vector<std::string> lines;
  std::string text = ReadFile(file.string());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (std::size_t hash = line.find('#'); hash != std::string::npos) {
      line.erase(hash);
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) {
      line.pop_back();
    }
    if (!line.empty()) lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

TEST_CASE("valid golden resources have no errors or warnings",
          "[validation][golden]") {
  std::vector<fs::path> files = JsonFiles(kDataDir / "valid");
  REQUIRE(files.size() >= 11);
  for (const fs::path& file : files) {
    INFO(file.filename().string());
    Issues issues = ValidateText(ReadFile(file.string()));
    INFO(issues.ToText());
    CHECK(issues.empty());
  }
}

void CheckInvalidDir(const fs::path& dir) {
  std::vector<fs::path> files = JsonFiles(dir);
  REQUIRE(!files.empty());
  for (const fs::path& file : files) {
    fs::path expect = file;
    expect.replace_extension(".expect");
    INFO(file.filename().string());
    REQUIRE(fs::exists(expect));
    std::vector<std::string> expected = ReadExpectations(expect);
    REQUIRE(!expected.empty());
    Issues issues = ValidateText(ReadFile(file.string()));
    INFO(issues.ToText());
    CHECK(Findings(issues) == expected);
  }
}

TEST_CASE("invalid golden resources report exactly the expected errors",
          "[validation][golden]") {
  CheckInvalidDir(kDataDir / "invalid");
}

TEST_CASE("strictly invalid golden resources report the expected errors",
          "[validation][golden]") {
  CheckInvalidDir(kDataDir / "invalid_strict");
}

}  // namespace
}  // namespace fhir
