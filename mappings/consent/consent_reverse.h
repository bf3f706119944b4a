// ConsentFromFhir: an R4 Consent (one this plugin produced, possibly changed
// on the server since) -> a consent record: the reverse of MapConsent.
//
// Returns nullopt when `consent` is not a Consent, has no business
// identifier under ctx.record_system, or its patient does not resolve to an
// MRN; the issues say why. Otherwise returns the record with every field
// that could be read. What could not be read is an issue at its element path
// ("Consent.provision.actor[1].reference") and is left out: an actor that is
// no configured recipient is an error, a coding we do not know a warning.
// The record's document path and recorded time are not always recoverable
// (mappings/consent/README.md, "Round trip").
#ifndef ALLIANCE_MAPPINGS_CONSENT_CONSENT_REVERSE_H_
#define ALLIANCE_MAPPINGS_CONSENT_CONSENT_REVERSE_H_

#include <optional>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "mappings/context.h"
#include "mappings/records/record.h"

namespace mappings {

// `issues` must not be null.
std::optional<ConsentRecord> ConsentFromFhir(const fhir::Json& consent,
                                             const MappingContext& ctx,
                                             fhir::Issues* issues);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_CONSENT_CONSENT_REVERSE_H_
