#include "mappings/rating/instrument_catalog.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "rating_test_util.h"

using mappings::CompareVersions;
using mappings::Instrument;
using mappings::InstrumentCatalog;
using rating_test::SourcePath;

namespace {

// A small valid instrument file with this id, version and title.
std::string MinimalInstrument(const std::string& id, const std::string& version,
                              const std::string& title = "Test instrument") {
  return R"({"id": ")" + id + R"(", "version": ")" + version +
         R"(", "title": ")" + title + R"(", "copyright": "Test data.",
    "respondents": ["client"],
    "scale": {"type": "choice", "min": 1, "max": 2, "anchors": {"1": "No", "2": "Yes"}},
    "items": [{"linkId": "1", "label": "Only item"}],
    "scoring": {"method": "sum", "rule": "t", "ruleVersion": "1"},
    "total": {"title": "Total score"}})";
}

std::set<std::string> Errors(const fhir::Issues& issues) {
  std::set<std::string> out;
  for (const fhir::Issue& i : issues.list()) {
    if (i.is_error()) out.insert(i.path + ": " + i.message);
  }
  return out;
}

}  // namespace

TEST_CASE("the shipped instruments load without any issue") {
  const InstrumentCatalog& c = rating_test::Shipped();
  std::vector<std::string> ids;
  for (const Instrument* in : c.All())
    ids.push_back(in->id + "-" + in->version);
  CHECK(ids == std::vector<std::string>{"haq-ii-1", "srs-1", "wai-sr-1",
                                        "wai-sr-t-1"});
  const Instrument* wai = c.Find("wai-sr");
  REQUIRE(wai);
  CHECK(wai->items.size() == 12);
  CHECK(wai->url == "http://alliance-fhir.org/fhir/Questionnaire/wai-sr");
  CHECK(wai->canonical ==
        "http://alliance-fhir.org/fhir/Questionnaire/wai-sr|1");
  REQUIRE(wai->scores.size() == 4);  // task, bond, goal, then total
  CHECK(wai->scores[0].id == "task");
  CHECK(wai->scores[3].id == "total");
  CHECK(wai->FindScore("goal")->items ==
        std::vector<int>{3, 5, 7, 10});  // linkIds 4, 6, 8, 11
  CHECK(c.Find("wai-sr-t")->items.size() == 12);
  CHECK(c.Find("wai-sr-t")->respondents == mappings::kRespondentTherapist);

  const Instrument* haq = c.Find("haq-ii");
  REQUIRE(haq->items.size() == 19);
  std::vector<std::string> reversed;
  for (const auto& item : haq->items) {
    if (item.reverse_scored) reversed.push_back(item.link_id);
  }
  CHECK(reversed == std::vector<std::string>{"4", "8", "11", "16", "19"});
  CHECK(haq->Allows("client"));
  CHECK(haq->Allows("therapist"));
  CHECK_FALSE(haq->Allows("observer"));

  const mappings::ScoreDef* srs_total = c.FindScore("srs", "total");
  REQUIRE(srs_total);
  REQUIRE(srs_total->cutoff);
  CHECK(srs_total->cutoff->value == 36);
  CHECK(srs_total->code == "srs:total");
  CHECK(c.FindScore("srs", "bond") == nullptr);
  CHECK(c.FindScore("nope", "total") == nullptr);
}

TEST_CASE("broken instrument files are reported per file and not loaded") {
  InstrumentCatalog c;
  fhir::Issues issues;
  fhir::Status s = c.LoadDirectory(
      SourcePath("tests/testdata/rating/bad-instruments"), &issues);
  CHECK(s.code() == fhir::StatusCode::kInvalidArgument);
  CHECK(s.message().find("5 of 7 instrument files") != std::string::npos);

  std::set<std::string> expected = {
      "scale-max.json: items[2].scale.max: must be greater than min",
      "structure.json: id: \"Bad_Id\" must be 1-40 of a-z, 0-9 and '-', not "
      "starting with '-'",
      "structure.json: url: \"Questionnaire/relative\" must be an absolute "
      "URL without '|'",
      "structure.json: respondents[1]: \"parent\" is not one of client, "
      "therapist, observer",
      "structure.json: scale.anchors.4: 4 is outside 1..3",
      "structure.json: scale.anchors: has no label for 3",
      "structure.json: items[1].linkId: \"1\" is used by another item",
      "structure.json: items[1].reverseScored: must be true or false",
      "structure.json: items[2].colour: unknown field",
      "structure.json: scoring.method: \"median\" is not one of sum, mean",
      "structure.json: subscales[0].items[1]: no item has linkId \"9\"",
      "structure.json: subscales[0].maxMissing: must be 0 or more and less "
      "than the number of items (1)",
      "structure.json: cutoffs.nope: no score has id \"nope\"",
      "missing-required.json: title: is required",
      "missing-required.json: copyright: is required",
      "missing-required.json: respondents: is required",
      "missing-required.json: items: is required",
      "missing-required.json: scoring: is required",
      "missing-required.json: total: is required",
      "ok-copy.json: instrument ok version 1 is already loaded from ok-1.json",
  };
  std::set<std::string> errors = Errors(issues);
  // not-json.json: the parser's message says where; check the start only.
  auto bad_json = std::find_if(errors.begin(), errors.end(), [](auto& e) {
    return e.rfind("not-json.json: not valid JSON: ", 0) == 0;
  });
  REQUIRE(bad_json != errors.end());
  errors.erase(bad_json);
  CHECK(errors == expected);

  // The good files are loaded; a misnamed one with a warning.
  CHECK(c.size() == 2);
  REQUIRE(c.Find("ok"));
  CHECK(c.Find("ok")->title == "A valid instrument");
  CHECK(c.Find("named", "2"));
  bool warned = false;
  for (const fhir::Issue& i : issues.list()) {
    warned |= i.severity == fhir::Severity::kWarning &&
              i.path == "misnamed.json" &&
              i.message.find("should be named-2.json") != std::string::npos;
  }
  CHECK(warned);
}

