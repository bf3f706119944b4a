// Datatype element tables and invariants, exercised through an extension
// value (Observation.extension[0].value<Type>) so one vehicle covers all.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/fhir/validation/test_util.h"

namespace fhir {
namespace {

using testing::Findings;
using testing::ValidateText;

const char* const kPath = "Observation.extension[0].value";

struct Case {
  const char* type;   // the value[x] type name, e.g. "Period"
  const char* value;  // its JSON
  // Expected findings relative to the value: "" = the value itself,
  // ".low" = a child; each is followed by " code".
  std::vector<std::string> errors;
};

void RunCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    std::string json =
        R"({"resourceType":"Observation","status":"final","code":{"text":"x"},
            "extension":[{"url":"http://e","value)" +
        std::string(c.type) + R"(":)" + c.value + "}]}";
    INFO(c.type << ": " << c.value);
    Issues issues = ValidateText(json);
    INFO(issues.ToText());
    std::vector<std::string> expected;
    for (const std::string& e : c.errors) {
      expected.push_back(kPath + std::string(c.type) + e);
    }
    std::sort(expected.begin(), expected.end());
    CHECK(Findings(issues) == expected);
  }
}

TEST_CASE("Period per-1", "[validation][datatypes]") {
  RunCases({
      {"Period",
       R"({"start":"2026-01-01T10:00:00Z","end":"2026-01-01T11:00:00Z"})",
       {}},
      {"Period",
       R"({"start":"2026-01-01T10:00:00Z","end":"2026-01-01T10:00:00Z"})",
       {}},
      {"Period",
       R"({"start":"2026-01-02T10:00:00Z","end":"2026-01-01T10:00:00Z"})",
       {" invariant"}},
      // Same instant in different zones; then one second apart.
      {"Period",
       R"({"start":"2026-01-01T12:00:00+02:00","end":"2026-01-01T10:00:00Z"})",
       {}},
      {"Period",
       R"({"start":"2026-01-01T12:00:01+02:00","end":"2026-01-01T10:00:00Z"})",
       {" invariant"}},
      {"Period",
       R"({"start":"2026-01-01T10:00:00.5Z","end":"2026-01-01T10:00:00.25Z"})",
       {" invariant"}},
      {"Period",
       R"({"start":"2026-02-10","end":"2026-02-01"})",
       {" invariant"}},
      {"Period", R"({"start":"2026-03","end":"2026-02-15"})", {" invariant"}},
      {"Period", R"({"start":"2026-02-15","end":"2026-02"})", {}},
      {"Period", R"({"start":"2027","end":"2026-12-31"})", {" invariant"}},
      // A date against a dateTime is not comparable (FHIRPath: empty).
      {"Period", R"({"start":"2026-02-10","end":"2026-02-01T10:00:00Z"})", {}},
      {"Period", R"({"start":"2026-02-10"})", {}},
      {"Period", R"({"start":"2026-02-30"})", {".start value"}},
  });
}

TEST_CASE("Quantity family", "[validation][datatypes]") {
  RunCases({
      {"Quantity",
       R"({"value":1,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"})",
       {}},
      {"Quantity", R"({"value":1,"code":"kg"})", {" invariant"}},  // qty-3
      {"Quantity", R"({"value":1,"comparator":">="})", {}},
      {"Quantity", R"({"value":"1"})", {".value structure"}},
      {"Duration",
       R"({"value":6,"system":"http://unitsofmeasure.org","code":"mo"})",
       {}},
      {"Duration",
       R"({"value":6,"system":"http://example.org","code":"mo"})",
       {" invariant"}},  // drt-1
      {"Age",
       R"({"value":-1,"system":"http://unitsofmeasure.org","code":"a"})",
       {" invariant"}},  // age-1
      {"Age",
       R"({"value":40,"system":"http://unitsofmeasure.org","code":"a"})",
       {}},
      {"Count",
       R"({"value":1.5,"system":"http://unitsofmeasure.org","code":"1"})",
       {" invariant"}},                                // cnt-3
      {"Distance", R"({"value":3})", {" invariant"}},  // dis-1
      {"Money", R"({"value":12.50,"currency":"CHF"})", {}},
      {"Range", R"({"low":{"value":1},"high":{"value":3}})", {}},
      {"Range", R"({"low":{"value":5},"high":{"value":3}})", {" invariant"}},
      {"Range",
       R"({"low":{"value":5,"unit":"a"},"high":{"value":3,"unit":"b"}})",
       {}},
      {"Range", R"({"low":{"value":1,"comparator":">"}})", {".low invariant"}},
      {"Ratio", R"({"numerator":{"value":1},"denominator":{"value":2}})", {}},
      {"Ratio", R"({"numerator":{"value":1}})", {" invariant"}},  // rat-1
  });
}

