// Writing a Record back in the import contract's JSON (records.md): used to
// hash record content for revisions, to export records pulled from the
// server, and by tests. Pure; cannot fail.
//
// Members are written in the order of records.md; absent optional fields
// (empty strings, empty lists, nullopt) are left out; numbers keep the text
// they were parsed from. For a record r that ParseRecord accepted,
// ParseRecord(RecordToJson(r)) gives r back, and for a valid input line L
// without nulls or empty lists, RecordToJson(*ParseRecord(L)) equals L
// (Json::operator== / SerializeCanonical ignore member order).
#ifndef ALLIANCE_MAPPINGS_RECORDS_RECORD_WRITER_H_
#define ALLIANCE_MAPPINGS_RECORDS_RECORD_WRITER_H_

#include <string>

#include "fhir/json.h"
#include "mappings/records/record.h"

namespace mappings {

// The record as a JSON object. A consent document is written with "path",
// or with "data" (base64 of its bytes) when inline_data is set.
fhir::Json RecordToJson(const Record& record);

// "<kind>/<id>", e.g. "rating/r-1001": the record's key in the store.
std::string RecordKey(const Record& record);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RECORDS_RECORD_WRITER_H_
