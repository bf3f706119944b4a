// HttpTransport: plain HTTP request/response types and the seam the FHIR
// client sends through (after libcpr: transport failure is separate from the
// HTTP status).
//
// Send() returns a non-OK Status only when no HTTP response arrived:
//   kUnavailable       DNS failure, connection refused, TLS failure,
//                      connection dropped before a complete response
//   kDeadlineExceeded  connect or request timeout
//   kFailedPrecondition the transport is misconfigured (bad CA/cert file,
//                      bad proxy URL): retrying will not help
//   kInvalidArgument   the request's URL is not an http(s) URL, or a header
//                      holds a line break or NUL (header injection)
// The message says which, and never contains header values. Every HTTP
// status, 4xx and 5xx included, is an OK StatusOr holding the response; only
// the FHIR client (fhir/http/fhir_client.h) gives statuses a meaning.
//
// NewHttpTransport() is implemented with cpprestsdk; its headers stay inside
// cpprest_transport.cc. Tests may implement HttpTransport themselves.
#ifndef ALLIANCE_FHIR_HTTP_HTTP_TRANSPORT_H_
#define ALLIANCE_FHIR_HTTP_HTTP_TRANSPORT_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fhir/status.h"

namespace fhir {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;   // "GET", "POST", ...
  std::string url;      // absolute: http(s)://host[:port]/path?query
  HttpHeaders headers;  // may hold secrets (Authorization): see redact.h
  std::string body;     // sent as is; empty: no body
  // 0: the transport's TransportOptions::request_timeout_ms.
  int timeout_ms = 0;
  // POST and PATCH are sent on a new connection unless this is true.
  // cpprestsdk silently re-sends a request when a reused keep-alive
  // connection turns out to be closed; for a request that is not idempotent
  // and whose connection was dropped *after* the server committed it, that
  // re-send would commit it twice. Set it only for requests that are safe to
  // repeat (e.g. a conditional create). Other methods always reuse.
  bool replay_safe = false;
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;  // names lower-case, in arrival order
  std::string body;  // decoded (gzip removed) when the transport asked for it

  // The first value of header `name` (any case), or "" when absent.
  std::string Header(std::string_view name) const;
};

// An HTTP client. Implementations are thread-safe: Send may be called from
// several threads at once.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Blocks until the response is complete or the request fails. Never throws.
  virtual StatusOr<HttpResponse> Send(const HttpRequest& request) = 0;
};

struct TransportOptions {
  // Time allowed to resolve, connect and (for https) complete the TLS
  // handshake. Default: 10000.
  int connect_timeout_ms = 10000;
  // Time allowed for a whole request, connect included, until the last byte
  // of the response body. Default: 60000.
  int request_timeout_ms = 60000;
  // Verify the server's certificate chain and host name. Turn off only for
  // tests against a self-signed server. Default: true.
  bool verify_tls = true;
  // PEM file of trusted CAs, added to the system's. Default: "" (system only).
  std::string ca_file;
  // PEM client certificate (chain) and private key for mutual TLS.
  // Default: "" (no client certificate).
  std::string client_cert_file;
  std::string client_key_file;
  // HTTP proxy, e.g. "http://proxy.example:3128". Default: "" (direct).
  std::string proxy_url;
  // Requests in flight at once per scheme://host:port; further Send calls
  // wait for a slot (the wait counts against the request timeout).
  // Default: 4.
  int max_connections = 4;
  // Sent as User-Agent unless the request sets one. Default: "alliance-fhir".
  std::string user_agent = "alliance-fhir";
  // Send Accept-Encoding (gzip, deflate) and decode compressed responses.
  // Default: true.
  bool gzip = true;
};

// A transport over cpprestsdk: one client (and keep-alive connection pool)
// per scheme://host:port, reused across calls; TLS 1.2 or newer. Options are
// checked here; a bad CA or certificate file makes every Send fail with
// kFailedPrecondition saying which file. Never returns nullptr.
std::unique_ptr<HttpTransport> NewHttpTransport(
    const TransportOptions& options);

}  // namespace fhir

#endif  // ALLIANCE_FHIR_HTTP_HTTP_TRANSPORT_H_
