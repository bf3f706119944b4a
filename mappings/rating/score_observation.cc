#include "mappings/rating/score_observation.h"

#include "mappings/codes.h"

namespace mappings {

using fhir::Json;

namespace {

constexpr const char* kUcum = "http://unitsofmeasure.org";  // as the skeleton
constexpr const char* kInterpretation =
    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
constexpr const char* kDataAbsentReason =
    "http://terminology.hl7.org/CodeSystem/data-absent-reason";

Json Concept(const char* system, const char* code, const char* display) {
  Json coding = Json::Object();
  coding.Set("system", system);
  coding.Set("code", code);
  coding.Set("display", display);
  Json cc = Json::Object();
  cc.Set("coding", Json::Array()).Append(std::move(coding));
  return cc;
}

// A score Quantity; the Observation's own valueQuantity comes from the
// skeleton (ObservationSkeleton in instrument.cc) with the same units.
Json ScoreQuantity(double value, int decimals) {
  Json q = Json::Object();
  q.Set("value", Json::Decimal(value, decimals));
  q.Set("unit", "{score}");
  q.Set("system", kUcum);
  q.Set("code", "{score}");
  return q;
}

// "items 3, 6" / "item 6".
std::string MissingItems(const Instrument& in, const ScoreValue& s) {
  std::string out = s.missing.size() == 1 ? "item " : "items ";
  for (std::size_t i = 0; i < s.missing.size(); ++i) {
    if (i) out += ", ";
    out += in.items[s.missing[i]].link_id;
  }
  return out;
}

std::string NoteText(const Instrument& in, const ScoreValue& s) {
  const ScoreDef& def = *s.def;
  std::string missing = MissingItems(in, s) + " skipped (" +
                        std::to_string(s.items_missing) + " of " +
                        std::to_string(def.items.size()) + " items)";
  if (!s.computed) {
    return "Not computed: " + missing + "; at most " +
           std::to_string(def.max_missing) + " may be missing.";
  }
  std::string used = std::to_string(s.items_used);
  if (def.method == ScoringMethod::kMean) {
    return "Prorated: " + missing + "; mean of the " + used +
           " answered items.";
  }
  return "Prorated: " + missing + "; the mean of the " + used +
         " answered items times " + std::to_string(def.items.size()) + ".";
}

Json ReferenceRange(const Cutoff& c, int decimals) {
  bool below = c.direction == Cutoff::Direction::kBelow;
  Json range = Json::Object();
  range.Set(below ? "low" : "high", ScoreQuantity(c.value, decimals));
  std::string text = std::string(below ? "Below " : "Above ") +
                     Json::Decimal(c.value, decimals).str() + " is flagged " +
                     (below ? "low" : "high");
  if (!c.source.empty()) text += " (cutoff: " + c.source + ")";
  range.Set("text", text);
  return range;
}

}  // namespace

MappedResource ScoreObservation(const MappingContext& ctx,
                                const RatingParts& parts,
                                const ScoreValue& score) {
  const Instrument& in = *parts.instrument;
  const ScoreDef& def = *score.def;
  const std::string id = parts.rating->id + ":" + def.id;
  MappedResource out = StartResource(ctx, "Observation", id);
  // Fill a copy of the skeleton in place (member order is fixed there),
  // then drop the members this score does not have.
  Json r = def.observation_skeleton;
  r.Set("meta", std::move(*out.resource.Find("meta")));
  r.Set("identifier", Json::Array()).Append(BusinessIdentifier(ctx, id));
  r.Set("status", parts.status);
  r.Set("subject", parts.subject);
  if (!parts.encounter.is_null()) r.Set("encounter", parts.encounter);
  r.Set("effectiveDateTime", parts.rating->session.date);
  if (!parts.performer.is_null()) {
    r.Set("performer", Json::Array()).Append(parts.performer);
  }
  if (score.computed) {
    r.Find("valueQuantity")
        ->Set("value", Json::Decimal(score.value, in.decimals));
    if (score.below_cutoff || score.above_cutoff) {
      r.Set("interpretation", Json::Array())
          .Append(score.below_cutoff ? Concept(kInterpretation, "L", "Low")
                                     : Concept(kInterpretation, "H", "High"));
    }
  } else {
    Json absent = Concept(kDataAbsentReason, "not-performed", "Not Performed");
    absent.Set("text", "Too many items skipped to compute this score");
    r.Set("dataAbsentReason", std::move(absent));
  }
  if (score.items_missing > 0) {
    Json note = Json::Object();
    note.Set("text", NoteText(in, score));
    r.Set("note", Json::Array()).Append(std::move(note));
  }
  if (def.cutoff) {
    r.Set("referenceRange", Json::Array())
        .Append(ReferenceRange(*def.cutoff, in.decimals));
  }
  if (def.is_total) {
    Json& members = r.Set("hasMember", Json::Array());
    for (const ScoreDef& sub : in.scores) {
      if (sub.is_total) continue;
      members.Append(
          RecordReference(ctx, "Observation", parts.rating->id + ":" + sub.id));
    }
  }
  r.Set("derivedFrom", Json::Array()).Append(parts.derived_from);
  if (!score.computed) r.Remove("valueQuantity");
  for (const char* key :
       {"encounter", "performer", "dataAbsentReason", "interpretation", "note",
        "referenceRange", "hasMember"}) {
    const Json* v = r.Find(key);
    if (v && (v->is_null() || (v->is_array() && v->empty()))) r.Remove(key);
  }
  out.resource = std::move(r);
  return out;
}

}  // namespace mappings
