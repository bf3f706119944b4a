// Transaction Bundles: entries keyed on business identifiers so that sending
// the same Bundle twice changes nothing (conditional create) and a changed
// record updates the resource it made before (conditional update).
//
// BundleWriter streams entries to an std::ostream so that a Bundle of any
// size is written in constant memory. Nothing here does network I/O.
#ifndef ALLIANCE_FHIR_BUNDLE_H_
#define ALLIANCE_FHIR_BUNDLE_H_

#include <utility>
#include <vector>
#include <ostream>
#include <string>

#include "fhir/json.h"

namespace fhir {

enum class EntryMethod {
  kConditionalCreate,  // POST Type, ifNoneExist: identifier=system|value
  kConditionalUpdate,  // PUT Type?identifier=system|value
};

// "identifier=<system>|<value>" with the search-parameter escaping FHIR asks
// for ('\', ',', '$', '|' inside a value are escaped with '\'), then
// percent-encoded for use in a URL query.
std::string IdentifierQuery(const std::string& system, const std::string& value);

// One transaction entry: { fullUrl, resource, request }.
Json TransactionEntry(const std::string& full_url, Json resource,
                      EntryMethod method, const std::string& identifier_query);

// Replaces every Reference.reference string found in `resource` (at any
// depth) that is a key of `targets` by the mapped value, e.g. a conditional
// "Goal?identifier=s|g-5" by the "urn:uuid:..." fullUrl of the Goal's entry.
// `targets` is a short list (the resources of one record): a flat table
// beats a map here.
// Returns how many references were rewritten.
using ReferenceTargets = std::vector<std::pair<std::string, std::string>>;
int RewriteReferences(Json* resource, const ReferenceTargets& targets);

class BundleWriter {
 public:
  // Writes the Bundle head at once; `out` must outlive the writer.
  BundleWriter(std::ostream* out, const char* type = "transaction");
  ~BundleWriter();  // closes the Bundle if Finish() was not called
  void Add(const Json& entry);
  void Finish();
  std::size_t entries() const { return entries_; }

 private:
  std::ostream* out_;
  std::size_t entries_ = 0;
  bool finished_ = false;
  std::string buffer_;  // reused for each entry's text
};

}  // namespace fhir

#endif  // ALLIANCE_FHIR_BUNDLE_H_
