#include "mappings/goals/goal_mapping.h"

#include "mappings/codes.h"
#include "mappings/goals/goal_terms.h"

namespace mappings {

using fhir::Json;

namespace {

void BadCode(const std::string& path, const std::string& value,
             const char* what, fhir::Issues* issues) {
  issues->Error("code-invalid", path,
                "\"" + value + "\" is not a " + what + " code");
}

// A detail Quantity, or null Json (reported) when the text is not a number.
Json DetailQuantity(const std::string& text, const std::string& unit,
                    const std::string& path, fhir::Issues* issues) {
  Json q = QuantityJson(text, unit);
  if (q.is_null()) {
    issues->Error("value", path, "\"" + text + "\" is not a number");
  }
  return q;
}

// Goal.target for one record target; null Json when it says nothing.
Json Target(const GoalTarget& t, const std::string& path,
            fhir::Issues* issues) {
  using Kind = GoalTarget::DetailKind;
  Json target = Json::Object();
  if (t.measure_coding) {
    target.Set("measure",
               ConceptJson(t.measure_coding->system, t.measure_coding->code,
                           t.measure_coding->display));
  } else if (!t.measure_score.empty()) {
    target.Set("measure", ScoreMeasureConcept(t.measure_score));
  }
  std::string detail_path = fhir::JoinPath(path, "detail");
  switch (t.detail_kind) {
    case Kind::kNone:
      break;
    case Kind::kNumber: {
      Json q = DetailQuantity(t.detail_number, t.unit, detail_path, issues);
      if (!q.is_null()) target.Set("detailQuantity", std::move(q));
      break;
    }
    case Kind::kRange: {
      Json range = Json::Object();
      if (!t.range_low.empty()) {
        Json q = DetailQuantity(t.range_low, t.unit,
                                fhir::JoinPath(detail_path, "low"), issues);
        if (!q.is_null()) range.Set("low", std::move(q));
      }
      if (!t.range_high.empty()) {
        Json q = DetailQuantity(t.range_high, t.unit,
                                fhir::JoinPath(detail_path, "high"), issues);
        if (!q.is_null()) range.Set("high", std::move(q));
      }
      if (!range.empty()) target.Set("detailRange", std::move(range));
      break;
    }
    case Kind::kString:
      target.Set("detailString", t.detail_string);
      break;
    case Kind::kBool:
      target.Set("detailBoolean", t.detail_bool);
      break;
  }
  if (t.detail_kind != Kind::kNone && !target.Find("measure")) {
    issues->Error("invariant", fhir::JoinPath(path, "measure"),
                  "a target with a detail needs a measure (FHIR gol-1)");
  }
  if (!t.due.empty()) target.Set("dueDate", t.due);
  return target.empty() ? Json() : target;
}

// expressedBy: the patient, or a display-only Practitioner reference for
// "therapist" (the record names no therapist).
Json ExpressedBy(const GoalRecord& record, const MappingContext& ctx) {
  if (record.expressed_by == "patient")
    return PatientReference(ctx, record.mrn);
  Json ref = Json::Object();
  ref.Set("type", "Practitioner");
  ref.Set("display", kTherapistDisplay);
  return ref;
}

}  // namespace

MappingResult MapGoal(const GoalRecord& record, const MappingContext& ctx) {
  MappingResult result;
  fhir::Issues* issues = &result.issues;
  MappedResource mapped = StartResource(ctx, "Goal", record.id);
  Json& g = mapped.resource;

  g.Set("identifier", Json::Array()).Append(BusinessIdentifier(ctx, record.id));
  if (!IsGoalLifecycleStatus(record.lifecycle)) {
    BadCode("lifecycle", record.lifecycle, "Goal lifecycleStatus", issues);
  }
  g.Set("lifecycleStatus", record.lifecycle);
  if (!record.achievement.empty()) {
    Json concept = AchievementConcept(record.achievement);
    if (concept.is_null()) {
      BadCode("achievement", record.achievement, "goal-achievement", issues);
    } else {
      g.Set("achievementStatus", std::move(concept));
    }
  }
  if (!record.priority.empty()) {
    Json concept = PriorityConcept(record.priority);
    if (concept.is_null()) {
      BadCode("priority", record.priority, "priority (high, medium, low)",
              issues);
    } else {
      g.Set("priority", std::move(concept));
    }
  }
  g.Set("description", Json::Object()).Set("text", record.description);
  g.Set("subject", PatientReference(ctx, record.mrn));
  if (!record.start.empty()) g.Set("startDate", record.start);
  Json targets = Json::Array();
  for (std::size_t i = 0; i < record.targets.size(); ++i) {
    Json t = Target(record.targets[i], fhir::IndexPath("targets", i), issues);
    if (!t.is_null()) targets.Append(std::move(t));
  }
  if (!targets.empty()) g.Set("target", std::move(targets));
  if (!record.status_date.empty()) g.Set("statusDate", record.status_date);
  if (!record.status_reason.empty())
    g.Set("statusReason", record.status_reason);
  if (record.expressed_by == "patient" || record.expressed_by == "therapist") {
    g.Set("expressedBy", ExpressedBy(record, ctx));
  } else if (!record.expressed_by.empty()) {
    BadCode("expressedBy", record.expressed_by,
            "expressedBy (patient, therapist)", issues);
  }
  if (!record.notes.empty()) {
    Json& notes = g.Set("note", Json::Array());
    for (const std::string& text : record.notes) {
      Json note = Json::Object();
      note.Set("text", text);
      notes.Append(std::move(note));
    }
  }
  result.resources.push_back(std::move(mapped));
  return result;
}

}  // namespace mappings
