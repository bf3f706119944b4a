// Patient, Practitioner and Organization: tables and invariants (pat-1,
// org-1 .. org-3).
#include "fhir/validation/resources.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

void CheckPatientContact(const Json& c, const Path& path, Context& ctx) {
  if (!Has(c, "name") && !Has(c, "telecom") && !Has(c, "address") &&
      !Has(c, "organization")) {
    Invariant(ctx, path, "pat-1",
              "SHALL at least contain a contact's details or a reference to "
              "an organization");
  }
}

// org-2 / org-3: no 'home' use on the addresses / telecoms in `key`.
void CheckNoHomeUse(const Json& org, std::string_view key, const char* rule,
                    const char* human, const Path& path, Context& ctx) {
  const Json* list = FindMember(org, key);
  if (list == nullptr || !list->is_array()) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (StringMember(list->at(i), "use") == "home") {
      Path p(path, key, i);
      Invariant(ctx, p, rule, human);
    }
  }
}

void CheckOrganization(const Json& org, const Path& path, Context& ctx) {
  if (!Has(org, "identifier") && !Has(org, "name")) {
    Invariant(ctx, path, "org-1",
              "the organization SHALL at least have a name or an identifier");
  }
  CheckNoHomeUse(org, "address", "org-2",
                 "an address of an organization can never be of use 'home'",
                 path, ctx);
  CheckNoHomeUse(org, "telecom", "org-3",
                 "the telecom of an organization can never be of use 'home'",
                 path, ctx);
}

constexpr ElementDef kPatientContactElements[] = {
    Elem("relationship", kCodeableConcept, Card::k0N),
    Elem("name", kHumanName, Card::k01),
    Elem("telecom", kContactPoint, Card::k0N),
    Elem("address", kAddress, Card::k01),
    Elem("gender", kCode, Card::k01, &kAdministrativeGender),
    RefElem("organization", Card::k01, "Organization"),
    Elem("period", kPeriod, Card::k01),
};
const TypeDef kPatientContact = BackboneType(
    "Patient.contact", kPatientContactElements, &CheckPatientContact);

constexpr ElementDef kCommunicationElements[] = {
    Elem("language", kCodeableConcept, Card::k11),
    Elem("preferred", kBoolean, Card::k01),
};
const TypeDef kCommunication =
    BackboneType("Patient.communication", kCommunicationElements);

constexpr ElementDef kPatientLinkElements[] = {
    RefElem("other", Card::k11, "Patient|RelatedPerson"),
    Elem("type", kCode, Card::k11, &kLinkType),
};
const TypeDef kPatientLink = BackboneType("Patient.link", kPatientLinkElements);

constexpr ElementDef kPatientElements[] = {
    Elem("identifier", kIdentifier, Card::k0N),
    Elem("active", kBoolean, Card::k01),
    Elem("name", kHumanName, Card::k0N),
    Elem("telecom", kContactPoint, Card::k0N),
    Elem("gender", kCode, Card::k01, &kAdministrativeGender),
    Elem("birthDate", kDate, Card::k01),
    ChoiceElem("deceasedBoolean", kBoolean, "deceased"),
    ChoiceElem("deceasedDateTime", kDateTime, "deceased"),
    Elem("address", kAddress, Card::k0N),
    Elem("maritalStatus", kCodeableConcept, Card::k01),
    ChoiceElem("multipleBirthBoolean", kBoolean, "multipleBirth"),
    ChoiceElem("multipleBirthInteger", kInteger, "multipleBirth"),
    Elem("photo", kAttachment, Card::k0N),
    Elem("contact", kPatientContact, Card::k0N),
    Elem("communication", kCommunication, Card::k0N),
    RefElem("generalPractitioner", Card::k0N,
            "Organization|Practitioner|PractitionerRole"),
    RefElem("managingOrganization", Card::k01, "Organization"),
    Elem("link", kPatientLink, Card::k0N),
};

constexpr ElementDef kQualificationElements[] = {
    Elem("identifier", kIdentifier, Card::k0N),
    Elem("code", kCodeableConcept, Card::k11),
    Elem("period", kPeriod, Card::k01),
    RefElem("issuer", Card::k01, "Organization"),
};
const TypeDef kQualification =
    BackboneType("Practitioner.qualification", kQualificationElements);

constexpr ElementDef kPractitionerElements[] = {
    Elem("identifier", kIdentifier, Card::k0N),
    Elem("active", kBoolean, Card::k01),
    Elem("name", kHumanName, Card::k0N),
    Elem("telecom", kContactPoint, Card::k0N),
    Elem("address", kAddress, Card::k0N),
    Elem("gender", kCode, Card::k01, &kAdministrativeGender),
    Elem("birthDate", kDate, Card::k01),
    Elem("photo", kAttachment, Card::k0N),
    Elem("qualification", kQualification, Card::k0N),
    Elem("communication", kCodeableConcept, Card::k0N),
};

constexpr ElementDef kOrganizationContactElements[] = {
    Elem("purpose", kCodeableConcept, Card::k01),
    Elem("name", kHumanName, Card::k01),
    Elem("telecom", kContactPoint, Card::k0N),
    Elem("address", kAddress, Card::k01),
};
const TypeDef kOrganizationContact =
    BackboneType("Organization.contact", kOrganizationContactElements);

constexpr ElementDef kOrganizationElements[] = {
    Elem("identifier", kIdentifier, Card::k0N),
    Elem("active", kBoolean, Card::k01),
    Elem("type", kCodeableConcept, Card::k0N),
    Elem("name", kString, Card::k01),
    Elem("alias", kString, Card::k0N),
    Elem("telecom", kContactPoint, Card::k0N),
    Elem("address", kAddress, Card::k0N),
    RefElem("partOf", Card::k01, "Organization"),
    Elem("contact", kOrganizationContact, Card::k0N),
    RefElem("endpoint", Card::k0N, "Endpoint"),
};

}  // namespace

const TypeDef kPatient = ResourceType("Patient", kPatientElements);
const TypeDef kPractitioner =
    ResourceType("Practitioner", kPractitionerElements);
const TypeDef kOrganization =
    ResourceType("Organization", kOrganizationElements, &CheckOrganization);

}  // namespace validation_internal
}  // namespace fhir
