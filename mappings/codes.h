// URLs and codes this project defines (its own canonical namespace) and the
// external code systems the mappings use. One place, so that mappings,
// instruments and tests agree.
#ifndef ALLIANCE_MAPPINGS_CODES_H_
#define ALLIANCE_MAPPINGS_CODES_H_

namespace mappings {

// Our canonical base; Questionnaires, CodeSystems and extensions live below.
inline constexpr const char* kCanonicalBase = "http://alliance-fhir.org/fhir";
// Score codes (no LOINC codes exist for these instruments): code =
// "<instrument>:<score>", e.g. "srs:total", "wai-sr:bond" -- the same text a
// goal record uses for a target measure, so the mapping is reversible.
inline constexpr const char* kScoreCodeSystem =
    "http://alliance-fhir.org/fhir/CodeSystem/alliance-scores";
// meta.tag saying that this plugin produced a resource.
inline constexpr const char* kTagSystem =
    "http://alliance-fhir.org/fhir/CodeSystem/alliance-fhir-tags";
inline constexpr const char* kProducedByTag = "alliance-fhir";
// Attachment extension holding the hex SHA-256 of the attachment's bytes.
inline constexpr const char* kSha256Extension =
    "http://alliance-fhir.org/fhir/StructureDefinition/attachment-sha256";
inline constexpr const char* kQuestionnaireBase =
    "http://alliance-fhir.org/fhir/Questionnaire/";

// External systems.
inline constexpr const char* kLoinc = "http://loinc.org";
inline constexpr const char* kObservationCategory =
    "http://terminology.hl7.org/CodeSystem/observation-category";
inline constexpr const char* kOrdinalValueExtension =
    "http://hl7.org/fhir/StructureDefinition/ordinalValue";
inline constexpr const char* kActReason =
    "http://terminology.hl7.org/CodeSystem/v3-ActReason";
inline constexpr const char* kConsentScope =
    "http://terminology.hl7.org/CodeSystem/consentscope";

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_CODES_H_
