#include "mappings/rating/scoring.h"

#include <catch2/catch.hpp>

#include "mappings/rating/instrument_catalog.h"
#include "rating_test_util.h"

using mappings::ScoreResult;
using mappings::ScoreValue;
using rating_test::AnswerList;
using rating_test::MakeRating;
using std::nullopt;

namespace {

// WAI-SR answers by item 1..12; task = 1,2,10,12; bond = 3,5,7,9;
// goal = 4,6,8,11.
AnswerList Wai(std::initializer_list<std::optional<std::string>> values) {
  AnswerList out;
  int i = 1;
  for (const auto& v : values) out.emplace_back(std::to_string(i++), v);
  return out;
}

AnswerList HaqAll(const std::string& positive, const std::string& negative) {
  AnswerList out;
  for (int i = 1; i <= 19; ++i) {
    bool reversed = i == 4 || i == 8 || i == 11 || i == 16 || i == 19;
    out.emplace_back(std::to_string(i), reversed ? negative : positive);
  }
  return out;
}

AnswerList Skip(AnswerList answers, std::initializer_list<int> items) {
  for (int i : items) answers[i - 1].second = nullopt;
  return answers;
}

// Expected outcome of one score: value < 0 means "not computed".
struct Expect {
  const char* score;
  double value;
  int used;
  int missing;
  bool prorated;
  bool below;
};

struct Case {
  const char* name;
  const char* instrument;
  AnswerList answers;
  std::vector<Expect> expect;
};

}  // namespace

TEST_CASE("scoring table") {
  const AnswerList wai =
      Wai({"4", "3", "5", "4", "5", "3", "4", "4", "5", "3", "4", "4"});
  const Case cases[] = {
      {"WAI-SR all answered",
       "wai-sr",
       wai,
       {{"task", 3.50, 4, 0, false, false},      // (4+3+3+4)/4 = 14/4
        {"bond", 4.75, 4, 0, false, false},      // (5+5+4+5)/4 = 19/4
        {"goal", 3.75, 4, 0, false, false},      // (4+3+4+4)/4 = 15/4
        {"total", 4.00, 12, 0, false, false}}},  // 48/12
      {"WAI-SR item 6 skipped: goal and total prorated",
       "wai-sr",
       Skip(wai, {6}),
       {{"task", 3.50, 4, 0, false, false},
        {"goal", 4.00, 3, 1, true, false},      // (4+4+4)/3
        {"total", 4.09, 11, 1, true, false}}},  // 45/11 = 4.0909
      {"WAI-SR items 6 and 8 skipped: goal not computed",
       "wai-sr",
       Skip(wai, {6, 8}),
       {{"goal", -1, 2, 2, false, false},  // 2 missing > 1 allowed
        {"bond", 4.75, 4, 0, false, false},
        {"total", 4.10, 10, 2, true, false}}},  // 41/10
      {"WAI-SR 3 skipped: no total",
       "wai-sr",
       Skip(wai, {1, 6, 8}),
       {{"task", 3.33, 3, 1, true, false},    // (3+3+4)/3 = 3.333
        {"total", -1, 9, 3, false, false}}},  // 3 missing > 2 allowed
      {"SRS equal to the cutoff is not below it",
       "srs",
       {{"1", "9"}, {"2", "9"}, {"3", "9"}, {"4", "9"}},
       {{"total", 36.0, 4, 0, false, false}}},  // 9*4 = 36, cutoff 36
      {"SRS just below the cutoff",
       "srs",
       {{"1", "9"}, {"2", "9"}, {"3", "9"}, {"4", "8.9"}},
       {{"total", 35.9, 4, 0, false, true}}},  // 27 + 8.9
      {"SRS decimal marks",
       "srs",
       {{"1", "9.5"}, {"2", "8.25"}, {"3", "10"}, {"4", "7.75"}},
       {{"total", 35.5, 4, 0, false, true}}},  // 9.5+8.25+10+7.75
      {"SRS rounds the sum to one decimal",
       "srs",
       {{"1", "9.04"}, {"2", "9.01"}, {"3", "9"}, {"4", "9"}},
       {{"total", 36.1, 4, 0, false, false}}},  // 36.05 -> 36.1
      {"SRS top marks",
       "srs",
       {{"1", "10"}, {"2", "10"}, {"3", "10"}, {"4", "10"}},
       {{"total", 40.0, 4, 0, false, false}}},
      {"SRS one line skipped: no total",
       "srs",
       {{"1", "9"}, {"2", nullopt}, {"3", "9"}, {"4", "9"}},
       {{"total", -1, 3, 1, false, false}}},
      {"SRS a line left out entirely counts as skipped",
       "srs",
       {{"1", "9"}, {"3", "9"}, {"4", "9"}},
       {{"total", -1, 3, 1, false, false}}},
      {"HAq-II reverse scoring: agreeing with everything",
       "haq-ii",
       HaqAll("6", "6"),
       // 14 items score 6, 5 reversed items score 1+6-6 = 1: 89/19 = 4.684
       {{"total", 4.68, 19, 0, false, false}}},
      {"HAq-II reverse scoring: consistent answers",
       "haq-ii",
       HaqAll("5", "2"),  // reversed 1+6-2 = 5: 95/19
       {{"total", 5.00, 19, 0, false, false}}},
      {"HAq-II 4 skipped: prorated",
       "haq-ii",
       Skip(HaqAll("5", "1"), {1, 2, 3, 4}),
       // 11 items of 5, reversed 8,11,16,19 = 6 each: (55+24)/15 = 5.267
       {{"total", 5.27, 15, 4, true, false}}},
      {"HAq-II 5 skipped: no total",
       "haq-ii",
       Skip(HaqAll("5", "2"), {1, 2, 3, 4, 5}),
       {{"total", -1, 14, 5, false, false}}},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      const mappings::Instrument* in =
          rating_test::Shipped().Find(c.instrument);
      REQUIRE(in);
      ScoreResult r =
          mappings::Score(*in, MakeRating(c.instrument, "client", c.answers));
      REQUIRE(r.scores.size() == in->scores.size());
      for (const Expect& e : c.expect) {
        INFO("score " << e.score);
        const ScoreValue* s = r.Find(e.score);
        REQUIRE(s);
        CHECK(s->computed == (e.value >= 0));
        if (e.value >= 0) {
          CHECK(s->value == Approx(e.value).margin(1e-9));
          CHECK(s->reason.empty());
        } else {
          CHECK_FALSE(s->reason.empty());
        }
        CHECK(s->items_used == e.used);
        CHECK(s->items_missing == e.missing);
        CHECK(s->prorated == e.prorated);
        CHECK(s->below_cutoff == e.below);
        CHECK_FALSE(s->above_cutoff);
      }
    }
  }
}

