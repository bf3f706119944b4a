// Generic checks every type shares: JSON shape, cardinality, primitive
// formats, bindings, primitive extensions, extensions, choice types,
// references, contained resources, resource types and base paths.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/fhir/validation/test_util.h"

namespace fhir {
namespace {

using testing::Findings;
using testing::ValidateText;

// A minimal valid Observation plus `extra` members.
std::string Obs(const std::string& extra) {
  std::string s =
      R"({"resourceType":"Observation","status":"final","code":{"text":"x"}})";
  if (!extra.empty()) s.insert(s.size() - 1, "," + extra);
  return s;
}

struct Case {
  const char* name;
  std::string json;
  std::vector<std::string> errors;  // "path code", sorted
};

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO(c.name << "\n" << c.json);
    Issues issues = ValidateText(c.json);
    INFO(issues.ToText());
    std::vector<std::string> expected = c.errors;
    std::sort(expected.begin(), expected.end());
    CHECK(Findings(issues) == expected);
  }
}

TEST_CASE("JSON shape and cardinality", "[validation]") {
  RunCases({
      {"minimal", Obs(""), {}},
      {"empty string",
       Obs(R"("valueString":"")"),
       {"Observation.valueString value"}},
      {"null member",
       Obs(R"("valueString":null)"),
       {"Observation.valueString structure"}},
      {"empty array",
       Obs(R"("category":[])"),
       {"Observation.category structure"}},
      {"empty object",
       Obs(R"("valueQuantity":{})"),
       {"Observation.valueQuantity structure"}},
      {"null in array",
       Obs(R"("category":[null])"),
       {"Observation.category[0] structure"}},
      {"unknown element", Obs(R"("foo":1)"), {"Observation.foo structure"}},
      {"unknown nested element",
       Obs(R"("valueQuantity":{"value":1,"units":"x"})"),
       {"Observation.valueQuantity.units structure"}},
      {"array where max is 1",
       Obs(R"("subject":[{"reference":"Patient/1"}])"),
       {"Observation.subject structure"}},
      {"single value where max is *",
       Obs(R"("category":{"text":"a"})"),
       {"Observation.category structure"}},
      {"missing required",
       R"({"resourceType":"Observation","status":"final"})",
       {"Observation.code required"}},
      {"two choice variants",
       Obs(R"("valueString":"a","valueInteger":1)"),
       {"Observation.valueInteger structure"}},
      {"object where primitive",
       Obs(R"("issued":{"value":"x"})"),
       {"Observation.issued structure"}},
      {"string where object",
       Obs(R"("valueQuantity":"1 kg")"),
       {"Observation.valueQuantity structure"}},
  });
}

TEST_CASE("primitive formats", "[validation]") {
  RunCases({
      {"integer as string",
       Obs(R"("valueInteger":"1")"),
       {"Observation.valueInteger structure"}},
      {"integer with fraction",
       Obs(R"("valueInteger":1.5)"),
       {"Observation.valueInteger value"}},
      {"integer out of range",
       Obs(R"("valueInteger":2147483648)"),
       {"Observation.valueInteger value"}},
      {"integer minimum", Obs(R"("valueInteger":-2147483648)"), {}},
      {"boolean as string",
       Obs(R"("valueBoolean":"true")"),
       {"Observation.valueBoolean structure"}},
      {"decimal keeps precision", Obs(R"("valueQuantity":{"value":1.50})"), {}},
      {"decimal with exponent",
       Obs(R"("valueQuantity":{"value":1e3})"),
       {"Observation.valueQuantity.value value"}},
      {"id with underscore", Obs(R"("id":"a_b")"), {"Observation.id value"}},
      {"id of 64 chars", Obs(R"("id":")" + std::string(64, 'a') + "\""), {}},
      {"id of 65 chars",
       Obs(R"("id":")" + std::string(65, 'a') + "\""),
       {"Observation.id value"}},
      {"instant without time",
       Obs(R"("meta":{"lastUpdated":"2026-01-01"})"),
       {"Observation.meta.lastUpdated value"}},
      {"instant without zone",
       Obs(R"("issued":"2026-01-01T10:00:00")"),
       {"Observation.issued value"}},
      {"instant with fraction",
       Obs(R"("issued":"2026-01-01T10:00:00.123456Z")"),
       {}},
      {"dateTime Feb 30",
       Obs(R"("effectiveDateTime":"2026-02-30")"),
       {"Observation.effectiveDateTime value"}},
      {"dateTime leap day", Obs(R"("effectiveDateTime":"2024-02-29")"), {}},
      {"dateTime non-leap",
       Obs(R"("effectiveDateTime":"2026-02-29")"),
       {"Observation.effectiveDateTime value"}},
      {"dateTime year-month", Obs(R"("effectiveDateTime":"2026-02")"), {}},
      {"dateTime hour 24",
       Obs(R"("effectiveDateTime":"2026-02-01T24:00:00Z")"),
       {"Observation.effectiveDateTime value"}},
      {"time", Obs(R"("valueTime":"23:59:59")"), {}},
      {"time with zone",
       Obs(R"("valueTime":"10:00:00Z")"),
       {"Observation.valueTime value"}},
      {"versionId",
       Obs(R"("meta":{"versionId":"v 1"})"),
       {"Observation.meta.versionId value"}},
      {"uri with space",
       Obs(R"("meta":{"source":"a b"})"),
       {"Observation.meta.source value"}},
      {"canonical with version",
       Obs(R"("meta":{"profile":["http://x/p|1.0"]})"),
       {}},
      {"code with double space",
       Obs(R"("meta":{"tag":[{"code":"a  b"}]})"),
       {"Observation.meta.tag[0].code value"}},
      {"code with trailing space",
       R"({"resourceType":"Observation",
         "status":"final ","code":{"text":"x"}})",
       {"Observation.status value"}},
      {"language code", Obs(R"("language":"de-CH")"), {}},
  });
}

