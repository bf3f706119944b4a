// Internal to the rating mapping: builds the Observation of one score.
// The references (subject, encounter, performer, derivedFrom) are built once
// per rating by the caller and copied in here.
#ifndef ALLIANCE_MAPPINGS_RATING_SCORE_OBSERVATION_H_
#define ALLIANCE_MAPPINGS_RATING_SCORE_OBSERVATION_H_

#include <string>

#include "fhir/json.h"
#include "mappings/context.h"
#include "mappings/mapped_resource.h"
#include "mappings/rating/instrument.h"
#include "mappings/rating/scoring.h"
#include "mappings/records/record.h"

namespace mappings {

// What every score Observation of one rating shares.
struct RatingParts {
  const RatingRecord* rating = nullptr;
  const Instrument* instrument = nullptr;
  std::string status;       // Observation.status
  fhir::Json subject;       // Patient reference
  fhir::Json encounter;     // null when the session names no visit
  fhir::Json performer;     // null for an observer respondent
  fhir::Json derived_from;  // reference to the QuestionnaireResponse
};

// The Observation of `score`; the total (ScoreDef::is_total) gets hasMember
// references to the instrument's subscale Observations.
MappedResource ScoreObservation(const MappingContext& ctx,
                                const RatingParts& parts,
                                const ScoreValue& score);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RATING_SCORE_OBSERVATION_H_
