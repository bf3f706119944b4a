#include "mappings/rating/rating_mapping.h"

#include "mappings/rating/instrument_catalog.h"
#include "mappings/rating/rating_check.h"
#include "mappings/rating/score_observation.h"
#include "mappings/rating/scoring.h"

namespace mappings {

using fhir::Json;

namespace {

const char* ObservationStatus(const std::string& rating_status) {
  if (rating_status == "amended") return "amended";
  if (rating_status == "entered-in-error") return "entered-in-error";
  return "final";
}

const char* ResponseStatus(const std::string& rating_status) {
  if (rating_status == "amended") return "amended";
  if (rating_status == "entered-in-error") return "entered-in-error";
  return "completed";
}

// The QuestionnaireResponse item of one answered item, its answer typed as
// the Questionnaire defines it.
Json ResponseItem(const Item& item, const Answer& a) {
  const Scale& s = item.scale;
  if (s.kind == ScaleKind::kChoice) {
    return item.answered_items[static_cast<std::size_t>(a.value - s.min)];
  }
  Json out = item.response_item;
  Json& answer = out.Find("answer")->at(0);
  if (s.integer) {  // "4.0" is accepted on an integer scale: write 4
    answer.Set("valueInteger", static_cast<std::int64_t>(a.value));
  } else {
    answer.Set("valueDecimal", Json::Decimal(*a.value_text));
  }
  return out;
}

void BuildResponse(const MappingContext& ctx, const RatingRecord& rating,
                   const Instrument& in, const AnswerSlots& slots,
                   const RatingParts& parts, MappedResource* out) {
  Json& r = out->resource;
  r.Set("identifier", BusinessIdentifier(ctx, rating.id));
  r.Set("questionnaire", in.canonical);
  r.Set("status", ResponseStatus(rating.status));
  r.Set("subject", parts.subject);
  if (!parts.encounter.is_null()) r.Set("encounter", parts.encounter);
  r.Set("authored", rating.session.date);
  if (rating.respondent == "therapist") {
    r.Set("author", parts.performer);
  } else if (rating.respondent == "client") {
    r.Set("source", parts.subject);
  }
  Json items = Json::Array();
  for (std::size_t i = 0; i < in.items.size(); ++i) {
    if (!slots[i]) continue;  // skipped items are left out
    items.Append(ResponseItem(in.items[i], *slots[i]));
  }
  if (!items.empty()) r.Set("item", std::move(items));
}

}  // namespace

std::string EncounterSystem(const MappingContext& ctx) {
  return ctx.record_system + ":encounter";
}

MappingResult MapRating(const RatingRecord& rating, const MappingContext& ctx) {
  MappingResult result;
  if (!ctx.instruments) {
    result.issues.Error("processing", "instrument",
                        "no instrument catalog is configured");
    return result;
  }
  const Instrument* in =
      CheckRatingAgainstInstrument(rating, *ctx.instruments, &result.issues);
  if (!in || result.issues.HasErrors()) return result;

  AnswerSlots slots = SlotAnswers(*in, rating);
  ScoreResult scores = ScoreSlots(*in, slots);

  RatingParts parts;
  parts.rating = &rating;
  parts.instrument = in;
  parts.status = ObservationStatus(rating.status);
  parts.subject = PatientReference(ctx, rating.mrn);
  if (!rating.session.encounter.empty()) {
    parts.encounter = Json::Object();
    parts.encounter.Set("type", "Encounter");
    parts.encounter.Set("identifier", Identifier(EncounterSystem(ctx),
                                                 rating.session.encounter));
  }
  if (rating.respondent == "therapist") {
    parts.performer =
        StaffReference(ctx, rating.therapist, "therapist", &result.issues);
  } else if (rating.respondent == "client") {
    parts.performer = parts.subject;
  }
  parts.derived_from = RecordReference(ctx, "QuestionnaireResponse", rating.id);

  result.resources.reserve(1 + scores.scores.size());
  result.resources.push_back(
      StartResource(ctx, "QuestionnaireResponse", rating.id));
  BuildResponse(ctx, rating, *in, slots, parts, &result.resources.back());

  for (const ScoreValue& s : scores.scores) {
    if (!s.computed) {
      result.issues.Warning("incomplete", "answers",
                            s.def->code + " not computed: " + s.reason);
    }
    result.resources.push_back(ScoreObservation(ctx, parts, s));
  }
  return result;
}

}  // namespace mappings
