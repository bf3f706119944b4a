// Internal to the instrument parser: reads the scoring part of an instrument
// file ("scoring", "subscales", "total", "cutoffs") into Instrument::scores,
// rule id/version and decimals, reporting problems with their file paths.
// Expects `in->items` to be parsed already (item linkIds are resolved).
#ifndef ALLIANCE_MAPPINGS_RATING_INSTRUMENT_SCORES_H_
#define ALLIANCE_MAPPINGS_RATING_INSTRUMENT_SCORES_H_

#include "fhir/issues.h"
#include "fhir/json_fields.h"
#include "mappings/rating/instrument.h"

namespace mappings {

void ParseScores(fhir::Fields& top, Instrument* in, fhir::Issues* issues);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RATING_INSTRUMENT_SCORES_H_
