// MapRecord: one record of any kind -> its FHIR resources, by kind:
//   rating  -> QuestionnaireResponse + score Observations (mappings/rating)
//   consent -> Consent (mappings/consent)
//   goal    -> Goal, plan -> CarePlan (mappings/goals)
// Pure and deterministic for a given context.
#ifndef ALLIANCE_MAPPINGS_MAP_RECORD_H_
#define ALLIANCE_MAPPINGS_MAP_RECORD_H_

#include "mappings/context.h"
#include "mappings/mapped_resource.h"
#include "mappings/records/record.h"

namespace mappings {

MappingResult MapRecord(const Record& record, const MappingContext& ctx);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_MAP_RECORD_H_