TEST_CASE("not computed scores say why") {
  const mappings::Instrument* in = rating_test::Shipped().Find("wai-sr");
  ScoreResult r =
      mappings::Score(*in, MakeRating("wai-sr", "client",
                                      Skip(Wai({"4", "3", "5", "4", "5", "3",
                                                "4", "4", "5", "3", "4", "4"}),
                                           {6, 8})));
  const ScoreValue* goal = r.Find("goal");
  CHECK(goal->reason == "2 of 4 items missing; at most 1 may be");
  CHECK(goal->missing == std::vector<int>{5, 7});  // items 6 and 8
}

TEST_CASE("sum scores are prorated as mean times item count") {
  mappings::InstrumentCatalog c;
  fhir::Issues issues;
  REQUIRE(c.LoadText("sum4-1.json", R"({
    "id": "sum4", "version": "1", "title": "Sum of four", "copyright": "Test.",
    "respondents": ["observer"],
    "scale": {"type": "choice", "min": 0, "max": 4,
              "anchors": {"0": "a", "1": "b", "2": "c", "3": "d", "4": "e"}},
    "items": [{"linkId": "a", "label": "A"}, {"linkId": "b", "label": "B"},
              {"linkId": "c", "label": "C", "reverseScored": true},
              {"linkId": "d", "label": "D"}],
    "scoring": {"method": "sum", "rule": "sum4", "ruleVersion": "1"},
    "total": {"title": "Total", "maxMissing": 1},
    "cutoffs": {"total": {"value": 12, "direction": "above"}}})",
                     &issues)
              .ok());
  INFO(issues.ToText());
  const mappings::Instrument* in = c.Find("sum4");
  // a=3, b=2, c skipped, d=4: mean 3 * 4 items = 12.00; equal: not above.
  ScoreResult r = mappings::Score(
      *in, MakeRating("sum4", "observer",
                      {{"a", "3"}, {"b", "2"}, {"c", nullopt}, {"d", "4"}}));
  CHECK(r.Find("total")->value == Approx(12.0));
  CHECK(r.Find("total")->prorated);
  CHECK_FALSE(r.Find("total")->above_cutoff);
  // a=4, b=4, c=1 (reversed: 0+4-1 = 3), d=4: 15 > 12 -> above.
  r = mappings::Score(
      *in, MakeRating("sum4", "observer",
                      {{"a", "4"}, {"b", "4"}, {"c", "1"}, {"d", "4"}}));
  CHECK(r.Find("total")->value == Approx(15.0));
  CHECK_FALSE(r.Find("total")->prorated);
  CHECK(r.Find("total")->above_cutoff);
  CHECK_FALSE(r.Find("total")->below_cutoff);
}

TEST_CASE("answers the instrument cannot use count as missing") {
  const mappings::Instrument* in = rating_test::Shipped().Find("srs");
  // 11 is off the scale and "x" is no item: the total cannot be computed.
  ScoreResult r = mappings::Score(
      *in, MakeRating(
               "srs", "client",
               {{"1", "9"}, {"2", "11"}, {"3", "9"}, {"4", "9"}, {"x", "1"}}));
  CHECK_FALSE(r.Find("total")->computed);
  CHECK(r.Find("total")->items_missing == 1);
}

TEST_CASE("a configured cutoff changes the flag") {
  mappings::InstrumentCatalog c;
  fhir::Issues issues;
  REQUIRE(
      c.LoadDirectory(rating_test::SourcePath("mappings/instruments"), &issues)
          .ok());
  auto rating = MakeRating("srs", "client",
                           {{"1", "8"}, {"2", "8"}, {"3", "8"}, {"4", "8"}});
  CHECK(mappings::Score(*c.Find("srs"), rating).Find("total")->below_cutoff);
  c.SetCutoff("srs", "total", 30);  // 32 is not below 30
  CHECK_FALSE(
      mappings::Score(*c.Find("srs"), rating).Find("total")->below_cutoff);
}
