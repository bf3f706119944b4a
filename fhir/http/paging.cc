#include "fhir/http/paging.h"

#include "fhir/http/url.h"

namespace fhir {

std::string NextLink(const Json& bundle) {
  const Json* links = bundle.Find("link");
  if (links == nullptr || !links->is_array()) return "";
  for (const Json& link : links->items()) {
    const Json* relation = link.Find("relation");
    const Json* url = link.Find("url");
    if (relation != nullptr && url != nullptr && relation->str() == "next") {
      return url->str();
    }
  }
  return "";
}

PageTracker::PageTracker(std::string base_url, std::string first_url,
                         int max_pages)
    : base_url_(std::move(base_url)), max_pages_(max_pages) {
  seen_.insert(std::move(first_url));
}

StatusOr<std::string> PageTracker::Next(const Json& bundle) {
  ++pages_;
  std::string link = NextLink(bundle);
  if (link.empty()) return std::string();
  std::string url = ResolveAgainstBase(base_url_, link);
  if (!SameOrigin(url, base_url_)) {
    return FailedPreconditionError(
        "search page " + std::to_string(pages_) +
        ": next link leaves the server's origin; not followed");
  }
  if (!seen_.insert(url).second) {
    return FailedPreconditionError("search page " + std::to_string(pages_) +
                                   ": next link repeats an earlier page "
                                   "(server paging loop)");
  }
  if (pages_ >= max_pages_) {
    return Status(StatusCode::kResourceExhausted, "search stopped after " +
                                                      std::to_string(pages_) +
                                                      " pages (page limit)");
  }
  return url;
}

}  // namespace fhir
