// Rating record -> FHIR R4: one QuestionnaireResponse with the answers, and
// one Observation per score of the instrument (each subscale in instrument
// order, then the total), derived from the QuestionnaireResponse.
//
// The rating is first checked against its instrument
// (CheckRatingAgainstInstrument); with any error the result has no
// resources, only the issues (nothing half-mapped is ever sent). A score
// that cannot be computed (too many skipped items) still gets its
// Observation, with dataAbsentReason "not-performed" and a note, plus a
// warning in the result: so the set of Observations per rating never
// changes and a later revision overwrites an earlier value on the server.
// Deterministic: same record and context, same JSON. Details and the
// reasons for each choice: mappings/rating/README.md.
#ifndef ALLIANCE_MAPPINGS_RATING_RATING_MAPPING_H_
#define ALLIANCE_MAPPINGS_RATING_RATING_MAPPING_H_

#include <string>

#include "mappings/context.h"
#include "mappings/mapped_resource.h"
#include "mappings/records/record.h"

namespace mappings {

// Needs ctx.instruments (an error issue when null). Unknown staff (with a
// ctx.directory) are warned about at "therapist".
MappingResult MapRating(const RatingRecord& rating, const MappingContext& ctx);

// Identifier system of visit ids (QuestionnaireResponse.encounter and
// Observation.encounter, logical references): ctx.record_system +
// ":encounter".
std::string EncounterSystem(const MappingContext& ctx);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RATING_RATING_MAPPING_H_