TEST_CASE("Attachment, Annotation, Coding, Identifier",
          "[validation][datatypes]") {
  RunCases({
      {"Attachment",
       R"({"contentType":"text/plain","data":"aGk=","size":2})",
       {}},
      {"Attachment", R"({"data":"aGk="})", {" invariant"}},  // att-1
      {"Attachment", R"({"contentType":"pdf"})", {".contentType code-invalid"}},
      {"Attachment", R"({"url":"files/a.pdf"})", {".url value"}},
      {"Attachment", R"({"size":-1})", {".size value"}},
      {"Attachment", R"({"hash":"not base64!"})", {".hash value"}},
      {"Annotation", R"({"time":"2026-01-01"})", {".text required"}},
      {"Annotation",
       R"({"text":"a","authorString":"b","authorReference":{"display":"c"}})",
       {".authorReference structure"}},
      {"Annotation",
       R"({"text":"a","authorReference":{"reference":"Device/d"}})",
       {".authorReference.reference value"}},
      {"Coding",
       R"({"system":"http://s","code":"c","userSelected":"yes"})",
       {".userSelected structure"}},
      {"Identifier",
       R"({"system":"urn:oid:1.2","value":"v","assigner":{"reference":"Organization/o"}})",
       {}},
      {"Identifier",
       R"({"assigner":{"reference":"Patient/p"}})",
       {".assigner.reference value"}},
  });
}

TEST_CASE("Contact, name, address", "[validation][datatypes]") {
  RunCases({
      {"ContactPoint",
       R"({"system":"email","value":"a@b.c","use":"work","rank":1})",
       {}},
      {"ContactPoint", R"({"value":"a@b.c"})", {" invariant"}},  // cpt-2
      {"ContactPoint", R"({"system":"telegram"})", {".system code-invalid"}},
      {"ContactPoint", R"({"system":"phone","rank":0})", {".rank value"}},
      {"HumanName", R"({"use":"nick","given":["A"]})", {".use code-invalid"}},
      {"HumanName", R"({"given":"A"})", {".given structure"}},
      {"Address", R"({"type":"home","line":["a"]})", {".type code-invalid"}},
      {"ContactDetail",
       R"({"name":"n","telecom":[{"system":"url","value":"https://x"}]})",
       {}},
  });
}

TEST_CASE("Timing, SampledData, Signature, metadata types",
          "[validation][datatypes]") {
  RunCases({
      {"Timing",
       R"({"repeat":{"frequency":1,"period":1,"periodUnit":"wk"}})",
       {}},
      {"Timing",
       R"({"repeat":{"duration":1}})",
       {".repeat invariant"}},  // tim-1
      {"Timing",
       R"({"repeat":{"period":-1,"periodUnit":"d"}})",
       {".repeat invariant"}},
      {"Timing",
       R"({"repeat":{"when":["MORN"],"timeOfDay":["08:00:00"]}})",
       {".repeat invariant"}},  // tim-10
      {"Timing",
       R"({"repeat":{"offset":10}})",
       {".repeat invariant"}},  // tim-9
      {"Timing",
       R"({"repeat":{"dayOfWeek":["monday"]}})",
       {".repeat.dayOfWeek[0] code-invalid"}},
      {"Timing",
       R"({"event":["2026-01-01T10:00:00Z"],"code":{"text":"BID"}})",
       {}},
      {"SampledData",
       R"({"data":"1 2"})",
       {".dimensions required", ".origin required", ".period required"}},
      {"Signature",
       R"({"sigFormat":"application/jose"})",
       {".type required", ".when required", ".who required"}},
      {"UsageContext", R"({"code":{"code":"focus"}})", {".value[x] required"}},
      {"Expression",
       R"({"language":"text/fhirpath"})",
       {" invariant"}},  // exp-1
      {"Expression", R"({"expression":"true"})", {".language required"}},
      {"RelatedArtifact", R"({"type":"cites"})", {".type code-invalid"}},
      {"Meta", R"({"versionId":"1","tag":[{"code":"a"}]})", {}},
  });
}

}  // namespace
}  // namespace fhir
