// TokenProvider: the seam through which the FHIR client gets a bearer token
// (an OAuth2 client, a file re-read, a test double). Optional: a client
// without one sends no Authorization header.
#ifndef ALLIANCE_FHIR_HTTP_TOKEN_PROVIDER_H_
#define ALLIANCE_FHIR_HTTP_TOKEN_PROVIDER_H_

#include <string>

#include "fhir/status.h"

namespace fhir {

class TokenProvider {
 public:
  virtual ~TokenProvider() = default;

  // The current access token (a secret: never log it). `force_refresh` is
  // true after the server answered 401 to the previous one: obtain a new
  // token instead of a cached one. A non-OK Status (kUnauthenticated,
  // kUnavailable, ...) fails the request with that Status. Must be
  // thread-safe: the client calls it from every thread that sends.
  virtual StatusOr<std::string> Token(bool force_refresh) = 0;
};

}  // namespace fhir

#endif  // ALLIANCE_FHIR_HTTP_TOKEN_PROVIDER_H_
