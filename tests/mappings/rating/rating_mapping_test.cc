#include "mappings/rating/rating_mapping.h"

#include <catch2/catch.hpp>
#include <chrono>

#include "mappings/rating/instrument_catalog.h"
#include "rating_test_util.h"

using fhir::Json;
using mappings::MappingResult;
using mappings::RatingRecord;
using rating_test::AnswerList;
using rating_test::MakeRating;
using std::nullopt;

namespace {

// The resources of a result as a collection Bundle (a valid FHIR resource,
// so the golden files can be checked by the third-party validators).
Json ToBundle(const MappingResult& result) {
  Json b = Json::Object();
  b.Set("resourceType", "Bundle");
  b.Set("type", "collection");
  Json& entries = b.Set("entry", Json::Array());
  for (const auto& r : result.resources) {
    Json e = Json::Object();
    e.Set("fullUrl", r.full_url);
    e.Set("resource", r.resource);
    entries.Append(std::move(e));
  }
  return b;
}

AnswerList Numbered(std::initializer_list<std::optional<std::string>> values) {
  AnswerList out;
  int i = 1;
  for (const auto& v : values) out.emplace_back(std::to_string(i++), v);
  return out;
}

const AnswerList kWai =
    Numbered({"4", "3", "5", "4", "5", "3", "4", "4", "5", "3", "4", "4"});

RatingRecord Golden(const std::string& id, const std::string& instrument,
                    const std::string& respondent, AnswerList answers) {
  RatingRecord r = MakeRating(instrument, respondent, answers);
  r.id = id;
  return r;
}

}  // namespace

TEST_CASE("rating mapping goldens") {
  struct Case {
    const char* golden;
    RatingRecord rating;
  };
  std::vector<Case> cases;
  {  // SRS, decimal marks, with a visit: 9 + 8.5 + 9 + 7.2 = 33.7 < 36 (L).
    RatingRecord r =
        Golden("r-1001", "srs", "client",
               {{"1", "9"}, {"2", "8.5"}, {"3", "9"}, {"4", "7.2"}});
    r.session.number = 4;
    r.session.encounter = "V-88";
    cases.push_back({"rating-srs.json", r});
  }
  {  // WAI-SR, item 6 skipped: task 14/4 = 3.50, bond 19/4 = 4.75,
     // goal prorated (4+4+4)/3 = 4.00, total prorated 45/11 = 4.09.
    AnswerList a = kWai;
    a[5].second = nullopt;
    cases.push_back({"rating-wai-sr-prorated.json",
                     Golden("r-2002", "wai-sr", "client", a)});
  }
  {  // WAI-SR therapist form, an amended revision: 3.50, 4.75, 3.75,
     // total 48/12 = 4.00.
    RatingRecord r = Golden("r-3003", "wai-sr-t", "therapist", kWai);
    r.status = "amended";
    cases.push_back({"rating-wai-sr-t.json", r});
  }
  {  // HAq-II entered in error. Items 4, 8, 12, 16 answer 2, the rest 5;
     // reversed (7 - x): 4, 8, 16 -> 5, 11, 19 -> 2; 12 stays 2. Total
     // (13 * 5 + 3 * 5 + 2 + 2 * 2) / 19 = 86 / 19 = 4.53.
    AnswerList a;
    for (int i = 1; i <= 19; ++i)
      a.emplace_back(std::to_string(i), i % 4 == 0 ? "2" : "5");
    RatingRecord r = Golden("r-4004", "haq-ii", "client", a);
    r.status = "entered-in-error";
    cases.push_back({"rating-entered-in-error.json", r});
  }
  {  // WAI-SR, items 6 and 8 skipped: no goal score (dataAbsentReason),
     // total prorated 41/10 = 4.10.
    AnswerList a = kWai;
    a[5].second = nullopt;
    a.erase(a.begin() + 7);  // item 8 not written at all
    cases.push_back({"rating-wai-sr-not-computed.json",
                     Golden("r-5005", "wai-sr", "client", a)});
  }
  const mappings::MappingContext ctx = rating_test::FixedContext();
  for (const Case& c : cases) {
    SECTION(c.golden) {
      MappingResult result = mappings::MapRating(c.rating, ctx);
      INFO(result.issues.ToText());
      CHECK_FALSE(result.issues.HasErrors());
      rating_test::CheckGolden(c.golden, ToBundle(result));
      // Deterministic: the same input maps to the same JSON.
      CHECK(ToBundle(mappings::MapRating(c.rating, ctx)) == ToBundle(result));
    }
  }
}

