// FHIR R4 definitions derived from the instruments: one Questionnaire per
// instrument version, and the CodeSystem of our score codes
// (kScoreCodeSystem, "<instrument>:<score>").
//
// Pure and deterministic; nothing fails. The Questionnaire is what
// QuestionnaireResponse.questionnaire (url|version) points to; the plugin
// may publish both to the server. Details in mappings/rating/README.md.
#ifndef ALLIANCE_MAPPINGS_RATING_QUESTIONNAIRE_H_
#define ALLIANCE_MAPPINGS_RATING_QUESTIONNAIRE_H_

#include "fhir/json.h"
#include "mappings/rating/instrument.h"
#include "mappings/rating/instrument_catalog.h"

namespace mappings {

// Questionnaire: url, identifier, version, name, title, status "active",
// subjectType Patient, copyright, and one item per instrument item in order:
// choice items list their anchors as answerOption.valueCoding (system
// Instrument::anchor_system, code = the value) with the ordinalValue
// extension holding the item's scored value (reversed for reverse-scored
// items); visual-analogue items are decimal or integer items with
// minValue/maxValue and a slider itemControl.
fhir::Json BuildQuestionnaire(const Instrument& instrument);

// CodeSystem kScoreCodeSystem with one concept per score of every
// instrument in `catalog` (newest version's title), sorted by code.
fhir::Json BuildScoreCodeSystem(const InstrumentCatalog& catalog);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RATING_QUESTIONNAIRE_H_
