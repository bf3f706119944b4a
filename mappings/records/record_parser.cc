#include "mappings/records/record_parser.h"

#include <cctype>

#include "fhir/crypto.h"
#include "fhir/json_fields.h"
#include "fhir/primitives.h"
#include "mappings/records/parse_helpers.h"

namespace mappings {

using fhir::Fields;
using fhir::Json;
using records_internal::Quote;

namespace {

void ParseBase(Fields& f, RecordBase* out) {
  out->id = records_internal::Id(f, "id", fhir::kRequired).value_or("");
  if (const Json* patient = f.Object("patient", fhir::kRequired)) {
    Fields pf(*patient, f.PathOf("patient"), f.issues());
    out->mrn = records_internal::Token(pf, "mrn", fhir::kRequired).value_or("");
    pf.RejectUnknown({"mrn"});
  }
  out->recorded =
      records_internal::DateTime(f, "recorded", fhir::kOptional).value_or("");
}

template <typename T>
std::optional<Record> Finish(Fields& f, std::size_t errors,
                             void (*parse)(Fields&, T*)) {
  T record;
  ParseBase(f, &record);
  parse(f, &record);
  if (f.issues()->error_count() != errors) return std::nullopt;
  return Record(std::move(record));
}

}  // namespace

std::optional<Record> ParseRecord(const Json& object, fhir::Issues* issues) {
  const std::size_t errors = issues->error_count();
  Fields f(object, "", issues);
  if (!f.ok()) return std::nullopt;
  std::optional<std::string> kind =
      f.Code("kind", fhir::kRequired, {"rating", "consent", "goal", "plan"});
  if (!kind) {
    // Without a kind the other fields cannot be judged; check the common ones.
    RatingRecord ignored;
    ParseBase(f, &ignored);
    return std::nullopt;
  }
  using namespace records_internal;  // NOLINT: the four per-kind parsers
  if (*kind == "rating") return Finish(f, errors, ParseRating);
  if (*kind == "consent") return Finish(f, errors, ParseConsent);
  if (*kind == "goal") return Finish(f, errors, ParseGoal);
  return Finish(f, errors, ParsePlan);
}

void VerifyDocument(const ConsentDocument& doc, const std::string& path,
                    fhir::Issues* issues) {
  if (!doc.bytes || doc.sha256.empty()) return;
  std::string computed = fhir::HexEncode(fhir::Sha256(*doc.bytes));
  std::string expected = doc.sha256;
  for (char& c : expected) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (expected == computed) return;
  issues->Error("invariant", fhir::JoinPath(path, "sha256"),
                "does not match the document: expected " + expected +
                    ", computed " + computed);
}

namespace records_internal {

// rating: one completed alliance questionnaire.
void ParseRating(Fields& f, RatingRecord* out) {
  fhir::Issues* issues = f.issues();
  out->instrument = Id(f, "instrument", fhir::kRequired).value_or("");
  out->instrument_version =
      Token(f, "instrumentVersion", fhir::kOptional).value_or("");
  out->respondent =
      f.Code("respondent", fhir::kRequired, {"client", "therapist", "observer"})
          .value_or("");
  out->therapist = Token(f, "therapist", fhir::kRequired).value_or("");

  if (const Json* session = f.Object("session", fhir::kRequired)) {
    Fields sf(*session, f.PathOf("session"), issues);
    if (std::optional<std::string> date = sf.String("date", fhir::kRequired)) {
      if (fhir::HasTimeAndZone(*date)) {
        out->session.date = *date;
      } else if (fhir::IsFhirDateTime(*date)) {
        issues->Error("value", sf.PathOf("date"),
                      Quote(*date) +
                          " has no time; a session date needs a time and UTC "
                          "offset, e.g. 2026-03-02T15:00:00-05:00");
      } else {
        CheckDateTime(*date, sf.PathOf("date"), issues);
      }
    }
    if (std::optional<std::int64_t> n = sf.Integer("number", fhir::kOptional)) {
      // FHIR integers are 32-bit; the number travels as one.
      if (*n < 1 || *n > 2147483647) {
        issues->Error(
            "value", sf.PathOf("number"),
            std::to_string(*n) + " is not a session number (1 or more)");
      } else {
        out->session.number = n;
      }
    }
    out->session.encounter =
        Token(sf, "encounter", fhir::kOptional).value_or("");
    sf.RejectUnknown({"date", "number", "encounter"});
  }

  if (const Json* answers = f.Object("answers", fhir::kRequired)) {
    std::string path = f.PathOf("answers");
    if (answers->empty()) {
      issues->Error("required", path,
                    "has no answers (write a skipped item as null)");
    }
    for (std::size_t i = 0; i < answers->size(); ++i) {
      const std::string& link_id = answers->key(i);
      const Json& value = answers->at(i);
      std::string item_path = fhir::JoinPath(path, link_id);
      if (link_id.empty()) {
        issues->Error("value", path, "an item linkId must not be empty");
        continue;
      }
      Answer answer;
      answer.link_id = link_id;
      if (value.is_number()) {
        if (!fhir::IsFhirDecimal(value.str())) {
          issues->Error("value", item_path,
                        value.str() +
                            " must be written as a plain decimal number "
                            "(no exponent)");
          continue;
        }
        answer.value_text = value.str();
        answer.value = value.AsDouble().value_or(0);
      } else if (!value.is_null()) {
        issues->Error("structure", item_path,
                      "must be a number, or null when the item was skipped");
        continue;
      }
      out->answers.push_back(std::move(answer));
    }
  }

  if (std::optional<std::string> s =
          f.Code("status", fhir::kOptional,
                 {"completed", "amended", "entered-in-error"})) {
    out->status = *s;
    out->status_written = true;
  }
  f.RejectUnknown({"kind", "id", "patient", "recorded", "instrument",
                   "instrumentVersion", "respondent", "therapist", "session",
                   "answers", "status"});
}

}  // namespace records_internal
}  // namespace mappings
