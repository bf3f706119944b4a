// Resolver: medical record numbers -> Patient/<id>, staff ids ->
// Practitioner/<id>, by identifier search on the server, cached in the
// store. A patient that is not found is searched for again on the next sync
// (the negative answer is remembered only for the current run).
#ifndef ALLIANCE_PLUGIN_SYNC_RESOLVER_H_
#define ALLIANCE_PLUGIN_SYNC_RESOLVER_H_

#include <set>
#include <string>

#include "fhir/status.h"
#include "plugin/sync/sync_context.h"

namespace plugin {

class Resolver {
 public:
  // `ctx` must outlive the resolver.
  explicit Resolver(const SyncContext& ctx) : ctx_(ctx) {}

  // Adds the patient to `dir` and returns true when found; false when the
  // server has no such patient. A non-OK Status: the server could not be
  // asked (the caller stops and retries later).
  fhir::StatusOr<bool> Patient(const std::string& mrn,
                               mappings::ReferenceDirectory* dir);
  // Adds the staff member to `dir` when found; unknown staff still map (by
  // identifier, with a warning), so only a failed search is an error.
  fhir::Status Staff(const std::string& staff_id,
                     mappings::ReferenceDirectory* dir);

 private:
  fhir::StatusOr<std::string> Lookup(const std::string& type,
                                     const std::string& system,
                                     const std::string& value);

  const SyncContext& ctx_;
  std::set<std::string> missing_this_run_;  // "Patient|MRN"
};

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_SYNC_RESOLVER_H_
