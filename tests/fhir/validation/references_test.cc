// References (format, targets, ref-1), contained resources (dom-2..5),
// resource types, unmodelled types and base paths.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/fhir/validation/test_util.h"

namespace fhir {
namespace {

using testing::Findings;
using testing::ValidateText;

std::string ObsSubject(const std::string& reference) {
  return R"({"resourceType":"Observation","status":"final","code":{"text":"x"},
    "subject":{"reference":")" +
         reference + R"("}})";
}

TEST_CASE("reference formats and targets", "[validation]") {
  struct Case {
    std::string reference;
    bool valid;
  };
  const std::vector<Case> cases = {
      {"Patient/p-17", true},
      {"Patient/p-17/_history/3", true},
      {"Group/g.1", true},
      {"urn:uuid:3b1f6c1e-8a55-4d0c-9a5e-1c2b3d4e5f60", true},
      {"urn:oid:1.2.3.4", true},
      {"http://ehr.example/fhir/Patient/17", true},
      {"https://ehr.example/fhir/Patient/17/_history/1", true},
      {"Patient?identifier=http://clinic.example/mrn|17", true},
      {"patient 17", false},
      {"Patient/", false},
      {"Patient", false},
      {"Patient/a_b", false},
      {"Patient/1/_history/", false},
      {"Patient?", false},
      {"Foo/1", false},
      {"Questionnaire/q1", false},  // not an allowed target of subject
      {"urn:uuid:3B1F6C1E-8A55-4D0C-9A5E-1C2B3D4E5F60", false},
      {"urn:uuid:1234", false},
  };
  for (const Case& c : cases) {
    INFO(c.reference);
    Issues issues = ValidateText(ObsSubject(c.reference));
    INFO(issues.ToText());
    if (c.valid) {
      CHECK(Findings(issues).empty());
    } else {
      CHECK(Findings(issues) ==
            std::vector<std::string>{"Observation.subject.reference value"});
    }
  }
}

TEST_CASE("reference type must be an allowed target", "[validation]") {
  Issues issues = ValidateText(
      R"({"resourceType":"Observation","status":"final","code":{"text":"x"},
          "subject":{"type":"Questionnaire","display":"q"}})");
  CHECK(Findings(issues) ==
        std::vector<std::string>{"Observation.subject.type value"});
  // Any type may be referenced where the target is Reference(Resource).
  issues = ValidateText(
      R"({"resourceType":"Observation","status":"final","code":{"text":"x"},
          "focus":[{"reference":"Questionnaire/q1"}]})");
  CHECK(Findings(issues).empty());
}

const char* const kPatientP = R"({"resourceType":"Patient","id":"p"})";

std::string WithContained(const std::string& contained,
                          const std::string& subject) {
  return R"({"resourceType":"Observation","contained":[)" + contained +
         R"(],"status":"final","code":{"text":"x"},"subject":{"reference":")" +
         subject + R"("}})";
}