TEST_CASE("a missing instrument folder is NotFound") {
  InstrumentCatalog c;
  fhir::Issues issues;
  fhir::Status s = c.LoadDirectory(SourcePath("no/such/folder"), &issues);
  CHECK(s.code() == fhir::StatusCode::kNotFound);
  CHECK(issues.HasErrors());
}

TEST_CASE("versions compare by number, pre-releases before releases") {
  struct Case {
    const char* a;
    const char* b;
    int sign;
  };
  const Case cases[] = {
      {"1", "1", 0},      {"1", "2", -1},         {"1.9", "1.10", -1},
      {"1.10", "1.9", 1}, {"1", "1.0.1", -1},     {"01", "1", 0},
      {"2-rc1", "2", -1}, {"2-rc1", "2-rc2", -1}, {"2-rc1", "1.10", 1},
      {"1.a", "1.1", 1},  {"1.0.0", "1.0", 1},
  };
  for (const Case& c : cases) {
    INFO(c.a << " vs " << c.b);
    int r = CompareVersions(c.a, c.b);
    CHECK((r > 0) - (r < 0) == c.sign);
  }
}

TEST_CASE("Find without a version picks the newest loaded") {
  InstrumentCatalog c;
  fhir::Issues issues;
  for (const char* v : {"1.9", "1", "1.10"}) {
    REQUIRE(c.LoadText(std::string("x-") + v + ".json",
                       MinimalInstrument("x", v, std::string("v") + v), &issues)
                .ok());
  }
  CHECK(c.Find("x")->version == "1.10");
  CHECK(c.Find("x", "1.9")->title == "v1.9");
  CHECK(c.Find("x", "3") == nullptr);
  CHECK(c.Find("y") == nullptr);
  REQUIRE(c.LoadText("x-2-rc1.json", MinimalInstrument("x", "2-rc1"), &issues)
              .ok());
  CHECK(c.Find("x")->version == "2-rc1");
  std::vector<std::string> order;
  for (const Instrument* in : c.Versions("x")) order.push_back(in->version);
  CHECK(order == std::vector<std::string>{"2-rc1", "1.10", "1.9", "1"});
  CHECK(issues.empty());

  // Same id and version again: refused, the first one stays.
  fhir::Status dup =
      c.LoadText("again.json", MinimalInstrument("x", "1", "dup"), &issues);
  CHECK(dup.code() == fhir::StatusCode::kInvalidArgument);
  CHECK(c.Find("x", "1")->title == "v1");
  CHECK(issues.list().back().path == "again.json");
}

TEST_CASE("SetCutoff overrides loaded and later-loaded versions") {
  InstrumentCatalog c;
  fhir::Issues issues;
  std::string text;
  {
    std::ifstream in(SourcePath("mappings/instruments/srs-1.json"));
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  REQUIRE(c.LoadText("srs-1.json", text, &issues).ok());
  CHECK(c.SetCutoff("srs", "total", 30));
  const mappings::ScoreDef* total = c.FindScore("srs", "total");
  CHECK(total->cutoff->value == 30);
  CHECK(total->cutoff->direction == mappings::Cutoff::Direction::kBelow);
  CHECK(total->cutoff->source == "configuration");
  CHECK_FALSE(c.SetCutoff("srs", "bond", 3));  // no such score
  CHECK_FALSE(c.SetCutoff("x", "total", 1));   // not loaded yet: kept
  REQUIRE(c.LoadText("x-1.json", MinimalInstrument("x", "1"), &issues).ok());
  REQUIRE(c.FindScore("x", "total")->cutoff);
  CHECK(c.FindScore("x", "total")->cutoff->value == 1);
}
