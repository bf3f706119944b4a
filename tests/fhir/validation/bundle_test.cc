// Bundle: entry resources validated in place, request/response tables and
// the bdl-* invariants.
#include <catch2/catch.hpp>
#include <string>

#include "tests/fhir/validation/test_util.h"

namespace fhir {
namespace {

using testing::RunCases;

const char* const kFlag =
    R"({"resourceType":"Flag","status":"active","code":{"text":"c"},
        "subject":{"reference":"Patient/1"}})";

std::string Entry(const std::string& members) {
  return std::string(R"({"resource":)") + kFlag +
         (members.empty() ? "" : "," + members) + "}";
}

const char* const kPost = R"("request":{"method":"POST","url":"Flag"})";

TEST_CASE("transaction Bundle", "[validation][bundle]") {
  RunCases(
      R"({"resourceType":"Bundle","type":"transaction"})",
      {
          {"no entries", "", {}},
          {"entry with request", R"("entry":[)" + Entry(kPost) + "]", {}},
          {"bdl-3 entry without request",
           R"("entry":[)" + Entry(kPost) + "," + Entry("") + "]",
           {"Bundle.entry[1] invariant"}},
          {"bdl-4 response in a transaction",
           R"("entry":[)" +
               Entry(std::string(kPost) + R"(,"response":{"status":"201"})") +
               "]",
           {"Bundle.entry[0] invariant"}},
          {"bdl-2 search outside searchset",
           R"("entry":[)" +
               Entry(std::string(kPost) + R"(,"search":{"mode":"match"})") +
               "]",
           {"Bundle.entry[0] invariant"}},
          {"bdl-1 total", R"("total":1)", {"Bundle invariant"}},
          {"bdl-5 empty entry",
           R"("entry":[{"fullUrl":"urn:uuid:3b1f6c1e-8a55-4d0c-9a5e-1c2b3d4e5f60"}])",
           {"Bundle.entry[0] invariant", "Bundle.entry[0] invariant"}},
          {"bdl-7 duplicate fullUrl",
           R"("entry":[)" +
               Entry(
                   std::string(kPost) +
                   R"(,"fullUrl":"urn:uuid:3b1f6c1e-8a55-4d0c-9a5e-1c2b3d4e5f60")") +
               "," +
               Entry(
                   std::string(kPost) +
                   R"(,"fullUrl":"urn:uuid:3b1f6c1e-8a55-4d0c-9a5e-1c2b3d4e5f60")") +
               "]",
           {"Bundle.entry[1] invariant"}},
          {"bdl-8 versioned fullUrl",
           R"("entry":[)" +
               Entry(std::string(kPost) +
                     R"(,"fullUrl":"http://x/Flag/1/_history/2")") +
               "]",
           {"Bundle.entry[0] invariant"}},
          {"request method",
           R"("entry":[)" +
               Entry(R"("request":{"method":"GET ","url":"Flag"})") + "]",
           {"Bundle.entry[0].request.method value"}},
          {"request method bogus",
           R"("entry":[)" +
               Entry(R"("request":{"method":"FETCH","url":"Flag"})") + "]",
           {"Bundle.entry[0].request.method code-invalid"}},
          {"request url missing",
           R"("entry":[)" + Entry(R"("request":{"method":"POST"})") + "]",
           {"Bundle.entry[0].request.url required"}},
          {"errors inside entry resources",
           R"("entry":[)" + Entry(kPost) +
               R"(,{"resource":{"resourceType":"Flag",
         "status":"on","code":{"text":"c"},"subject":{"reference":"Patient/1"}},)" +
               kPost + "}]",
           {"Bundle.entry[1].resource.status code-invalid"}},
          {"entry resource without type",
           R"("entry":[{"resource":{"status":"active"},)" + std::string(kPost) +
               "}]",
           {"Bundle.entry[0].resource.resourceType required"}},
          {"conditional delete",
           R"("entry":[{"request":{"method":"DELETE","url":"Flag?identifier=a|b"}}])",
           {}},
      });
  RunCases(
      R"({"resourceType":"Bundle"})",
      {
          {"type missing", "", {"Bundle.type required"}},
          {"type bogus", R"("type":"bundle")", {"Bundle.type code-invalid"}},
          {"no text on a Bundle",
           R"("type":"collection","text":{"status":"empty",
         "div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"/>"})",
           {"Bundle.text structure"}},
      });
}

TEST_CASE("other Bundle types", "[validation][bundle]") {
  RunCases(R"({"resourceType":"Bundle","type":"searchset","total":1})",
           {
               {"search",
                R"("entry":[)" +
                    Entry(R"("search":{"mode":"match","score":1})") + "]",
                {}},
               {"search mode",
                R"("entry":[)" + Entry(R"("search":{"mode":"best"})") + "]",
                {"Bundle.entry[0].search.mode code-invalid"}},
               {"links",
                R"("link":[{"relation":"self","url":"http://x/Flag"}])",
                {}},
               {"link url missing",
                R"("link":[{"relation":"next"}])",
                {"Bundle.link[0].url required"}},
           });
  RunCases(
      R"({"resourceType":"Bundle","type":"transaction-response"})",
      {
          {"response",
           R"("entry":[{"response":{"status":"201","location":"Flag/1/_history/1"}}])",
           {}},
          {"response status missing",
           R"("entry":[{"response":{"etag":"W/\"1\""}}])",
           {"Bundle.entry[0].response.status required"}},
          {"outcome validated",
           R"("entry":[{"response":{"status":"400",
         "outcome":{"resourceType":"OperationOutcome","issue":[{"severity":"error"}]}}}])",
           {"Bundle.entry[0].response.outcome.issue[0].code required"}},
          {"bdl-4 missing response",
           R"("entry":[)" + Entry("") + "]",
           {"Bundle.entry[0] invariant"}},
      });
  RunCases(R"({"resourceType":"Bundle","type":"document"})",
           {
               {"bdl-9 bdl-10 bdl-11",
                R"("entry":[)" + Entry("") + "]",
                {"Bundle invariant", "Bundle invariant", "Bundle invariant"}},
           });
  RunCases(
      R"({"resourceType":"Bundle","type":"message"})",
      {
          {"bdl-12", R"("entry":[)" + Entry("") + "]", {"Bundle invariant"}},
      });
  RunCases(
      R"({"resourceType":"Bundle","type":"collection"})",
      {
          {"nested bundle",
           R"("entry":[{"resource":{"resourceType":"Bundle",
         "type":"collection","entry":[{"resource":{"resourceType":"Goal"}}]}}])",
           {"Bundle.entry[0].resource.entry[0].resource.description required",
            "Bundle.entry[0].resource.entry[0].resource.lifecycleStatus "
            "required",
            "Bundle.entry[0].resource.entry[0].resource.subject required"}},
      });
}

}  // namespace
}  // namespace fhir
