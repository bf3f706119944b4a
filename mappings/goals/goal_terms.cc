#include "mappings/goals/goal_terms.h"

#include <cctype>

#include "mappings/codes.h"
#include "mappings/mapped_resource.h"

namespace mappings {

using fhir::Json;

namespace {

struct Term {
  const char* value;  // record value
  const char* code;
  const char* display;
};

constexpr Term kPriorities[] = {
    {"high", "high-priority", "High Priority"},
    {"medium", "medium-priority", "Medium Priority"},
    {"low", "low-priority", "Low Priority"},
};

constexpr Term kAchievements[] = {
    {"in-progress", "in-progress", "In Progress"},
    {"improving", "improving", "Improving"},
    {"worsening", "worsening", "Worsening"},
    {"no-change", "no-change", "No Change"},
    {"achieved", "achieved", "Achieved"},
    {"sustaining", "sustaining", "Sustaining"},
    {"not-achieved", "not-achieved", "Not Achieved"},
    {"no-progress", "no-progress", "No Progress"},
    {"not-attainable", "not-attainable", "Not Attainable"},
};

bool In(const std::string& code, std::initializer_list<const char*> list) {
  for (const char* c : list) {
    if (code == c) return true;
  }
  return false;
}

}  // namespace

bool IsGoalLifecycleStatus(const std::string& code) {
  return In(code, {"proposed", "planned", "accepted", "active", "on-hold",
                   "completed", "cancelled", "entered-in-error", "rejected"});
}

bool IsCarePlanStatus(const std::string& code) {
  return In(code, {"draft", "active", "on-hold", "revoked", "completed",
                   "entered-in-error", "unknown"});
}

Json PriorityConcept(const std::string& priority) {
  for (const Term& t : kPriorities) {
    if (priority == t.value) {
      return ConceptJson(kGoalPrioritySystem, t.code, t.display);
    }
  }
  return Json();
}

std::string PriorityOf(const Json& concept) {
  std::string code = CodeIn(concept, kGoalPrioritySystem);
  for (const Term& t : kPriorities) {
    if (code == t.code) return t.value;
  }
  return "";
}

Json AchievementConcept(const std::string& code) {
  for (const Term& t : kAchievements) {
    if (code == t.value) {
      return ConceptJson(kGoalAchievementSystem, t.code, t.display);
    }
  }
  return Json();
}

Json ScoreMeasureConcept(const std::string& score) {
  std::size_t colon = score.find(':');
  std::string display;
  for (char c : score.substr(0, colon)) {
    display += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (colon != std::string::npos) display += " " + score.substr(colon + 1);
  display += " score";
  return ConceptJson(kScoreCodeSystem, score, display);
}

Json QuantityJson(const std::string& value_text, const std::string& unit) {
  Json value = Json::Decimal(value_text);
  if (!value.is_number()) return Json();
  Json q = Json::Object();
  q.Set("value", std::move(value));
  if (!unit.empty()) {
    q.Set("unit", unit);
    q.Set("system", kUcum);
    q.Set("code", unit);
  }
  return q;
}

}  // namespace mappings
