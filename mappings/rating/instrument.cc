#include "mappings/rating/instrument.h"

#include <cctype>

#include "mappings/codes.h"

namespace mappings {

using fhir::Json;

std::uint8_t RespondentFromName(std::string_view name) {
  if (name == "client") return kRespondentClient;
  if (name == "therapist") return kRespondentTherapist;
  if (name == "observer") return kRespondentObserver;
  return 0;
}

std::string RespondentNames(std::uint8_t mask) {
  std::string out;
  const std::pair<std::uint8_t, const char*> names[] = {
      {kRespondentClient, "client"},
      {kRespondentTherapist, "therapist"},
      {kRespondentObserver, "observer"}};
  for (const auto& [bit, name] : names) {
    if (!(mask & bit)) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

const char* ScoringMethodName(ScoringMethod m) {
  return m == ScoringMethod::kSum ? "sum" : "mean";
}

const ScoreDef* Instrument::FindScore(std::string_view score_id) const {
  for (const ScoreDef& s : scores) {
    if (s.id == score_id) return &s;
  }
  return nullptr;
}

namespace {

char Upper(char c) {
  return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Compares one dot-separated part: numbers by value, else as text; a number
// ranks below text (as in semantic versioning pre-release identifiers).
int ComparePart(std::string_view a, std::string_view b) {
  bool na = AllDigits(a), nb = AllDigits(b);
  if (na && nb) {
    while (a.size() > 1 && a[0] == '0') a.remove_prefix(1);
    while (b.size() > 1 && b[0] == '0') b.remove_prefix(1);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
  }
  if (na != nb) return na ? -1 : 1;
  return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
}

int CompareDotted(std::string_view a, std::string_view b) {
  while (!a.empty() || !b.empty()) {
    if (a.empty()) return -1;
    if (b.empty()) return 1;
    std::size_t da = a.find('.'), db = b.find('.');
    int c = ComparePart(a.substr(0, da), b.substr(0, db));
    if (c != 0) return c;
    a = da == std::string_view::npos ? std::string_view() : a.substr(da + 1);
    b = db == std::string_view::npos ? std::string_view() : b.substr(db + 1);
  }
  return 0;
}

std::string RuleText(const Instrument& in, const ScoreDef& s) {
  std::string text = "Scoring rule " + in.rule_id + " version " +
                     in.rule_version + ": " + ScoringMethodName(s.method) +
                     " of the " + std::to_string(s.items.size()) + " items";
  bool reversed = false;
  for (int index : s.items) reversed |= in.items[index].reverse_scored;
  if (reversed) text += " (reverse-scored items count as min + max - answer)";
  text += "; ";
  if (s.max_missing == 0) {
    text += "not scored when an item is missing";
  } else {
    text += "prorated when at most " + std::to_string(s.max_missing) +
            (s.max_missing == 1 ? " item is" : " items are") + " missing";
  }
  return text;
}

Json ResponseItem(const Item& item, Json answer) {
  Json out = Json::Object();
  out.Set("linkId", item.link_id);
  out.Set("text", item.label);
  out.Set("answer", Json::Array()).Append(std::move(answer));
  return out;
}

Json ObservationSkeleton(const ScoreDef& s) {
  Json o = Json::Object();
  o.Set("resourceType", "Observation");
  for (const char* key : {"meta", "identifier", "status"}) o.Set(key, Json());
  Json coding = Json::Object();
  coding.Set("system", kObservationCategory);
  coding.Set("code", "survey");
  coding.Set("display", "Survey");
  Json category = Json::Object();
  category.Set("coding", Json::Array()).Append(std::move(coding));
  o.Set("category", Json::Array()).Append(std::move(category));
  o.Set("code", s.code_concept);
  for (const char* key :
       {"subject", "encounter", "effectiveDateTime", "performer"}) {
    o.Set(key, Json());
  }
  Json quantity = Json::Object();
  quantity.Set("value", Json());
  quantity.Set("unit", "{score}");
  quantity.Set("system", "http://unitsofmeasure.org");
  quantity.Set("code", "{score}");
  o.Set("valueQuantity", std::move(quantity));
  for (const char* key : {"dataAbsentReason", "interpretation", "note"}) {
    o.Set(key, Json());
  }
  o.Set("method", s.method_concept);
  for (const char* key : {"referenceRange", "hasMember", "derivedFrom"}) {
    o.Set(key, Json());
  }
  return o;
}

}  // namespace

int CompareVersions(std::string_view a, std::string_view b) {
  std::size_t pa = a.find('-'), pb = b.find('-');
  int c = CompareDotted(a.substr(0, pa), b.substr(0, pb));
  if (c != 0) return c;
  bool ra = pa == std::string_view::npos, rb = pb == std::string_view::npos;
  if (ra || rb) return ra == rb ? 0 : (ra ? 1 : -1);  // release > pre-release
  return CompareDotted(a.substr(pa + 1), b.substr(pb + 1));
}

void PrepareInstrument(Instrument* in) {
  if (in->url.empty()) in->url = std::string(kQuestionnaireBase) + in->id;
  if (in->abbreviation.empty()) {
    in->abbreviation = in->id;
    for (char& c : in->abbreviation) c = Upper(c);
  }
  if (in->name.empty()) {  // "wai-sr-t" -> "WaiSrT"
    bool up = true;
    for (char c : in->id) {
      if (c == '-') {
        up = true;
        continue;
      }
      in->name += up ? Upper(c) : c;
      up = false;
    }
  }
  in->canonical = in->url + "|" + in->version;
  in->anchor_system = in->url + "/anchors";
  in->item_index.clear();
  in->item_index.reserve(in->items.size() * 2);
  for (std::size_t i = 0; i < in->items.size(); ++i) {
    Item& item = in->items[i];
    in->item_index.emplace(item.link_id, static_cast<int>(i));
    item.answer_codings.clear();
    item.answered_items.clear();
    for (const Anchor& a : item.scale.anchors) {
      Json coding = Json::Object();
      coding.Set("system", in->anchor_system);
      coding.Set("code", std::to_string(a.value));
      coding.Set("display", a.label);
      item.answer_codings.push_back(coding);
      Json answer = Json::Object();
      answer.Set("valueCoding", std::move(coding));
      item.answered_items.push_back(ResponseItem(item, std::move(answer)));
    }
    item.response_item = Json();
    if (item.scale.kind == ScaleKind::kVisualAnalogue) {
      Json answer = Json::Object();
      answer.Set(item.scale.integer ? "valueInteger" : "valueDecimal", Json());
      item.response_item = ResponseItem(item, std::move(answer));
    }
  }
  for (ScoreDef& s : in->scores) {
    s.code = in->id + ":" + s.id;
    s.display = in->abbreviation + " - " + s.title;
    s.code_concept = Json::Object();
    Json coding = Json::Object();
    coding.Set("system", kScoreCodeSystem);
    coding.Set("code", s.code);
    coding.Set("display", s.display);
    s.code_concept.Set("coding", Json::Array()).Append(std::move(coding));
    s.code_concept.Set("text", s.display);

    s.method_concept = Json::Object();
    Json rule = Json::Object();
    rule.Set("system", kScoringRuleSystem);
    rule.Set("version", in->rule_version);
    rule.Set("code", in->rule_id);
    s.method_concept.Set("coding", Json::Array()).Append(std::move(rule));
    s.method_concept.Set("text", RuleText(*in, s));
    s.observation_skeleton = ObservationSkeleton(s);
  }
}

}  // namespace mappings
