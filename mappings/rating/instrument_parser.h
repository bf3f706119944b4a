// Reading and validating one instrument file (JSON, schema in
// mappings/rating/README.md) into an Instrument. Pure: no I/O; the catalog
// reads the files.
//
// Every problem goes to `issues` with its path inside the file
// (`items[2].scale.max`, `subscales[0].items[3]`) and a message; all
// problems are reported, not only the first. The instrument is returned only
// when the file has no errors.
#ifndef ALLIANCE_MAPPINGS_RATING_INSTRUMENT_PARSER_H_
#define ALLIANCE_MAPPINGS_RATING_INSTRUMENT_PARSER_H_

#include <optional>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "mappings/rating/instrument.h"

namespace mappings {

// Returns the validated, prepared instrument (PrepareInstrument done), or
// nullopt when `doc` has errors. `issues` must not be null; issues already in
// it do not affect the result.
std::optional<Instrument> ParseInstrument(const fhir::Json& doc,
                                          fhir::Issues* issues);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RATING_INSTRUMENT_PARSER_H_