TEST_CASE("resources come in order: response, subscales, total") {
  MappingResult r = mappings::MapRating(Golden("r-9", "wai-sr", "client", kWai),
                                        rating_test::FixedContext());
  std::vector<std::string> ids;
  for (const auto& m : r.resources) ids.push_back(m.identifier_value);
  CHECK(ids == std::vector<std::string>{"r-9", "r-9:task", "r-9:bond",
                                        "r-9:goal", "r-9:total"});
  CHECK(r.resources[0].resource_type == "QuestionnaireResponse");
  CHECK(r.resources[4].resource.Find("hasMember")->size() == 3);
  CHECK(r.resources[1].resource.Find("hasMember") == nullptr);
  CHECK(r.issues.empty());
}

TEST_CASE("a rating that does not fit its instrument maps to nothing") {
  MappingResult r =
      mappings::MapRating(Golden("r-9", "wai-sr", "client", {{"4", "7"}}),
                          rating_test::FixedContext());
  CHECK(r.resources.empty());
  REQUIRE(r.issues.error_count() == 1);
  CHECK(r.issues.list()[0].path == "answers.4");

  mappings::MappingContext no_catalog = rating_test::FixedContext();
  no_catalog.instruments = nullptr;
  r = mappings::MapRating(Golden("r-9", "srs", "client", {}), no_catalog);
  CHECK(r.resources.empty());
  CHECK(r.issues.HasErrors());
}

TEST_CASE("a score that cannot be computed is a warning") {
  AnswerList a = kWai;
  a[5].second = nullopt;
  a[7].second = nullopt;
  MappingResult r = mappings::MapRating(Golden("r-9", "wai-sr", "client", a),
                                        rating_test::FixedContext());
  REQUIRE(r.resources.size() == 5);
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues.list()[0].severity == fhir::Severity::kWarning);
  CHECK(r.issues.list()[0].message ==
        "wai-sr:goal not computed: 2 of 4 items missing; at most 1 may be");
}

TEST_CASE("references follow the directory; unknown staff are warned about") {
  mappings::ReferenceDirectory dir;
  dir.patients["MRN-0042"] = "Patient/p1";
  mappings::MappingContext ctx = rating_test::FixedContext();
  ctx.directory = &dir;
  MappingResult r =
      mappings::MapRating(Golden("r-9", "wai-sr-t", "therapist", kWai), ctx);
  const Json& qr = r.resources[0].resource;
  CHECK(qr.Find("subject")->Find("reference")->str() == "Patient/p1");
  CHECK(qr.Find("author")->Find("display")->str() == "Staff T-17");
  CHECK(qr.Find("source") == nullptr);
  REQUIRE(r.issues.size() == 1);  // once, not once per resource
  CHECK(r.issues.list()[0].path == "therapist");
}

TEST_CASE("an observer rating has no author, source or performer") {
  mappings::InstrumentCatalog c;
  fhir::Issues issues;
  REQUIRE(c.LoadDirectory(
               rating_test::SourcePath("tests/testdata/rating/bad-instruments"),
               &issues)
              .code() == fhir::StatusCode::kInvalidArgument);
  REQUIRE(c.Find("ok"));  // observer-rated, items a and b, 0..2
  mappings::MappingContext ctx = rating_test::FixedContext();
  ctx.instruments = &c;
  MappingResult r = mappings::MapRating(
      Golden("r-9", "ok", "observer", {{"a", "2"}, {"b", "1"}}), ctx);
  REQUIRE(r.resources.size() == 2);
  const Json& qr = r.resources[0].resource;
  CHECK(qr.Find("author") == nullptr);
  CHECK(qr.Find("source") == nullptr);
  const Json& obs = r.resources[1].resource;
  CHECK(obs.Find("performer") == nullptr);
  CHECK(obs.Find("valueQuantity")->Find("value")->str() == "3");
}

TEST_CASE("mapping throughput", "[.bench]") {
  // Not run by default: rating_test "[.bench]". Mapping only (no parsing,
  // no validation), one core.
  const mappings::MappingContext ctx = rating_test::FixedContext();
  AnswerList haq;
  for (int i = 1; i <= 19; ++i) haq.emplace_back(std::to_string(i), "5");
  const std::pair<const char*, RatingRecord> cases[] = {
      {"WAI-SR (QR + 4 Observations)", Golden("r-1", "wai-sr", "client", kWai)},
      {"SRS (QR + 1 Observation)",
       Golden("r-1", "srs", "client",
              {{"1", "9"}, {"2", "8.5"}, {"3", "9"}, {"4", "7.2"}})},
      {"HAq-II (QR + 1 Observation)", Golden("r-1", "haq-ii", "client", haq)},
  };
  for (const auto& [name, rating] : cases) {
    const int n = 50000;
    auto start = std::chrono::steady_clock::now();
    std::size_t resources = 0;
    for (int i = 0; i < n; ++i) {
      resources += mappings::MapRating(rating, ctx).resources.size();
    }
    double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    WARN(name << ": " << static_cast<long>(n / s) << " ratings/s, "
              << static_cast<long>(resources / s) << " resources/s");
  }
}
