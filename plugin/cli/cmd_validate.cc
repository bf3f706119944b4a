#include <fstream>
#include <iostream>
#include <sstream>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "fhir/validation/validator.h"
#include "plugin/cli/commands.h"
#include "plugin/intake/line_reader.h"

namespace plugin {
namespace {

// Validates a file holding one resource (or Bundle), or NDJSON with one
// resource per line. Unreadable or unparsable input is an error issue.
fhir::Issues ValidateFile(const std::string& path, std::size_t max_line) {
  fhir::Issues issues;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    issues.Error("not-found", "", "cannot open " + path);
    return issues;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  fhir::StatusOr<fhir::Json> whole = fhir::Json::Parse(text);
  if (whole.ok()) {
    fhir::ValidateResource(*whole, &issues);
    return issues;
  }
  // Not one JSON value: try NDJSON, reporting by line.
  std::istringstream lines(text);
  LineReader reader(&lines, max_line);
  std::string line;
  std::size_t count = 0;
  while (reader.Next(&line) == LineReader::Result::kLine) {
    ++count;
    std::string where = "line " + std::to_string(reader.line_number());
    fhir::StatusOr<fhir::Json> r = fhir::Json::Parse(line);
    if (!r.ok()) {
      issues.Error("structure", where, r.status().message());
      continue;
    }
    fhir::Issues one;
    fhir::ValidateResource(*r, &one);
    issues.Merge(one, where);
  }
  if (count <= 1) {
    issues.Clear();
    issues.Error("structure", "", whole.status().message());
  }
  return issues;
}

}  // namespace

int RunValidate(const config::Invocation& inv) {
  bool any_error = false;
  for (const std::string& path : inv.args) {
    fhir::Issues issues = ValidateFile(path, inv.options.intake.max_line_bytes);
    any_error = any_error || issues.HasErrors();
    if (inv.Flag("json")) {
      std::cout << issues.ToOperationOutcome().Serialize() << "\n";
      continue;
    }
    for (const fhir::Issue& i : issues.list()) {
      std::cout << path << ": " << fhir::SeverityName(i.severity) << ": "
                << (i.path.empty() ? "" : i.path + ": ") << i.message << " ["
                << i.code << "]\n";
    }
    std::cout << path << ": " << (issues.HasErrors() ? "INVALID" : "valid")
              << " (" << issues.error_count() << " errors, "
              << issues.warning_count() << " warnings)\n";
  }
  return any_error ? kExitRejected : kExitOk;
}

}  // namespace plugin
