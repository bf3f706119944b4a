#include "fhir/http/fhir_client.h"

#include <cctype>
#include <chrono>

#include "fhir/http/fhir_error.h"
#include "fhir/http/paging.h"
#include "fhir/http/redact.h"

namespace fhir {
namespace {

constexpr char kFhirJson[] = "application/fhir+json; fhirVersion=4.0";

bool IsResourceType(std::string_view type) {
  if (type.empty() || type.size() > 64 ||
      !std::isupper(static_cast<unsigned char>(type[0]))) {
    return false;
  }
  for (char c : type) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// FHIR id (also used for versionIds): [A-Za-z0-9\-\.]{1,64}.
bool IsFhirId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

// W/"3" -> 3, "3" -> 3.
std::string VersionFromEtag(std::string_view etag) {
  if (etag.rfind("W/", 0) == 0) etag.remove_prefix(2);
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  }
  return std::string(etag);
}

std::string IfMatchValue(std::string_view version) {
  if (version.rfind("W/", 0) == 0 || version.rfind("\"", 0) == 0) {
    return std::string(version);
  }
  return "W/\"" + std::string(version) + "\"";
}

bool IsTransportFailure(const FhirResult& r) { return r.response.status == 0; }

// Fills `out` from an HTTP response; returns the interaction's Status.
Status Interpret(const HttpResponse& http, FhirResponse* out) {
  out->status = http.status;
  out->headers = http.headers;
  out->etag = http.Header("etag");
  out->location = http.Header("location");
  if (out->location.empty()) out->location = http.Header("content-location");
  out->last_modified = http.Header("last-modified");
  std::string content_type = http.Header("content-type");
  if (CodeForHttpStatus(http.status) != StatusCode::kOk) {
    out->body = OutcomeFromErrorBody(http.status, content_type, http.body);
    return ClassifyHttpResponse(http.status, out->body);
  }
  if (!http.body.empty()) {
    StatusOr<Json> parsed = Json::Parse(http.body);
    if (!parsed.ok()) {
      out->body = OutcomeFromErrorBody(http.status, content_type, http.body);
      return InternalError(
          "HTTP " + std::to_string(http.status) +
          " with a body that is not JSON: " + parsed.status().message());
    }
    out->body = std::move(parsed).value();
  }
  out->version_id = VersionFromEtag(out->etag);
  if (out->version_id.empty()) {
    if (const Json* meta = out->body.Find("meta")) {
      if (const Json* vid = meta->Find("versionId"))
        out->version_id = vid->str();
    }
  }
  return OkStatus();
}

}  // namespace

bool IsIdempotentBundle(const Json& bundle) {
  const Json* entries = bundle.Find("entry");
  if (entries == nullptr || !entries->is_array()) return true;
  for (const Json& entry : entries->items()) {
    const Json* request = entry.Find("request");
    const Json* method = request != nullptr ? request->Find("method") : nullptr;
    if (method == nullptr) return false;
    const std::string& m = method->str();
    if (m == "GET" || m == "HEAD" || m == "PUT" || m == "DELETE") continue;
    const Json* if_none_exist = request->Find("ifNoneExist");
    if (m == "POST" && if_none_exist != nullptr &&
        !if_none_exist->str().empty()) {
      continue;
    }
    return false;
  }
  return true;
}

FhirClient::FhirClient(std::string base_url, HttpTransport* transport,
                       ClientOptions options)
    : base_url_(std::move(base_url)),
      transport_(transport),
      options_(std::move(options)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
  StatusOr<Url> parsed = ParseUrl(base_url_);
  if (!parsed.ok()) {
    base_status_ =
        InvalidArgumentError("FHIR base URL: " + parsed.status().message());
  } else if (parsed->path_and_query.find('?') != std::string::npos) {
    base_status_ = InvalidArgumentError("FHIR base URL must not have a query");
  }
  Clock real = Clock::Real();
  if (!options_.clock.steady_now) options_.clock.steady_now = real.steady_now;
  if (!options_.clock.wall_now) options_.clock.wall_now = real.wall_now;
  if (!options_.clock.sleep) options_.clock.sleep = real.sleep;
}

void FhirClient::Log(const std::string& line) const {
  if (options_.debug_log) options_.debug_log(line);
}

FhirResult FhirClient::Invalid(std::string message) const {
  FhirResult r;
  r.status = InvalidArgumentError(std::move(message));
  r.response.body = OutcomeFromStatus(r.status);
  return r;
}

FhirRequest FhirClient::Get(std::string url) const {
  FhirRequest r;
  r.method = "GET";
  r.url = std::move(url);
  r.idempotent = true;
  return r;
}

FhirRequest FhirClient::Write(std::string method, std::string url,
                              const Json& body, bool idempotent) const {
  FhirRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  r.body = body.Serialize();
  r.idempotent = idempotent;
  if (options_.prefer_representation) {
    r.headers.emplace_back("Prefer", "return=representation");
  }
  return r;
}

Status FhirClient::AddAuthorization(HttpRequest* request, bool force_refresh) {
  if (options_.token_provider == nullptr) return OkStatus();
  StatusOr<std::string> token = options_.token_provider->Token(force_refresh);
  if (!token.ok()) {
    StatusCode code = token.status().code() == StatusCode::kOk
                          ? StatusCode::kUnauthenticated
                          : token.status().code();
    return Status(code, "token provider: " + token.status().message());
  }
  for (auto& [name, value] : request->headers) {
    if (name == "Authorization") {
      value = "Bearer " + *token;
      return OkStatus();
    }
  }
  request->headers.emplace_back("Authorization", "Bearer " + *token);
  return OkStatus();
}

FhirResult FhirClient::Attempt(const HttpRequest& request,
                               bool* auth_rejected) {
  FhirResult result;
  result.attempts = 1;
  auto started = options_.clock.steady_now();
  StatusOr<HttpResponse> http = transport_->Send(request);
  auto ms =
      std::chrono::duration_cast<Millis>(options_.clock.steady_now() - started);
  if (!http.ok()) {
    result.status = http.status();
    result.response.body = OutcomeFromStatus(result.status);
  } else {
    result.status = Interpret(*http, &result.response);
    std::string retry_after = http->Header("retry-after");
    if (!retry_after.empty()) {
      result.retry_after =
          ParseRetryAfter(retry_after, options_.clock.wall_now());
    }
  }
  *auth_rejected = result.response.status == 401;
  Log(DescribeRequest(request) + " -> " +
      (http.ok() ? std::to_string(http->status) + " " : std::string()) +
      result.status.ToString() + " (" + std::to_string(ms.count()) + " ms)");
  return result;
}

FhirResult FhirClient::Execute(const FhirRequest& req) {
  if (!base_status_.ok()) return Invalid(base_status_.message());
  if (transport_ == nullptr) return Invalid("FhirClient has no transport");
  HttpRequest http;
  http.method = req.method;
  http.url =
      req.url.empty() ? base_url_ : ResolveAgainstBase(base_url_, req.url);
  if (!SameOrigin(http.url, base_url_)) {
    return Invalid("URL is not on the FHIR server's origin: " +
                   RedactUrl(http.url));
  }
  http.body = req.body;
  http.timeout_ms = options_.request_timeout_ms;
  http.replay_safe = req.idempotent;
  http.headers.emplace_back("Accept", kFhirJson);
  if (!http.body.empty()) http.headers.emplace_back("Content-Type", kFhirJson);
  http.headers.emplace_back("User-Agent", options_.user_agent);
  for (const auto& h : req.headers) http.headers.push_back(h);

  RetryOptions retry = options_.retry;
  if (retry.seed != 0) retry.seed += requests_++;
  Backoff backoff(retry, options_.clock);
  bool refreshed = false;
  Status auth = AddAuthorization(&http, false);
  int attempts = 0;
  while (true) {
    FhirResult result;
    if (!auth.ok()) {
      result.status = auth;
      result.response.body = OutcomeFromStatus(auth);
      result.attempts = attempts;
      return result;
    }
    bool auth_rejected = false;
    result = Attempt(http, &auth_rejected);
    attempts += result.attempts;
    result.attempts = attempts;
    if (result.ok()) return result;
    if (auth_rejected && options_.token_provider != nullptr && !refreshed) {
      refreshed = true;
      auth = AddAuthorization(&http, true);
      continue;
    }
    if (!req.idempotent) {
      if (IsRetryable(result.status)) {
        std::string note =
            IsTransportFailure(result)
                ? " (not retried: the request is not idempotent and may have "
                  "been committed; resolve by identifier before resending)"
                : " (not retried: the request is not idempotent)";
        result.status =
            Status(result.status.code(), result.status.message() + note);
      }
      return result;
    }
    std::optional<Millis> delay =
        backoff.NextDelay(result.status, result.retry_after);
    if (!delay) {
      if (!backoff.why().empty()) {
        result.status =
            Status(result.status.code(),
                   result.status.message() + " (" + backoff.why() + ")");
      }
      return result;
    }
    Log("retrying " + http.method + " " + RedactUrl(http.url) + " in " +
        std::to_string(delay->count()) + " ms");
    options_.clock.sleep(*delay);
  }
}

FhirResult FhirClient::Read(std::string_view type, std::string_view id) {
  if (!IsResourceType(type))
    return Invalid("bad resource type \"" + std::string(type) + "\"");
  if (!IsFhirId(id))
    return Invalid("bad resource id \"" + std::string(id) + "\"");
  return Execute(Get(std::string(type) + "/" + std::string(id)));
}

FhirResult FhirClient::VRead(std::string_view type, std::string_view id,
                             std::string_view version_id) {
  if (!IsResourceType(type))
    return Invalid("bad resource type \"" + std::string(type) + "\"");
  if (!IsFhirId(id))
    return Invalid("bad resource id \"" + std::string(id) + "\"");
  if (!IsFhirId(version_id)) {
    return Invalid("bad version id \"" + std::string(version_id) + "\"");
  }
  return Execute(Get(std::string(type) + "/" + std::string(id) + "/_history/" +
                     std::string(version_id)));
}

FhirResult FhirClient::SearchPage(std::string_view type,
                                  std::string_view query) {
  if (!IsResourceType(type))
    return Invalid("bad resource type \"" + std::string(type) + "\"");
  std::string url(type);
  if (!query.empty()) url += "?" + std::string(query);
  return FetchPage(url);
}

FhirResult FhirClient::FetchPage(std::string_view url) {
  FhirRequest req = Get(std::string(url));
  if (options_.strict_search)
    req.headers.emplace_back("Prefer", "handling=strict");
  FhirResult result = Execute(req);
  if (result.ok()) {
    const Json* type = result.response.body.Find("resourceType");
    if (type == nullptr || type->str() != "Bundle") {
      result.status = InternalError("expected a Bundle from " +
                                    RedactUrl(std::string(url)));
      result.response.body = OutcomeFromStatus(result.status);
    }
  }
  return result;
}

SearchResult FhirClient::FetchAllPages(std::string_view url) {
  SearchResult out;
  std::string next = ResolveAgainstBase(base_url_, url);
  PageTracker tracker(base_url_, next, options_.max_pages);
  while (!next.empty()) {
    FhirResult page = FetchPage(next);
    out.last = std::move(page.response);
    if (!page.ok()) {
      out.status = page.status;
      return out;
    }
    const Json& bundle = out.last.body;
    if (out.pages == 0) {
      if (const Json* total = bundle.Find("total")) out.total = total->AsInt();
    }
    ++out.pages;
    if (const Json* entries = bundle.Find("entry");
        entries != nullptr && entries->is_array()) {
      for (const Json& e : entries->items()) out.entries.push_back(e);
    }
    StatusOr<std::string> following = tracker.Next(bundle);
    if (!following.ok()) {
      out.status = following.status();
      return out;
    }
    next = *following;
  }
  return out;
}

SearchResult FhirClient::Search(std::string_view type, std::string_view query) {
  if (!IsResourceType(type)) {
    SearchResult r;
    r.status =
        InvalidArgumentError("bad resource type \"" + std::string(type) + "\"");
    return r;
  }
  std::string url(type);
  if (!query.empty()) url += "?" + std::string(query);
  return FetchAllPages(url);
}

SearchResult FhirClient::Search(std::string_view type,
                                const QueryParams& params) {
  return Search(type, EncodeQuery(params));
}

SearchResult FhirClient::History(std::string_view type, std::string_view id) {
  if (!IsResourceType(type) || !IsFhirId(id)) {
    SearchResult r;
    r.status = InvalidArgumentError("bad resource type or id");
    return r;
  }
  return FetchAllPages(std::string(type) + "/" + std::string(id) + "/_history");
}

FhirResult FhirClient::Create(const Json& resource,
                              std::string_view if_none_exist) {
  const Json* type = resource.Find("resourceType");
  if (type == nullptr || !IsResourceType(type->str())) {
    return Invalid("resource has no valid resourceType");
  }
  FhirRequest req =
      Write("POST", type->str(), resource, !if_none_exist.empty());
  if (!if_none_exist.empty()) {
    req.headers.emplace_back("If-None-Exist", std::string(if_none_exist));
  }
  return Execute(req);
}

FhirResult FhirClient::Update(const Json& resource,
                              std::string_view if_match_version) {
  const Json* type = resource.Find("resourceType");
  const Json* id = resource.Find("id");
  if (type == nullptr || !IsResourceType(type->str())) {
    return Invalid("resource has no valid resourceType");
  }
  if (id == nullptr || !IsFhirId(id->str()))
    return Invalid("resource has no valid id");
  FhirRequest req = Write("PUT", type->str() + "/" + id->str(), resource, true);
  if (!if_match_version.empty()) {
    req.headers.emplace_back("If-Match", IfMatchValue(if_match_version));
  }
  return Execute(req);
}

FhirResult FhirClient::ConditionalUpdate(std::string_view type,
                                         std::string_view query,
                                         const Json& resource) {
  if (!IsResourceType(type))
    return Invalid("bad resource type \"" + std::string(type) + "\"");
  if (query.empty()) return Invalid("conditional update needs a query");
  return Execute(Write("PUT", std::string(type) + "?" + std::string(query),
                       resource, true));
}

FhirResult FhirClient::Delete(std::string_view type, std::string_view id) {
  if (!IsResourceType(type))
    return Invalid("bad resource type \"" + std::string(type) + "\"");
  if (!IsFhirId(id))
    return Invalid("bad resource id \"" + std::string(id) + "\"");
  FhirRequest req;
  req.method = "DELETE";
  req.url = std::string(type) + "/" + std::string(id);
  req.idempotent = true;
  return Execute(req);
}

FhirResult FhirClient::Batch(const Json& bundle, Idempotency idempotency) {
  const Json* rt = bundle.Find("resourceType");
  const Json* type = bundle.Find("type");
  if (rt == nullptr || rt->str() != "Bundle" || type == nullptr ||
      type->str() != "batch") {
    return Invalid("Batch needs a Bundle of type \"batch\"");
  }
  return Execute(
      Write("POST", "", bundle, idempotency == Idempotency::kIdempotent));
}

FhirResult FhirClient::Transaction(const Json& bundle,
                                   Idempotency idempotency) {
  const Json* rt = bundle.Find("resourceType");
  const Json* type = bundle.Find("type");
  if (rt == nullptr || rt->str() != "Bundle" || type == nullptr ||
      type->str() != "transaction") {
    return Invalid("Transaction needs a Bundle of type \"transaction\"");
  }
  return Execute(
      Write("POST", "", bundle, idempotency == Idempotency::kIdempotent));
}

FhirResult FhirClient::Capabilities() { return Execute(Get("metadata")); }

}  // namespace fhir
