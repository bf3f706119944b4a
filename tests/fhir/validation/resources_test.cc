// Resource element tables, required bindings and R4 invariants, one table
// of cases per resource type: a minimal valid resource plus extra members.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/fhir/validation/test_util.h"

namespace fhir {
namespace {

using testing::Findings;
using testing::RunCases;
using testing::ValidateText;

std::string Item(const std::string& members) {
  return R"({"linkId":"a","type":"string")" +
         (members.empty() ? "" : "," + members) + "}";
}

TEST_CASE("Questionnaire", "[validation][resources]") {
  const std::string q = R"({"resourceType":"Questionnaire","status":"active"})";
  const std::string opt = R"("answerOption":[{"valueString":"x"}])";
  RunCases(R"({"resourceType":"Questionnaire","status":"final"})",
           {{"status bogus", "", {"Questionnaire.status code-invalid"}}});
  RunCases(
      q,
      {
          {"subjectType",
           R"("subjectType":["Patient","Patients"])",
           {"Questionnaire.subjectType[1] code-invalid"}},
          {"item type bogus",
           R"("item":[{"linkId":"a","type":"radio"}])",
           {"Questionnaire.item[0].type code-invalid"}},
          {"item missing linkId",
           R"("item":[{"type":"string"}])",
           {"Questionnaire.item[0].linkId required"}},
          {"que-1 group without items",
           R"("item":[{"linkId":"g","type":"group"}])",
           {"Questionnaire.item[0] invariant"}},
          {"que-1 display with items",
           R"("item":[{"linkId":"d","type":"display",
         "item":[)" +
               Item("") + "]}]",
           {"Questionnaire.item[0] invariant"}},
          {"que-2 nested duplicate",
           R"("item":[{"linkId":"g","type":"group",
         "item":[)" +
               Item("") + "]}," + Item("") + "]",
           {"Questionnaire invariant"}},
          {"que-3",
           R"("item":[{"linkId":"d","type":"display","code":[{"code":"c"}]}])",
           {"Questionnaire.item[0] invariant"}},
          {"que-4",
           R"("item":[{"linkId":"c","type":"choice",)" + opt +
               R"(,"answerValueSet":"http://vs"}])",
           {"Questionnaire.item[0] invariant"}},
          {"que-5",
           R"("item":[{"linkId":"b","type":"boolean",)" + opt + "}]",
           {"Questionnaire.item[0] invariant"}},
          {"que-6",
           R"("item":[{"linkId":"d","type":"display","required":true}])",
           {"Questionnaire.item[0] invariant"}},
          {"que-7",
           R"("item":[)" + Item(R"("enableWhen":[{"question":"b",
         "operator":"exists","answerString":"x"}])") +
               "]",
           {"Questionnaire.item[0].enableWhen[0] invariant"}},
          {"que-8",
           R"("item":[{"linkId":"g","type":"group","item":[)" + Item("") +
               R"(],"initial":[{"valueString":"x"}]}])",
           {"Questionnaire.item[0] invariant"}},
          {"que-9",
           R"("item":[{"linkId":"d","type":"display","readOnly":true}])",
           {"Questionnaire.item[0] invariant"}},
          {"que-10",
           R"("item":[{"linkId":"c","type":"choice","maxLength":3}])",
           {"Questionnaire.item[0] invariant"}},
          {"que-11",
           R"("item":[{"linkId":"c","type":"choice",)" + opt +
               R"(,"initial":[{"valueString":"x"}]}])",
           {"Questionnaire.item[0] invariant"}},
          {"que-12",
           R"("item":[)" + Item(R"("enableWhen":[
         {"question":"b","operator":"=","answerBoolean":true},
         {"question":"c","operator":"=","answerBoolean":true}])") +
               "]",
           {"Questionnaire.item[0] invariant"}},
          {"que-13",
           R"("item":[)" + Item(R"("initial":[{"valueString":"x"},
         {"valueString":"y"}])") +
               "]",
           {"Questionnaire.item[0] invariant"}},
          {"que-13 repeating is fine",
           R"("item":[)" + Item(R"("repeats":true,
         "initial":[{"valueString":"x"},{"valueString":"y"}])") +
               "]",
           {}},
          {"enableWhen operator",
           R"("item":[)" + Item(R"("enableWhen":[
         {"question":"b","operator":"==","answerBoolean":true}])") +
               "]",
           {"Questionnaire.item[0].enableWhen[0].operator code-invalid"}},
          {"enableWhen answer missing",
           R"("item":[)" + Item(R"("enableWhen":[
         {"question":"b","operator":"="}])") +
               "]",
           {"Questionnaire.item[0].enableWhen[0].answer[x] required"}},
          {"answerOption value missing",
           R"("item":[{"linkId":"c","type":"choice",
         "answerOption":[{"initialSelected":true}]}])",
           {"Questionnaire.item[0].answerOption[0].value[x] required"}},
      });
}

