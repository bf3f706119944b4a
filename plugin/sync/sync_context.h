// What the sync engine works with: the store (the truth about what was
// received and sent), the FHIR client, the mapping context and the options.
// Nothing here is owned; all pointers must outlive the sync.
#ifndef ALLIANCE_PLUGIN_SYNC_SYNC_CONTEXT_H_
#define ALLIANCE_PLUGIN_SYNC_SYNC_CONTEXT_H_

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "fhir/http/fhir_client.h"
#include "mappings/context.h"
#include "plugin/store/store.h"

namespace plugin {

enum class ConflictPolicy { kServerWins, kLocalWins, kManual };
const char* ConflictPolicyName(ConflictPolicy p);

struct SyncOptions {
  // Most entries in one transaction Bundle; a record's resources always
  // travel together. Default: 100. Servers that refuse a Bundle this big
  // answer 400, and the engine splits it (bisect) until it passes.
  std::size_t bundle_size = 100;
  // A record changed both here and on the server. Default: server-wins.
  ConflictPolicy conflict_policy = ConflictPolicy::kServerWins;
  // Push rounds in one sync (a round re-sends what failed transiently).
  // Default: 8.
  int max_rounds = 8;
  // Longest total wait for transient failures within one sync. Default: 60 s.
  std::int64_t max_wait_ms = 60000;
  // First backoff after a failed bundle without Retry-After. Default: 500 ms.
  std::int64_t backoff_ms = 500;
  // Resource types pulled back from the server.
  std::vector<std::string> pull_types = {"Goal", "CarePlan", "Consent"};
};

struct SyncContext {
  Store* store = nullptr;
  fhir::FhirClient* client = nullptr;
  mappings::MappingContext mapping;  // directory is filled by the engine
  SyncOptions options;
  std::function<std::int64_t()> now_ms;               // the clock
  std::function<void(std::int64_t ms)> sleep_ms;      // waiting for retries
  std::ostream* log = nullptr;                        // ids only, no patient data
  // Called after each bundle: (records done, records to do).
  std::function<void(std::size_t, std::size_t)> progress;
};

// meta.tag system carrying, as its code, the content hash of what we sent:
// after a lost answer, a server copy with our hash is our own write (not a
// change made in the EHR).
inline constexpr const char* kSentHashTagSystem =
    "http://alliance-fhir.org/fhir/CodeSystem/sent-content-hash";

// The record a resource with our business identifier belongs to:
// ("Observation", "r-1:total") -> rating/r-1; ("Goal", "g-5") -> goal/g-5.
// Empty kind when the type is not one we write.
RecordKey RecordKeyFor(const std::string& resource_type,
                       const std::string& identifier_value);

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_SYNC_SYNC_CONTEXT_H_
