// The vocabulary of the consent mapping, both ways: record values <-> the
// codings, policies and extensions of an R4 Consent. Tables and their
// reasons: mappings/consent/README.md. Pure functions; unknown input gives a
// null Json or an empty string, and the caller reports it.
#ifndef ALLIANCE_MAPPINGS_CONSENT_CONSENT_TERMS_H_
#define ALLIANCE_MAPPINGS_CONSENT_CONSENT_TERMS_H_

#include <string>

#include "fhir/json.h"

namespace mappings {

// Consent.category for a record category (treatment, release-of-information,
// research); null Json for any other value.
fhir::Json CategoryConcept(const std::string& category);
// The record category of a Consent.category, or empty.
std::string CategoryOf(const fhir::Json& concept);

// Consent.scope (consentscope) for treatment, patient-privacy, research.
fhir::Json ScopeConcept(const std::string& scope);

// A v3-ActReason Coding; common codes get their display.
fhir::Json PurposeCoding(const std::string& code);

// Sets Consent.policy (always) and Consent.policyRule (when a code fits the
// policy and scope) for a record policy: hipaa, 42cfr2 or an absolute URI.
void SetPolicy(const std::string& policy, const std::string& scope,
               fhir::Json* consent);
// The record policy of a Consent (known policy URIs and rule codes become
// hipaa / 42cfr2, another URI stays as it is), or empty.
std::string PolicyOf(const fhir::Json& consent);

// The signer-role extension for a guardian or representative signer; null
// Json for other roles.
fhir::Json SignerRoleExtension(const std::string& role);
// "guardian" / "representative" from a reference carrying that extension,
// else empty.
std::string SignerRoleOf(const fhir::Json& reference);

// The valueX of the first extension with `url` on `element`, or nullptr.
const fhir::Json* ExtensionValue(const fhir::Json& element,
                                 const std::string& url, const char* value_key);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_CONSENT_CONSENT_TERMS_H_