TEST_CASE("Questionnaire name (que-0) is a warning",
          "[validation][resources]") {
  Issues issues = ValidateText(
      R"({"resourceType":"Questionnaire","status":"draft","name":"srs form"})");
  CHECK(Findings(issues).empty());
  CHECK(Findings(issues, Severity::kWarning) ==
        std::vector<std::string>{"Questionnaire invariant"});
}

TEST_CASE("QuestionnaireResponse", "[validation][resources]") {
  RunCases(
      R"({"resourceType":"QuestionnaireResponse","status":"completed"})",
      {
          {"status", R"("questionnaire":"http://q|1")", {}},
          {"qrs-1",
           R"("item":[{"linkId":"a","answer":[{"valueInteger":1}],
         "item":[{"linkId":"b"}]}])",
           {"QuestionnaireResponse.item[0] invariant"}},
          {"nested under answer",
           R"("item":[{"linkId":"a","answer":[
         {"valueBoolean":true,"item":[{"linkId":"b","answer":[{"valueDate":"2026-13-01"}]}]}]}])",
           {"QuestionnaireResponse.item[0].answer[0].item[0].answer[0]."
            "valueDate value"}},
          {"two answer types",
           R"("item":[{"linkId":"a","answer":[
         {"valueInteger":1,"valueString":"1"}]}])",
           {"QuestionnaireResponse.item[0].answer[0].valueString structure"}},
          {"identifier is single",
           R"("identifier":[{"value":"1"}])",
           {"QuestionnaireResponse.identifier structure"}},
      });
  RunCases(
      R"({"resourceType":"QuestionnaireResponse","status":"done"})",
      {{"status bogus", "", {"QuestionnaireResponse.status code-invalid"}}});
}

TEST_CASE("Observation", "[validation][resources]") {
  const std::string coded =
      R"({"resourceType":"Observation","status":"final",
          "code":{"coding":[{"system":"http://s","code":"total"}]}})";
  RunCases(coded,
           {
               {"obs-6",
                R"("valueInteger":1,"dataAbsentReason":{"text":"x"})",
                {"Observation invariant"}},
               {"obs-6 without value is fine",
                R"("dataAbsentReason":{"text":"x"})",
                {}},
               {"obs-7",
                R"("valueInteger":1,"component":[{"code":{"coding":[
         {"system":"http://s","code":"total"}]},"valueInteger":1}])",
                {"Observation invariant"}},
               {"obs-7 other code",
                R"("valueInteger":1,"component":[{"code":{"coding":[
         {"system":"http://s","code":"part"}]},"valueInteger":1}])",
                {}},
               {"obs-3",
                R"("referenceRange":[{"type":{"text":"normal"}}])",
                {"Observation.referenceRange[0] invariant"}},
               {"component code missing",
                R"("component":[{"valueInteger":1}])",
                {"Observation.component[0].code required"}},
               {"component value",
                R"("component":[{"code":{"text":"a"}},
         {"code":{"text":"b"},"valueQuantity":{"value":"x"}}])",
                {"Observation.component[1].valueQuantity.value structure"}},
               {"effective types",
                R"("effectivePeriod":{"start":"2026-01-01"},
         "effectiveInstant":"2026-01-01T00:00:00Z")",
                {"Observation.effectiveInstant structure"}},
               {"hasMember target",
                R"("hasMember":[{"reference":"Patient/1"}])",
                {"Observation.hasMember[0].reference value"}},
               {"derivedFrom",
                R"("derivedFrom":[{"reference":"QuestionnaireResponse/q"}])",
                {}},
           });
}

}  // namespace
}  // namespace fhir
