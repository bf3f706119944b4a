#include "mappings/rating/rating_check.h"

#include <catch2/catch.hpp>

#include "rating_test_util.h"

using rating_test::AnswerList;
using rating_test::MakeRating;
using std::nullopt;

namespace {

struct Case {
  const char* name;
  const char* instrument;
  const char* version;
  const char* respondent;
  AnswerList answers;
  // Expected errors as "path: message"; empty = valid.
  std::vector<std::string> errors;
  const char* resolved;  // version the rating resolves to, or nullptr
};

}  // namespace

TEST_CASE("ratings are checked against their instrument") {
  const AnswerList srs_ok = {{"1", "9"}, {"2", "8.5"}, {"3", "9"}, {"4", "7"}};
  const Case cases[] = {
      {"valid SRS, newest version", "srs", "", "client", srs_ok, {}, "1"},
      {"valid SRS, explicit version", "srs", "1", "client", srs_ok, {}, "1"},
      {"skipped (null) and absent items are fine",
       "wai-sr",
       "",
       "client",
       {{"1", "4"}, {"2", nullopt}, {"12", "5"}},
       {},
       "1"},
      {"whole numbers written with a decimal point are whole",
       "wai-sr",
       "",
       "client",
       {{"1", "4.0"}},
       {},
       "1"},
      {"unknown instrument",
       "xyz",
       "",
       "client",
       srs_ok,
       {"instrument: unknown instrument \"xyz\""},
       nullptr},
      {"unknown version",
       "wai-sr",
       "9",
       "client",
       {{"1", "4"}},
       {"instrumentVersion: wai-sr has no version \"9\" (loaded: 1)"},
       nullptr},
      {"respondent the instrument does not allow",
       "wai-sr",
       "",
       "therapist",
       {{"1", "4"}},
       {"respondent: therapist is not a respondent of wai-sr (allowed: "
        "client)"},
       "1"},
      {"observer on a client and therapist instrument",
       "haq-ii",
       "",
       "observer",
       {{"1", "4"}},
       {"respondent: observer is not a respondent of haq-ii (allowed: "
        "client, therapist)"},
       "1"},
      {"unknown item",
       "wai-sr",
       "",
       "client",
       {{"1", "4"}, {"13", "2"}},
       {"answers.13: unknown item (not in wai-sr version 1)"},
       "1"},
      {"above the scale",
       "wai-sr",
       "",
       "client",
       {{"4", "7"}},
       {"answers.4: 7 is outside 1..5"},
       "1"},
      {"below the scale",
       "haq-ii",
       "",
       "client",
       {{"2", "0"}},
       {"answers.2: 0 is outside 1..6"},
       "1"},
      {"visual-analogue mark beyond the line",
       "srs",
       "",
       "client",
       {{"1", "9"}, {"2", "10.5"}, {"3", "-0.1"}},
       {"answers.2: 10.5 is outside 0..10", "answers.3: -0.1 is outside 0..10"},
       "1"},
      {"a fraction on an integer scale",
       "wai-sr",
       "",
       "client",
       {{"3", "2.5"}},
       {"answers.3: 2.5 is not a whole number"},
       "1"},
      {"the same item twice",
       "srs",
       "",
       "client",
       {{"1", "9"}, {"1", "8"}},
       {"answers.1: answered twice"},
       "1"},
      {"every problem is reported",
       "wai-sr-t",
       "",
       "client",
       {{"1", "6"}, {"x", "1"}, {"2", "1.5"}},
       {"respondent: client is not a respondent of wai-sr-t (allowed: "
        "therapist)",
        "answers.1: 6 is outside 1..5",
        "answers.x: unknown item (not in "
        "wai-sr-t version 1)",
        "answers.2: 1.5 is not a whole number"},
       "1"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      mappings::RatingRecord r =
          MakeRating(c.instrument, c.respondent, c.answers);
      r.instrument_version = c.version;
      fhir::Issues issues;
      const mappings::Instrument* in = mappings::CheckRatingAgainstInstrument(
          r, rating_test::Shipped(), &issues);
      std::vector<std::string> errors;
      for (const fhir::Issue& i : issues.list()) {
        CHECK(i.is_error());
        errors.push_back(i.path + ": " + i.message);
      }
      CHECK(errors == c.errors);
      if (c.resolved) {
        REQUIRE(in);
        CHECK(in->id == c.instrument);
        CHECK(in->version == c.resolved);
      } else {
        CHECK(in == nullptr);
      }
    }
  }
}
