// RecordToJson and RecordKey.
#include "mappings/records/record_writer.h"

#include <catch2/catch.hpp>

#include "fhir/crypto.h"
#include "mappings/records/record_parser.h"
#include "tests/mappings/records/records_test_util.h"

namespace {

using mappings::RecordToJson;
using records_test::Parse;
using records_test::ValidRecord;

// Parses `object`, writes it back and checks that nothing changed.
void CheckRoundTrip(const fhir::Json& object) {
  records_test::Parsed p = Parse(object);
  INFO(object.Serialize() << "\n" << p.issues.ToText());
  REQUIRE(p.record.has_value());
  fhir::Json written = RecordToJson(*p.record);
  CHECK(written.SerializeCanonical() == object.SerializeCanonical());
  // And writing what was written is a fixed point.
  records_test::Parsed again = Parse(written);
  REQUIRE(again.record.has_value());
  CHECK(RecordToJson(*again.record) == written);
}

TEST_CASE("the base records of each kind round-trip") {
  for (const char* kind : {"rating", "consent", "goal", "plan"}) {
    CheckRoundTrip(ValidRecord(kind));
  }
}

TEST_CASE("members are written in the order of records.md") {
  struct Case {
    const char* kind;
    const char* expected_start;
  };
  const Case cases[] = {
      {"rating",
       R"({"kind":"rating","id":"r-1001","patient":{"mrn":"MRN-0042"},"recorded":"2026-03-02T16:00:00-05:00","instrument":"srs","instrumentVersion":"3.0","respondent":"client","therapist":"T-17","session":{"date":"2026-03-02T15:00:00-05:00","number":4,"encounter":"V-88231"},"answers":{"1":9,"2":8.5,"3":null,"4":7},"status":"completed"})"},
      {"plan",
       R"({"kind":"plan","id":"tp-3","patient":{"mrn":"MRN-0042"},"status":"active","title":"Anxiety and relationship plan","author":"T-17","period":{"start":"2026-03-02","end":"2026-09-01"},"goals":["g-5","g-6"],"description":"Weekly sessions"})"},
  };
  for (const Case& c : cases) {
    // Shuffle the input order: the writer's order must not depend on it.
    fhir::Json in = ValidRecord(c.kind);
    fhir::Json reversed = fhir::Json::Object();
    for (std::size_t i = in.size(); i-- > 0;) reversed.Set(in.key(i), in.at(i));
    records_test::Parsed p = Parse(reversed);
    REQUIRE(p.record.has_value());
    CHECK(RecordToJson(*p.record).Serialize() == c.expected_start);
  }
}

TEST_CASE("the consent writer follows records.md order") {
  records_test::Parsed p = Parse(ValidRecord("consent"));
  REQUIRE(p.record.has_value());
  fhir::Json j = RecordToJson(*p.record);
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < j.size(); ++i) keys.push_back(j.key(i));
  CHECK(keys ==
        std::vector<std::string>{"kind", "id", "patient", "status", "scope",
                                 "category", "decision", "signedAt", "signer",
                                 "witness", "period", "recipients", "purposes",
                                 "data", "policy", "document", "exceptions"});
}

TEST_CASE("a rating status is written when given or not the default") {
  mappings::RatingRecord r;
  r.id = "r-1";
  r.mrn = "MRN-1";
  r.instrument = "srs";
  r.respondent = "client";
  r.therapist = "T-1";
  r.session.date = "2026-03-02T15:00:00-05:00";
  r.answers.push_back({"1", std::string("7.50"), 7.5});
  r.answers.push_back({"2", std::nullopt, 0});
  CHECK(RecordToJson(r).Find("status") == nullptr);
  r.status_written = true;
  CHECK(RecordToJson(r).Find("status")->str() == "completed");
  r.status_written = false;
  r.status = "amended";
  CHECK(RecordToJson(r).Find("status")->str() == "amended");
  const fhir::Json written = RecordToJson(r);
  const fhir::Json* answers = written.Find("answers");
  REQUIRE(answers != nullptr);
  CHECK(answers->Serialize() == R"({"1":7.50,"2":null})");
}

TEST_CASE("a document is written with path, or with data when inline") {
  mappings::ConsentRecord c;
  c.id = "c-1";
  c.mrn = "MRN-1";
  c.status = "active";
  c.scope = "treatment";
  c.category = {"treatment"};
  c.decision = "permit";
  c.policy = "hipaa";
  mappings::ConsentDocument doc;
  doc.path = "docs/c-1.pdf";
  doc.content_type = "application/pdf";
  doc.bytes = std::string("%PDF-1.4");  // loaded by intake: still a path
  c.document = doc;
  CHECK(RecordToJson(c).Find("document")->Serialize() ==
        R"({"path":"docs/c-1.pdf","contentType":"application/pdf"})");
  c.document->inline_data = true;
  c.document->path.clear();
  CHECK(RecordToJson(c).Find("document")->Serialize() ==
        R"({"data":")" + fhir::Base64Encode("%PDF-1.4") +
            R"(","contentType":"application/pdf"})");
  // data absent = all data classes; an explicit list is written.
  CHECK(RecordToJson(c).Find("data") == nullptr);
  c.data = std::vector<std::string>{"goals"};
  CHECK(RecordToJson(c).Find("data")->Serialize() == R"(["goals"])");
}

TEST_CASE("a record built in code survives writing and parsing") {
  mappings::GoalRecord g;
  g.id = "g-1";
  g.mrn = "MRN-9";
  g.description = "Sleep before 23:00 ✨";
  g.lifecycle = "active";
  mappings::GoalTarget t;
  t.measure_score = "srs:total";
  t.detail_kind = mappings::GoalTarget::DetailKind::kNumber;
  t.detail_number = "36.0";
  t.unit = "{score}";
  t.due = "2026-06";
  g.targets.push_back(t);
  fhir::Json j = RecordToJson(g);
  records_test::Parsed p = Parse(j);
  INFO(j.Serialize() << "\n" << p.issues.ToText());
  REQUIRE(p.record.has_value());
  const auto& back = std::get<mappings::GoalRecord>(*p.record);
  CHECK(back.description == g.description);
  REQUIRE(back.targets.size() == 1);
  CHECK(back.targets[0].detail_number == "36.0");
  CHECK(back.targets[0].unit == "{score}");
  CHECK(back.targets[0].due == "2026-06");
}

TEST_CASE("RecordKey is kind/id") {
  mappings::PlanRecord plan;
  plan.id = "tp-3";
  CHECK(mappings::RecordKey(plan) == "plan/tp-3");
  mappings::RatingRecord rating;
  rating.id = "r-1001";
  CHECK(mappings::RecordKey(rating) == "rating/r-1001");
}

}  // namespace
