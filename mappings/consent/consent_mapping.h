// MapConsent: a consent record -> one FHIR R4 Consent (mapping tables in
// mappings/consent/README.md).
//
// Deterministic for a given record and context. The result holds the
// Consent (also when there are errors: then it must not be sent) and the
// issues, at record field paths:
//   error    recipients[i] / exceptions[j].recipients[i]: the key is not in
//            ctx.recipients (the actor is left out);
//   error    status, scope, category[i], decision: a value outside the
//            contract (the parser rejects these first);
//   error    document.sha256: the given SHA-256 does not match the bytes;
//   warning  document: the bytes are not loaded (no size/hash/data);
//   warning  witness: staff id unknown to ctx.directory.
#ifndef ALLIANCE_MAPPINGS_CONSENT_CONSENT_MAPPING_H_
#define ALLIANCE_MAPPINGS_CONSENT_CONSENT_MAPPING_H_

#include "mappings/context.h"
#include "mappings/mapped_resource.h"
#include "mappings/records/record.h"

namespace mappings {

MappingResult MapConsent(const ConsentRecord& record,
                         const MappingContext& ctx);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_CONSENT_CONSENT_MAPPING_H_
