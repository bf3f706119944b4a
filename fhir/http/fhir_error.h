// The one error model of the FHIR client: a transport failure, an HTTP
// status and the server's OperationOutcome become one Status whose code
// decides what the caller does (see fhir/status.h):
//
//   transport failure (refused, DNS, TLS, dropped)  kUnavailable      retry
//   transport timeout, 408                          kDeadlineExceeded retry
//   429, 502, 503, 504, other 5xx                   kUnavailable      retry
//   409, 412                                        kAborted          re-read
//   400, 422, other 4xx                             kInvalidArgument  park
//   401                                             kUnauthenticated  new token
//   403                                             kPermissionDenied report
//   404, 410                                        kNotFound         report
//   405, 501 (interaction not supported)            kUnimplemented    fall back
//   413 (payload too large)                         kResourceExhausted shrink
//   3xx (the client does not follow redirects)      kFailedPrecondition
// For statuses that map to kInvalidArgument, the OperationOutcome's first
// error issue code refines the answer: "throttled" -> kUnavailable,
// "too-costly" -> kResourceExhausted, "not-supported" -> kUnimplemented.
//
// The server's OperationOutcome is kept for parking; a body that is not one
// (HTML from a proxy, plain text, other JSON) becomes a synthetic
// OperationOutcome holding its first 200 characters, secrets redacted.
#ifndef ALLIANCE_FHIR_HTTP_FHIR_ERROR_H_
#define ALLIANCE_FHIR_HTTP_FHIR_ERROR_H_

#include <string>
#include <string_view>

#include "fhir/json.h"
#include "fhir/status.h"

namespace fhir {

// The code for an HTTP status alone (kOk for 2xx).
StatusCode CodeForHttpStatus(int http_status);

// "Precondition Failed" for 412; "" for statuses without a known phrase.
const char* HttpReasonPhrase(int http_status);

// The OperationOutcome to keep for an HTTP error response: `body` itself
// when it parses as an OperationOutcome, else a synthetic one (one error
// issue whose code follows the HTTP status and whose diagnostics hold
// "HTTP <status> <phrase>: <first 200 characters of the body as text>").
Json OutcomeFromErrorBody(int http_status, std::string_view content_type,
                          std::string_view body);

// A synthetic OperationOutcome for a failure without a usable response
// (transport failure, unparsable body): one error issue with code
// "timeout", "transient" or "exception" and the status message.
Json OutcomeFromStatus(const Status& status);

// The first error (or fatal) issue's text: diagnostics, else details.text,
// else its code; the first issue of any severity when none is an error;
// "" for anything that is not an OperationOutcome with issues.
std::string OutcomeSummary(const Json& outcome);

// The Status for an HTTP response: OK for 2xx, else the code from the table
// above and the message "HTTP <status> <phrase>: <OutcomeSummary>".
Status ClassifyHttpResponse(int http_status, const Json& outcome);

// "201 Created", "201" -> 201; 0 when `status` does not start with a
// three-digit code (batch and transaction entries carry bare codes on some
// servers, full status lines on others).
int ParseEntryStatus(std::string_view status);

// The Status of one batch/transaction response entry, from
// entry.response.status and entry.response.outcome, classified as above.
// kInternal when the entry has no response.status.
Status ClassifyBundleEntry(const Json& entry);

}  // namespace fhir

#endif  // ALLIANCE_FHIR_HTTP_FHIR_ERROR_H_
