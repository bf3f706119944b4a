// Redaction of secrets for anything printed or logged by the HTTP layer.
//
// Authorization values, tokens, cookies and API keys are never printed. Every
// debug line about a request or response goes through these helpers; error
// messages built from server bodies go through RedactSecrets().
#ifndef ALLIANCE_FHIR_HTTP_REDACT_H_
#define ALLIANCE_FHIR_HTTP_REDACT_H_

#include <string>
#include <string_view>

#include "fhir/http/http_transport.h"

namespace fhir {

inline constexpr std::string_view kRedacted = "[redacted]";

// True for headers whose value is a secret: authorization,
// proxy-authorization, cookie, set-cookie, x-api-key, api-key, x-auth-token,
// and any name containing "token" or "secret" (case-insensitive).
bool IsSecretHeader(std::string_view name);

// The value to print for header `name`: the value itself, or for a secret
// header its auth scheme only ("Bearer [redacted]", else "[redacted]").
std::string RedactHeaderValue(std::string_view name, std::string_view value);

// "Name: value" lines joined by "\n", secrets redacted.
std::string FormatHeaders(const HttpHeaders& headers);

// The URL with the values of secret-looking query parameters (access_token,
// client_secret, password, api_key, any name containing "token" or "secret")
// replaced.
std::string RedactUrl(std::string_view url);

// Free text (e.g. an error body) with what follows "Bearer ", "Basic ",
// "access_token", "refresh_token", "id_token", "client_secret", "password",
// "authorization" or "api_key" replaced up to the next separator.
std::string RedactSecrets(std::string_view text);

// One line for a debug log: "GET <redacted url>" plus redacted headers, and
// the body size (never the body: it holds health data).
std::string DescribeRequest(const HttpRequest& request);

}  // namespace fhir

#endif  // ALLIANCE_FHIR_HTTP_REDACT_H_
