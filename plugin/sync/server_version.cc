#include "plugin/sync/server_version.h"

#include "mappings/consent/consent_reverse.h"
#include "mappings/goals/goal_reverse.h"
#include "mappings/goals/plan_reverse.h"
#include "mappings/map_record.h"
#include "mappings/records/record_writer.h"

namespace plugin {
namespace {

std::optional<mappings::Record> FromFhir(const fhir::Json& r,
                                         const mappings::MappingContext& ctx,
                                         fhir::Issues* issues) {
  const fhir::Json* type = r.Find("resourceType");
  std::string t = type ? type->str() : "";
  if (t == "Goal") {
    if (auto g = mappings::GoalFromFhir(r, ctx, issues)) return mappings::Record(*g);
  } else if (t == "CarePlan") {
    if (auto p = mappings::PlanFromFhir(r, ctx, issues)) return mappings::Record(*p);
  } else if (t == "Consent") {
    if (auto c = mappings::ConsentFromFhir(r, ctx, issues)) return mappings::Record(*c);
  }
  return std::nullopt;
}

std::string Text(const fhir::Json& r, const char* a, const char* b = nullptr) {
  const fhir::Json* j = r.Find(a);
  if (j && b) j = j->Find(b);
  return j && j->is_string() ? j->str() : "";
}

std::optional<std::int64_t> OpenConflict(Store* store, const RecordKey& key) {
  fhir::StatusOr<std::vector<Conflict>> open = store->ListConflicts(true);
  if (!open.ok()) return std::nullopt;
  for (const Conflict& c : *open) {
    if (c.key == key) return c.conflict_id;
  }
  return std::nullopt;
}

}  // namespace

fhir::Status TakeServerVersion(const SyncContext& ctx, Resolver* resolver,
                               const RecordKey& key, const fhir::Json& resource,
                               std::int64_t now_ms) {
  fhir::Issues issues;
  std::optional<mappings::Record> record = FromFhir(resource, ctx.mapping, &issues);
  if (!record) {
    return fhir::InvalidArgumentError("cannot read the server's " + key.ToString() +
                                      " back: " + issues.ToText());
  }
  const mappings::RecordBase& base = mappings::Base(*record);
  // The hash our own mapping of this content gives, so that the next push
  // sees nothing to send.
  mappings::ReferenceDirectory directory;
  fhir::StatusOr<bool> found = resolver->Patient(base.mrn, &directory);
  if (!found.ok()) return found.status();
  mappings::MappingContext mctx = ctx.mapping;
  mctx.directory = &directory;
  mappings::MappingResult mapped = mappings::MapRecord(*record, mctx);
  std::string type = Text(resource, "resourceType");
  ServerResource s;
  s.key = key;
  s.resource_type = type;
  s.identifier = ctx.mapping.record_system + "|" + base.id;
  s.server_id = Text(resource, "id");
  s.version_id = Text(resource, "meta", "versionId");
  s.last_updated = Text(resource, "meta", "lastUpdated");
  for (const mappings::MappedResource& m : mapped.resources) {
    if (m.resource_type == type) s.sent_hash = ContentHash(m.resource.SerializeCanonical());
  }
  std::optional<std::int64_t> conflict = OpenConflict(ctx.store, key);
  Transaction tx(ctx.store);
  fhir::StatusOr<PutResult> put = ctx.store->PutRecord(
      key, base.mrn, mappings::RecordToJson(*record).SerializeCanonical(), now_ms);
  if (!put.ok()) return put.status();
  fhir::Status st = conflict ? ctx.store->ResolveConflict(*conflict, ConflictResolution::kTakeServer, now_ms)
                             : ctx.store->MarkSent(key, put->revision, now_ms);
  if (!st.ok()) return st;
  st = ctx.store->PutServerResource(s, now_ms);
  if (!st.ok()) return st;
  return tx.Commit();
}

fhir::Status HandleConflict(const SyncContext& ctx, Resolver* resolver,
                            const RecordKey& key, std::int64_t revision,
                            std::int64_t now_ms) {
  fhir::StatusOr<std::vector<ServerResource>> known = ctx.store->GetServerResources(key);
  if (!known.ok()) return known.status();
  if (known->empty()) {
    return fhir::FailedPreconditionError("conflict on " + key.ToString() + " without a server copy");
  }
  const std::string main_identifier = ctx.mapping.record_system + "|" + key.id;
  bool local = key.kind == "rating" || ctx.options.conflict_policy == ConflictPolicy::kLocalWins;
  // Everything from the server first: the conflict is then recorded and
  // settled in one store transaction, so a killed process never leaves a
  // conflict recorded but unsettled (and one that was is settled again at
  // the next push).
  std::vector<ServerResource> current = *known;
  fhir::Json main_body;
  ServerVersion server;
  for (ServerResource& s : current) {
    bool is_main = s.identifier == main_identifier || current.size() == 1;
    if (!is_main && !local) continue;
    fhir::FhirResult r = ctx.client->Read(s.resource_type, s.server_id);
    if (!r.ok()) return r.status;
    s.version_id = Text(r.response.body, "meta", "versionId");
    s.sent_hash.clear();  // write ours over it (local-wins)
    if (is_main) {
      main_body = r.response.body;
      server = {s.resource_type, s.server_id, s.version_id, main_body.Serialize()};
    }
  }
  if (main_body.is_null()) {
    return fhir::FailedPreconditionError("conflict on " + key.ToString() + " without its main resource");
  }
  if (ctx.log) *ctx.log << "conflict: " << key.ToString() << " changed here and on the server ("
                        << (key.kind == "rating" ? "local-wins" : ConflictPolicyName(ctx.options.conflict_policy))
                        << ")\n";
  Transaction tx(ctx.store);
  fhir::StatusOr<std::int64_t> conflict = ctx.store->MarkConflict(key, revision, server, now_ms);
  if (!conflict.ok()) return conflict.status();
  if (local) {
    for (const ServerResource& s : current) {
      fhir::Status st = ctx.store->PutServerResource(s, now_ms);
      if (!st.ok()) return st;
    }
    fhir::Status st = ctx.store->ResolveConflict(*conflict, ConflictResolution::kTakeLocal, now_ms);
    if (!st.ok()) return st;
  } else if (ctx.options.conflict_policy == ConflictPolicy::kServerWins) {
    fhir::Status st = TakeServerVersion(ctx, resolver, key, main_body, now_ms);
    if (!st.ok()) return st;
  }
  // manual: stays open, listed by `status` and `conflicts list`.
  return tx.Commit();
}

}  // namespace plugin
