#include "mappings/goals/goal_reverse.h"

#include "fhir/json_fields.h"
#include "mappings/codes.h"
#include "mappings/goals/goal_terms.h"
#include "mappings/mapped_resource.h"

namespace mappings {

using fhir::Fields;
using fhir::Json;

namespace {

// The value text of a Quantity at `key` of `f` (and its unit into *unit when
// that is still empty), or empty with an error.
std::string ReadQuantity(Fields& f, const char* key, std::string* unit) {
  const Json* q = f.Object(key, fhir::kOptional);
  if (!q) return "";
  Fields qf(*q, f.PathOf(key), f.issues());
  const Json* value = qf.Get("value");
  if (!value || !value->is_number()) {
    f.issues()->Error("required", qf.PathOf("value"), "must be a number");
    return "";
  }
  std::string system = qf.String("system", fhir::kOptional).value_or("");
  std::string code = qf.String("code", fhir::kOptional).value_or("");
  std::string text = qf.String("unit", fhir::kOptional).value_or("");
  std::string u = (system == kUcum && !code.empty()) ? code : text;
  if (unit->empty()) *unit = u;
  return value->str();
}

void ReadMeasure(Fields& f, GoalTarget* t) {
  const Json* measure = f.Object("measure", fhir::kOptional);
  if (!measure) return;
  const Json* codings = measure->Find("coding");
  if (!codings || codings->empty() || !codings->at(0).is_object()) {
    f.issues()->Warning("not-supported", f.PathOf("measure"),
                        "a measure without a coding is left out");
    return;
  }
  Fields cf(codings->at(0), f.PathOf("measure.coding[0]"), f.issues());
  Coding c;
  c.system = cf.String("system", fhir::kRequired).value_or("");
  c.code = cf.String("code", fhir::kRequired).value_or("");
  c.display = cf.String("display", fhir::kOptional).value_or("");
  if (c.system == kScoreCodeSystem) {
    t->measure_score = c.code;
  } else if (!c.system.empty() && !c.code.empty()) {
    t->measure_coding = c;
  }
}

GoalTarget ReadTarget(const Json& object, const std::string& path,
                      fhir::Issues* issues) {
  using Kind = GoalTarget::DetailKind;
  GoalTarget t;
  Fields f(object, path, issues);
  ReadMeasure(f, &t);
  if (f.Get("detailQuantity")) {
    t.detail_number = ReadQuantity(f, "detailQuantity", &t.unit);
    if (!t.detail_number.empty()) t.detail_kind = Kind::kNumber;
  } else if (const Json* range = f.Object("detailRange", fhir::kOptional)) {
    Fields rf(*range, f.PathOf("detailRange"), issues);
    t.range_low = ReadQuantity(rf, "low", &t.unit);
    t.range_high = ReadQuantity(rf, "high", &t.unit);
    t.detail_kind = Kind::kRange;
  } else if (f.Get("detailString")) {
    t.detail_string = f.String("detailString", fhir::kOptional).value_or("");
    t.detail_kind = Kind::kString;
  } else if (f.Get("detailBoolean")) {
    t.detail_bool = f.Bool("detailBoolean", fhir::kOptional).value_or(false);
    t.detail_kind = Kind::kBool;
  } else if (const Json* n = f.Get("detailInteger")) {
    t.detail_number = n->str();
    t.detail_kind = Kind::kNumber;
  } else {
    for (const char* other : {"detailCodeableConcept", "detailRatio"}) {
      if (f.Get(other)) {
        issues->Warning("not-supported", f.PathOf(other),
                        "the goal record cannot express this detail; left out");
      }
    }
  }
  t.due = f.String("dueDate", fhir::kOptional).value_or("");
  if (f.Get("dueDuration")) {
    issues->Warning("not-supported", f.PathOf("dueDuration"),
                    "only a due date is read; left out");
  }
  return t;
}

std::string ReadExpressedBy(const Json& ref, const MappingContext& ctx,
                            fhir::Issues* issues) {
  const Json* type = ref.Find("type");
  const Json* literal = ref.Find("reference");
  std::string t = type ? type->str() : "";
  if (!MrnFromReference(ctx, ref).empty() || t == "Patient") return "patient";
  if (t == "Practitioner" || t == "PractitionerRole" ||
      (literal && literal->str().rfind("Practitioner", 0) == 0)) {
    return "therapist";
  }
  issues->Warning("not-supported", "Goal.expressedBy",
                  "is neither the patient nor a practitioner; left out");
  return "";
}

}  // namespace

std::optional<GoalRecord> GoalFromFhir(const Json& goal,
                                       const MappingContext& ctx,
                                       fhir::Issues* issues) {
  GoalRecord r;
  if (!ReadRecordIdentity(goal, "Goal", "subject", ctx, &r.id, &r.mrn,
                          issues)) {
    return std::nullopt;
  }
  Fields f(goal, "Goal", issues);
  r.lifecycle = f.String("lifecycleStatus", fhir::kRequired).value_or("");
  if (!r.lifecycle.empty() && !IsGoalLifecycleStatus(r.lifecycle)) {
    issues->Error("code-invalid", f.PathOf("lifecycleStatus"),
                  "\"" + r.lifecycle + "\" is not a Goal lifecycleStatus");
  }
  if (const Json* a = f.Object("achievementStatus", fhir::kOptional)) {
    r.achievement = CodeIn(*a, kGoalAchievementSystem);
  }
  if (const Json* p = f.Object("priority", fhir::kOptional)) {
    r.priority = PriorityOf(*p);
  }
  if (const Json* d = f.Object("description", fhir::kRequired)) {
    Fields df(*d, f.PathOf("description"), issues);
    r.description = df.String("text", fhir::kRequired).value_or("");
  }
  r.start = f.String("startDate", fhir::kOptional).value_or("");
  if (const Json* targets = f.Array("target", fhir::kOptional)) {
    for (std::size_t i = 0; i < targets->size(); ++i) {
      r.targets.push_back(ReadTarget(
          targets->at(i), fhir::IndexPath(f.PathOf("target"), i), issues));
    }
  }
  r.status_date = f.String("statusDate", fhir::kOptional).value_or("");
  r.status_reason = f.String("statusReason", fhir::kOptional).value_or("");
  if (const Json* by = f.Object("expressedBy", fhir::kOptional)) {
    r.expressed_by = ReadExpressedBy(*by, ctx, issues);
  }
  if (const Json* notes = f.Array("note", fhir::kOptional)) {
    for (std::size_t i = 0; i < notes->size(); ++i) {
      Fields nf(notes->at(i), fhir::IndexPath(f.PathOf("note"), i), issues);
      if (std::optional<std::string> text =
              nf.String("text", fhir::kRequired)) {
        r.notes.push_back(*text);
      }
    }
  }
  return r;
}

}  // namespace mappings
