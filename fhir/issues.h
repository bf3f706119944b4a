// Issues: findings about data (after google/fhir's error reporter).
//
// Validation, mapping and intake report what is wrong with data here rather
// than failing: each Issue has a severity, a FHIR IssueType code ("required",
// "value", "invariant", "code-invalid", "structure", ...), an element path
// such as `Observation.component[1].valueQuantity` or a record field such as
// `answers.4`, and a message. An Issues list becomes an OperationOutcome.
#ifndef ALLIANCE_FHIR_ISSUES_H_
#define ALLIANCE_FHIR_ISSUES_H_

#include <string>
#include <vector>

#include "fhir/json.h"

namespace fhir {

enum class Severity { kFatal, kError, kWarning, kInformation };

// FHIR IssueSeverity code: "fatal", "error", "warning", "information".
const char* SeverityName(Severity s);

struct Issue {
  Severity severity = Severity::kError;
  std::string code;     // FHIR IssueType code
  std::string path;     // element path or record field
  std::string message;  // for people; never holds secrets

  bool is_error() const {
    return severity == Severity::kError || severity == Severity::kFatal;
  }
};

class Issues {
 public:
  void Add(Severity severity, std::string code, std::string path,
           std::string message);
  void Error(std::string code, std::string path, std::string message) {
    Add(Severity::kError, std::move(code), std::move(path), std::move(message));
  }
  void Warning(std::string code, std::string path, std::string message) {
    Add(Severity::kWarning, std::move(code), std::move(path),
        std::move(message));
  }
  // Appends `other`'s issues, prefixing their paths with `prefix` (if any).
  void Merge(const Issues& other, const std::string& prefix = "");

  bool HasErrors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const;
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  const std::vector<Issue>& list() const { return list_; }
  void Clear() { list_.clear(); errors_ = 0; }

  // An OperationOutcome resource (an "informational" one when empty).
  Json ToOperationOutcome() const;
  // One line per issue: "error: path: message [code]".
  std::string ToText() const;

 private:
  std::vector<Issue> list_;
  std::size_t errors_ = 0;
};

// Joins an element path and a child name: ("Goal", "target") -> "Goal.target".
std::string JoinPath(const std::string& base, const std::string& child);
// ("Goal.target", 2) -> "Goal.target[2]".
std::string IndexPath(const std::string& base, std::size_t index);

}  // namespace fhir

#endif  // ALLIANCE_FHIR_ISSUES_H_
