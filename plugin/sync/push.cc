#include "plugin/sync/push.h"

#include <algorithm>

#include "fhir/bundle.h"
#include "plugin/sync/server_version.h"

namespace plugin {
namespace {

// "Goal/abc/_history/2" (or an absolute URL ending so) -> id "abc", vid "2".
void ParseLocation(const std::string& location, const std::string& type,
                   std::string* id, std::string* vid) {
  std::size_t at = location.rfind(type + "/");
  if (at == std::string::npos) return;
  std::string rest = location.substr(at + type.size() + 1);
  std::size_t slash = rest.find('/');
  *id = rest.substr(0, slash);
  const std::string kHistory = "/_history/";
  if (slash != std::string::npos && rest.compare(slash, kHistory.size(), kHistory) == 0) {
    *vid = rest.substr(slash + kHistory.size());
  }
}

std::string VersionFromEtag(const std::string& etag) {  // W/"3" -> 3
  std::size_t a = etag.find('"'), b = etag.rfind('"');
  return (a != std::string::npos && b > a) ? etag.substr(a + 1, b - a - 1) : "";
}

std::string Text(const fhir::Json* j) { return j && j->is_string() ? j->str() : ""; }

std::string Diagnostics(const fhir::FhirResponse& r, const fhir::Status& st) {
  const fhir::Json* issues = r.body.Find("issue");
  if (issues && issues->size() > 0) {
    std::string d = Text(issues->at(0).Find("diagnostics"));
    if (d.empty() && issues->at(0).Find("details")) {
      d = Text(issues->at(0).Find("details")->Find("text"));
    }
    if (!d.empty()) return d;
  }
  return st.message();
}

}  // namespace

void TagSentHash(fhir::Json* resource, const std::string& hash) {
  fhir::Json* meta = resource->Find("meta");
  if (!meta) meta = &resource->Set("meta", fhir::Json::Object());
  fhir::Json* tags = meta->Find("tag");
  if (!tags) tags = &meta->Set("tag", fhir::Json::Array());
  fhir::Json tag = fhir::Json::Object();
  tag.Set("system", kSentHashTagSystem);
  tag.Set("code", hash);
  tags->Append(std::move(tag));
}

std::string Pusher::ResolveRecordReference(const std::string& ref,
                                           const std::vector<PlannedRecord*>& bundle) {
  std::size_t q = ref.find('?');
  if (q == std::string::npos) return ref;  // literal already
  std::string type = ref.substr(0, q);
  std::string prefix = type + "?" + fhir::IdentifierQuery(ctx_.mapping.record_system, "");
  if (ref.compare(0, prefix.size(), prefix) != 0) return "";  // not ours: logical
  std::string value = ref.substr(prefix.size());
  for (const PlannedRecord* r : bundle) {
    for (const PlannedWrite& w : r->writes) {
      if (w.type == type && w.identifier_value == value) {
        return w.existing ? type + "/" + w.existing->server_id : w.full_url;
      }
    }
  }
  RecordKey key = RecordKeyFor(type, value);
  if (key.kind.empty()) return "";
  fhir::StatusOr<std::vector<ServerResource>> known = ctx_.store->GetServerResources(key);
  if (known.ok()) {
    std::string identifier = ctx_.mapping.record_system + "|" + value;
    for (const ServerResource& s : *known) {
      if (s.resource_type == type && s.identifier == identifier) {
        return type + "/" + s.server_id;
      }
    }
  }
  return "";  // not on the server yet: reference by identifier only
}

// Conditional references become literal ones or urn:uuids; the ones that
// cannot be resolved are dropped (the identifier stays: a logical reference).
void Pusher::RewriteReferences(fhir::Json* node, const std::vector<PlannedRecord*>& bundle) {
  if (node->is_object()) {
    const fhir::Json* ref = node->Find("reference");
    if (ref && ref->is_string()) {
      std::string resolved = ResolveRecordReference(ref->str(), bundle);
      if (resolved.empty()) {
        node->Remove("reference");
      } else if (resolved != ref->str()) {
        node->Set("reference", resolved);
      }
    }
  }
  for (std::size_t i = 0; i < node->size(); ++i) {
    if (node->at(i).is_object() || node->at(i).is_array()) RewriteReferences(&node->at(i), bundle);
  }
}

fhir::Json Pusher::BuildBundle(const std::vector<PlannedRecord*>& records) {
  fhir::Json bundle = fhir::Json::Object();
  bundle.Set("resourceType", "Bundle");
  bundle.Set("type", "transaction");
  fhir::Json& entries = bundle.Set("entry", fhir::Json::Array());
  for (PlannedRecord* r : records) {
    for (const PlannedWrite& w : r->writes) {
      fhir::Json resource = w.resource;
      RewriteReferences(&resource, records);
      TagSentHash(&resource, w.hash);
      fhir::Json entry = fhir::Json::Object();
      fhir::Json request = fhir::Json::Object();
      if (w.existing) {
        resource.Set("id", w.existing->server_id);
        entry.Set("fullUrl", ctx_.client->base_url() + "/" + w.type + "/" +
                                 w.existing->server_id);
        request.Set("method", "PUT");
        request.Set("url", w.type + "/" + w.existing->server_id);
        if (!w.existing->version_id.empty()) {
          request.Set("ifMatch", "W/\"" + w.existing->version_id + "\"");
        }
      } else {
        entry.Set("fullUrl", w.full_url);
        request.Set("method", "POST");
        request.Set("url", w.type);
      }
      entry.Set("resource", std::move(resource));
      entry.Set("request", std::move(request));
      entries.Append(std::move(entry));
    }
  }
  return bundle;
}

fhir::Status Pusher::Apply(const std::vector<PlannedRecord*>& records,
                           const fhir::Json& response, PushStats* stats) {
  const fhir::Json* entries = response.Find("entry");
  std::size_t n = 0;
  for (const PlannedRecord* r : records) n += r->writes.size();
  if (!entries || entries->size() != n) {
    return fhir::InternalError("transaction response has " +
                               std::to_string(entries ? entries->size() : 0) +
                               " entries for " + std::to_string(n) + " requests");
  }
  std::int64_t now = ctx_.now_ms();
  Transaction tx(ctx_.store);
  std::size_t i = 0;
  for (const PlannedRecord* r : records) {
    for (const PlannedWrite& w : r->writes) {
      const fhir::Json& e = entries->at(i++);
      const fhir::Json* resp = e.Find("response");
      ServerResource s;
      s.key = r->key;
      s.resource_type = w.type;
      s.identifier = ctx_.mapping.record_system + "|" + w.identifier_value;
      s.sent_hash = w.hash;
      if (resp) {
        ParseLocation(Text(resp->Find("location")), w.type, &s.server_id, &s.version_id);
        s.etag = Text(resp->Find("etag"));
        s.last_updated = Text(resp->Find("lastModified"));
        if (s.version_id.empty()) s.version_id = VersionFromEtag(s.etag);
        (Text(resp->Find("status")).rfind("201", 0) == 0 ? stats->created : stats->updated)++;
      }
      if (s.server_id.empty() && w.existing) s.server_id = w.existing->server_id;
      if (s.server_id.empty()) {
        return fhir::InternalError("transaction response entry " + std::to_string(i - 1) +
                                   " has no location");
      }
      ++stats->resources_by_type[w.type];
      fhir::Status st = ctx_.store->PutServerResource(s, now);
      if (!st.ok()) return st;
    }
    fhir::Status st = ctx_.store->MarkSent(r->key, r->revision, now);
    if (!st.ok()) return st;
    ++stats->records_sent;
  }
  return tx.Commit();
}

fhir::Status Pusher::SettleOne(PlannedRecord* r, const fhir::Status& status,
                               const fhir::FhirResponse& response, PushStats* stats) {
  std::int64_t now = ctx_.now_ms();
  if (status.code() == fhir::StatusCode::kAborted) {
    ++stats->records_conflicts;
    return HandleConflict(ctx_, resolver_, r->key, r->revision, now);
  }
  ++stats->records_parked;
  std::string outcome = response.body.Find("resourceType") &&
                                response.body.Find("resourceType")->str() == "OperationOutcome"
                            ? response.body.Serialize()
                            : "";
  return ctx_.store->Park(r->key, r->revision,
                          "server refused (HTTP " + std::to_string(response.status) +
                              "): " + Diagnostics(response, status),
                          outcome, now);
}

Pusher::SendResult Pusher::Send(std::vector<PlannedRecord*> records, PushStats* stats,
                                fhir::Status* fatal, std::int64_t* retry_at) {
  if (!transactions_) {
    SendResult worst = SendResult::kDone;
    for (PlannedRecord* r : records) {
      SendResult one = SendSingly(r, stats, fatal, retry_at);
      if (one == SendResult::kFatal || one == SendResult::kUnknownOutcome) return one;
      if (one != SendResult::kDone) worst = one;
    }
    return worst;
  }
  fhir::FhirResult result =
      ctx_.client->Transaction(BuildBundle(records), fhir::Idempotency::kNotIdempotent);
  ++stats->bundles;
  if (result.ok()) {
    fhir::Status st = Apply(records, result.response.body, stats);
    if (st.ok()) return SendResult::kDone;
    if (st.code() != fhir::StatusCode::kInternal || result.response.body.is_null()) {
      *fatal = st;
      return SendResult::kFatal;
    }
    // An answer we cannot read: treat the outcome as unknown.
    stats->last_error = st.message();
    return SendResult::kUnknownOutcome;
  }
  return Failed(result, std::move(records), stats, fatal, retry_at);
}

Pusher::SendResult Pusher::Failed(const fhir::FhirResult& result,
                                  std::vector<PlannedRecord*> records, PushStats* stats,
                                  fhir::Status* fatal, std::int64_t* retry_at) {
  std::int64_t now = ctx_.now_ms();
  const fhir::Status& st = result.status;
  stats->last_error = st.message();
  if (result.response.status == 0) return SendResult::kUnknownOutcome;
  switch (st.code()) {
    case fhir::StatusCode::kUnavailable:
    case fhir::StatusCode::kDeadlineExceeded:
    case fhir::StatusCode::kResourceExhausted: {
      std::int64_t wait = result.retry_after ? result.retry_after->count() : ctx_.options.backoff_ms;
      *retry_at = std::max(*retry_at, now + wait);
      for (PlannedRecord* r : records) {
        fhir::Status m = ctx_.store->MarkFailed(r->key, r->revision, now + wait, st.message(), now);
        if (!m.ok()) { *fatal = m; return SendResult::kFatal; }
        ++stats->records_retry;
      }
      return SendResult::kRetryLater;
    }
    case fhir::StatusCode::kInvalidArgument:
    case fhir::StatusCode::kNotFound:
    case fhir::StatusCode::kAborted: {
      if (records.size() > 1) {  // find the record the server objects to
        std::size_t half = records.size() / 2;
        std::vector<PlannedRecord*> left(records.begin(), records.begin() + half);
        std::vector<PlannedRecord*> right(records.begin() + half, records.end());
        SendResult a = Send(left, stats, fatal, retry_at);
        if (a == SendResult::kFatal) return a;
        SendResult b = Send(right, stats, fatal, retry_at);
        return b == SendResult::kFatal ? b : (a == SendResult::kDone ? b : a);
      }
      fhir::Status settled = SettleOne(records.front(), st, result.response, stats);
      if (!settled.ok()) { *fatal = settled; return SendResult::kFatal; }
      return SendResult::kDone;
    }
    default:
      *fatal = st;
      return SendResult::kFatal;
  }
}

}  // namespace plugin
