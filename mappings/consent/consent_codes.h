// URLs and codes of the consent mapping (mappings/consent/README.md has the
// tables). Ours live under kCanonicalBase; the others are HL7 / LOINC
// systems checked against the R4 definitions.
#ifndef ALLIANCE_MAPPINGS_CONSENT_CONSENT_CODES_H_
#define ALLIANCE_MAPPINGS_CONSENT_CONSENT_CODES_H_

namespace mappings {

// Our data classes (alliance-ratings, goals, plans, consents) in
// Consent.provision.class.
inline constexpr const char* kDataClassSystem =
    "http://alliance-fhir.org/fhir/CodeSystem/alliance-data-classes";
// On the Consent.performer reference of a guardian / representative signer:
// valueCoding from v3-RoleCode (GUARD, RESPRSN).
inline constexpr const char* kSignerRoleExtension =
    "http://alliance-fhir.org/fhir/StructureDefinition/consent-signer-role";
// On Consent: valueDateTime, when the consent was revoked.
inline constexpr const char* kRevokedAtExtension =
    "http://alliance-fhir.org/fhir/StructureDefinition/consent-revoked-at";
// Core R4 extension on Consent: valueReference, any witness to the consent.
inline constexpr const char* kWitnessExtension =
    "http://hl7.org/fhir/StructureDefinition/consent-Witness";

// External systems.
inline constexpr const char* kConsentCategoryCodes =
    "http://terminology.hl7.org/CodeSystem/consentcategorycodes";
inline constexpr const char* kConsentPolicyCodes =
    "http://terminology.hl7.org/CodeSystem/consentpolicycodes";
inline constexpr const char* kActCode =
    "http://terminology.hl7.org/CodeSystem/v3-ActCode";
inline constexpr const char* kParticipationType =
    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
inline constexpr const char* kRoleCode =
    "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

// Consent.policy for "hipaa" and "42cfr2": the regulation texts (HIPAA
// Privacy Rule, 45 CFR 164 subpart E; 42 CFR Part 2) and their authority.
inline constexpr const char* kHipaaPolicyUri =
    "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/"
    "subpart-E";
inline constexpr const char* kPart2PolicyUri =
    "https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2";
inline constexpr const char* kPolicyAuthority = "https://www.hhs.gov";

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_CONSENT_CONSENT_CODES_H_
