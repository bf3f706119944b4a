#include "tests/mappings/consent/consent_test_util.h"

#include <catch2/catch.hpp>

namespace alliance_test {

using mappings::ConsentDocument;
using mappings::ConsentProvision;
using mappings::ConsentRecord;

mappings::MappingContext ConsentTestContext() {
  mappings::MappingContext ctx;
  ctx.now = "2026-03-05T12:00:00Z";
  ctx.recipients["hospital"] = {"urn:alliance-fhir:hospital:org", "hospital",
                                "General Hospital", ""};
  ctx.recipients["payer-x"] = {"urn:alliance-fhir:payer:org", "payer-x",
                               "Payer X", ""};
  return ctx;
}

namespace {

ConsentDocument Document() {
  ConsentDocument doc;
  doc.path = "docs/c-77.pdf";
  doc.content_type = "application/pdf";
  doc.title = "Release of information";
  doc.sha256 = kDocSha256Hex;
  doc.bytes = std::string(kDocBytes);
  return doc;
}

}  // namespace

ConsentRecord ActiveConsentWithException() {
  ConsentRecord r;
  r.id = "c-77";
  r.mrn = "MRN-0042";
  r.status = "active";
  r.scope = "patient-privacy";
  r.category = {"release-of-information"};
  r.decision = "permit";
  r.signed_at = "2026-02-20T10:12:00-05:00";
  r.signer = mappings::Signer{"patient", "A. Client"};
  r.period = {"2026-02-20", "2027-02-20"};
  r.recipients = {"hospital", "payer-x"};
  r.purposes = {"TREAT", "HPAYMT"};
  r.data = std::vector<std::string>{"alliance-ratings", "goals", "plans"};
  r.policy = "42cfr2";
  r.document = Document();
  ConsentProvision deny;
  deny.decision = "deny";
  deny.recipients = {"payer-x"};
  deny.purposes = {"HPAYMT"};
  deny.data = {"alliance-ratings"};
  deny.period = {"2026-03-01", ""};
  r.exceptions.push_back(deny);
  return r;
}

ConsentRecord RevokedConsent() {
  ConsentRecord r;
  r.id = "c-78";
  r.mrn = "MRN-0042";
  r.recorded = "2026-02-19T09:00:00-05:00";
  r.status = "inactive";
  r.scope = "treatment";
  r.category = {"treatment"};
  r.decision = "permit";
  r.signed_at = "2026-02-20T10:15:00-05:00";
  r.signer = mappings::Signer{"patient", "A. Client"};
  r.purposes = {"TREAT"};
  r.policy = "hipaa";
  r.document = Document();
  r.document->title = "Consent to treatment";
  r.revoked_at = "2026-04-01T09:30:00-04:00";
  return r;
}

ConsentRecord GuardianConsentWithWitness() {
  ConsentRecord r;
  r.id = "c-79";
  r.mrn = "MRN-0107";
  r.status = "active";
  r.scope = "research";
  r.category = {"research"};
  r.decision = "permit";
  r.signed_at = "2026-03-01T14:00:00+01:00";
  r.signer = mappings::Signer{"guardian", "B. Guardian"};
  r.witness = "T-17";
  r.period = {"2026-03-01", "2028-03-01"};
  r.purposes = {"HRESCH"};
  r.data = std::vector<std::string>{"alliance-ratings"};
  r.policy = "https://clinic.example/policy/research-consent";
  r.document = Document();
  r.document->title = "Research participation (guardian)";
  return r;
}

ConsentRecord ConsentWithoutLoadedDocument() {
  ConsentRecord r = ActiveConsentWithException();
  r.id = "c-80";
  r.exceptions.clear();
  r.policy = "hipaa";
  r.document->bytes.reset();
  return r;
}

namespace {

void ExpectSameProvision(const ConsentProvision& want,
                         const ConsentProvision& got) {
  CHECK(got.decision == want.decision);
  CHECK(got.recipients == want.recipients);
  CHECK(got.purposes == want.purposes);
  CHECK(got.data == want.data);
  CHECK(got.period.start == want.period.start);
  CHECK(got.period.end == want.period.end);
}

}  // namespace

void ExpectSameConsent(const ConsentRecord& want, const ConsentRecord& got) {
  INFO("consent " << want.id);
  CHECK(got.id == want.id);
  CHECK(got.mrn == want.mrn);
  if (want.signed_at.empty()) CHECK(got.recorded == want.recorded);
  CHECK(got.status == want.status);
  CHECK(got.scope == want.scope);
  CHECK(got.category == want.category);
  CHECK(got.decision == want.decision);
  CHECK(got.signed_at == want.signed_at);
  REQUIRE(got.signer.has_value() == want.signer.has_value());
  if (want.signer) {
    CHECK(got.signer->role == want.signer->role);
    CHECK(got.signer->name == want.signer->name);
  }
  CHECK(got.witness == want.witness);
  CHECK(got.period.start == want.period.start);
  CHECK(got.period.end == want.period.end);
  CHECK(got.recipients == want.recipients);
  CHECK(got.purposes == want.purposes);
  CHECK(got.data == want.data);
  CHECK(got.policy == want.policy);
  REQUIRE(got.document.has_value() == want.document.has_value());
  if (want.document) {
    CHECK(got.document->content_type == want.document->content_type);
    CHECK(got.document->title == want.document->title);
    CHECK(got.document->sha256 == want.document->sha256);
    CHECK(got.document->bytes == want.document->bytes);
  }
  REQUIRE(got.exceptions.size() == want.exceptions.size());
  for (std::size_t i = 0; i < want.exceptions.size(); ++i) {
    ExpectSameProvision(want.exceptions[i], got.exceptions[i]);
  }
  CHECK(got.revoked_at == want.revoked_at);
}

}  // namespace alliance_test
