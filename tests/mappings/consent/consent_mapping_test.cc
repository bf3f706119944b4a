// MapConsent: golden Consents, hashes against independently computed
// digests, and the issues a mapping reports.
#include "mappings/consent/consent_mapping.h"

#include <catch2/catch.hpp>

#include "mappings/codes.h"
#include "mappings/consent/consent_codes.h"
#include "tests/mappings/consent/consent_test_util.h"
#include "tests/mappings/consent/golden.h"

namespace mappings {
namespace {

using alliance_test::CheckGolden;
using alliance_test::ConsentTestContext;
using fhir::Json;

const Json& OnlyResource(const MappingResult& result) {
  REQUIRE(result.resources.size() == 1);
  CHECK(result.resources[0].resource_type == "Consent");
  return result.resources[0].resource;
}

bool HasIssue(const fhir::Issues& issues, fhir::Severity severity,
              const std::string& path, const std::string& text) {
  for (const fhir::Issue& i : issues.list()) {
    if (i.severity == severity && i.path == path &&
        i.message.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST_CASE("active consent with document and a 42 CFR Part 2 exception") {
  MappingResult result = MapConsent(alliance_test::ActiveConsentWithException(),
                                    ConsentTestContext());
  INFO(result.issues.ToText());
  CHECK(result.issues.empty());
  const Json& c = OnlyResource(result);
  CheckGolden(c, "consent/golden/active_with_exception.json");

  // The 42 CFR Part 2 policy satisfies ppc-1 both ways.
  CHECK(c.Find("policy")->at(0).Find("uri")->str() == kPart2PolicyUri);
  CHECK(CodeIn(*c.Find("policyRule"), kActCode) == "42CFRPart2");
  // The exception: deny payer-x for payment, nested under the permit.
  const Json& deny = c.Find("provision")->Find("provision")->at(0);
  CHECK(deny.Find("type")->str() == "deny");
  CHECK(deny.Find("actor")->size() == 1);
  CHECK(deny.Find("purpose")->at(0).Find("code")->str() == "HPAYMT");
}

TEST_CASE("attachment hashes match independently computed digests") {
  MappingResult result = MapConsent(alliance_test::ActiveConsentWithException(),
                                    ConsentTestContext());
  const Json& att = *OnlyResource(result).Find("sourceAttachment");
  CHECK(att.Find("hash")->str() == alliance_test::kDocSha1Base64);
  CHECK(att.Find("size")->str() == "13");
  CHECK(att.Find("data")->str() == alliance_test::kDocBase64);
  const Json& ext = att.Find("extension")->at(0);
  CHECK(ext.Find("url")->str() == kSha256Extension);
  CHECK(ext.Find("valueString")->str() == alliance_test::kDocSha256Hex);

  // The FIPS 180-2 example "abc": SHA-256 ba7816bf...15ad; SHA-1
  // a9993e36...d89d (base64 by `openssl dgst -sha1 -binary | base64`).
  ConsentRecord abc = alliance_test::ActiveConsentWithException();
  abc.document->bytes = std::string("abc");
  abc.document->sha256.clear();
  MappingResult r2 = MapConsent(abc, ConsentTestContext());
  const Json& att2 = *OnlyResource(r2).Find("sourceAttachment");
  CHECK(att2.Find("hash")->str() == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
  CHECK(att2.Find("extension")->at(0).Find("valueString")->str() ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE(
    "a document larger than the inline limit carries only size and hashes") {
  MappingContext ctx = ConsentTestContext();
  ctx.inline_document_max_bytes = 12;  // the document has 13 bytes
  MappingResult result =
      MapConsent(alliance_test::ActiveConsentWithException(), ctx);
  const Json& att = *OnlyResource(result).Find("sourceAttachment");
  CHECK(att.Find("data") == nullptr);
  CHECK(att.Find("size")->str() == "13");
  CHECK(att.Find("hash")->str() == alliance_test::kDocSha1Base64);
  ctx.inline_document_max_bytes = 13;  // the limit is inclusive
  MappingResult inline_result =
      MapConsent(alliance_test::ActiveConsentWithException(), ctx);
  CHECK(OnlyResource(inline_result).Find("sourceAttachment")->Find("data"));
}

TEST_CASE("revoked consent is inactive and records the revocation time") {
  MappingResult result =
      MapConsent(alliance_test::RevokedConsent(), ConsentTestContext());
  INFO(result.issues.ToText());
  CHECK(result.issues.empty());
  const Json& c = OnlyResource(result);
  CheckGolden(c, "consent/golden/revoked.json");
  CHECK(c.Find("status")->str() == "inactive");
  // HIPAA treatment consent: the regulation as policy, no authorization rule.
  CHECK(c.Find("policy")->at(0).Find("uri")->str() == kHipaaPolicyUri);
  CHECK(c.Find("policyRule") == nullptr);
}

TEST_CASE("guardian signer and staff witness") {
  MappingResult result = MapConsent(alliance_test::GuardianConsentWithWitness(),
                                    ConsentTestContext());
  INFO(result.issues.ToText());
  CHECK(result.issues.empty());
  const Json& c = OnlyResource(result);
  CheckGolden(c, "consent/golden/guardian_with_witness.json");
  const Json& performer = c.Find("performer")->at(0);
  CHECK(performer.Find("type")->str() == "RelatedPerson");
  CHECK(performer.Find("reference") == nullptr);  // display only
  CHECK(performer.Find("display")->str() == "B. Guardian");
  CHECK(c.Find("extension")->at(0).Find("url")->str() == kWitnessExtension);
}

TEST_CASE("consent whose document bytes are not loaded: warning, no hashes") {
  MappingResult result = MapConsent(
      alliance_test::ConsentWithoutLoadedDocument(), ConsentTestContext());
  CHECK_FALSE(result.issues.HasErrors());
  CHECK(result.issues.warning_count() == 1);
  CHECK(HasIssue(result.issues, fhir::Severity::kWarning, "document",
                 "not loaded"));
  const Json& c = OnlyResource(result);
  CheckGolden(c, "consent/golden/document_not_loaded.json");
  const Json& att = *c.Find("sourceAttachment");
  CHECK(att.Find("size") == nullptr);
  CHECK(att.Find("hash") == nullptr);
  CHECK(att.Find("data") == nullptr);
}

TEST_CASE("unknown recipient keys are errors at their record paths") {
  ConsentRecord r = alliance_test::ActiveConsentWithException();
  r.recipients = {"hospital", "nowhere"};
  r.exceptions[0].recipients = {"elsewhere"};
  MappingResult result = MapConsent(r, ConsentTestContext());
  CHECK(result.issues.error_count() == 2);
  CHECK(HasIssue(result.issues, fhir::Severity::kError, "recipients[1]",
                 "recipient 'nowhere' is not configured"));
  CHECK(HasIssue(result.issues, fhir::Severity::kError,
                 "exceptions[0].recipients[0]",
                 "recipient 'elsewhere' is not configured"));
  // The known recipient is still there; the unknown ones are left out.
  CHECK(OnlyResource(result).Find("provision")->Find("actor")->size() == 1);
}

TEST_CASE("a given SHA-256 that does not match the bytes is an error") {
  ConsentRecord r = alliance_test::ActiveConsentWithException();
  r.document->sha256 = std::string(64, '0');
  MappingResult result = MapConsent(r, ConsentTestContext());
  CHECK(HasIssue(result.issues, fhir::Severity::kError, "document.sha256", ""));
}

TEST_CASE("policy table: policy and policyRule per policy and scope") {
  struct Case {
    const char* policy;
    const char* scope;
    const char* uri;
    const char* rule_system;  // nullptr: no policyRule
    const char* rule_code;
  };
  const Case cases[] = {
      {"hipaa", "patient-privacy", kHipaaPolicyUri, kConsentPolicyCodes,
       "hipaa-auth"},
      {"hipaa", "research", kHipaaPolicyUri, kConsentPolicyCodes,
       "hipaa-research"},
      {"hipaa", "treatment", kHipaaPolicyUri, nullptr, nullptr},
      {"42cfr2", "treatment", kPart2PolicyUri, kActCode, "42CFRPart2"},
      {"https://clinic.example/p", "patient-privacy",
       "https://clinic.example/p", nullptr, nullptr},
  };
  for (const Case& c : cases) {
    INFO(c.policy << " / " << c.scope);
    ConsentRecord r = alliance_test::ActiveConsentWithException();
    r.policy = c.policy;
    r.scope = c.scope;
    MappingResult result = MapConsent(r, ConsentTestContext());
    const Json& consent = OnlyResource(result);
    CHECK(consent.Find("policy")->at(0).Find("uri")->str() == c.uri);
    const Json* rule = consent.Find("policyRule");
    if (c.rule_system) {
      REQUIRE(rule);
      CHECK(CodeIn(*rule, c.rule_system) == c.rule_code);
    } else {
      CHECK(rule == nullptr);
    }
  }
}

TEST_CASE("the mapping is deterministic") {
  ConsentRecord r = alliance_test::ActiveConsentWithException();
  MappingResult a = MapConsent(r, ConsentTestContext());
  MappingResult b = MapConsent(r, ConsentTestContext());
  CHECK(a.resources[0].resource.Serialize() ==
        b.resources[0].resource.Serialize());
  CHECK(a.resources[0].full_url == b.resources[0].full_url);
}

}  // namespace
}  // namespace mappings
