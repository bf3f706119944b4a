#include "plugin/sync/resolver.h"

#include "fhir/bundle.h"

namespace plugin {

fhir::StatusOr<std::string> Resolver::Lookup(const std::string& type,
                                             const std::string& system,
                                             const std::string& value) {
  std::string cache_key = type + "|" + value;
  if (missing_this_run_.count(cache_key)) return std::string();
  fhir::StatusOr<std::optional<Resolution>> cached =
      ctx_.store->GetResolution(type, value);
  if (!cached.ok()) return cached.status();
  if (*cached && (*cached)->found()) return (*cached)->reference;
  fhir::SearchResult found = ctx_.client->Search(
      type, fhir::IdentifierQuery(system, value) + "&_count=2");
  if (!found.ok()) return found.status;
  std::string reference;
  if (found.entries.size() == 1) {
    const fhir::Json* resource = found.entries[0].Find("resource");
    const fhir::Json* id = resource ? resource->Find("id") : nullptr;
    if (id && id->is_string()) reference = type + "/" + id->str();
  } else if (found.entries.size() > 1 && ctx_.log) {
    *ctx_.log << "resolve: " << type << " identifier matches "
              << found.entries.size() << " resources; not used\n";
  }
  fhir::Status st = ctx_.store->PutResolution(type, value, reference, ctx_.now_ms());
  if (!st.ok()) return st;
  if (reference.empty()) missing_this_run_.insert(cache_key);
  return reference;
}

fhir::StatusOr<bool> Resolver::Patient(const std::string& mrn,
                                       mappings::ReferenceDirectory* dir) {
  if (dir->patients.count(mrn)) return true;
  fhir::StatusOr<std::string> ref = Lookup("Patient", ctx_.mapping.mrn_system, mrn);
  if (!ref.ok()) return ref.status();
  if (ref->empty()) return false;
  dir->patients[mrn] = *ref;
  return true;
}

fhir::Status Resolver::Staff(const std::string& staff_id,
                             mappings::ReferenceDirectory* dir) {
  if (staff_id.empty() || dir->staff.count(staff_id)) return fhir::OkStatus();
  fhir::StatusOr<std::string> ref =
      Lookup("Practitioner", ctx_.mapping.staff_system, staff_id);
  if (!ref.ok()) return ref.status();
  if (!ref->empty()) dir->staff[staff_id] = *ref;
  return fhir::OkStatus();
}

}  // namespace plugin
