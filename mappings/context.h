// MappingContext: everything a mapping needs besides the record. Mappings are
// pure and deterministic: the time, the configuration and what is already
// known about the server come in here; mappings do no I/O and read no clock.
#ifndef ALLIANCE_MAPPINGS_CONTEXT_H_
#define ALLIANCE_MAPPINGS_CONTEXT_H_

#include <cstddef>
#include <map>
#include <string>

namespace mappings {

class InstrumentCatalog;

// A recipient key of the configuration (e.g. "hospital") -> Organization.
struct RecipientOrganization {
  std::string identifier_system;  // Organization.identifier
  std::string identifier_value;
  std::string display;
  std::string reference;  // "Organization/123" when known, else empty
};

// Literal references the sync engine has resolved on the server. Absent
// entries map to logical references (identifier only, plus a conditional
// reference for transactions; see fhir_common.h).
struct ReferenceDirectory {
  std::map<std::string, std::string> patients;  // MRN -> "Patient/<id>"
  std::map<std::string, std::string> staff;     // staff id -> "Practitioner/<id>"
};

struct MappingContext {
  // The time of the mapping run, a FHIR instant. Default: empty (callers set it).
  std::string now;
  // Identifier system of record ids (value = record id). Every resource we
  // emit carries it. Default: "urn:alliance-fhir:clinic:record".
  std::string record_system = "urn:alliance-fhir:clinic:record";
  // Identifier system of the hospital's medical record numbers.
  // Default: "urn:alliance-fhir:hospital:mrn".
  std::string mrn_system = "urn:alliance-fhir:hospital:mrn";
  // Identifier system of staff ids. Default: "urn:alliance-fhir:clinic:staff".
  std::string staff_system = "urn:alliance-fhir:clinic:staff";
  // meta.source of every resource. Default: "urn:alliance-fhir:clinic".
  std::string source = "urn:alliance-fhir:clinic";
  // The clinic as an Organization (Consent.organization, Provenance).
  RecipientOrganization clinic{"urn:alliance-fhir:clinic:org", "clinic",
                               "Clinic", ""};
  std::map<std::string, RecipientOrganization> recipients;
  // Consent documents up to this size travel inline (Attachment.data);
  // larger ones carry only size and hashes. Default: 1 MiB.
  std::size_t inline_document_max_bytes = 1 << 20;
  // Loaded instruments (ratings, goal targets such as "srs:total").
  // Not owned; must outlive the mapping call. Default: none.
  const InstrumentCatalog* instruments = nullptr;
  // When null (offline, dry-run): references are logical and unknown staff
  // are not warned about. When set: unknown staff are warned about.
  const ReferenceDirectory* directory = nullptr;
};

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_CONTEXT_H_
