#include "mappings/goals/plan_mapping.h"

#include "mappings/goals/goal_terms.h"

namespace mappings {

using fhir::Json;

std::string EscapeXhtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// <div xmlns="http://www.w3.org/1999/xhtml"> with one paragraph per line.
std::string Narrative(const PlanRecord& r) {
  std::string div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">";
  auto para = [&div](const std::string& label, const std::string& value) {
    div += "<p><b>" + label + "</b>: " + EscapeXhtml(value) + "</p>";
  };
  para("Treatment plan", r.title);
  para("Status", r.status);
  if (!r.period.empty()) {
    para("Period", (r.period.start.empty() ? "?" : r.period.start) + " to " +
                       (r.period.end.empty() ? "open" : r.period.end));
  }
  if (!r.description.empty()) para("Description", r.description);
  if (!r.goals.empty()) para("Goals", std::to_string(r.goals.size()));
  div += "</div>";
  return div;
}

}  // namespace

MappingResult MapPlan(const PlanRecord& record, const MappingContext& ctx) {
  MappingResult result;
  fhir::Issues* issues = &result.issues;
  MappedResource mapped = StartResource(ctx, "CarePlan", record.id);
  Json& p = mapped.resource;

  Json& text = p.Set("text", Json::Object());
  text.Set("status", "generated");
  text.Set("div", Narrative(record));
  p.Set("identifier", Json::Array()).Append(BusinessIdentifier(ctx, record.id));
  if (!IsCarePlanStatus(record.status)) {
    issues->Error("code-invalid", "status",
                  "\"" + record.status + "\" is not a CarePlan status code");
  }
  p.Set("status", record.status);
  p.Set("intent", "plan");
  p.Set("category", Json::Array())
      .Append(ConceptJson(kCarePlanCategorySystem, "assess-plan",
                          "Assessment and Plan of Treatment"));
  p.Set("title", record.title);
  if (!record.description.empty()) p.Set("description", record.description);
  p.Set("subject", PatientReference(ctx, record.mrn));
  if (!record.period.empty()) {
    Json& period = p.Set("period", Json::Object());
    if (!record.period.start.empty()) period.Set("start", record.period.start);
    if (!record.period.end.empty()) period.Set("end", record.period.end);
  }
  if (!record.recorded.empty()) p.Set("created", record.recorded);
  if (!record.author.empty()) {
    p.Set("author", StaffReference(ctx, record.author, "author", issues));
  }
  if (!record.goals.empty()) {
    Json& goals = p.Set("goal", Json::Array());
    for (const std::string& id : record.goals) {
      goals.Append(RecordReference(ctx, "Goal", id));
    }
  }
  result.resources.push_back(std::move(mapped));
  return result;
}

}  // namespace mappings
