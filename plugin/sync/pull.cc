#include "plugin/sync/pull.h"

#include "fhir/bundle.h"
#include "mappings/mapped_resource.h"
#include "plugin/sync/server_version.h"

namespace plugin {
namespace {

std::string Meta(const fhir::Json& r, const char* member) {
  const fhir::Json* meta = r.Find("meta");
  const fhir::Json* v = meta ? meta->Find(member) : nullptr;
  return v && v->is_string() ? v->str() : "";
}

}  // namespace

fhir::Status Puller::Run(PullStats* stats) {
  for (const std::string& type : ctx_.options.pull_types) {
    fhir::Status st = PullType(type, stats);
    if (!st.ok()) return st;
  }
  return fhir::OkStatus();
}

fhir::Status Puller::PullType(const std::string& type, PullStats* stats) {
  fhir::StatusOr<std::optional<SyncCursor>> cursor = ctx_.store->GetCursor(type);
  if (!cursor.ok()) return cursor.status();
  // identifier=<system>| matches every value of our system. "ge", not "gt":
  // changes in the same instant as the cursor are seen again and skipped
  // by version, rather than missed.
  std::string query = fhir::IdentifierQuery(ctx_.mapping.record_system, "") +
                      "&_sort=_lastUpdated&_count=100";
  std::string last = *cursor ? (*cursor)->last_updated : "";
  if (!last.empty()) query += "&_lastUpdated=ge" + last;
  fhir::SearchResult found = ctx_.client->Search(type, query);
  if (!found.ok()) return found.status;
  for (const fhir::Json& entry : found.entries) {
    const fhir::Json* found_resource = entry.Find("resource");
    if (!found_resource) continue;
    const fhir::Json& resource = *found_resource;
    ++stats->seen;
    std::string updated = Meta(resource, "lastUpdated");
    if (updated > last) last = updated;
    std::string value = mappings::BusinessIdentifierValue(ctx_.mapping, resource);
    RecordKey key = RecordKeyFor(type, value);
    if (value.empty() || key.kind.empty()) continue;
    fhir::StatusOr<std::vector<ServerResource>> known = ctx_.store->GetServerResources(key);
    if (!known.ok()) return known.status();
    std::string identifier = ctx_.mapping.record_system + "|" + value;
    bool own = false;
    for (const ServerResource& s : *known) {
      own = own || (s.resource_type == type && s.identifier == identifier &&
                    s.version_id == Meta(resource, "versionId"));
    }
    if (own) {
      ++stats->own;
      continue;
    }
    std::int64_t now = ctx_.now_ms();
    fhir::StatusOr<RecordState> state = ctx_.store->GetState(key);
    // A record still on its way out (pending, or a write whose answer was
    // lost) is push's to settle: its If-Match meets any real conflict.
    if (state.ok() && (state->state == SyncState::kPending || state->in_flight_revision > 0)) {
      continue;
    }
    bool local_change = state.ok() && state->latest_revision > state->sent_revision &&
                        state->state != SyncState::kDropped;
    fhir::Status st;
    if (local_change) {
      ++stats->conflicts;
      st = HandleConflict(ctx_, resolver_, key, state->latest_revision, now);
    } else {
      st = TakeServerVersion(ctx_, resolver_, key, resource, now);
      if (st.ok()) ++stats->applied;
    }
    // One record that cannot be settled does not stop the others.
    if (st.code() == fhir::StatusCode::kInvalidArgument ||
        st.code() == fhir::StatusCode::kFailedPrecondition) {
      if (st.code() == fhir::StatusCode::kInvalidArgument) ++stats->unreadable;
      if (ctx_.log) *ctx_.log << "pull: " << type << " " << key.ToString() << ": " << st.message() << "\n";
      continue;
    }
    if (!st.ok()) return st;
  }
  if (last.empty()) return fhir::OkStatus();
  return ctx_.store->SetCursor(type, last, ctx_.now_ms());
}

}  // namespace plugin
