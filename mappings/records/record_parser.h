// Parsing one clinic record (one line of the import contract, records.md)
// from JSON into a Record. Pure: no I/O, no clock, no instrument catalog.
//
// ParseRecord checks everything the contract says that can be checked without
// an instrument or the file system (instrument scales and document files are
// checked later by intake). Every finding goes to `issues` with the record
// field path (`answers.4`, `session.date`, `targets[0].detail.low`,
// `exceptions[1].decision`) and a message for clinic staff; all errors of a
// record are reported, not only the first. Warnings (an unknown purpose code,
// a goal that is not SMART) do not make the record invalid. Unknown fields
// are errors. A null member counts as absent.
#ifndef ALLIANCE_MAPPINGS_RECORDS_RECORD_PARSER_H_
#define ALLIANCE_MAPPINGS_RECORDS_RECORD_PARSER_H_

#include <optional>
#include <string>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "mappings/records/record.h"

namespace mappings {

// Returns the record, or nullopt when `object` has any error (which are then
// in `issues`). `issues` must not be null; issues already in it are kept and
// do not affect the result. An inline consent document ("data") is decoded
// into ConsentDocument::bytes and checked against its sha256.
std::optional<Record> ParseRecord(const fhir::Json& object,
                                  fhir::Issues* issues);

// When `doc.bytes` is loaded and `doc.sha256` is given, reports a mismatch as
// an error at `<path>.sha256` ("document.sha256" for path "document"),
// naming the expected and the computed hex digest. Hex case is ignored.
void VerifyDocument(const ConsentDocument& doc, const std::string& path,
                    fhir::Issues* issues);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RECORDS_RECORD_PARSER_H_
