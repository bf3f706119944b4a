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
    if (!w.existing && verify) {
      fhir::Status st = Verify(&w);
      if (!st.ok()) return st;
    }
    plan.writes.push_back(std::move(w));
  }
  if (plan.writes.empty()) plan.outcome = PlannedRecord::Outcome::kUnchanged;
  return plan;
}

}  // namespace plugin
