// Bundle: table and invariants bdl-1 .. bdl-12. Entry resources are
// validated as resources of their own (walker -> ValidateResourceAt).
#include <algorithm>
#include <utility>
#include <vector>

#include "fhir/validation/resources.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

// bdl-5 and bdl-8 on one entry.
void CheckEntry(const Json& entry, const Path& path, Context& ctx) {
  if (!Has(entry, "resource") && !Has(entry, "request") &&
      !Has(entry, "response")) {
    Invariant(ctx, path, "bdl-5",
              "must be a resource unless there's a request or response");
  }
  if (StringMember(entry, "fullUrl").find("/_history/") !=
      std::string_view::npos) {
    Invariant(ctx, path, "bdl-8",
              "fullUrl cannot be a version specific reference");
  }
}

std::string_view FirstResourceType(const Json& entries) {
  if (entries.empty()) return {};
  const Json* r = FindMember(entries.at(0), "resource");
  return r != nullptr ? StringMember(*r, "resourceType") : std::string_view();
}

// bdl-2, bdl-3, bdl-4 on each entry, and bdl-7 across entries.
void CheckEntries(const Json& entries, std::string_view type,
                  const Path& bundle_path, Context& ctx) {
  const bool searchset = type == "searchset", history = type == "history";
  const bool want_request = type == "batch" || type == "transaction" || history;
  const bool want_response =
      type == "batch-response" || type == "transaction-response" || history;
  // (fullUrl, versionId, entry index) for bdl-7.
  std::vector<
      std::pair<std::pair<std::string_view, std::string_view>, std::size_t>>
      urls;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Json& e = entries.at(i);
    if (!e.is_object()) continue;
    Path path(bundle_path, "entry", i);
    if (Has(e, "search") && !searchset) {
      Invariant(ctx, path, "bdl-2", "entry.search only when a search");
    }
    if (Has(e, "request") != want_request) {
      Invariant(ctx, path, "bdl-3",
                "entry.request mandatory for batch/transaction/history, "
                "otherwise prohibited");
    }
    if (Has(e, "response") != want_response) {
      Invariant(ctx, path, "bdl-4",
                "entry.response mandatory for batch-response/"
                "transaction-response/history, otherwise prohibited");
    }
    std::string_view full_url = StringMember(e, "fullUrl");
    if (!history && !full_url.empty()) {
      const Json* r = FindMember(e, "resource");
      const Json* meta = r != nullptr ? FindMember(*r, "meta") : nullptr;
      std::string_view version = meta != nullptr
                                     ? StringMember(*meta, "versionId")
                                     : std::string_view();
      urls.push_back({{full_url, version}, i});
    }
  }
  std::sort(urls.begin(), urls.end());
  for (std::size_t i = 1; i < urls.size(); ++i) {
    if (urls[i].first == urls[i - 1].first) {
      Path path(bundle_path, "entry", urls[i].second);
      Invariant(ctx, path, "bdl-7",
                "fullUrl must be unique in a bundle, or else entries with the "
                "same fullUrl must have different meta.versionId");
    }
  }
}

void CheckBundle(const Json& bundle, const Path& path, Context& ctx) {
  const std::string_view type = StringMember(bundle, "type");
  if (type.empty()) return;
  if (Has(bundle, "total") && type != "searchset" && type != "history") {
    Invariant(ctx, path, "bdl-1", "total only when a search or history");
  }
  const Json* entries = FindMember(bundle, "entry");
  const bool have_entries = entries != nullptr && entries->is_array();
  if (have_entries) CheckEntries(*entries, type, path, ctx);
  if (type == "document") {
    const Json* id = FindMember(bundle, "identifier");
    if (id == nullptr || !Has(*id, "system") || !Has(*id, "value")) {
      Invariant(ctx, path, "bdl-9",
                "a document must have an identifier with a system and a "
                "value");
    }
    if (!Has(bundle, "timestamp")) {
      Invariant(ctx, path, "bdl-10", "a document must have a date");
    }
    if (!have_entries || FirstResourceType(*entries) != "Composition") {
      Invariant(ctx, path, "bdl-11",
                "a document must have a Composition as the first resource");
    }
  }
  if (type == "message" &&
      (!have_entries || FirstResourceType(*entries) != "MessageHeader")) {
    Invariant(ctx, path, "bdl-12",
              "a message must have a MessageHeader as the first resource");
  }
}

constexpr ElementDef kLinkElements[] = {
    Elem("relation", kString, Card::k11),
    Elem("url", kUri, Card::k11),
};
const TypeDef kLink = BackboneType("Bundle.link", kLinkElements);

constexpr ElementDef kSearchElements[] = {
    Elem("mode", kCode, Card::k01, &kSearchEntryMode),
    Elem("score", kDecimal, Card::k01),
};
const TypeDef kSearch = BackboneType("Bundle.entry.search", kSearchElements);

constexpr ElementDef kRequestElements[] = {
    Elem("method", kCode, Card::k11, &kHttpVerb),
    Elem("url", kUri, Card::k11),
    Elem("ifNoneMatch", kString, Card::k01),
    Elem("ifModifiedSince", kInstant, Card::k01),
    Elem("ifMatch", kString, Card::k01),
    Elem("ifNoneExist", kString, Card::k01),
};
const TypeDef kRequest = BackboneType("Bundle.entry.request", kRequestElements);

constexpr ElementDef kResponseElements[] = {
    Elem("status", kString, Card::k11),
    Elem("location", kUri, Card::k01),
    Elem("etag", kString, Card::k01),
    Elem("lastModified", kInstant, Card::k01),
    Elem("outcome", kAnyResource, Card::k01),
};
const TypeDef kResponse =
    BackboneType("Bundle.entry.response", kResponseElements);

constexpr ElementDef kEntryElements[] = {
    Elem("link", kLink, Card::k0N),
    Elem("fullUrl", kUri, Card::k01),
    Elem("resource", kAnyResource, Card::k01),
    Elem("search", kSearch, Card::k01),
    Elem("request", kRequest, Card::k01),
    Elem("response", kResponse, Card::k01),
};
const TypeDef kEntry =
    BackboneType("Bundle.entry", kEntryElements, &CheckEntry);

constexpr ElementDef kBundleElements[] = {
    Elem("identifier", kIdentifier, Card::k01),
    Elem("type", kCode, Card::k11, &kBundleType),
    Elem("timestamp", kInstant, Card::k01),
    Elem("total", kUnsignedInt, Card::k01),
    Elem("link", kLink, Card::k0N),
    Elem("entry", kEntry, Card::k0N),
    Elem("signature", kSignature, Card::k01),
};

}  // namespace

const TypeDef kBundle =
    ResourceType("Bundle", kBundleElements, &CheckBundle, Base::kResource);

}  // namespace validation_internal
}  // namespace fhir
