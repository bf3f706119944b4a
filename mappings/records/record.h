// The clinic records of the import contract (mappings/records/records.md), as
// plain structs. A Record is produced by ParseRecord (record_parser.h) and
// consumed by the mappings; FHIR -> record mappings (pull) produce them too.
//
// Conventions: an empty std::string means "absent" for optional text fields;
// dates and dateTimes are kept as the FHIR text the clinic wrote.
#ifndef ALLIANCE_MAPPINGS_RECORDS_RECORD_H_
#define ALLIANCE_MAPPINGS_RECORDS_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mappings {

// Fields every record has.
struct RecordBase {
  std::string id;        // the clinic's id, unique per kind
  std::string mrn;       // patient.mrn
  std::string recorded;  // optional FHIR dateTime
};

struct Session {
  std::string date;                   // FHIR dateTime with offset (required)
  std::optional<std::int64_t> number;  // 1..
  std::string encounter;              // visit id (optional)
};

struct Answer {
  std::string link_id;
  // The number as written (e.g. "7" or "7.5"); nullopt when skipped (null).
  std::optional<std::string> value_text;
  double value = 0;  // parsed value_text; meaningless when skipped
};

struct RatingRecord : RecordBase {
  std::string instrument;          // e.g. "wai-sr"
  std::string instrument_version;  // empty = newest loaded
  std::string respondent;          // client | therapist | observer
  std::string therapist;           // staff id
  Session session;
  std::vector<Answer> answers;     // in the order given
  std::string status = "completed";  // completed | amended | entered-in-error
  // True when the record wrote "status" itself (even "completed"), so that
  // the writer reproduces the line as given. The parser sets it.
  bool status_written = false;
};

struct Period {
  std::string start;  // FHIR date (or dateTime)
  std::string end;
  bool empty() const { return start.empty() && end.empty(); }
};

struct Signer {
  std::string role;  // patient | guardian | representative
  std::string name;
};

struct ConsentDocument {
  std::string path;          // relative to the record file (import)
  std::string content_type;
  std::string title;
  std::string sha256;        // optional hex given by the clinic
  bool inline_data = false;  // true when given as "data" (base64)
  // The document's bytes: decoded from "data" by the parser, or read from
  // `path` by intake. nullopt until loaded.
  std::optional<std::string> bytes;
};

struct ConsentProvision {  // one entry of "exceptions"
  std::string decision;    // permit | deny
  std::vector<std::string> recipients;
  std::vector<std::string> purposes;
  std::vector<std::string> data;
  Period period;
};

struct ConsentRecord : RecordBase {
  std::string status;  // draft | proposed | active | rejected | inactive | entered-in-error
  std::string scope;   // treatment | patient-privacy | research
  std::vector<std::string> category;  // treatment | release-of-information | research
  std::string decision;               // permit | deny
  std::string signed_at;
  std::optional<Signer> signer;
  std::string witness;                // staff id
  Period period;
  std::vector<std::string> recipients;
  std::vector<std::string> purposes;  // HL7 v3 ActReason codes
  std::optional<std::vector<std::string>> data;  // nullopt = all data classes
  std::string policy;                 // hipaa | 42cfr2 | absolute URI
  std::optional<ConsentDocument> document;
  std::vector<ConsentProvision> exceptions;
  std::string revoked_at;
};

struct Coding {
  std::string system;
  std::string code;
  std::string display;
};

struct GoalTarget {
  // Exactly one of measure_coding / measure_score is set (or neither).
  std::optional<Coding> measure_coding;
  std::string measure_score;  // "<instrument>:<score>", e.g. "srs:total"
  enum class DetailKind { kNone, kNumber, kRange, kString, kBool };
  DetailKind detail_kind = DetailKind::kNone;
  std::string detail_number;  // number text, kNumber
  std::string range_low;      // number text or empty, kRange
  std::string range_high;
  std::string detail_string;  // kString
  bool detail_bool = false;   // kBool
  std::string unit;           // UCUM code
  std::string due;            // FHIR date
};

struct GoalRecord : RecordBase {
  std::string description;
  std::string lifecycle;     // FHIR Goal lifecycleStatus
  std::string achievement;   // FHIR goal-achievement code
  std::string priority;      // high | medium | low
  std::string expressed_by;  // patient | therapist
  std::string start;         // FHIR date
  std::string plan;          // id of the plan record
  std::vector<GoalTarget> targets;
  std::vector<std::string> notes;
  std::string status_date;
  std::string status_reason;
};

struct PlanRecord : RecordBase {
  std::string status;  // FHIR CarePlan status
  std::string title;
  std::string author;  // staff id
  Period period;
  std::vector<std::string> goals;  // goal ids
  std::string description;
};

using Record = std::variant<RatingRecord, ConsentRecord, GoalRecord, PlanRecord>;

// "rating", "consent", "goal" or "plan".
const char* RecordKind(const Record& record);
const RecordBase& Base(const Record& record);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RECORDS_RECORD_H_
