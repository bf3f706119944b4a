// What a mapping produces, and the building blocks every mapping shares:
// business identifier, meta, patient/staff/record references.
#ifndef ALLIANCE_MAPPINGS_MAPPED_RESOURCE_H_
#define ALLIANCE_MAPPINGS_MAPPED_RESOURCE_H_

#include <string>
#include <vector>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "mappings/context.h"

namespace mappings {

struct MappedResource {
  std::string resource_type;     // "QuestionnaireResponse", "Goal", ...
  std::string identifier_value;  // business identifier under record_system
  // "urn:uuid:<uuid>", name-based on type, system and value: the same record
  // always gets the same fullUrl, so bundles are deterministic.
  std::string full_url;
  fhir::Json resource;
};

// Output of mapping one record. `issues` holds warnings (and errors, in which
// case `resources` may be incomplete and must not be sent).
struct MappingResult {
  std::vector<MappedResource> resources;
  fhir::Issues issues;
};

// Starts a resource: resourceType and meta (source + produced-by tag). The
// mapping adds the business identifier itself (BusinessIdentifier(): an
// array element for most types, a single value in QuestionnaireResponse).
MappedResource StartResource(const MappingContext& ctx, const std::string& type,
                             const std::string& identifier_value);

std::string ResourceUrn(const MappingContext& ctx, const std::string& type,
                        const std::string& identifier_value);

fhir::Json Identifier(const std::string& system, const std::string& value);
// Identifier(ctx.record_system, value) with use "official".
fhir::Json BusinessIdentifier(const MappingContext& ctx,
                              const std::string& value);

// Reference to the patient with this MRN: literal when the directory knows
// it, otherwise `identifier` plus the conditional form
// "Patient?" + fhir::IdentifierQuery(system, mrn) that a transaction resolves.
fhir::Json PatientReference(const MappingContext& ctx, const std::string& mrn);

// Reference to a staff member (Practitioner). Unknown to a directory that is
// set: identifier + display, and a warning at `path`.
fhir::Json StaffReference(const MappingContext& ctx, const std::string& staff_id,
                          const std::string& path, fhir::Issues* issues);

// Reference to another record's resource, e.g. ("Goal", "g-5"): conditional
// on our business identifier.
fhir::Json RecordReference(const MappingContext& ctx, const std::string& type,
                           const std::string& record_id);

// Reference to a recipient Organization by configuration key; an unknown key
// is an error at `path`.
fhir::Json OrganizationReference(const RecipientOrganization& org);

// A Coding {system, code, display}; display is left out when empty.
fhir::Json CodingJson(const std::string& system, const std::string& code,
                      const std::string& display = "");
// A CodeableConcept holding one CodingJson.
fhir::Json ConceptJson(const std::string& system, const std::string& code,
                       const std::string& display = "");
// The code of the first coding with `system` in a CodeableConcept, or empty.
std::string CodeIn(const fhir::Json& concept, const std::string& system);

// FHIR -> record: the reverse of the reference builders above. Each returns
// the id (MRN, staff id, record id) from the reference's identifier under the
// context's system, else (patients, staff) from a literal reference the
// directory knows, else empty.
std::string MrnFromReference(const MappingContext& ctx,
                             const fhir::Json& reference);
std::string StaffIdFromReference(const MappingContext& ctx,
                                 const fhir::Json& reference);
std::string RecordIdFromReference(const MappingContext& ctx,
                                  const fhir::Json& reference);

// FHIR -> record, the start: `resource` must be a `type` with our business
// identifier (-> *record_id) and a patient reference in member
// `patient_key` that resolves to an MRN (-> *mrn). Returns false, with an
// error at "<type>.<element>", when any of that is missing.
bool ReadRecordIdentity(const fhir::Json& resource, const std::string& type,
                        const std::string& patient_key,
                        const MappingContext& ctx, std::string* record_id,
                        std::string* mrn, fhir::Issues* issues);

// The business identifier value of a resource produced by this plugin
// (record_system match, in an identifier array or a single identifier), or
// empty.
std::string BusinessIdentifierValue(const MappingContext& ctx,
                                    const fhir::Json& resource);

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_MAPPED_RESOURCE_H_
