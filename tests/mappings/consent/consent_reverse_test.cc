// ConsentFromFhir: record -> Consent -> record round trips, and what the
// reverse mapping reports about Consents it cannot fully read.
#include "mappings/consent/consent_reverse.h"

#include <catch2/catch.hpp>

#include "mappings/consent/consent_mapping.h"
#include "tests/mappings/consent/consent_test_util.h"

namespace mappings {
namespace {

using alliance_test::ConsentTestContext;
using alliance_test::ExpectSameConsent;
using fhir::Json;

// Maps `record` and reads the Consent back, with no issues either way.
ConsentRecord RoundTrip(const ConsentRecord& record,
                        const MappingContext& ctx) {
  MappingResult mapped = MapConsent(record, ctx);
  REQUIRE_FALSE(mapped.issues.HasErrors());
  fhir::Issues issues;
  std::optional<ConsentRecord> back =
      ConsentFromFhir(mapped.resources.at(0).resource, ctx, &issues);
  INFO(issues.ToText());
  CHECK(issues.empty());
  REQUIRE(back.has_value());
  return *back;
}

TEST_CASE("round trip: every golden consent") {
  MappingContext ctx = ConsentTestContext();
  const ConsentRecord records[] = {
      alliance_test::ActiveConsentWithException(),
      alliance_test::RevokedConsent(),
      alliance_test::GuardianConsentWithWitness(),
      alliance_test::ConsentWithoutLoadedDocument(),
  };
  for (const ConsentRecord& r : records) {
    ExpectSameConsent(r, RoundTrip(r, ctx));
  }
}

TEST_CASE("round trip: representative signer, no signedAt keeps recorded") {
  ConsentRecord r = alliance_test::GuardianConsentWithWitness();
  r.signer = Signer{"representative", "C. Representative"};
  r.status = "proposed";
  r.signed_at.clear();
  r.recorded = "2026-02-28T08:00:00Z";
  r.data.reset();  // all data classes
  r.document.reset();
  ExpectSameConsent(r, RoundTrip(r, ConsentTestContext()));
}

TEST_CASE("round trip with literal references from the directory") {
  MappingContext ctx = ConsentTestContext();
  ReferenceDirectory directory;
  directory.patients["MRN-0107"] = "Patient/p1";
  directory.staff["T-17"] = "Practitioner/pr9";
  ctx.directory = &directory;
  ctx.recipients["hospital"].reference = "Organization/o1";
  ConsentRecord r = alliance_test::GuardianConsentWithWitness();
  r.recipients = {"hospital"};
  ExpectSameConsent(r, RoundTrip(r, ctx));
}

TEST_CASE("documents above the inline limit come back without bytes") {
  MappingContext ctx = ConsentTestContext();
  ctx.inline_document_max_bytes = 4;
  ConsentRecord r = alliance_test::ActiveConsentWithException();
  ConsentRecord back = RoundTrip(r, ctx);
  REQUIRE(back.document);
  CHECK_FALSE(back.document->bytes.has_value());
  CHECK(back.document->sha256 == alliance_test::kDocSha256Hex);
}

Json MappedActive() {
  return MapConsent(alliance_test::ActiveConsentWithException(),
                    ConsentTestContext())
      .resources.at(0)
      .resource;
}

TEST_CASE("reverse: tampered attachment data fails its hashes") {
  Json c = MappedActive();
  c.Find("sourceAttachment")->Set("data", "aGVsbG8gY29uc2VudCE=");  // "...!"
  fhir::Issues issues;
  std::optional<ConsentRecord> back =
      ConsentFromFhir(c, ConsentTestContext(), &issues);
  REQUIRE(back);
  INFO(issues.ToText());
  CHECK(issues.error_count() == 3);  // SHA-1 hash, size, SHA-256 extension
}

TEST_CASE("reverse: an actor that is no configured recipient is an error") {
  fhir::Issues issues;
  MappingContext ctx = ConsentTestContext();
  ctx.recipients.erase("payer-x");
  std::optional<ConsentRecord> back =
      ConsentFromFhir(MappedActive(), ctx, &issues);
  REQUIRE(back);
  CHECK(back->recipients == std::vector<std::string>{"hospital"});
  CHECK(back->exceptions.at(0).recipients.empty());
  REQUIRE(issues.error_count() == 2);
  CHECK(issues.list()[0].path == "Consent.provision.actor[1].reference");
  CHECK(issues.list()[1].path ==
        "Consent.provision.provision[0].actor[0].reference");
}

TEST_CASE("reverse: not ours, or no patient -> nullopt with the reason") {
  MappingContext ctx = ConsentTestContext();
  Json no_id = MappedActive();
  no_id.Remove("identifier");
  fhir::Issues issues;
  CHECK_FALSE(ConsentFromFhir(no_id, ctx, &issues));
  CHECK(issues.list().at(0).path == "Consent.identifier");

  Json no_patient = MappedActive();
  no_patient.Remove("patient");
  issues.Clear();
  CHECK_FALSE(ConsentFromFhir(no_patient, ctx, &issues));
  CHECK(issues.list().at(0).path == "Consent.patient");

  Json goal = Json::Object();
  goal.Set("resourceType", "Goal");
  issues.Clear();
  CHECK_FALSE(ConsentFromFhir(goal, ctx, &issues));
}

TEST_CASE("reverse: foreign codings are warned about and left out") {
  Json c = MappedActive();
  Json& purposes = *c.Find("provision")->Find("purpose");
  Json foreign = Json::Object();
  foreign.Set("system", "http://example.org/purposes");
  foreign.Set("code", "X");
  purposes.Append(foreign);
  fhir::Issues issues;
  std::optional<ConsentRecord> back =
      ConsentFromFhir(c, ConsentTestContext(), &issues);
  REQUIRE(back);
  CHECK(back->purposes == std::vector<std::string>{"TREAT", "HPAYMT"});
  CHECK_FALSE(issues.HasErrors());
  REQUIRE(issues.warning_count() == 1);
  CHECK(issues.list()[0].path == "Consent.provision.purpose[2]");
}

}  // namespace
}  // namespace mappings
