// Checks a parsed rating against its instrument: what the record parser
// cannot know without the instrument files.
//
// Errors, with the record field as path:
//   instrument         unknown instrument id
//   instrumentVersion  that version is not loaded
//   respondent         the instrument does not allow this respondent
//   answers.<linkId>   "unknown item", "7 is outside 1..5",
//                      "2.5 is not a whole number", "answered twice"
// A missing answer (key absent or null) is a skipped item and is fine: the
// scoring decides whether a score can still be computed.
#ifndef ALLIANCE_MAPPINGS_RATING_RATING_CHECK_H_
#define ALLIANCE_MAPPINGS_RATING_RATING_CHECK_H_

#include "fhir/issues.h"
#include "mappings/rating/instrument_catalog.h"
#include "mappings/records/record.h"

namespace mappings {

// Reports problems to `issues` (not null). Returns the instrument version
// the rating resolves to (its instrumentVersion, or the newest loaded), or
// nullptr when the instrument or version is unknown. A returned instrument
// does not mean the rating is valid: look at `issues`.
const Instrument* CheckRatingAgainstInstrument(const RatingRecord& rating,
                                               const InstrumentCatalog& catalog,
                                               fhir::Issues* issues);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RATING_RATING_CHECK_H_
