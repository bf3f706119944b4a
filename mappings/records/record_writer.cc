#include "mappings/records/record_writer.h"

#include "fhir/crypto.h"

namespace mappings {
namespace {

using fhir::Json;

void SetText(Json& j, const char* key, const std::string& value) {
  if (!value.empty()) j.Set(key, value);
}

void SetList(Json& j, const char* key, const std::vector<std::string>& list) {
  if (list.empty()) return;
  Json& arr = j.Set(key, Json::Array());
  for (const std::string& s : list) arr.Append(s);
}

void SetPeriod(Json& j, const Period& p) {
  if (p.empty()) return;
  Json& period = j.Set("period", Json::Object());
  SetText(period, "start", p.start);
  SetText(period, "end", p.end);
}

Json Begin(const char* kind, const RecordBase& base) {
  Json j = Json::Object();
  j.Set("kind", kind);
  j.Set("id", base.id);
  j.Set("patient", Json::Object()).Set("mrn", base.mrn);
  SetText(j, "recorded", base.recorded);
  return j;
}

Json Write(const RatingRecord& r) {
  Json j = Begin("rating", r);
  j.Set("instrument", r.instrument);
  SetText(j, "instrumentVersion", r.instrument_version);
  j.Set("respondent", r.respondent);
  j.Set("therapist", r.therapist);
  Json& session = j.Set("session", Json::Object());
  session.Set("date", r.session.date);
  if (r.session.number) session.Set("number", Json(*r.session.number));
  SetText(session, "encounter", r.session.encounter);
  Json& answers = j.Set("answers", Json::Object());
  for (const Answer& a : r.answers) {
    answers.Set(a.link_id,
                a.value_text ? Json::Decimal(*a.value_text) : Json());
  }
  if (r.status_written || r.status != "completed") j.Set("status", r.status);
  return j;
}

Json Write(const ConsentRecord& r) {
  Json j = Begin("consent", r);
  j.Set("status", r.status);
  j.Set("scope", r.scope);
  SetList(j, "category", r.category);
  j.Set("decision", r.decision);
  SetText(j, "signedAt", r.signed_at);
  if (r.signer) {
    Json& signer = j.Set("signer", Json::Object());
    signer.Set("role", r.signer->role);
    signer.Set("name", r.signer->name);
  }
  SetText(j, "witness", r.witness);
  SetPeriod(j, r.period);
  SetList(j, "recipients", r.recipients);
  SetList(j, "purposes", r.purposes);
  if (r.data) {
    Json& data = j.Set("data", Json::Array());
    for (const std::string& s : *r.data) data.Append(s);
  }
  j.Set("policy", r.policy);
  if (r.document) {
    const ConsentDocument& d = *r.document;
    Json& doc = j.Set("document", Json::Object());
    if (d.inline_data && d.bytes) {
      doc.Set("data", fhir::Base64Encode(*d.bytes));
    } else {
      SetText(doc, "path", d.path);
    }
    doc.Set("contentType", d.content_type);
    SetText(doc, "title", d.title);
    SetText(doc, "sha256", d.sha256);
  }
  if (!r.exceptions.empty()) {
    Json& list = j.Set("exceptions", Json::Array());
    for (const ConsentProvision& p : r.exceptions) {
      Json e = Json::Object();
      e.Set("decision", p.decision);
      SetList(e, "recipients", p.recipients);
      SetList(e, "purposes", p.purposes);
      SetList(e, "data", p.data);
      SetPeriod(e, p.period);
      list.Append(std::move(e));
    }
  }
  SetText(j, "revokedAt", r.revoked_at);
  return j;
}

Json WriteTarget(const GoalTarget& t) {
  Json j = Json::Object();
  if (t.measure_coding) {
    Json& m = j.Set("measure", Json::Object());
    m.Set("system", t.measure_coding->system);
    m.Set("code", t.measure_coding->code);
    SetText(m, "display", t.measure_coding->display);
  } else {
    SetText(j, "measure", t.measure_score);
  }
  switch (t.detail_kind) {
    case GoalTarget::DetailKind::kNone:
      break;
    case GoalTarget::DetailKind::kNumber:
      j.Set("detail", Json::Decimal(t.detail_number));
      break;
    case GoalTarget::DetailKind::kRange: {
      Json& range = j.Set("detail", Json::Object());
      if (!t.range_low.empty()) range.Set("low", Json::Decimal(t.range_low));
      if (!t.range_high.empty()) range.Set("high", Json::Decimal(t.range_high));
      break;
    }
    case GoalTarget::DetailKind::kString:
      j.Set("detail", t.detail_string);
      break;
    case GoalTarget::DetailKind::kBool:
      j.Set("detail", t.detail_bool);
      break;
  }
  SetText(j, "unit", t.unit);
  SetText(j, "due", t.due);
  return j;
}

Json Write(const GoalRecord& r) {
  Json j = Begin("goal", r);
  j.Set("description", r.description);
  j.Set("lifecycle", r.lifecycle);
  SetText(j, "achievement", r.achievement);
  SetText(j, "priority", r.priority);
  SetText(j, "expressedBy", r.expressed_by);
  SetText(j, "start", r.start);
  SetText(j, "plan", r.plan);
  if (!r.targets.empty()) {
    Json& list = j.Set("targets", Json::Array());
    for (const GoalTarget& t : r.targets) list.Append(WriteTarget(t));
  }
  SetList(j, "notes", r.notes);
  SetText(j, "statusDate", r.status_date);
  SetText(j, "statusReason", r.status_reason);
  return j;
}

Json Write(const PlanRecord& r) {
  Json j = Begin("plan", r);
  j.Set("status", r.status);
  j.Set("title", r.title);
  j.Set("author", r.author);
  SetPeriod(j, r.period);
  SetList(j, "goals", r.goals);
  SetText(j, "description", r.description);
  return j;
}

}  // namespace

Json RecordToJson(const Record& record) {
  return std::visit([](const auto& r) { return Write(r); }, record);
}

std::string RecordKey(const Record& record) {
  return std::string(RecordKind(record)) + "/" + Base(record).id;
}

}  // namespace mappings
