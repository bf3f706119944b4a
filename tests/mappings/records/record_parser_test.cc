// ParseRecord: one failing case per rule of records.md, each asserting the
// exact field path and a meaningful message.
#include "mappings/records/record_parser.h"

#include <catch2/catch.hpp>

#include "tests/mappings/records/records_test_util.h"

namespace {

using records_test::Edit;
using records_test::ErrorAt;
using records_test::Parse;
using records_test::ValidRecord;

struct RuleCase {
  const char* kind;     // which valid record to start from
  const char* edit;     // member path to change
  const char* value;    // new JSON value, nullptr = remove the member
  const char* path;     // expected error path
  const char* message;  // expected to appear in the message
};

// clang-format off
const RuleCase kRuleCases[] = {
  // Fields every record has.
  {"rating", "kind", R"("note")", "kind", R"("note" is not one of rating, consent, goal, plan)"},
  {"rating", "kind", nullptr, "kind", "is required"},
  {"rating", "id", R"("r 1001")", "id", "is not a valid id (1-64 letters, digits"},
  {"rating", "id", R"("r-1001/2")", "id", "is not a valid id"},
  {"rating", "id", R"("r-012345678901234567890123456789012345678901234567890123456789012")", "id", "is not a valid id"},
  {"rating", "id", "1001", "id", "must be a string"},
  {"plan", "id", R"("")", "id", "must not be empty"},
  {"goal", "patient", nullptr, "patient", "is required"},
  {"goal", "patient", R"("MRN-0042")", "patient", "must be an object"},
  {"goal", "patient.mrn", nullptr, "patient.mrn", "is required"},
  {"goal", "patient.mrn", R"(" MRN-0042")", "patient.mrn", "leading or trailing spaces"},
  {"goal", "patient.name", R"("A. Client")", "patient.name", "unknown field"},
  {"plan", "recorded", R"("2026-03-02 15:00")", "recorded", "is not a valid dateTime"},
  {"plan", "recorded", R"("2026-03-02T15:00:00")", "recorded", "has a time but no UTC offset"},
  {"plan", "comment", R"("x")", "comment", "unknown field"},
  // rating
  {"rating", "instrument", nullptr, "instrument", "is required"},
  {"rating", "instrument", R"("WAI SR")", "instrument", "is not a valid id"},
  {"rating", "respondent", R"("patient")", "respondent", R"("patient" is not one of client, therapist, observer)"},
  {"rating", "therapist", nullptr, "therapist", "is required"},
  {"rating", "therapist", "17", "therapist", "must be a string"},
  {"rating", "session", nullptr, "session", "is required"},
  {"rating", "session.date", nullptr, "session.date", "is required"},
  {"rating", "session.date", R"("2026-03-02")", "session.date", "has no time; a session date needs a time and UTC offset"},
  {"rating", "session.date", R"("2026-03-02T15:00:00")", "session.date", "has a time but no UTC offset"},
  {"rating", "session.date", R"("2026-02-30T15:00:00-05:00")", "session.date", R"("2026-02-30T15:00:00-05:00" is not a valid dateTime)"},
  {"rating", "session.number", "0", "session.number", "0 is not a session number (1 or more)"},
  {"rating", "session.number", "-3", "session.number", "-3 is not a session number"},
  {"rating", "session.number", "2147483648", "session.number", "2147483648 is not a session number"},
  {"rating", "session.number", "4.5", "session.number", "must be an integer"},
  {"rating", "session.number", R"("4")", "session.number", "must be an integer"},
  {"rating", "session.room", R"("B2")", "session.room", "unknown field"},
  {"rating", "answers", nullptr, "answers", "is required"},
  {"rating", "answers", "[9,8,7]", "answers", "must be an object"},
  {"rating", "answers", "{}", "answers", "has no answers"},
  {"rating", "answers", R"({"1":9,"":3})", "answers", "an item linkId must not be empty"},
  {"rating", "answers.4", R"("7")", "answers.4", "must be a number, or null when the item was skipped"},
  {"rating", "answers.4", "true", "answers.4", "must be a number"},
  {"rating", "answers.4", "7e0", "answers.4", "7e0 must be written as a plain decimal number"},
  {"rating", "status", R"("final")", "status", R"("final" is not one of completed, amended, entered-in-error)"},
  {"rating", "score", "33", "score", "unknown field"},
  // consent
  {"consent", "status", R"("signed")", "status", "is not one of draft, proposed, active, rejected, inactive, entered-in-error"},
  {"consent", "scope", R"("privacy")", "scope", "is not one of treatment, patient-privacy, research"},
  {"consent", "category", nullptr, "category", "is required"},
  {"consent", "category", "[]", "category", "must not be an empty list"},
  {"consent", "category", R"(["treatment","roi"])", "category[1]", R"("roi" is not one of treatment, release-of-information, research)"},
  {"consent", "category", R"(["treatment","treatment"])", "category[1]", "is listed twice"},
  {"consent", "decision", R"("allow")", "decision", "is not one of permit, deny"},
  {"consent", "signedAt", nullptr, "signedAt", "is required when status is active"},
  {"consent", "signedAt", R"("20.02.2026")", "signedAt", "is not a valid dateTime"},
  {"consent", "signer", nullptr, "signer", "is required when status is active"},
  {"consent", "signer.role", R"("friend")", "signer.role", "is not one of patient, guardian, representative"},
  {"consent", "signer.name", nullptr, "signer.name", "is required"},
  {"consent", "signer.name", R"("  ")", "signer.name", "must not be blank"},
  {"consent", "witness", "5", "witness", "must be a string"},
  {"consent", "period.end", R"("2026-01-31")", "period.end", R"("2026-01-31" is before the start "2026-02-20")"},
  {"consent", "period.start", R"("2026-02-30")", "period.start", R"("2026-02-30" is not a valid date (YYYY-MM-DD))"},
  {"consent", "period.start", R"("2026-02-20T10:00:00Z")", "period.start", "leave out the time"},
  {"consent", "period", "{}", "period", "needs a start or an end"},
  {"consent", "period.until", R"("2027")", "period.until", "unknown field"},
  {"consent", "recipients", nullptr, "recipients", "is required when scope is patient-privacy"},
  {"consent", "recipients", "[]", "recipients", "must not be an empty list"},
  {"consent", "recipients", R"(["hospital",""])", "recipients[1]", "must be a non-empty string"},
  {"consent", "purposes", R"(["treat"])", "purposes[0]", R"("treat" is not an HL7 v3 ActReason code)"},
  {"consent", "purposes", R"(["TREAT","TREAT"])", "purposes[1]", "is listed twice"},
  {"consent", "data", R"(["alliance-ratings","session-notes"])", "data[1]", "is not one of alliance-ratings, goals, plans, consents"},
  {"consent", "data", "[]", "data", "must not be an empty list"},
  {"consent", "policy", nullptr, "policy", "is required"},
  {"consent", "policy", R"("gdpr")", "policy", R"("gdpr" is not hipaa, 42cfr2 or an absolute policy URI)"},
  {"consent", "document", nullptr, "document", "is required when status is active"},
  {"consent", "document.path", nullptr, "document.path", "is required (or data with the document in base64)"},
  {"consent", "document.data", R"("JVBERi0xLjQK")", "document", "give either path or data (base64), not both"},
  {"consent", "document.path", R"("/srv/consents/c-77.pdf")", "document.path", "must be a path relative to the record file"},
  {"consent", "document.path", R"("C:\\consents\\c-77.pdf")", "document.path", "must be a path relative to the record file"},
  {"consent", "document.contentType", nullptr, "document.contentType", "is required"},
  {"consent", "document.contentType", R"("pdf")", "document.contentType", R"("pdf" is not a media type (e.g. application/pdf))"},
  {"consent", "document.sha256", R"("abc123")", "document.sha256", "must be 64 hexadecimal characters (a SHA-256 digest)"},
  {"consent", "document.sha256", R"("zz20c32193640994c3f9c0877bb8baaca9e6007af44df009c14157f045f5ef96")", "document.sha256", "must be 64 hexadecimal characters"},
  {"consent", "document.pages", "2", "document.pages", "unknown field"},
  {"consent", "exceptions", R"({"decision":"deny"})", "exceptions", "must be a list"},
  {"consent", "exceptions[1].decision", nullptr, "exceptions[1].decision", "is required"},
  {"consent", "exceptions[1]", R"("deny")", "exceptions[1]", "must be a JSON object"},
  {"consent", "exceptions[0].purposes", R"(["hpaymt"])", "exceptions[0].purposes[0]", "is not an HL7 v3 ActReason code"},
  {"consent", "exceptions[1].data", R"(["notes"])", "exceptions[1].data[0]", "is not one of alliance-ratings"},
  {"consent", "exceptions[1].period.end", R"("2026-05-01")", "exceptions[1].period.end", "is before the start"},
  {"consent", "exceptions[0].reason", R"("billing")", "exceptions[0].reason", "unknown field"},
  {"consent", "revokedAt", R"("2026-03-01T09:00:00-05:00")", "status", R"(is "active" but revokedAt is set; a revoked consent has status inactive)"},
  {"consent", "revokedAt", R"("yesterday")", "revokedAt", "is not a valid dateTime"},
  // goal
  {"goal", "description", nullptr, "description", "is required"},
  {"goal", "description", R"("   ")", "description", "must not be blank"},
  {"goal", "lifecycle", R"("in-progress")", "lifecycle", "is not one of proposed, planned, accepted, active, on-hold, completed, cancelled, entered-in-error, rejected"},
  {"goal", "achievement", R"("done")", "achievement", "is not one of in-progress, improving, worsening, no-change, achieved"},
  {"goal", "priority", R"("urgent")", "priority", "is not one of high, medium, low"},
  {"goal", "expressedBy", R"("family")", "expressedBy", "is not one of patient, therapist"},
  {"goal", "start", R"("2026-02-30")", "start", R"("2026-02-30" is not a valid date (YYYY-MM-DD))"},
  {"goal", "plan", R"("tp 3")", "plan", "is not a valid id"},
  {"goal", "targets", R"({"measure":"srs:total"})", "targets", "must be a list"},
  {"goal", "targets[0]", "{}", "targets[0]", "is empty: give a measure and detail, or a due date"},
  {"goal", "targets[0].measure", R"("srs")", "targets[0].measure", R"("srs" is not "<instrument>:<score>" (e.g. "srs:total"))"},
  {"goal", "targets[0].measure", R"("srs:")", "targets[0].measure", "is not \"<instrument>:<score>\""},
  {"goal", "targets[0].measure", "12", "targets[0].measure", R"(must be "<instrument>:<score>" or {"system", "code", "display"})"},
  {"goal", "targets[0].measure", nullptr, "targets[0].measure", "is required when a detail is given"},
  {"goal", "targets[1].measure.system", nullptr, "targets[1].measure.system", "is required"},
  {"goal", "targets[1].measure.system", R"("clinic-measures")", "targets[1].measure.system", "is not an absolute URI"},
  {"goal", "targets[1].measure.code", nullptr, "targets[1].measure.code", "is required"},
  {"goal", "targets[1].measure.version", R"("1")", "targets[1].measure.version", "unknown field"},
  {"goal", "targets[0].detail", "[36]", "targets[0].detail", R"(must be a number, {"low", "high"}, text or true/false)"},
  {"goal", "targets[0].detail", "3.6e1", "targets[0].detail", "must be written as a plain decimal number"},
  {"goal", "targets[1].detail", R"("  ")", "targets[1].detail", "must not be blank"},
  {"goal", "targets[0].detail", "{}", "targets[0].detail", "a range needs low, high or both"},
  {"goal", "targets[0].detail.low", R"("36")", "targets[0].detail.low", "must be a number"},
  {"goal", "targets[0].detail.high", "30", "targets[0].detail.low", "36 is above high 30"},
  {"goal", "targets[0].detail.mid", "38", "targets[0].detail.mid", "unknown field"},
  {"goal", "targets[0].unit", R"("score points")", "targets[0].unit", R"("score points" is not a UCUM code)"},
  {"goal", "targets[1].unit", R"("/wk")", "targets[1].unit", "a unit only goes with a number or a range detail"},
  {"goal", "targets[0].due", R"("June")", "targets[0].due", R"("June" is not a valid date (YYYY-MM-DD))"},
  {"goal", "targets[0].owner", R"("T-17")", "targets[0].owner", "unknown field"},
  {"goal", "notes", R"("call back")", "notes", "must be a list"},
  {"goal", "notes", R"(["ok",42])", "notes[1]", "must be a non-empty string"},
  {"goal", "notes", R"(["ok"," "])", "notes[1]", "must not be blank"},
  {"goal", "statusDate", R"("2026-13-01")", "statusDate", "is not a valid date"},
  {"goal", "statusReason", "false", "statusReason", "must be a string"},
  // plan
  {"plan", "status", R"("open")", "status", "is not one of draft, active, on-hold, revoked, completed, entered-in-error, unknown"},
  {"plan", "title", nullptr, "title", "is required"},
  {"plan", "author", nullptr, "author", "is required"},
  {"plan", "author", R"("T-17 ")", "author", "has leading or trailing spaces"},
  {"plan", "period.end", R"("2026-03-01")", "period.end", "is before the start"},
  {"plan", "period.end", R"("2026-03-01T23:00:00-05:00")", "period.end", "is before the start"},
  {"plan", "goals", R"(["g-5","g 6"])", "goals[1]", R"("g 6" is not a valid id)"},
  {"plan", "goals", R"(["g-5","g-5"])", "goals[1]", R"("g-5" is listed twice)"},
  {"plan", "goals", R"("g-5")", "goals", "must be a list"},
  {"plan", "description", "[]", "description", "must be a string"},
};
// clang-format on

TEST_CASE("the base records used by the rule cases are valid") {
  for (const char* kind : {"rating", "consent", "goal", "plan"}) {
    records_test::Parsed p = Parse(ValidRecord(kind));
    INFO(kind << "\n" << p.issues.ToText());
    CHECK(p.record.has_value());
    CHECK(p.issues.error_count() == 0);
  }
}

TEST_CASE("each rule of records.md rejects a violating record at its field") {
  for (const RuleCase& c : kRuleCases) {
    fhir::Json record = Edit(ValidRecord(c.kind), c.edit, c.value);
    records_test::Parsed p = Parse(record);
    INFO(c.kind << " " << c.edit << " = " << (c.value ? c.value : "(removed)")
                << "\n"
                << p.issues.ToText());
    CHECK_FALSE(p.record.has_value());
    const fhir::Issue* issue = ErrorAt(p.issues, c.path);
    REQUIRE(issue != nullptr);
    CHECK_THAT(issue->message, Catch::Contains(c.message));
    // One broken rule gives one error: nothing else is blamed.
    CHECK(p.issues.error_count() == 1);
  }
}

}  // namespace
