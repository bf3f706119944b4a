// FhirClient: the FHIR R4 REST interactions over an HttpTransport, with the
// project's error model (fhir_error.h), retries (retry.h) and token refresh.
//
// Every interaction returns a FhirResult: `status` says what to do next (see
// fhir/status.h), `response` keeps what the server answered. On failure
// response.body is always an OperationOutcome (the server's, or a synthetic
// one for a transport failure or a non-FHIR error body), so a caller that
// parks a record has something to store.
//
// Retries: kUnavailable and kDeadlineExceeded failures are retried with
// backoff only for idempotent requests: GET, PUT, DELETE, create with
// If-None-Exist, and batch/transaction Bundles the caller declares
// idempotent. A POST whose answer was lost (connection dropped, timeout) may
// have been committed; sending it again could create a duplicate, so the
// client returns the failure and the caller resolves it by identifier
// before trying again. A 401 is answered once per request by asking the
// TokenProvider for a fresh token and resending (the server did not process
// the request); a second 401 is kUnauthenticated.
//
// The client only talks to its base URL's origin: absolute URLs elsewhere
// (including a search's next link) are refused, so the token never leaves.
// Thread-safe when the transport, the token provider and the clock are.
#ifndef ALLIANCE_FHIR_HTTP_FHIR_CLIENT_H_
#define ALLIANCE_FHIR_HTTP_FHIR_CLIENT_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fhir/http/http_transport.h"
#include "fhir/http/retry.h"
#include "fhir/http/token_provider.h"
#include "fhir/http/url.h"
#include "fhir/json.h"
#include "fhir/status.h"

namespace fhir {

struct ClientOptions {
  // Default: "alliance-fhir".
  std::string user_agent = "alliance-fhir";
  // Send "Prefer: return=representation" on create, update and
  // transactions, so the answer carries the stored resource. Default: true.
  bool prefer_representation = true;
  // Send "Prefer: handling=strict" on searches: a server that supports it
  // rejects unknown parameters instead of ignoring them. Default: true.
  bool strict_search = true;
  // Backoff, attempts and time limits for retryable failures.
  RetryOptions retry;
  // Clock and sleep used by retries. Default: Clock::Real().
  Clock clock;
  // Not owned; must outlive the client. Default: nullptr (no Authorization).
  TokenProvider* token_provider = nullptr;
  // Search and History fail with kResourceExhausted beyond this many pages.
  // Default: 1000.
  int max_pages = 1000;
  // Timeout of one HTTP request; 0 uses the transport's. Default: 0.
  int request_timeout_ms = 0;
  // Receives one line per HTTP attempt: method, URL and headers with secrets
  // redacted, the result and the time taken; never bodies. Default: none.
  std::function<void(const std::string&)> debug_log;
};

struct FhirResponse {
  int status = 0;  // HTTP status; 0 when no response arrived
  // The parsed body (null when empty). On failure: an OperationOutcome.
  Json body;
  std::string etag;           // ETag as sent, e.g. W/"3"
  std::string location;       // Location, else Content-Location
  std::string last_modified;  // Last-Modified as sent
  // From the ETag (W/"x" -> x), else the body's meta.versionId.
  std::string version_id;
  HttpHeaders headers;  // all response headers, names lower-case
};

struct FhirResult {
  Status status;          // OK for 2xx, else classified (fhir_error.h)
  FhirResponse response;  // the last attempt's
  int attempts = 0;       // HTTP requests sent for this interaction
  // The last response's Retry-After, for a caller that reschedules.
  std::optional<Millis> retry_after;

  bool ok() const { return status.ok(); }
};

struct SearchResult {
  Status status;
  // Bundle.entry of every page in order (search.mode "match" and "include").
  std::vector<Json> entries;
  int pages = 0;
  std::optional<std::int64_t> total;  // Bundle.total of the first page
  FhirResponse last;  // the last page's response (the failing one on error)

