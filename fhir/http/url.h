// URL helpers for the FHIR REST client: parsing http(s) URLs, resolving the
// links a server returns (Bundle `next`, Location) against the service base,
// and percent-encoding query parameters. Pure functions, no I/O.
#ifndef ALLIANCE_FHIR_HTTP_URL_H_
#define ALLIANCE_FHIR_HTTP_URL_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fhir/status.h"

namespace fhir {

struct Url {
  std::string scheme;          // "http" or "https", lower-case
  std::string host;            // lower-case; an IPv6 address keeps its brackets
  int port = 0;                // explicit, or 80 / 443 from the scheme
  std::string path_and_query;  // starts with '/'; "/" when the URL has none

  // "scheme://host:port", the key for connection reuse and for deciding
  // where credentials may be sent.
  std::string Origin() const;
};

// Parses an absolute http or https URL. A fragment is dropped. Fails with
// kInvalidArgument for other schemes, a missing host, a bad port, or user
// information ("user:pass@host" would put a secret in logs).
StatusOr<Url> ParseUrl(std::string_view url);

// True when both parse and have the same Origin().
bool SameOrigin(std::string_view a, std::string_view b);

// Resolves `link` the way FHIR servers mean it: an absolute URL stays as is;
// "//host/path" takes the base's scheme; "/path" takes the base's origin;
// anything else ("Patient?page=2", "Patient/1/_history/2") is relative to
// the service base itself, i.e. base + "/" + link (not RFC 3986's rule, which
// would drop the base's last segment). `base` has no trailing slash.
std::string ResolveAgainstBase(std::string_view base, std::string_view link);

// Percent-encodes every byte except RFC 3986 unreserved characters.
std::string PercentEncode(std::string_view text);

// "name=value&name=value", names and values percent-encoded.
using QueryParams = std::vector<std::pair<std::string, std::string>>;
std::string EncodeQuery(const QueryParams& params);

// Percent-encodes the bytes that may not appear in a URI (space, '|', '"',
// '<', '>', '\\', '^', '`', '{', '}', controls, non-ASCII) and leaves
// everything else, existing %XX escapes included, untouched. Servers put raw
// '|' in links; the wire needs them escaped.
std::string EscapeUrlForWire(std::string_view url);

}  // namespace fhir

#endif  // ALLIANCE_FHIR_HTTP_URL_H_
