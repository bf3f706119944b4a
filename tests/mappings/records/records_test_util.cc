#include "tests/mappings/records/records_test_util.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <variant>

#include "mappings/records/record_parser.h"

namespace records_test {
namespace {

constexpr const char* kRating =
    R"({"kind":"rating","id":"r-1001","patient":{"mrn":"MRN-0042"},)"
    R"("recorded":"2026-03-02T16:00:00-05:00","instrument":"srs",)"
    R"("instrumentVersion":"3.0","respondent":"client","therapist":"T-17",)"
    R"("session":{"date":"2026-03-02T15:00:00-05:00","number":4,)"
    R"("encounter":"V-88231"},"answers":{"1":9,"2":8.5,"3":null,"4":7},)"
    R"("status":"completed"})";

constexpr const char* kConsent =
    R"({"kind":"consent","id":"c-77","patient":{"mrn":"MRN-0042"},)"
    R"("status":"active","scope":"patient-privacy",)"
    R"("category":["release-of-information"],"decision":"permit",)"
    R"("signedAt":"2026-02-20T10:12:00-05:00",)"
    R"("signer":{"role":"patient","name":"A. Client"},"witness":"T-05",)"
    R"("period":{"start":"2026-02-20","end":"2027-02-20"},)"
    R"("recipients":["hospital"],"purposes":["TREAT","ETREAT"],)"
    R"("data":["alliance-ratings","goals"],"policy":"hipaa",)"
    R"("document":{"path":"docs/c-77.pdf","contentType":"application/pdf",)"
    R"("title":"Release of information"},)"
    R"("exceptions":[{"decision":"deny","purposes":["HPAYMT"]},)"
    R"({"decision":"deny","recipients":["hospital"],"data":["goals"],)"
    R"("period":{"start":"2026-06-01","end":"2026-12-31"}}]})";

constexpr const char* kGoal =
    R"({"kind":"goal","id":"g-5","patient":{"mrn":"MRN-0042"},)"
    R"("description":"Speak up about my needs once a week",)"
    R"("lifecycle":"active","achievement":"in-progress","priority":"high",)"
    R"("expressedBy":"patient","start":"2026-03-02","plan":"tp-3",)"
    R"("targets":[{"measure":"srs:total","detail":{"low":36},"unit":"{score}",)"
    R"("due":"2026-06-01"},{"measure":{"system":"https://clinic.example.org/m",)"
    R"("code":"attendance","display":"Attendance"},"detail":true}],)"
    R"("notes":["Check in at the start of each session."],)"
    R"("statusDate":"2026-03-02","statusReason":"Agreed in session 4"})";

constexpr const char* kPlan =
    R"({"kind":"plan","id":"tp-3","patient":{"mrn":"MRN-0042"},)"
    R"("status":"active","title":"Anxiety and relationship plan",)"
    R"("author":"T-17","period":{"start":"2026-03-02","end":"2026-09-01"},)"
    R"("goals":["g-5","g-6"],"description":"Weekly sessions"})";

// One step of an edit path: a member name or an array index.
struct Step {
  std::string key;
  long index = -1;
};

std::vector<Step> Steps(const std::string& path) {
  std::vector<Step> steps;
  std::string cur;
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '.' || c == '[') {
      if (!cur.empty()) steps.push_back({cur});
      cur.clear();
      if (c == '[') {
        std::size_t close = path.find(']', i);
        steps.push_back({"", std::stol(path.substr(i + 1, close - i - 1))});
        i = close;
      }
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) steps.push_back({cur});
  return steps;
}

}  // namespace

fhir::Json ValidRecord(const std::string& kind) {
  if (kind == "rating") return JsonOf(kRating);
  if (kind == "consent") return JsonOf(kConsent);
  if (kind == "goal") return JsonOf(kGoal);
  REQUIRE(kind == "plan");
  return JsonOf(kPlan);
}

fhir::Json JsonOf(const std::string& text) {
  fhir::StatusOr<fhir::Json> parsed = fhir::Json::Parse(text);
  INFO(text);
  REQUIRE(parsed.ok());
  return *parsed;
}

fhir::Json Edit(fhir::Json record, const std::string& path,
                const char* value_text) {
  std::vector<Step> steps = Steps(path);
  REQUIRE(!steps.empty());
  fhir::Json* node = &record;
  for (std::size_t i = 0; i + 1 < steps.size(); ++i) {
    const Step& s = steps[i];
    node = s.index >= 0 ? &node->at(static_cast<std::size_t>(s.index))
                        : node->Find(s.key);
    INFO(path);
    REQUIRE(node != nullptr);
  }
  const Step& last = steps.back();
  if (last.index >= 0) {
    REQUIRE(value_text != nullptr);
    node->at(static_cast<std::size_t>(last.index)) = JsonOf(value_text);
  } else if (value_text == nullptr) {
    node->Remove(last.key);
  } else {
    node->Set(last.key, JsonOf(value_text));
  }
  return record;
}

Parsed Parse(const fhir::Json& object) {
  Parsed p;
  p.record = mappings::ParseRecord(object, &p.issues);
  return p;
}

Parsed ParseText(const std::string& line) { return Parse(JsonOf(line)); }

const fhir::Issue* ErrorAt(const fhir::Issues& issues,
                           const std::string& path) {
  for (const fhir::Issue& i : issues.list()) {
    if (i.is_error() && i.path == path) return &i;
  }
  return nullptr;
}

std::vector<std::string> ReadLines(const std::string& name) {
  std::ifstream in(std::string(ALLIANCE_SOURCE_DIR) +
                   "/tests/testdata/records/" + name);
  INFO(name);
  REQUIRE(in.good());
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> ContractExamples() {
  std::ifstream in(std::string(ALLIANCE_SOURCE_DIR) +
                   "/mappings/records/records.md");
  REQUIRE(in.good());
  std::vector<std::string> examples;
  std::string line;
  bool in_example = false;
  while (std::getline(in, line)) {
    if (line.rfind("## Example", 0) == 0) in_example = true;
    if (in_example && line.rfind("{", 0) == 0) examples.push_back(line);
  }
  return examples;
}

}  // namespace records_test
