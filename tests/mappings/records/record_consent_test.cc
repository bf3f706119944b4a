// ParseRecord on consents (provisions, documents, revocation) and
// VerifyDocument.
#include <catch2/catch.hpp>

#include "fhir/crypto.h"
#include "mappings/records/record_parser.h"
#include "tests/mappings/records/records_test_util.h"

namespace {

using mappings::ConsentRecord;
using records_test::Edit;
using records_test::ErrorAt;
using records_test::Parse;
using records_test::ValidRecord;

TEST_CASE("a consent fills provisions, signer and document") {
  records_test::Parsed p = Parse(ValidRecord("consent"));
  REQUIRE(p.record.has_value());
  const auto& c = std::get<ConsentRecord>(*p.record);
  CHECK(c.status == "active");
  CHECK(c.category == std::vector<std::string>{"release-of-information"});
  REQUIRE(c.signer.has_value());
  CHECK(c.signer->role == "patient");
  CHECK(c.signer->name == "A. Client");
  CHECK(c.period.start == "2026-02-20");
  CHECK(c.period.end == "2027-02-20");
  CHECK(c.purposes == std::vector<std::string>{"TREAT", "ETREAT"});
  REQUIRE(c.data.has_value());
  CHECK(c.data->size() == 2);
  REQUIRE(c.document.has_value());
  CHECK(c.document->path == "docs/c-77.pdf");
  CHECK_FALSE(c.document->inline_data);
  CHECK_FALSE(c.document->bytes.has_value());  // intake loads the file
  REQUIRE(c.exceptions.size() == 2);
  CHECK(c.exceptions[0].decision == "deny");
  CHECK(c.exceptions[0].purposes == std::vector<std::string>{"HPAYMT"});
  CHECK(c.exceptions[1].recipients == std::vector<std::string>{"hospital"});
  CHECK(c.exceptions[1].period.end == "2026-12-31");
}

TEST_CASE("an inline document is decoded and its sha256 checked") {
  const std::string bytes = "Signed by A. Client, 2026-02-20";
  const std::string hex = fhir::HexEncode(fhir::Sha256(bytes));
  fhir::Json rec = Edit(ValidRecord("consent"), "document.path", nullptr);
  rec = Edit(rec, "document.data",
             ("\"" + fhir::Base64Encode(bytes) + "\"").c_str());
  SECTION("matching hash") {
    records_test::Parsed p =
        Parse(Edit(rec, "document.sha256", ("\"" + hex + "\"").c_str()));
    REQUIRE(p.record.has_value());
    const auto& doc = *std::get<ConsentRecord>(*p.record).document;
    CHECK(doc.inline_data);
    CHECK(doc.bytes == bytes);
    CHECK(doc.path.empty());
  }
  SECTION("mismatch names expected and computed") {
    std::string wrong(64, 'a');
    records_test::Parsed p =
        Parse(Edit(rec, "document.sha256", ("\"" + wrong + "\"").c_str()));
    CHECK_FALSE(p.record.has_value());
    const fhir::Issue* issue = ErrorAt(p.issues, "document.sha256");
    REQUIRE(issue != nullptr);
    CHECK(issue->message == "does not match the document: expected " + wrong +
                                ", computed " + hex);
  }
  SECTION("base64 with non-zero padding bits is rejected") {
    records_test::Parsed p = Parse(Edit(rec, "document.data", R"("QR==")"));
    REQUIRE(ErrorAt(p.issues, "document.data") != nullptr);
    CHECK_THAT(ErrorAt(p.issues, "document.data")->message,
               Catch::Contains("is not valid base64"));
  }
}

TEST_CASE("VerifyDocument compares hex digests case-insensitively") {
  mappings::ConsentDocument doc;
  doc.path = "docs/c-77.pdf";
  doc.bytes = std::string("%PDF-1.4 test");
  const std::string hex = fhir::HexEncode(fhir::Sha256(*doc.bytes));
  fhir::Issues issues;
  SECTION("nothing to check") {
    doc.bytes.reset();
    doc.sha256 = std::string(64, '0');
    mappings::VerifyDocument(doc, "document", &issues);
    doc.bytes = std::string("x");
    doc.sha256.clear();
    mappings::VerifyDocument(doc, "document", &issues);
    CHECK(issues.empty());
  }
  SECTION("upper-case match") {
    doc.sha256 = hex;
    for (char& c : doc.sha256) c = static_cast<char>(std::toupper(c));
    mappings::VerifyDocument(doc, "document", &issues);
    CHECK(issues.empty());
  }
  SECTION("mismatch at <path>.sha256") {
    doc.sha256 = std::string(64, 'F');
    mappings::VerifyDocument(doc, "exceptions[0].document", &issues);
    REQUIRE(issues.error_count() == 1);
    CHECK(issues.list()[0].path == "exceptions[0].document.sha256");
    CHECK(issues.list()[0].message == "does not match the document: expected " +
                                          std::string(64, 'f') + ", computed " +
                                          hex);
  }
}

TEST_CASE("an unknown purpose code is a warning, not an error") {
  records_test::Parsed p =
      Parse(Edit(ValidRecord("consent"), "purposes", R"(["TREAT","HXYZ"])"));
  REQUIRE(p.record.has_value());
  REQUIRE(p.issues.warning_count() == 1);
  CHECK(p.issues.list()[0].path == "purposes[1]");
  CHECK_THAT(p.issues.list()[0].message, Catch::Contains("\"HXYZ\""));
}

TEST_CASE("a revoked consent must be inactive and revoked after signing") {
  fhir::Json rec = Edit(ValidRecord("consent"), "status", R"("inactive")");
  records_test::Parsed ok =
      Parse(Edit(rec, "revokedAt", R"("2026-03-01T09:00:00-05:00")"));
  INFO(ok.issues.ToText());
  CHECK(ok.record.has_value());
  records_test::Parsed early =
      Parse(Edit(rec, "revokedAt", R"("2026-02-19T09:00:00-05:00")"));
  REQUIRE(ErrorAt(early.issues, "revokedAt") != nullptr);
  CHECK_THAT(ErrorAt(early.issues, "revokedAt")->message,
             Catch::Contains("is before signedAt"));
}

TEST_CASE("a draft consent needs no signature, document or recipients") {
  fhir::Json rec = Edit(ValidRecord("consent"), "status", R"("draft")");
  rec = Edit(rec, "scope", R"("treatment")");
  for (const char* key : {"signedAt", "signer", "document", "recipients"}) {
    rec = Edit(rec, key, nullptr);
  }
  records_test::Parsed p = Parse(rec);
  INFO(p.issues.ToText());
  CHECK(p.record.has_value());
}

}  // namespace
