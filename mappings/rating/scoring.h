// Scoring a rating by its instrument's rules: every subscale and the total.
//
// Per score: the items' answers are reverse-scored where the item says so
// (min + max - answer), then summed or averaged (ScoreDef::method). When
// some items are missing (skipped, absent, or unusable: off the scale or not
// whole on an integer scale) and at most ScoreDef::max_missing are, the
// score is prorated: a mean over the answered items, a sum as that mean
// times the number of items. More missing: no score, with the reason.
// Values are rounded to Instrument::decimals (half away from zero), and the
// cutoff is checked on the rounded value, so what is reported and what is
// flagged agree; a score equal to its cutoff is not flagged.
//
// Pure functions; nothing fails. Checking that the rating fits the
// instrument is CheckRatingAgainstInstrument's job (rating_check.h).
#ifndef ALLIANCE_MAPPINGS_RATING_SCORING_H_
#define ALLIANCE_MAPPINGS_RATING_SCORING_H_

#include <string>
#include <string_view>
#include <vector>

#include "mappings/rating/instrument.h"
#include "mappings/records/record.h"

namespace mappings {

struct ScoreValue {
  const ScoreDef* def = nullptr;  // points into the Instrument
  bool computed = false;
  double value = 0;    // rounded to Instrument::decimals; 0 when not computed
  std::string reason;  // why it was not computed; empty when computed
  int items_used = 0;
  int items_missing = 0;
  std::vector<int> missing;   // indexes (Instrument::items) of missing items
  bool prorated = false;      // computed with items missing
  bool below_cutoff = false;  // a "below" cutoff exists and value < it
  bool above_cutoff = false;  // an "above" cutoff exists and value > it
};

struct ScoreResult {
  std::vector<ScoreValue> scores;  // Instrument::scores order (total last)
  const ScoreValue* Find(std::string_view score_id) const;
};

// One slot per instrument item (Instrument::items order): the rating's
// usable answer to it, or nullptr (skipped, absent, unknown to the
// instrument's scale). Answers to unknown linkIds are ignored.
using AnswerSlots = std::vector<const Answer*>;
AnswerSlots SlotAnswers(const Instrument& instrument,
                        const RatingRecord& rating);
// True when `answer` has a value that lies on `item`'s scale.
bool UsableAnswer(const Item& item, const Answer& answer);

ScoreResult Score(const Instrument& instrument, const RatingRecord& rating);
// The same from slots already built (the mapping builds them once).
ScoreResult ScoreSlots(const Instrument& instrument, const AnswerSlots& slots);

// `value` rounded to `places` decimals, half away from zero (as
// fhir::Json::Decimal(double, int) writes it).
double RoundScore(double value, int places);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RATING_SCORING_H_
