#include "plugin/sync/push_plan.h"

#include "fhir/bundle.h"
#include "fhir/validation/validator.h"
#include "mappings/map_record.h"
#include "mappings/records/record_parser.h"

namespace plugin {
namespace {

// Staff ids a record names (therapist, author, witness).
std::vector<std::string> StaffOf(const mappings::Record& record) {
  if (auto* r = std::get_if<mappings::RatingRecord>(&record)) return {r->therapist};
  if (auto* c = std::get_if<mappings::ConsentRecord>(&record)) return {c->witness};
  if (auto* p = std::get_if<mappings::PlanRecord>(&record)) return {p->author};
  return {};
}

std::string Identifier(const SyncContext& ctx, const std::string& value) {
  return ctx.mapping.record_system + "|" + value;
}

}  // namespace

fhir::Status PushPlanner::Verify(PlannedWrite* w) {
  if (w->existing) {
    // An update whose answer was lost: did it arrive? Our hash tag on the
    // server's copy says so; then there is nothing to send again (and an
    // If-Match on the old version would look like a conflict).
    fhir::FhirResult r = ctx_.client->Read(w->type, w->existing->server_id);
    if (r.status.code() == fhir::StatusCode::kNotFound) return fhir::OkStatus();
    if (!r.ok()) return r.status;
    const fhir::Json* meta = r.response.body.Find("meta");
    const fhir::Json* tags = meta ? meta->Find("tag") : nullptr;
    for (std::size_t i = 0; tags && i < tags->size(); ++i) {
      const fhir::Json* sys = tags->at(i).Find("system");
      const fhir::Json* code = tags->at(i).Find("code");
      if (sys && code && sys->str() == kSentHashTagSystem && code->str() == w->hash) {
        w->already_there = true;
        if (const fhir::Json* v = meta->Find("versionId")) w->existing->version_id = v->str();
        if (const fhir::Json* u = meta->Find("lastUpdated")) w->existing->last_updated = u->str();
        w->existing->sent_hash = w->hash;
      }
    }
    return fhir::OkStatus();
  }
  fhir::SearchResult found = ctx_.client->Search(
      w->type, fhir::IdentifierQuery(ctx_.mapping.record_system, w->identifier_value));
  if (!found.ok()) return found.status;
  const fhir::Json* first = found.entries.empty() ? nullptr : found.entries.front().Find("resource");
  if (!first) return fhir::OkStatus();
  // The earlier send did arrive: update that resource instead of creating
  // a second one.
  const fhir::Json& r = *first;
  ServerResource s;
  s.resource_type = w->type;
  s.identifier = Identifier(ctx_, w->identifier_value);
  s.server_id = r.Find("id") ? r.Find("id")->str() : "";
  if (const fhir::Json* meta = r.Find("meta")) {
    if (const fhir::Json* v = meta->Find("versionId")) s.version_id = v->str();
    if (const fhir::Json* u = meta->Find("lastUpdated")) s.last_updated = u->str();
  }
  w->existing = s;
  return fhir::OkStatus();
}

fhir::StatusOr<PlannedRecord> PushPlanner::Plan(const OutboxItem& item, bool verify) {
  PlannedRecord plan;
  plan.key = item.key;
  plan.revision = item.revision;
  fhir::StatusOr<Revision> rev = ctx_.store->GetRevision(item.key, item.revision);
  if (!rev.ok()) return rev.status();
  fhir::Issues issues;
  fhir::StatusOr<fhir::Json> json = fhir::Json::Parse(rev->canonical_json);
  std::optional<mappings::Record> record;
  if (json.ok()) record = mappings::ParseRecord(*json, &issues);
  if (!record) {
    plan.outcome = PlannedRecord::Outcome::kParked;
    plan.reason = "stored record no longer passes the contract";
    plan.outcome_json = issues.ToOperationOutcome().Serialize();
    return plan;
  }
  mappings::ReferenceDirectory directory;
  fhir::StatusOr<bool> patient = resolver_->Patient(rev->mrn, &directory);
  if (!patient.ok()) return patient.status();
  if (!*patient) {
    plan.outcome = PlannedRecord::Outcome::kWaiting;
    plan.reason = "patient not found";
    return plan;
  }
  for (const std::string& staff : StaffOf(*record)) {
    fhir::Status st = resolver_->Staff(staff, &directory);
    if (!st.ok()) return st;
  }
  mappings::MappingContext mctx = ctx_.mapping;
  mctx.directory = &directory;
  mappings::MappingResult mapped = mappings::MapRecord(*record, mctx);
  for (const mappings::MappedResource& r : mapped.resources) {
    fhir::ValidateResource(r.resource, &mapped.issues);
  }
  if (mapped.issues.HasErrors()) {
    plan.outcome = PlannedRecord::Outcome::kParked;
    plan.reason = "mapped FHIR is not valid";
    plan.outcome_json = mapped.issues.ToOperationOutcome().Serialize();
    return plan;
  }
  fhir::StatusOr<std::vector<ServerResource>> known =
      ctx_.store->GetServerResources(item.key);
  if (!known.ok()) return known.status();
  for (mappings::MappedResource& r : mapped.resources) {
    PlannedWrite w;
    w.type = r.resource_type;
    w.identifier_value = r.identifier_value;
    w.full_url = r.full_url;
    w.hash = ContentHash(r.resource.SerializeCanonical());
    std::string identifier = Identifier(ctx_, r.identifier_value);
    for (const ServerResource& s : *known) {
      if (s.resource_type == w.type && s.identifier == identifier) w.existing = s;
    }
    if (w.existing && w.existing->sent_hash == w.hash) continue;  // unchanged
    w.resource = std::move(r.resource);
    if (verify) {
      fhir::Status st = Verify(&w);
      if (!st.ok()) return st;
    }
    if (w.already_there) {  // recorded, not written again
      w.existing->key = item.key;
      fhir::Status st = ctx_.store->PutServerResource(*w.existing, ctx_.now_ms());
      if (!st.ok()) return st;
      continue;
    }
    plan.writes.push_back(std::move(w));
  }
  if (plan.writes.empty()) plan.outcome = PlannedRecord::Outcome::kUnchanged;
  return plan;
}

}  // namespace plugin
