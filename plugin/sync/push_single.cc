// The fallback for servers without transactions: one request per resource.
#include "plugin/sync/push.h"

namespace plugin {
namespace {

std::string Text(const fhir::Json* j) { return j && j->is_string() ? j->str() : ""; }

}  // namespace

Pusher::SendResult Pusher::SendSingly(PlannedRecord* r, PushStats* stats,
                                      fhir::Status* fatal, std::int64_t* retry_at) {
  std::vector<PlannedRecord*> self{r};
  // The mapping orders a record's resources so that each refers only to
  // ones before it (QuestionnaireResponse, subscales, total).
  for (PlannedWrite& w : r->writes) {
    fhir::Json resource = w.resource;
    RewriteReferences(&resource, self);
    TagSentHash(&resource, w.hash);
    fhir::FhirResult result;
    if (w.existing) {
      resource.Set("id", w.existing->server_id);
      result = ctx_.client->Update(resource, w.existing->version_id);
    } else {
      result = ctx_.client->Create(resource);
    }
    ++stats->single_requests;
    if (!result.ok()) return Failed(result, self, stats, fatal, retry_at);
    const fhir::Json& body = result.response.body;
    ServerResource s;
    s.key = r->key;
    s.resource_type = w.type;
    s.identifier = ctx_.mapping.record_system + "|" + w.identifier_value;
    s.server_id = Text(body.Find("id"));
    if (s.server_id.empty() && w.existing) s.server_id = w.existing->server_id;
    s.version_id = result.response.version_id;
    s.etag = result.response.etag;
    if (const fhir::Json* meta = body.Find("meta")) s.last_updated = Text(meta->Find("lastUpdated"));
    s.sent_hash = w.hash;
    if (s.server_id.empty()) {
      *fatal = fhir::InternalError("the server's answer to a write names no resource id");
      return SendResult::kFatal;
    }
    // Recorded at once: if a later write of this record fails, the retry
    // updates this resource instead of creating it again.
    fhir::Status st = ctx_.store->PutServerResource(s, ctx_.now_ms());
    if (!st.ok()) { *fatal = st; return SendResult::kFatal; }
    (w.existing ? stats->updated : stats->created)++;
    ++stats->resources_by_type[w.type];
    w.existing = s;
  }
  fhir::Status st = ctx_.store->MarkSent(r->key, r->revision, ctx_.now_ms());
  if (!st.ok()) { *fatal = st; return SendResult::kFatal; }
  ++stats->records_sent;
  return SendResult::kDone;
}

}  // namespace plugin
