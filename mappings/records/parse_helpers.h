// Internal to the record parser (record_parser.cc, parse_*.cc): checks shared
// by the record kinds. Each reads one member through fhir::Fields, reports
// what is wrong at the member's record path with a message a clinic can act
// on, and returns nullopt (or false) when the member is absent or wrong.
// Whether a call found an error is seen in the Issues' error count.
#ifndef ALLIANCE_MAPPINGS_RECORDS_PARSE_HELPERS_H_
#define ALLIANCE_MAPPINGS_RECORDS_PARSE_HELPERS_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "fhir/json_fields.h"
#include "mappings/records/record.h"

namespace mappings {
namespace records_internal {

// `value` as a JSON string literal for messages ("\"MRN 1\""), cut at 80
// bytes (on a UTF-8 boundary).
std::string Quote(std::string_view value);

// An identifier value (MRN, staff id, recipient key): non-empty, no leading
// or trailing whitespace, no control characters.
std::optional<std::string> Token(fhir::Fields& f, std::string_view key,
                                 fhir::Presence p);
// Free text (description, title, name): must not be blank.
std::optional<std::string> Text(fhir::Fields& f, std::string_view key,
                                fhir::Presence p);
// A record id: 1-64 of A-Za-z0-9-. (fhir::IsFhirId).
std::optional<std::string> Id(fhir::Fields& f, std::string_view key,
                              fhir::Presence p);
// FHIR date (YYYY, YYYY-MM, YYYY-MM-DD).
std::optional<std::string> Date(fhir::Fields& f, std::string_view key,
                                fhir::Presence p);
// FHIR dateTime (a date, or a date and time with a UTC offset).
std::optional<std::string> DateTime(fhir::Fields& f, std::string_view key,
                                    fhir::Presence p);

// Value checks for list elements and other values with an explicit path.
bool CheckId(const std::string& value, const std::string& path,
             fhir::Issues* issues);
bool CheckDateTime(const std::string& value, const std::string& path,
                   fhir::Issues* issues);

// True when valid FHIR date/dateTime `a` is certainly before `b`. Two
// dateTimes with times compare as instants; otherwise the date parts compare
// at the coarser precision ("2026-03" is not before "2026-03-15").
bool IsBefore(const std::string& a, const std::string& b);

// A list of codes, each one of `allowed`, no repeats. When present it must
// not be empty (an empty restriction would be ambiguous).
std::optional<std::vector<std::string>> CodeList(
    fhir::Fields& f, std::string_view key, fhir::Presence p,
    std::initializer_list<std::string_view> allowed);
// A list of Token()s, no repeats, not empty when present.
std::optional<std::vector<std::string>> TokenList(fhir::Fields& f,
                                                  std::string_view key,
                                                  fhir::Presence p);
// A list of record ids, no repeats (may be empty).
std::optional<std::vector<std::string>> IdList(fhir::Fields& f,
                                               std::string_view key,
                                               fhir::Presence p);
// A list of free-text strings (may be empty).
std::optional<std::vector<std::string>> TextList(fhir::Fields& f,
                                                 std::string_view key,
                                                 fhir::Presence p);
// HL7 v3 ActReason purpose-of-use codes: [A-Z]+ or an error; a code outside
// the well-known purpose-of-use list is a warning.
std::optional<std::vector<std::string>> PurposeList(fhir::Fields& f,
                                                    std::string_view key);

// {"start", "end"}: dates (or dateTimes when `allow_time`), at least one
// given, start <= end. Returns false when absent or wrong.
bool ParsePeriod(fhir::Fields& f, std::string_view key, bool allow_time,
                 Period* out);

// Per-kind parsers. `f` reads the record object (path ""); they fill `out`
// and report to f.issues(), including unknown fields.
void ParseRating(fhir::Fields& f, RatingRecord* out);
void ParseConsent(fhir::Fields& f, ConsentRecord* out);
void ParseGoal(fhir::Fields& f, GoalRecord* out);
void ParsePlan(fhir::Fields& f, PlanRecord* out);

}  // namespace records_internal
}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RECORDS_PARSE_HELPERS_H_
