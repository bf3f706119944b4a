// Instrument: one alliance questionnaire (e.g. WAI-SR, SRS) and version, as
// loaded from an instrument file (schema in mappings/rating/README.md).
//
// An Instrument is built and validated by ParseInstrument
// (instrument_parser.h) and owned by an InstrumentCatalog; everything else
// holds `const Instrument*` that live as long as the catalog. Besides the
// file's content it carries what mapping needs on every rating, computed
// once at load: the item index by linkId and the fixed FHIR fragments of the
// QuestionnaireResponse items and score Observations.
#ifndef ALLIANCE_MAPPINGS_RATING_INSTRUMENT_H_
#define ALLIANCE_MAPPINGS_RATING_INSTRUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fhir/json.h"

namespace mappings {

// Code system of our scoring rules (Observation.method): code = the
// instrument's rule id, Coding.version = its rule version.
inline constexpr const char* kScoringRuleSystem =
    "http://alliance-fhir.org/fhir/CodeSystem/alliance-scoring-rules";

// Who filled in the form. Bit values, so an instrument can allow several.
enum Respondent : std::uint8_t {
  kRespondentClient = 1,
  kRespondentTherapist = 2,
  kRespondentObserver = 4,
};
// "client" -> kRespondentClient; 0 for anything else.
std::uint8_t RespondentFromName(std::string_view name);
// The allowed respondents as "client, therapist".
std::string RespondentNames(std::uint8_t mask);

enum class ScaleKind {
  kChoice,          // integer points min..max, each with an anchor label
  kVisualAnalogue,  // a line marked anywhere between min and max
};

enum class ScoringMethod { kSum, kMean };
const char* ScoringMethodName(ScoringMethod m);  // "sum" / "mean"

struct Anchor {
  std::int64_t value = 0;
  std::string label;
};

struct Scale {
  ScaleKind kind = ScaleKind::kChoice;
  double min = 0;
  double max = 0;
  std::string min_text;  // the numbers as written in the file ("0", "10")
  std::string max_text;
  // Whole numbers only. Always true for choice scales; a visual-analogue
  // scale is integer when its "answerType" is "integer".
  bool integer = true;
  std::vector<Anchor> anchors;  // choice: one per point, ascending
};

struct Item {
  std::string link_id;
  std::string label;  // short, in our own words (not the licensed wording)
  Scale scale;
  bool reverse_scored = false;  // scored as min + max - answer
  // Precomputed FHIR fragments (copying a finished object is much cheaper
  // than building it member by member):
  // Choice scales: answer valueCoding per anchor, parallel to scale.anchors,
  // and the whole QuestionnaireResponse item answered with that anchor.
  std::vector<fhir::Json> answer_codings;
  std::vector<fhir::Json> answered_items;
  // Visual-analogue scales: the QuestionnaireResponse item with a null
  // answer value ("valueDecimal" or "valueInteger") to fill in.
  fhir::Json response_item;
};

struct Cutoff {
  enum class Direction { kBelow, kAbove };
  double value = 0;
  // kBelow: a score strictly below `value` is flagged (low alliance);
  // kAbove: strictly above. A score equal to the cutoff is never flagged.
  Direction direction = Direction::kBelow;
  std::string source;  // where the default comes from, or "configuration"
};

struct ScoreDef {
  std::string id;     // "total" or a subscale id ("bond")
  std::string title;  // "Bond"
  bool is_total = false;
  std::vector<int> items;  // indexes into Instrument::items, file order
  ScoringMethod method = ScoringMethod::kMean;
  int max_missing = 0;  // prorate when at most this many items are missing
  std::optional<Cutoff> cutoff;
  std::string code;     // "<instrument>:<score>", in kScoreCodeSystem
  std::string display;  // "WAI-SR - Bond"
  // Precomputed Observation.code and Observation.method (CodeableConcepts),
  // and the Observation skeleton: every member in output order, the fixed
  // ones (category, code, method, valueQuantity units) filled in, the
  // per-rating ones null (see score_observation.cc).
  fhir::Json code_concept;
  fhir::Json method_concept;
  fhir::Json observation_skeleton;
};

struct Instrument {
  std::string id;       // [a-z0-9][a-z0-9-]*, e.g. "wai-sr"
  std::string version;  // this definition's version, e.g. "1"
  std::string title;
  std::string abbreviation;  // "WAI-SR"; default: the id upper-cased
  std::string name;          // computer-friendly, e.g. "WaiSr"
  std::string description;
  std::string url;               // canonical; default kQuestionnaireBase + id
  std::string copyright;         // licence / copyright notice
  std::uint8_t respondents = 0;  // Respondent bits
  std::vector<Item> items;       // administration order
  // Subscales in file order, then the total last (the Observation order).
  std::vector<ScoreDef> scores;
  std::string rule_id;  // scoring rule recorded in Observation.method
  std::string rule_version;
  int decimals = 2;         // decimal places of reported scores
  std::string source_name;  // the file (or name) it was loaded from

  // Derived at load.
  std::string canonical;  // url|version, QuestionnaireResponse.questionnaire
  std::string anchor_system;  // url + "/anchors": system of answer codes
  std::unordered_map<std::string, int> item_index;  // linkId -> index

  // Index of the item with this linkId, or -1.
  int ItemIndex(const std::string& link_id) const {
    auto it = item_index.find(link_id);
    return it == item_index.end() ? -1 : it->second;
  }
  const ScoreDef* FindScore(std::string_view score_id) const;
  const ScoreDef& total() const { return scores.back(); }
  bool Allows(std::string_view respondent) const {
    return (respondents & RespondentFromName(respondent)) != 0;
  }
};

// Orders versions: dot-separated parts, numeric parts compared as numbers
// ("1.10" > "1.9"), others as text, a missing part counts as lower
// ("1" < "1.0.1"); a pre-release after '-' ranks below its release
// ("2-rc1" < "2"). Returns <0, 0 or >0.
int CompareVersions(std::string_view a, std::string_view b);

// Fills the derived fields (canonical, indexes, precomputed FHIR fragments)
// of a validated instrument. Called by the parser; call again after editing
// an Instrument by hand (tests).
void PrepareInstrument(Instrument* instrument);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RATING_INSTRUMENT_H_
