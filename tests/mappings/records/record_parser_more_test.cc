// ParseRecord: what it produces from valid records, warnings, several errors
// at once.
#include <catch2/catch.hpp>

#include "mappings/records/record_parser.h"
#include "tests/mappings/records/records_test_util.h"

namespace {

using mappings::ConsentRecord;
using mappings::GoalRecord;
using mappings::GoalTarget;
using mappings::PlanRecord;
using mappings::RatingRecord;
using records_test::Edit;
using records_test::ErrorAt;
using records_test::Parse;
using records_test::ParseText;
using records_test::ValidRecord;

TEST_CASE("every example line of records.md parses") {
  std::vector<std::string> examples = records_test::ContractExamples();
  REQUIRE(examples.size() == 4);
  const char* kinds[] = {"rating", "consent", "goal", "plan"};
  for (std::size_t i = 0; i < examples.size(); ++i) {
    records_test::Parsed p = ParseText(examples[i]);
    INFO(examples[i] << "\n" << p.issues.ToText());
    REQUIRE(p.record.has_value());
    CHECK(mappings::RecordKind(*p.record) == std::string(kinds[i]));
    CHECK(p.issues.error_count() == 0);
  }
}

TEST_CASE("a rating fills every field, numbers keep their text") {
  records_test::Parsed p =
      Parse(Edit(ValidRecord("rating"), "answers.2", "7.50"));
  REQUIRE(p.record.has_value());
  const auto& r = std::get<RatingRecord>(*p.record);
  CHECK(r.id == "r-1001");
  CHECK(r.mrn == "MRN-0042");
  CHECK(r.recorded == "2026-03-02T16:00:00-05:00");
  CHECK(r.instrument == "srs");
  CHECK(r.instrument_version == "3.0");
  CHECK(r.respondent == "client");
  CHECK(r.therapist == "T-17");
  CHECK(r.session.date == "2026-03-02T15:00:00-05:00");
  CHECK(r.session.number == 4);
  CHECK(r.session.encounter == "V-88231");
  CHECK(r.status == "completed");
  CHECK(r.status_written);
  REQUIRE(r.answers.size() == 4);
  CHECK(r.answers[0].link_id == "1");
  CHECK(r.answers[1].value_text == std::string("7.50"));
  CHECK(r.answers[1].value == Approx(7.5));
  CHECK(r.answers[2].link_id == "3");
  CHECK_FALSE(r.answers[2].value_text.has_value());  // skipped (null)
}

TEST_CASE("a rating without status is completed, not written") {
  records_test::Parsed p =
      Parse(Edit(ValidRecord("rating"), "status", nullptr));
  REQUIRE(p.record.has_value());
  const auto& r = std::get<RatingRecord>(*p.record);
  CHECK(r.status == "completed");
  CHECK_FALSE(r.status_written);
}

TEST_CASE("null optional fields count as absent") {
  fhir::Json rec = ValidRecord("consent");
  for (const char* key : {"witness", "period", "purposes", "data", "exceptions",
                          "recorded", "revokedAt"}) {
    rec = Edit(rec, key, "null");
  }
  records_test::Parsed p = Parse(rec);
  INFO(p.issues.ToText());
  REQUIRE(p.record.has_value());
  const auto& c = std::get<ConsentRecord>(*p.record);
  CHECK(c.witness.empty());
  CHECK(c.period.empty());
  CHECK(c.purposes.empty());
  CHECK_FALSE(c.data.has_value());  // absent = all data classes
  CHECK(c.exceptions.empty());
}

TEST_CASE("a required field given as null is reported as missing") {
  records_test::Parsed p = Parse(Edit(ValidRecord("plan"), "title", "null"));
  REQUIRE(ErrorAt(p.issues, "title") != nullptr);
  CHECK(ErrorAt(p.issues, "title")->message == "is required");
}

TEST_CASE("a goal reads targets of every detail kind") {
  fhir::Json rec = ValidRecord("goal");
  rec = Edit(rec, "targets[0].detail", R"({"low":3.50,"high":5})");
  records_test::Parsed p = Parse(rec);
  REQUIRE(p.record.has_value());
  const auto& g = std::get<GoalRecord>(*p.record);
  REQUIRE(g.targets.size() == 2);
  CHECK(g.targets[0].measure_score == "srs:total");
  CHECK(g.targets[0].detail_kind == GoalTarget::DetailKind::kRange);
  CHECK(g.targets[0].range_low == "3.50");
  CHECK(g.targets[0].range_high == "5");
  CHECK(g.targets[0].unit == "{score}");
  CHECK(g.targets[0].due == "2026-06-01");
  REQUIRE(g.targets[1].measure_coding.has_value());
  CHECK(g.targets[1].measure_coding->code == "attendance");
  CHECK(g.targets[1].detail_kind == GoalTarget::DetailKind::kBool);
  CHECK(g.targets[1].detail_bool);
  CHECK(g.notes.size() == 1);
  CHECK(g.status_reason == "Agreed in session 4");
}

TEST_CASE("a goal that is not SMART is accepted with warnings") {
  struct Case {
    const char* targets;
    int warnings;
    const char* needle;
  };
  const Case cases[] = {
      {nullptr, 2, "no measurable target"},
      {R"([{"due":"2026-06-01"}])", 1, "no measurable target"},
      {R"([{"measure":"srs:total","detail":36}])", 1, "no due date"},
      {R"([{"measure":"srs:total","detail":36,"due":"2026-06-01"}])", 0, ""},
  };
  for (const Case& c : cases) {
    records_test::Parsed p =
        Parse(Edit(ValidRecord("goal"), "targets", c.targets));
    INFO((c.targets ? c.targets : "(no targets)") << "\n" << p.issues.ToText());
    REQUIRE(p.record.has_value());
    CHECK(p.issues.warning_count() == static_cast<std::size_t>(c.warnings));
    for (const fhir::Issue& i : p.issues.list()) {
      CHECK(i.code == "business-rule");
      CHECK(i.path == "targets");
      CHECK_THAT(i.message, Catch::StartsWith("goal is not SMART: "));
    }
    if (c.warnings > 0) {
      CHECK_THAT(p.issues.list()[0].message, Catch::Contains(c.needle));
    }
  }
}

TEST_CASE("all errors of a record are reported, not only the first") {
  fhir::Json rec = ValidRecord("rating");
  rec = Edit(rec, "id", R"("r 1")");
  rec = Edit(rec, "session.date", R"("2026-03-02")");
  rec = Edit(rec, "answers.4", R"("7")");
  rec = Edit(rec, "respondent", R"("patient")");
  rec = Edit(rec, "mood", R"("good")");
  records_test::Parsed p = Parse(rec);
  CHECK_FALSE(p.record.has_value());
  CHECK(p.issues.error_count() == 5);
  for (const char* path :
       {"id", "session.date", "answers.4", "respondent", "mood"}) {
    CHECK(ErrorAt(p.issues, path) != nullptr);
  }
}

TEST_CASE("without a valid kind the common fields are still checked") {
  records_test::Parsed p =
      ParseText(R"({"kind":"session","id":"s 1","patient":{},"extra":1})");
  CHECK_FALSE(p.record.has_value());
  CHECK(ErrorAt(p.issues, "kind") != nullptr);
  CHECK(ErrorAt(p.issues, "id") != nullptr);
  CHECK(ErrorAt(p.issues, "patient.mrn") != nullptr);
  CHECK(ErrorAt(p.issues, "extra") == nullptr);  // unknown only per kind
}

TEST_CASE("a line that is not a JSON object is one error") {
  for (const char* text : {"[1,2]", "\"rating\"", "42", "null"}) {
    records_test::Parsed p = ParseText(text);
    INFO(text);
    CHECK_FALSE(p.record.has_value());
    REQUIRE(p.issues.error_count() == 1);
    CHECK(p.issues.list()[0].message == "must be a JSON object");
  }
}

TEST_CASE("issues already in the sink do not make a record invalid") {
  fhir::Issues issues;
  issues.Error("value", "elsewhere", "an earlier line's problem");
  CHECK(mappings::ParseRecord(ValidRecord("plan"), &issues).has_value());
  CHECK(issues.error_count() == 1);
}

TEST_CASE("dates compare at the coarser precision for start <= end") {
  struct Case {
    const char* kind;
    const char* start;
    const char* end;
    bool ok;
  };
  const Case cases[] = {
      {"consent", "2026-03-15", "2026-03", true},  // same month
      {"consent", "2026-03-15", "2026", true},
      {"consent", "2026-03-15", "2026-02", false},
      {"consent", "2026-03-15", "2026-03-15", true},
      {"plan", "2026-03-02", "2026-03-02T01:00:00+05:00", true},  // same day
      {"plan", "2026-03-02T09:00:00-05:00", "2026-03-02T14:30:00Z", true},
      {"plan", "2026-03-02T09:00:00-05:00", "2026-03-02T13:59:59Z", false},
  };
  for (const Case& c : cases) {
    fhir::Json rec = Edit(ValidRecord(c.kind), "period.start",
                          ("\"" + std::string(c.start) + "\"").c_str());
    rec = Edit(rec, "period.end", ("\"" + std::string(c.end) + "\"").c_str());
    records_test::Parsed p = Parse(rec);
    INFO(c.start << " .. " << c.end << "\n" << p.issues.ToText());
    CHECK(p.record.has_value() == c.ok);
  }
}

TEST_CASE("unicode text is kept byte for byte") {
  const std::string text = "Dormir mejor — sin pantallas 📵, «ça va» Ærø";
  records_test::Parsed p = Parse(Edit(ValidRecord("goal"), "description",
                                      fhir::Json(text).Serialize().c_str()));
  REQUIRE(p.record.has_value());
  CHECK(std::get<GoalRecord>(*p.record).description == text);
}

TEST_CASE("plan goals and period are read") {
  records_test::Parsed p = Parse(ValidRecord("plan"));
  REQUIRE(p.record.has_value());
  const auto& plan = std::get<PlanRecord>(*p.record);
  CHECK(plan.goals == std::vector<std::string>{"g-5", "g-6"});
  CHECK(plan.period.start == "2026-03-02");
  CHECK(plan.author == "T-17");
}

}  // namespace
