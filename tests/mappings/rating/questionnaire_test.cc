#include "mappings/rating/questionnaire.h"

#include <catch2/catch.hpp>

#include "mappings/codes.h"
#include "rating_test_util.h"

using fhir::Json;

TEST_CASE("Questionnaire of every shipped instrument matches its golden") {
  for (const mappings::Instrument* in : rating_test::Shipped().All()) {
    SECTION(in->id) {
      rating_test::CheckGolden("questionnaire-" + in->id + ".json",
                               mappings::BuildQuestionnaire(*in));
    }
  }
}

TEST_CASE("the score CodeSystem matches its golden") {
  rating_test::CheckGolden(
      "codesystem-alliance-scores.json",
      mappings::BuildScoreCodeSystem(rating_test::Shipped()));
}

TEST_CASE("choice answers carry their scored value as ordinalValue") {
  Json q = mappings::BuildQuestionnaire(*rating_test::Shipped().Find("haq-ii"));
  const Json& items = *q.Find("item");
  REQUIRE(items.size() == 19);
  auto ordinal = [&](std::size_t item, std::size_t option) {
    const Json& opt = items.at(item).Find("answerOption")->at(option);
    const Json& ext = opt.Find("extension")->at(0);
    CHECK(ext.Find("url")->str() == mappings::kOrdinalValueExtension);
    return ext.Find("valueDecimal")->str();
  };
  CHECK(ordinal(0, 0) == "1");  // item 1, "1": scored 1
  CHECK(ordinal(0, 5) == "6");
  CHECK(ordinal(3, 0) == "6");  // item 4 is reverse-scored: 1 -> 1+6-1
  CHECK(ordinal(3, 5) == "1");
  const Json& coding =
      *items.at(3).Find("answerOption")->at(0).Find("valueCoding");
  CHECK(coding.Find("system")->str() ==
        "http://alliance-fhir.org/fhir/Questionnaire/haq-ii/anchors");
  CHECK(coding.Find("code")->str() == "1");
}

TEST_CASE("visual-analogue items are decimals with bounds") {
  Json q = mappings::BuildQuestionnaire(*rating_test::Shipped().Find("srs"));
  const Json& item = q.Find("item")->at(0);
  CHECK(item.Find("type")->str() == "decimal");
  CHECK(item.Find("answerOption") == nullptr);
  const Json& ext = *item.Find("extension");
  CHECK(ext.at(0).Find("valueDecimal")->str() == "0");
  CHECK(ext.at(1).Find("valueDecimal")->str() == "10");
  CHECK(q.Find("version")->str() == "1");
  CHECK(q.Find("name")->str() == "Srs");
}
