#include "rating_test_util.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace rating_test {

using fhir::Json;

std::string SourcePath(const std::string& relative) {
  return std::string(ALLIANCE_SOURCE_DIR) + "/" + relative;
}

const mappings::InstrumentCatalog& Shipped() {
  static const mappings::InstrumentCatalog* catalog = [] {
    auto* c = new mappings::InstrumentCatalog();
    fhir::Issues issues;
    fhir::Status s =
        c->LoadDirectory(SourcePath("mappings/instruments"), &issues);
    INFO(issues.ToText());
    REQUIRE(s.ok());
    REQUIRE(issues.empty());
    return c;
  }();
  return *catalog;
}

mappings::RatingRecord MakeRating(const std::string& instrument,
                                  const std::string& respondent,
                                  const AnswerList& answers) {
  mappings::RatingRecord r;
  r.id = "r-test";
  r.mrn = "MRN-0042";
  r.instrument = instrument;
  r.respondent = respondent;
  r.therapist = "T-17";
  r.session.date = "2026-03-02T15:00:00-05:00";
  for (const auto& [link_id, text] : answers) {
    mappings::Answer a;
    a.link_id = link_id;
    a.value_text = text;
    if (text) a.value = std::strtod(text->c_str(), nullptr);
    r.answers.push_back(std::move(a));
  }
  return r;
}

mappings::MappingContext FixedContext() {
  mappings::MappingContext ctx;
  ctx.now = "2026-03-02T20:00:00Z";
  ctx.instruments = &Shipped();
  return ctx;
}

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Pretty text with keys sorted, so the diff shows content, not order.
std::string SortedPretty(const Json& j) {
  auto sorted = Json::Parse(j.SerializeCanonical());
  return sorted.ok() ? sorted->SerializePretty() : j.SerializePretty();
}

// A plain LCS line diff: "-" golden only, "+" actual only.
std::string Diff(const std::string& golden, const std::string& actual) {
  std::vector<std::string> a = Lines(golden), b = Lines(actual);
  std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1
                               : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::ostringstream out;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      ++i, ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out << "+ " << b[j++] << "\n";
    } else {
      out << "- " << a[i++] << "\n";
    }
  }
  return out.str();
}

}  // namespace

void CheckGolden(const std::string& name, const Json& actual) {
  std::string path = SourcePath("tests/testdata/rating/golden/" + name);
  const char* update = std::getenv("ALLIANCE_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual.SerializePretty() << "\n";
    WARN("rewrote " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  INFO("golden file " << path
                      << " (ALLIANCE_UPDATE_GOLDEN=1 writes it; review it)");
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  auto golden = Json::Parse(text.str());
  REQUIRE(golden.ok());
  if (golden->SerializeCanonical() != actual.SerializeCanonical()) {
    FAIL("differs from " << name << " (- golden, + actual):\n"
                         << Diff(SortedPretty(*golden), SortedPretty(actual)));
  }
}

}  // namespace rating_test
