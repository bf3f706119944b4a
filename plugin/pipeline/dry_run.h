// The offline import pipeline: read -> check -> map -> validate -> write the
// transaction Bundle that a sync would send. Streams: memory does not grow
// with the number of records.
#ifndef ALLIANCE_PLUGIN_PIPELINE_DRY_RUN_H_
#define ALLIANCE_PLUGIN_PIPELINE_DRY_RUN_H_

#include <cstddef>
#include <map>
#include <ostream>
#include <set>
#include <string>

#include "fhir/bundle.h"
#include "fhir/json.h"
#include "fhir/status.h"
#include "mappings/context.h"

namespace plugin {

struct ImportSummary {
  std::size_t lines = 0;      // non-blank lines read
  std::size_t accepted = 0;   // records mapped and valid
  std::size_t rejected = 0;   // lines that broke the contract
  std::size_t parked = 0;     // records whose FHIR failed validation
  std::size_t warnings = 0;
  std::map<std::string, std::size_t> records_by_kind;
  std::map<std::string, std::size_t> resources_by_type;

  fhir::Json ToJson() const;
  std::string ToText() const;
};

struct DryRunOptions {
  mappings::MappingContext mapping;    // instruments must be set
  std::size_t max_line_bytes = 16u << 20;
  std::ostream* messages = nullptr;    // FILE:LINE reports; required
};

class DryRun {
 public:
  // `writer` may be null (summary only). Both pointers must outlive this.
  DryRun(const DryRunOptions& options, fhir::BundleWriter* writer);

  // Processes one file. Returns NotFound when it cannot be opened; bad
  // lines are reported and counted, never fatal.
  fhir::Status ProcessFile(const std::string& path);
  const ImportSummary& summary() const { return summary_; }

 private:
  void ProcessLine(const std::string& file, std::size_t line_no,
                   const std::string& base_dir, const std::string& text);
  void AddQuestionnaire(const std::string& instrument, const std::string& version);

  DryRunOptions options_;
  fhir::BundleWriter* writer_;
  ImportSummary summary_;
  std::set<std::string> questionnaires_;  // instrument|version already written
};

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_PIPELINE_DRY_RUN_H_
