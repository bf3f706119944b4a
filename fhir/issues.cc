#include "fhir/issues.h"

namespace fhir {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kFatal: return "fatal";
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInformation: return "information";
  }
  return "error";
}

void Issues::Add(Severity severity, std::string code, std::string path,
                 std::string message) {
  Issue issue{severity, std::move(code), std::move(path), std::move(message)};
  if (issue.is_error()) ++errors_;
  list_.push_back(std::move(issue));
}

void Issues::Merge(const Issues& other, const std::string& prefix) {
  for (const Issue& i : other.list_) {
    std::string path = prefix.empty() ? i.path
                       : i.path.empty() ? prefix
                                        : prefix + "." + i.path;
    Add(i.severity, i.code, std::move(path), i.message);
  }
}

std::size_t Issues::warning_count() const {
  std::size_t n = 0;
  for (const Issue& i : list_) n += i.severity == Severity::kWarning;
  return n;
}

Json Issues::ToOperationOutcome() const {
  Json oo = Json::Object();
  oo.Set("resourceType", "OperationOutcome");
  Json& arr = oo.Set("issue", Json::Array());
  if (list_.empty()) {
    Json i = Json::Object();
    i.Set("severity", "information");
    i.Set("code", "informational");
    i.Set("diagnostics", "no issues");
    arr.Append(std::move(i));
    return oo;
  }
  for (const Issue& issue : list_) {
    Json i = Json::Object();
    i.Set("severity", SeverityName(issue.severity));
    i.Set("code", issue.code.empty() ? "processing" : issue.code);
    i.Set("diagnostics", issue.message);
    if (!issue.path.empty()) {
      Json expr = Json::Array();
      expr.Append(issue.path);
      i.Set("expression", std::move(expr));
    }
    arr.Append(std::move(i));
  }
  return oo;
}

std::string Issues::ToText() const {
  std::string out;
  for (const Issue& i : list_) {
    out += SeverityName(i.severity);
    out += ": ";
    if (!i.path.empty()) out += i.path + ": ";
    out += i.message;
    if (!i.code.empty()) out += " [" + i.code + "]";
    out += '\n';
  }
  return out;
}

std::string JoinPath(const std::string& base, const std::string& child) {
  if (base.empty()) return child;
  return base + "." + child;
}

std::string IndexPath(const std::string& base, std::size_t index) {
  return base + "[" + std::to_string(index) + "]";
}

}  // namespace fhir
