#include "plugin/sync/sync_context.h"

namespace plugin {

const char* ConflictPolicyName(ConflictPolicy p) {
  switch (p) {
    case ConflictPolicy::kServerWins: return "server-wins";
    case ConflictPolicy::kLocalWins: return "local-wins";
    case ConflictPolicy::kManual: return "manual";
  }
  return "server-wins";
}

RecordKey RecordKeyFor(const std::string& type, const std::string& value) {
  if (type == "QuestionnaireResponse") return {"rating", value};
  if (type == "Observation") return {"rating", value.substr(0, value.find(':'))};
  if (type == "Consent") return {"consent", value};
  if (type == "Goal") return {"goal", value};
  if (type == "CarePlan") return {"plan", value};
  return {"", value};
}

}  // namespace plugin
