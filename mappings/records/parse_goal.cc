// goal and plan records (records.md, "goal" and "plan").
#include <cstdlib>

#include "fhir/primitives.h"
#include "mappings/records/parse_helpers.h"

namespace mappings {
namespace records_internal {

using fhir::Fields;
using fhir::Json;

namespace {

// UCUM codes are printable ASCII without spaces: "kg", "{score}", "/wk".
bool IsUcumCode(const std::string& s) {
  for (char c : s) {
    if (c <= ' ' || c > '~') return false;
  }
  return !s.empty();
}

void ParseMeasure(Fields& tf, GoalTarget* t) {
  const Json* m = tf.Get("measure");
  if (!m) return;
  fhir::Issues* issues = tf.issues();
  std::string path = tf.PathOf("measure");
  if (m->is_string()) {
    const std::string& s = m->str();
    std::size_t colon = s.find(':');
    if (colon == std::string::npos || !fhir::IsFhirId(s.substr(0, colon)) ||
        !fhir::IsFhirId(s.substr(colon + 1))) {
      issues->Error(
          "value", path,
          Quote(s) + " is not \"<instrument>:<score>\" (e.g. \"srs:total\")");
      return;
    }
    t->measure_score = s;
  } else if (m->is_object()) {
    Fields mf(*m, path, issues);
    std::size_t errors = issues->error_count();
    Coding c;
    if (std::optional<std::string> system =
            mf.String("system", fhir::kRequired)) {
      if (fhir::IsFhirUrl(*system)) {
        c.system = *system;
      } else {
        issues->Error("value", mf.PathOf("system"),
                      Quote(*system) +
                          " is not an absolute URI (e.g. "
                          "http://loinc.org)");
      }
    }
    c.code = Token(mf, "code", fhir::kRequired).value_or("");
    c.display = Text(mf, "display", fhir::kOptional).value_or("");
    mf.RejectUnknown({"system", "code", "display"});
    if (issues->error_count() == errors) t->measure_coding = c;
  } else {
    issues->Error("structure", path,
                  "must be \"<instrument>:<score>\" or {\"system\", \"code\", "
                  "\"display\"}");
  }
}

bool CheckDecimal(const Json& v, const std::string& path,
                  fhir::Issues* issues) {
  if (!v.is_number()) {
    issues->Error("structure", path, "must be a number");
    return false;
  }
  if (!fhir::IsFhirDecimal(v.str())) {
    issues->Error("value", path,
                  v.str() +
                      " must be written as a plain decimal number "
                      "(no exponent)");
    return false;
  }
  return true;
}

void ParseDetail(Fields& tf, GoalTarget* t) {
  const Json* d = tf.Get("detail");
  if (!d) return;
  fhir::Issues* issues = tf.issues();
  std::string path = tf.PathOf("detail");
  switch (d->type()) {
    case Json::Type::kNumber:
      if (CheckDecimal(*d, path, issues)) {
        t->detail_kind = GoalTarget::DetailKind::kNumber;
        t->detail_number = d->str();
      }
      return;
    case Json::Type::kString:
      if (!fhir::IsFhirString(d->str())) {
        issues->Error("value", path, "must not be blank");
        return;
      }
      t->detail_kind = GoalTarget::DetailKind::kString;
      t->detail_string = d->str();
      return;
    case Json::Type::kBool:
      t->detail_kind = GoalTarget::DetailKind::kBool;
      t->detail_bool = d->boolean();
      return;
    case Json::Type::kObject: {
      Fields rf(*d, path, issues);
      std::size_t errors = issues->error_count();
      const Json* low = rf.Get("low");
      const Json* high = rf.Get("high");
      if (low) CheckDecimal(*low, rf.PathOf("low"), issues);
      if (high) CheckDecimal(*high, rf.PathOf("high"), issues);
      rf.RejectUnknown({"low", "high"});
      if (!low && !high) {
        issues->Error("required", path, "a range needs low, high or both");
      }
      if (issues->error_count() != errors) return;
      if (low && high && *low->AsDouble() > *high->AsDouble()) {
        issues->Error("invariant", rf.PathOf("low"),
                      low->str() + " is above high " + high->str());
        return;
      }
      t->detail_kind = GoalTarget::DetailKind::kRange;
      if (low) t->range_low = low->str();
      if (high) t->range_high = high->str();
      return;
    }
    default:
      issues->Error("structure", path,
                    "must be a number, {\"low\", \"high\"}, text or "
                    "true/false");
  }
}

void ParseTargets(Fields& f, GoalRecord* out) {
  const Json* list = f.Array("targets", fhir::kOptional);
  if (!list) return;
  fhir::Issues* issues = f.issues();
  for (std::size_t i = 0; i < list->size(); ++i) {
    Fields tf(list->at(i), fhir::IndexPath(f.PathOf("targets"), i), issues);
    if (!tf.ok()) continue;
    GoalTarget t;
    ParseMeasure(tf, &t);
    ParseDetail(tf, &t);
    std::optional<std::string> unit = tf.String("unit", fhir::kOptional);
    if (unit && !IsUcumCode(*unit)) {
      issues->Error("value", tf.PathOf("unit"),
                    Quote(*unit) +
                        " is not a UCUM code (no spaces, e.g. "
                        "\"{score}\" or \"/wk\")");
    } else if (unit) {
      // A detail of the wrong type is reported as such, not here too.
      const Json* detail = tf.Get("detail");
      if (!detail || detail->is_string() || detail->is_bool()) {
        issues->Error("value", tf.PathOf("unit"),
                      "a unit only goes with a number or a range detail");
      } else {
        t.unit = *unit;
      }
    }
    t.due = Date(tf, "due", fhir::kOptional).value_or("");
    tf.RejectUnknown({"measure", "detail", "unit", "due"});
    // FHIR Goal invariant gol-1: a detail needs a measure.
    if (tf.Get("detail") && !tf.Get("measure")) {
      issues->Error("required", tf.PathOf("measure"),
                    "is required when a detail is given (what is measured?)");
    }
    if (!tf.Get("measure") && !tf.Get("detail") && !tf.Get("due")) {
      issues->Error("required", tf.path(),
                    "is empty: give a measure and detail, or a due date");
    }
    out->targets.push_back(std::move(t));
  }
}

void WarnIfNotSmart(const GoalRecord& goal, fhir::Issues* issues) {
  bool measurable = false;
  bool due = false;
  for (const GoalTarget& t : goal.targets) {
    bool measure = t.measure_coding || !t.measure_score.empty();
    measurable |= measure && t.detail_kind != GoalTarget::DetailKind::kNone;
    due |= !t.due.empty();
  }
  if (!measurable) {
    issues->Warning("business-rule", "targets",
                    "goal is not SMART: no measurable target (a target with a "
                    "measure and a detail)");
  }
  if (!due) {
    issues->Warning("business-rule", "targets",
                    "goal is not SMART: no due date (targets[].due)");
  }
}

}  // namespace

void ParseGoal(Fields& f, GoalRecord* out) {
  std::size_t errors = f.issues()->error_count();
  out->description = Text(f, "description", fhir::kRequired).value_or("");
  out->lifecycle =
      f.Code("lifecycle", fhir::kRequired,
             {"proposed", "planned", "accepted", "active", "on-hold",
              "completed", "cancelled", "entered-in-error", "rejected"})
          .value_or("");
  out->achievement =
      f.Code("achievement", fhir::kOptional,
             {"in-progress", "improving", "worsening", "no-change", "achieved",
              "sustaining", "not-achieved", "no-progress", "not-attainable"})
          .value_or("");
  out->priority = f.Code("priority", fhir::kOptional, {"high", "medium", "low"})
                      .value_or("");
  out->expressed_by =
      f.Code("expressedBy", fhir::kOptional, {"patient", "therapist"})
          .value_or("");
  out->start = Date(f, "start", fhir::kOptional).value_or("");
  out->plan = Id(f, "plan", fhir::kOptional).value_or("");
  ParseTargets(f, out);
  out->notes = TextList(f, "notes", fhir::kOptional)
                   .value_or(std::vector<std::string>{});
  out->status_date = Date(f, "statusDate", fhir::kOptional).value_or("");
  out->status_reason = Text(f, "statusReason", fhir::kOptional).value_or("");
  f.RejectUnknown({"kind", "id", "patient", "recorded", "description",
                   "lifecycle", "achievement", "priority", "expressedBy",
                   "start", "plan", "targets", "notes", "statusDate",
                   "statusReason"});
  // Judging SMART-ness of a goal that is wrong anyway would only add noise.
  if (f.issues()->error_count() == errors) WarnIfNotSmart(*out, f.issues());
}

void ParsePlan(Fields& f, PlanRecord* out) {
  out->status = f.Code("status", fhir::kRequired,
                       {"draft", "active", "on-hold", "revoked", "completed",
                        "entered-in-error", "unknown"})
                    .value_or("");
  out->title = Text(f, "title", fhir::kRequired).value_or("");
  out->author = Token(f, "author", fhir::kRequired).value_or("");
  ParsePeriod(f, "period", /*allow_time=*/true, &out->period);
  out->goals =
      IdList(f, "goals", fhir::kOptional).value_or(std::vector<std::string>{});
  out->description = Text(f, "description", fhir::kOptional).value_or("");
  f.RejectUnknown({"kind", "id", "patient", "recorded", "status", "title",
                   "author", "period", "goals", "description"});
}

}  // namespace records_internal
}  // namespace mappings
