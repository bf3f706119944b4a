// The vocabulary of the goal and plan mappings, both ways: record values <->
// R4 codes (mappings/goals/README.md has the tables). Pure functions;
// unknown input gives a null Json or an empty string, and the caller reports
// it.
#ifndef ALLIANCE_MAPPINGS_GOALS_GOAL_TERMS_H_
#define ALLIANCE_MAPPINGS_GOALS_GOAL_TERMS_H_

#include <string>

#include "fhir/json.h"

namespace mappings {

inline constexpr const char* kGoalAchievementSystem =
    "http://terminology.hl7.org/CodeSystem/goal-achievement";
inline constexpr const char* kGoalPrioritySystem =
    "http://terminology.hl7.org/CodeSystem/goal-priority";
inline constexpr const char* kUcum = "http://unitsofmeasure.org";
inline constexpr const char* kCarePlanCategorySystem =
    "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";
// Display of the display-only Practitioner reference for expressedBy
// "therapist" (a goal record names no therapist).
inline constexpr const char* kTherapistDisplay = "Treating therapist";

// R4 required value sets.
bool IsGoalLifecycleStatus(const std::string& code);
bool IsCarePlanStatus(const std::string& code);

// Goal.priority for high / medium / low; null Json otherwise.
fhir::Json PriorityConcept(const std::string& priority);
// "high" / "medium" / "low" from a Goal.priority, or empty.
std::string PriorityOf(const fhir::Json& concept);

// Goal.achievementStatus for a goal-achievement code; null Json otherwise.
fhir::Json AchievementConcept(const std::string& code);

// Goal.target.measure for a score "<instrument>:<score>": kScoreCodeSystem,
// display "SRS total score" (instrument upper-cased, then the score id).
fhir::Json ScoreMeasureConcept(const std::string& score);

// A Quantity from number text (kept verbatim) and an optional UCUM code;
// null Json when `value_text` is not a number.
fhir::Json QuantityJson(const std::string& value_text, const std::string& unit);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_GOALS_GOAL_TERMS_H_
