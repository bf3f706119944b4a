// Provenance and AuditEvent: tables and invariants (sev-1).
#include "fhir/validation/resources.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

// sev-1: an entity has a name or a query, not both.
void CheckAuditEntity(const Json& entity, const Path& path, Context& ctx) {
  if (Has(entity, "name") && Has(entity, "query")) {
    Invariant(ctx, path, "sev-1", "either a name or a query (NOT both)");
  }
}

constexpr const char* kProvenanceParties =
    "Practitioner|PractitionerRole|RelatedPerson|Patient|Device|Organization";

constexpr ElementDef kProvenanceAgentElements[] = {
    Elem("type", kCodeableConcept, Card::k01),
    Elem("role", kCodeableConcept, Card::k0N),
    RefElem("who", Card::k11, kProvenanceParties),
    RefElem("onBehalfOf", Card::k01, kProvenanceParties),
};
const TypeDef kProvenanceAgent =
    BackboneType("Provenance.agent", kProvenanceAgentElements);

constexpr ElementDef kProvenanceEntityElements[] = {
    Elem("role", kCode, Card::k11, &kProvenanceEntityRole),
    RefElem("what", Card::k11, nullptr),
    Elem("agent", kProvenanceAgent, Card::k0N),
};
const TypeDef kProvenanceEntity =
    BackboneType("Provenance.entity", kProvenanceEntityElements);

constexpr ElementDef kProvenanceElements[] = {
    RefElem("target", Card::k1N, nullptr),
    ChoiceElem("occurredPeriod", kPeriod, "occurred"),
    ChoiceElem("occurredDateTime", kDateTime, "occurred"),
    Elem("recorded", kInstant, Card::k11),
    Elem("policy", kUri, Card::k0N),
    RefElem("location", Card::k01, "Location"),
    Elem("reason", kCodeableConcept, Card::k0N),
    Elem("activity", kCodeableConcept, Card::k01),
    Elem("agent", kProvenanceAgent, Card::k1N),
    Elem("entity", kProvenanceEntity, Card::k0N),
    Elem("signature", kSignature, Card::k0N),
};

constexpr const char* kAuditParties =
    "PractitionerRole|Practitioner|Organization|Device|Patient|RelatedPerson";

constexpr ElementDef kNetworkElements[] = {
    Elem("address", kString, Card::k01),
    Elem("type", kCode, Card::k01, &kNetworkType),
};
const TypeDef kNetwork =
    BackboneType("AuditEvent.agent.network", kNetworkElements);

constexpr ElementDef kAuditAgentElements[] = {
    Elem("type", kCodeableConcept, Card::k01),
    Elem("role", kCodeableConcept, Card::k0N),
    RefElem("who", Card::k01, kAuditParties),
    Elem("altId", kString, Card::k01),
    Elem("name", kString, Card::k01),
    Elem("requestor", kBoolean, Card::k11),
    RefElem("location", Card::k01, "Location"),
    Elem("policy", kUri, Card::k0N),
    Elem("media", kCoding, Card::k01),
    Elem("network", kNetwork, Card::k01),
    Elem("purposeOfUse", kCodeableConcept, Card::k0N),
};
const TypeDef kAuditAgent =
    BackboneType("AuditEvent.agent", kAuditAgentElements);

constexpr ElementDef kAuditSourceElements[] = {
    Elem("site", kString, Card::k01),
    RefElem("observer", Card::k11, kAuditParties),
    Elem("type", kCoding, Card::k0N),
};
const TypeDef kAuditSource =
    BackboneType("AuditEvent.source", kAuditSourceElements);

constexpr ElementDef kAuditDetailElements[] = {
    Elem("type", kString, Card::k11),
    ChoiceElem("valueString", kString, "value", Card::k11),
    ChoiceElem("valueBase64Binary", kBase64Binary, "value", Card::k11),
};
const TypeDef kAuditDetail =
    BackboneType("AuditEvent.entity.detail", kAuditDetailElements);

constexpr ElementDef kAuditEntityElements[] = {
    RefElem("what", Card::k01, nullptr),
    Elem("type", kCoding, Card::k01),
    Elem("role", kCoding, Card::k01),
    Elem("lifecycle", kCoding, Card::k01),
    Elem("securityLabel", kCoding, Card::k0N),
    Elem("name", kString, Card::k01),
    Elem("description", kString, Card::k01),
    Elem("query", kBase64Binary, Card::k01),
    Elem("detail", kAuditDetail, Card::k0N),
};
const TypeDef kAuditEntity =
    BackboneType("AuditEvent.entity", kAuditEntityElements, &CheckAuditEntity);

constexpr ElementDef kAuditEventElements[] = {
    Elem("type", kCoding, Card::k11),
    Elem("subtype", kCoding, Card::k0N),
    Elem("action", kCode, Card::k01, &kAuditEventAction),
    Elem("period", kPeriod, Card::k01),
    Elem("recorded", kInstant, Card::k11),
    Elem("outcome", kCode, Card::k01, &kAuditEventOutcome),
    Elem("outcomeDesc", kString, Card::k01),
    Elem("purposeOfEvent", kCodeableConcept, Card::k0N),
    Elem("agent", kAuditAgent, Card::k1N),
    Elem("source", kAuditSource, Card::k11),
    Elem("entity", kAuditEntity, Card::k0N),
};

}  // namespace

const TypeDef kProvenance = ResourceType("Provenance", kProvenanceElements);
const TypeDef kAuditEvent = ResourceType("AuditEvent", kAuditEventElements);

}  // namespace validation_internal
}  // namespace fhir
