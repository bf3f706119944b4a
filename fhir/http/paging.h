// Following search result pages: the Bundle `next` link, resolved against
// the service base, with protection against servers that loop.
#ifndef ALLIANCE_FHIR_HTTP_PAGING_H_
#define ALLIANCE_FHIR_HTTP_PAGING_H_

#include <set>
#include <string>
#include <string_view>

#include "fhir/json.h"
#include "fhir/status.h"

namespace fhir {

// The `url` of the Bundle.link whose relation is "next", as written; "" when
// there is none.
std::string NextLink(const Json& bundle);

// Tracks the pages of one search. Not thread-safe.
class PageTracker {
 public:
  // `base_url`: the service base; `first_url`: the absolute URL of page 1.
  PageTracker(std::string base_url, std::string first_url, int max_pages);

  // Called with each page as it arrives. Returns the absolute URL of the
  // next page, or "" after the last one. Fails with kFailedPrecondition when
  // the next link repeats a URL already fetched (a server loop) or leaves
  // the base's origin (the client would send its credentials elsewhere),
  // and with kResourceExhausted when another page would exceed max_pages.
  StatusOr<std::string> Next(const Json& bundle);

  int pages() const { return pages_; }

 private:
  std::string base_url_;
  std::set<std::string> seen_;
  int max_pages_;
  int pages_ = 0;
};

}  // namespace fhir

#endif  // ALLIANCE_FHIR_HTTP_PAGING_H_