  bool ok() const { return status.ok(); }
};

enum class Idempotency { kNotIdempotent, kIdempotent };

// True when resending `bundle` cannot create duplicates: every entry's
// request is GET, HEAD, PUT or DELETE, or a POST with ifNoneExist.
bool IsIdempotentBundle(const Json& bundle);

// One request for Execute().
struct FhirRequest {
  std::string method;
  // Relative to the base ("Patient/1", "Goal?identifier=..."; "" is the base
  // itself) or absolute on the base's origin.
  std::string url;
  std::string body;     // serialized resource; "" for none
  HttpHeaders headers;  // added to the client's standard headers
  bool idempotent = false;
};

class FhirClient {
 public:
  // `base_url`: the service base, e.g. "https://ehr.example/fhir/R4" (a
  // trailing '/' is dropped). `transport` is not owned and must outlive the
  // client. An invalid base URL makes every call fail with kInvalidArgument.
  FhirClient(std::string base_url, HttpTransport* transport,
             ClientOptions options = {});

  const std::string& base_url() const { return base_url_; }

  // GET [base]/Type/id. 404/410 -> kNotFound.
  FhirResult Read(std::string_view type, std::string_view id);
  // GET [base]/Type/id/_history/vid.
  FhirResult VRead(std::string_view type, std::string_view id,
                   std::string_view version_id);

  // GET [base]/Type?query and every following page. `query` is already
  // encoded ("identifier=" + IdentifierQuery-style text, or EncodeQuery()).
  SearchResult Search(std::string_view type, std::string_view query);
  SearchResult Search(std::string_view type, const QueryParams& params);
  // One page: GET [base]/Type?query, the searchset Bundle in response.body.
  FhirResult SearchPage(std::string_view type, std::string_view query);
  // One page by URL (a next link), relative or absolute on the base origin.
  FhirResult FetchPage(std::string_view url);
  // A URL's page and every following page.
  SearchResult FetchAllPages(std::string_view url);
  // GET [base]/Type/id/_history, all pages.
  SearchResult History(std::string_view type, std::string_view id);

  // POST [base]/Type. With `if_none_exist` (an encoded query such as
  // "identifier=sys%7Cval") the create is conditional: 201 created, 200 the
  // one existing match (returned), 412 several matches -> kAborted; and it
  // is retried when the answer is lost. Without it, it is never retried.
  FhirResult Create(const Json& resource, std::string_view if_none_exist = {});
  // PUT [base]/Type/id (from the resource). With `if_match_version` the
  // update happens only if the current version is that one
  // (If-Match: W/"vid"); otherwise 412 -> kAborted.
  FhirResult Update(const Json& resource,
                    std::string_view if_match_version = {});
  // PUT [base]/Type?query: update the one match, or create when none;
  // several matches -> 412 -> kAborted.
  FhirResult ConditionalUpdate(std::string_view type, std::string_view query,
                               const Json& resource);
  // DELETE [base]/Type/id. Retried when the answer is lost, so a delete that
  // did happen may report 404/410 (kNotFound) on the retry.
  FhirResult Delete(std::string_view type, std::string_view id);

  // POST [base] with a Bundle of type "batch" / "transaction"; the response
  // Bundle is in response.body (batch: check each entry with
  // ClassifyBundleEntry). `idempotency` says whether a lost answer may be
  // retried; pass IsIdempotentBundle(bundle) unless you know better.
  FhirResult Batch(const Json& bundle, Idempotency idempotency);
  FhirResult Transaction(const Json& bundle, Idempotency idempotency);

  // GET [base]/metadata: the CapabilityStatement.
  FhirResult Capabilities();

  // Any request, with the standard headers, auth, retries and error model.
  FhirResult Execute(const FhirRequest& request);

 private:
  FhirResult Attempt(const HttpRequest& request, bool* auth_rejected);
  Status AddAuthorization(HttpRequest* request, bool force_refresh);
  FhirRequest Get(std::string url) const;
  FhirRequest Write(std::string method, std::string url, const Json& body,
                    bool idempotent) const;
  FhirResult Invalid(std::string message) const;
  void Log(const std::string& line) const;

  std::string base_url_;
  Status base_status_;  // non-OK when base_url is unusable
  HttpTransport* transport_;
  ClientOptions options_;
  std::atomic<std::uint64_t> requests_{0};  // varies the jitter seed
};

}  // namespace fhir

#endif  // ALLIANCE_FHIR_HTTP_FHIR_CLIENT_H_