TEST_CASE("contained resources", "[validation]") {
  struct Case {
    const char* name;
    std::string json;
    std::vector<std::string> errors;
  };
  const std::vector<Case> cases = {
      {"referenced", WithContained(kPatientP, "#p"), {}},
      {"ref-1",
       WithContained(kPatientP, "#q"),
       {"Observation.contained[0] invariant",
        "Observation.subject.reference invariant"}},
      {"no contained at all (ref-1)",
       R"({"resourceType":"Observation","status":"final","code":{"text":"x"},
           "subject":{"reference":"#p"}})",
       {"Observation.subject.reference invariant"}},
      {"dom-3 unreferenced",
       WithContained(kPatientP, "Patient/1"),
       {"Observation.contained[0] invariant"}},
      {"refers to container",
       WithContained(R"({"resourceType":"Patient","id":"p",
          "link":[{"other":{"reference":"#"},"type":"seealso"}]})",
                     "Patient/1"),
       {}},
      {"dom-2 nested contained",
       WithContained(R"({"resourceType":"Patient","id":"p","contained":[
          {"resourceType":"Patient","id":"q"}]})",
                     "#p"),
       {"Observation.contained[0] invariant"}},
      {"dom-4 versionId",
       WithContained(R"({"resourceType":"Patient","id":"p",
          "meta":{"versionId":"1"}})",
                     "#p"),
       {"Observation.contained[0] invariant"}},
      {"errors inside contained",
       WithContained(R"({"resourceType":"Patient","id":"p","gender":"f"})",
                     "#p"),
       {"Observation.contained[0].gender code-invalid"}},
      {"contained without resourceType",
       WithContained(R"({"id":"p"})", "#p"),
       {"Observation.contained[0].resourceType required"}},
  };
  for (const Case& c : cases) {
    INFO(c.name << "\n" << c.json);
    Issues issues = ValidateText(c.json);
    INFO(issues.ToText());
    CHECK(Findings(issues) == c.errors);
  }
}

TEST_CASE("resource types", "[validation]") {
  CHECK(Findings(ValidateText(R"({"status":"final"})")) ==
        std::vector<std::string>{"Resource.resourceType required"});
  CHECK(Findings(ValidateText(R"({"resourceType":"Foo","id":"1"})")) ==
        std::vector<std::string>{"Resource.resourceType structure"});
  CHECK(Findings(ValidateText(R"({"resourceType":"DomainResource"})")) ==
        std::vector<std::string>{"Resource.resourceType structure"});
  CHECK(Findings(ValidateText(R"([1,2])")) ==
        std::vector<std::string>{"Resource structure"});
  CHECK(Findings(ValidateText(R"({})")) ==
        std::vector<std::string>{"Resource structure"});
}

TEST_CASE("unmodelled R4 types get generic checks and a warning",
          "[validation]") {
  Issues issues = ValidateText(
      R"({"resourceType":"Encounter","id":"e1","status":"finished",
          "class":{"code":"AMB"},"meta":{"lastUpdated":"2026-01-01T00:00:00Z"}})");
  CHECK(Findings(issues).empty());
  CHECK(Findings(issues, Severity::kWarning) ==
        std::vector<std::string>{"Encounter not-supported"});

  issues = ValidateText(
      R"({"resourceType":"Encounter","id":"e 1","status":"",
          "class":{},"meta":{"lastUpdated":"2026-01-01"},"period":null,
          "extension":[{"url":"http://e"}]})");
  CHECK(Findings(issues) == std::vector<std::string>{
                                "Encounter.class structure",
                                "Encounter.extension[0] invariant",
                                "Encounter.id value",
                                "Encounter.meta.lastUpdated value",
                                "Encounter.period structure",
                                "Encounter.status value",
                            });
}

TEST_CASE("base path prefixes every finding", "[validation]") {
  StatusOr<Json> json = Json::Parse(
      R"({"resourceType":"Goal","lifecycleStatus":"bogus",
          "description":{"text":"d"},"subject":{"reference":"Patient/1"}})");
  REQUIRE(json.ok());
  Issues issues;
  ValidateResource(*json, "Bundle.entry[3].resource", &issues);
  CHECK(Findings(issues) ==
        std::vector<std::string>{
            "Bundle.entry[3].resource.lifecycleStatus code-invalid"});
}

TEST_CASE("issues are appended, never cleared", "[validation]") {
  StatusOr<Json> json = Json::Parse(R"({"resourceType":"Flag"})");
  REQUIRE(json.ok());
  Issues issues;
  issues.Warning("informational", "x", "earlier");
  ValidateResource(*json, &issues);
  CHECK(issues.list().front().message == "earlier");
  CHECK(Findings(issues) == std::vector<std::string>{"Flag.code required",
                                                     "Flag.status required",
                                                     "Flag.subject required"});
}

}  // namespace
}  // namespace fhir
