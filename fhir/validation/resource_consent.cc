// Consent: table (with the recursive provision) and invariants ppc-1..5.
#include "fhir/validation/resources.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

constexpr std::string_view kConsentScopeSystem =
    "http://terminology.hl7.org/CodeSystem/consentscope";

// True when Consent.scope has a coding `code` in the consentscope system.
bool ScopeIs(const Json& consent, std::string_view code) {
  const Json* scope = FindMember(consent, "scope");
  const Json* codings =
      scope != nullptr ? FindMember(*scope, "coding") : nullptr;
  if (codings == nullptr || !codings->is_array()) return false;
  for (const Json& c : codings->items()) {
    if (StringMember(c, "system") == kConsentScopeSystem &&
        StringMember(c, "code") == code) {
      return true;
    }
  }
  return false;
}

// ppc-1 .. ppc-5. R4's FHIRPath for ppc-2..5 tests a placeholder system
// ('something') and so never fires; we check what the R4 text says, with
// the consentscope code system.
void CheckConsent(const Json& consent, const Path& path, Context& ctx) {
  if (!Has(consent, "policy") && !Has(consent, "policyRule")) {
    Invariant(ctx, path, "ppc-1", "either a policy or a policyRule");
  }
  if (Has(consent, "patient")) return;
  struct ScopeRule {
    const char* key;
    const char* code;
    const char* human;
  };
  static constexpr ScopeRule kRules[] = {
      {"ppc-2", "patient-privacy",
       "if scope = privacy, there must be a patient"},
      {"ppc-3", "research", "if scope = research, there must be a patient"},
      {"ppc-4", "adr", "if scope = adr, there must be a patient"},
      {"ppc-5", "treatment", "if scope = treatment, there must be a patient"},
  };
  for (const ScopeRule& r : kRules) {
    if (ScopeIs(consent, r.code)) Invariant(ctx, path, r.key, r.human);
  }
}

constexpr ElementDef kPolicyElements[] = {
    Elem("authority", kUri, Card::k01),
    Elem("uri", kUri, Card::k01),
};
const TypeDef kPolicy = BackboneType("Consent.policy", kPolicyElements);

constexpr ElementDef kVerificationElements[] = {
    Elem("verified", kBoolean, Card::k11),
    RefElem("verifiedWith", Card::k01, "Patient|RelatedPerson"),
    Elem("verificationDate", kDateTime, Card::k01),
};
const TypeDef kVerification =
    BackboneType("Consent.verification", kVerificationElements);

constexpr ElementDef kActorElements[] = {
    Elem("role", kCodeableConcept, Card::k11),
    RefElem("reference", Card::k11,
            "Device|Group|CareTeam|Organization|Patient|Practitioner|"
            "RelatedPerson|PractitionerRole"),
};
const TypeDef kActor = BackboneType("Consent.provision.actor", kActorElements);

constexpr ElementDef kDataElements[] = {
    Elem("meaning", kCode, Card::k11, &kConsentDataMeaning),
    RefElem("reference", Card::k11, nullptr),
};
const TypeDef kData = BackboneType("Consent.provision.data", kDataElements);

extern const TypeDef kProvision;
constexpr ElementDef kProvisionElements[] = {
    Elem("type", kCode, Card::k01, &kConsentProvisionType),
    Elem("period", kPeriod, Card::k01),
    Elem("actor", kActor, Card::k0N),
    Elem("action", kCodeableConcept, Card::k0N),
    Elem("securityLabel", kCoding, Card::k0N),
    Elem("purpose", kCoding, Card::k0N),
    Elem("class", kCoding, Card::k0N),
    Elem("code", kCodeableConcept, Card::k0N),
    Elem("dataPeriod", kPeriod, Card::k01),
    Elem("data", kData, Card::k0N),
    Elem("provision", kProvision, Card::k0N),
};
const TypeDef kProvision =
    BackboneType("Consent.provision", kProvisionElements);

constexpr ElementDef kConsentElements[] = {
    Elem("identifier", kIdentifier, Card::k0N),
    Elem("status", kCode, Card::k11, &kConsentStateCodes),
    Elem("scope", kCodeableConcept, Card::k11),
    Elem("category", kCodeableConcept, Card::k1N),
    RefElem("patient", Card::k01, "Patient"),
    Elem("dateTime", kDateTime, Card::k01),
    RefElem("performer", Card::k0N,
            "Organization|Patient|Practitioner|RelatedPerson|"
            "PractitionerRole"),
    RefElem("organization", Card::k0N, "Organization"),
    ChoiceElem("sourceAttachment", kAttachment, "source"),
    ChoiceElem("sourceReference", kReference, "source", Card::k01,
               "Consent|DocumentReference|Contract|QuestionnaireResponse"),
    Elem("policy", kPolicy, Card::k0N),
    Elem("policyRule", kCodeableConcept, Card::k01),
    Elem("verification", kVerification, Card::k0N),
    Elem("provision", kProvision, Card::k01),
};

}  // namespace

const TypeDef kConsent =
    ResourceType("Consent", kConsentElements, &CheckConsent);

}  // namespace validation_internal
}  // namespace fhir
