#include "mappings/rating/scoring.h"

#include <cmath>

namespace mappings {

const ScoreValue* ScoreResult::Find(std::string_view score_id) const {
  for (const ScoreValue& s : scores) {
    if (s.def && s.def->id == score_id) return &s;
  }
  return nullptr;
}

double RoundScore(double value, int places) {
  double scale = std::pow(10.0, places);
  // Same epsilon as fhir::Json::Decimal, so 7.25 rounds to 7.3 in both.
  return std::round(value * scale + (value >= 0 ? 1e-9 : -1e-9)) / scale;
}

bool UsableAnswer(const Item& item, const Answer& answer) {
  if (!answer.value_text) return false;
  const Scale& s = item.scale;
  if (!(answer.value >= s.min && answer.value <= s.max)) return false;
  return !s.integer || answer.value == std::floor(answer.value);
}

AnswerSlots SlotAnswers(const Instrument& instrument,
                        const RatingRecord& rating) {
  AnswerSlots slots(instrument.items.size(), nullptr);
  for (const Answer& a : rating.answers) {
    int index = instrument.ItemIndex(a.link_id);
    if (index < 0) continue;
    if (UsableAnswer(instrument.items[index], a)) slots[index] = &a;
  }
  return slots;
}

namespace {

void ScoreOne(const Instrument& in, const ScoreDef& def,
              const AnswerSlots& slots, ScoreValue* out) {
  out->def = &def;
  double sum = 0;
  for (int index : def.items) {
    const Answer* a = slots[index];
    if (!a) {
      out->missing.push_back(index);
      continue;
    }
    const Item& item = in.items[index];
    sum += item.reverse_scored ? item.scale.min + item.scale.max - a->value
                               : a->value;
    ++out->items_used;
  }
  out->items_missing = static_cast<int>(out->missing.size());
  if (out->items_missing > def.max_missing || out->items_used == 0) {
    out->reason = std::to_string(out->items_missing) + " of " +
                  std::to_string(def.items.size()) +
                  " items missing; at most " + std::to_string(def.max_missing) +
                  " may be";
    return;
  }
  double mean = sum / out->items_used;
  double raw = def.method == ScoringMethod::kMean
                   ? mean
                   : (out->items_missing == 0
                          ? sum
                          : mean * static_cast<double>(def.items.size()));
  out->computed = true;
  out->prorated = out->items_missing > 0;
  out->value = RoundScore(raw, in.decimals);
  if (def.cutoff) {
    if (def.cutoff->direction == Cutoff::Direction::kBelow) {
      out->below_cutoff = out->value < def.cutoff->value;
    } else {
      out->above_cutoff = out->value > def.cutoff->value;
    }
  }
}

}  // namespace

ScoreResult ScoreSlots(const Instrument& instrument, const AnswerSlots& slots) {
  ScoreResult result;
  result.scores.resize(instrument.scores.size());
  for (std::size_t i = 0; i < instrument.scores.size(); ++i) {
    ScoreOne(instrument, instrument.scores[i], slots, &result.scores[i]);
  }
  return result;
}

ScoreResult Score(const Instrument& instrument, const RatingRecord& rating) {
  return ScoreSlots(instrument, SlotAnswers(instrument, rating));
}

}  // namespace mappings
