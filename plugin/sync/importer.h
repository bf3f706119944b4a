// Import into the store: each accepted record becomes a revision (unchanged
// content changes nothing) and every new revision is queued for sync. The
// document of a consent is kept in the store (inline, base64) so that the
// record can be sent, and its hashes checked, without the original file.
#ifndef ALLIANCE_PLUGIN_SYNC_IMPORTER_H_
#define ALLIANCE_PLUGIN_SYNC_IMPORTER_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "fhir/json.h"
#include "fhir/status.h"
#include "mappings/records/record.h"
#include "plugin/intake/record_intake.h"
#include "plugin/store/store.h"

namespace plugin {

struct StoreImportSummary {
  std::size_t lines = 0;
  std::size_t new_records = 0;
  std::size_t new_revisions = 0;  // changed records (new revisions)
  std::size_t unchanged = 0;
  std::size_t rejected = 0;
  std::size_t warnings = 0;

  fhir::Json ToJson() const;
  std::string ToText() const;
};

// Stores one accepted record and queues its new revision. Returns whether
// it was new, changed or unchanged in `summary`.
fhir::Status StoreRecord(const mappings::Record& record, Store* store,
                         std::int64_t now_ms, StoreImportSummary* summary);

// Reads a JSON Lines file: rejected lines are reported to `messages` as
// FILE:LINE: field: reason; good lines are stored. A non-OK Status only for
// an unreadable file or a store failure (nothing half-stored: each record
// is one store transaction).
fhir::Status ImportFile(const std::string& path, const IntakeContext& intake,
                        std::size_t max_line_bytes, Store* store,
                        std::int64_t now_ms, std::ostream* messages,
                        StoreImportSummary* summary);

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_SYNC_IMPORTER_H_