TEST_CASE("whitespace-only strings are a warning", "[validation]") {
  Issues issues = ValidateText(Obs(R"("valueString":"   ")"));
  CHECK(Findings(issues).empty());
  CHECK(Findings(issues, Severity::kWarning) ==
        std::vector<std::string>{"Observation.valueString value"});
}

TEST_CASE("required bindings", "[validation]") {
  RunCases({
      {"status bogus",
       R"({"resourceType":"Observation","status":"bogus",
         "code":{"text":"x"}})",
       {"Observation.status code-invalid"}},
      {"status case matters",
       R"({"resourceType":"Observation",
         "status":"Final","code":{"text":"x"}})",
       {"Observation.status code-invalid"}},
      {"comparator",
       Obs(R"("valueQuantity":{"value":1,"comparator":"=="})"),
       {"Observation.valueQuantity.comparator code-invalid"}},
      {"narrative status",
       Obs(R"("text":{"status":"done",
         "div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>"})"),
       {"Observation.text.status code-invalid"}},
      {"narrative without namespace",
       Obs(R"("text":{"status":"generated","div":"<div>x</div>"})"),
       {"Observation.text.div value"}},
      {"identifier use",
       Obs(R"("identifier":[{"use":"primary","value":"1"}])"),
       {"Observation.identifier[0].use code-invalid"}},
  });
}

TEST_CASE("primitive extensions", "[validation]") {
  const std::string ext =
      R"({"extension":[{"url":"http://e","valueString":"x"}]})";
  RunCases({
      {"_status beside status",
       R"({"resourceType":"Observation",
         "status":"final","_status":)" +
           ext + R"(,"code":{"text":"x"}})",
       {}},
      {"_status alone satisfies min 1",
       R"({"resourceType":"Observation",
         "_status":)" +
           ext + R"(,"code":{"text":"x"}})",
       {}},
      {"_ on a complex element",
       Obs(R"("_subject":)" + ext),
       {"Observation._subject structure"}},
      {"_ with unknown member",
       Obs(R"("_issued":{"foo":1})"),
       {"Observation._issued.foo structure"}},
      {"_ sibling of unknown element",
       Obs(R"("_foo":)" + ext),
       {"Observation._foo structure"}},
  });
}

std::string PatientName(const std::string& name) {
  return R"({"resourceType":"Patient","name":[)" + name + "]}";
}

TEST_CASE("primitive arrays with extensions and nulls", "[validation]") {
  const std::string ext =
      R"({"extension":[{"url":"http://e","valueCode":"IN"}]})";
  RunCases({
      {"null matched by _given",
       PatientName(R"({"given":["A",null],"_given":[null,)" + ext + "]}"),
       {}},
      {"null without _given",
       PatientName(R"({"given":["A",null]})"),
       {"Patient.name[0].given[1] structure"}},
      {"both null",
       PatientName(R"({"given":["A",null],"_given":[null,null]})"),
       {"Patient.name[0].given[1] structure",
        "Patient.name[0]._given[1] structure"}},
      {"length mismatch",
       PatientName(R"({"given":["A","B"],"_given":[null]})"),
       {"Patient.name[0]._given structure"}},
      {"_given not an array",
       PatientName(R"({"given":["A"],"_given":)" + ext + "}"),
       {"Patient.name[0]._given structure"}},
  });
}

TEST_CASE("extensions", "[validation]") {
  RunCases({
      {"value", Obs(R"("extension":[{"url":"http://e","valueCode":"a"}])"), {}},
      {"nested",
       Obs(R"("extension":[{"url":"http://e","extension":[
         {"url":"part","valueString":"a"}]}])"),
       {}},
      {"modifierExtension",
       Obs(R"("modifierExtension":[{"url":"http://e","valueBoolean":true}])"),
       {}},
      {"url missing",
       Obs(R"("extension":[{"valueString":"a"}])"),
       {"Observation.extension[0].url required"}},
      {"value and extension (ext-1)",
       Obs(R"("extension":[{"url":"http://e","valueString":"a",
         "extension":[{"url":"x","valueString":"b"}]}])"),
       {"Observation.extension[0] invariant"}},
      {"neither (ext-1)",
       Obs(R"("extension":[{"url":"http://e","id":"e1"}])"),
       {"Observation.extension[0] invariant"}},
      {"two values",
       Obs(R"("extension":[{"url":"http://e","valueString":"a",
         "valueCode":"b"}])"),
       {"Observation.extension[0].valueCode structure"}},
      {"unknown value type",
       Obs(R"("extension":[{"url":"http://e","valueFoo":"a"}])"),
       {"Observation.extension[0].valueFoo structure"}},
      {"lenient datatype value",
       Obs(R"("extension":[{"url":"http://e","valueDosage":{"text":""}}])"),
       {"Observation.extension[0].valueDosage.text value"}},
      {"extension on a datatype",
       Obs(R"("method":{"text":"y","extension":[{"url":"http://e"}]})"),
       {"Observation.method.extension[0] invariant"}},
  });
}

}  // namespace
}  // namespace fhir
