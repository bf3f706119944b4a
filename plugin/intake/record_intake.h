// Record intake: one line of a clinic file -> a checked Record, or the
// reasons it is rejected. Runs the contract checks (mappings/records), the
// instrument checks for ratings, and loads and verifies consent documents.
// The same path serves import, the local endpoint and the C API.
#ifndef ALLIANCE_PLUGIN_INTAKE_RECORD_INTAKE_H_
#define ALLIANCE_PLUGIN_INTAKE_RECORD_INTAKE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "fhir/issues.h"
#include "mappings/records/record.h"

namespace mappings {
class InstrumentCatalog;
}

namespace plugin {

struct IntakeContext {
  // Consent documents named by "path" are read relative to this folder;
  // empty = documents by path are not allowed (endpoint, C API).
  std::string base_dir;
  // Not owned; ratings are checked against it. Required for ratings.
  const mappings::InstrumentCatalog* instruments = nullptr;
  // Largest consent document read, in bytes. Default: 64 MiB.
  std::size_t max_document_bytes = 64u << 20;
};

// Parses and checks one JSON text. Returns the record, or nullopt when any
// error was found (all of them are in `issues`, with field paths such as
// "answers.4"). Warnings may accompany an accepted record.
std::optional<mappings::Record> TakeRecord(std::string_view json_text,
                                           const IntakeContext& ctx,
                                           fhir::Issues* issues);

// "FILE:LINE: field: reason" (and "FILE:LINE: warning: field: reason").
std::string FormatIssue(const std::string& file, std::size_t line,
                        const fhir::Issue& issue);

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_INTAKE_RECORD_INTAKE_H_
