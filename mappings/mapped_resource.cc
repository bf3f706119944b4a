#include "mappings/mapped_resource.h"

#include "fhir/bundle.h"
#include "fhir/crypto.h"
#include "mappings/codes.h"

namespace mappings {

using fhir::Json;

std::string ResourceUrn(const MappingContext& ctx, const std::string& type,
                        const std::string& identifier_value) {
  return "urn:uuid:" +
         fhir::NameBasedUuid(type + "|" + ctx.record_system + "|" +
                             identifier_value);
}

Json Identifier(const std::string& system, const std::string& value) {
  Json id = Json::Object();
  id.Set("system", system);
  id.Set("value", value);
  return id;
}

Json BusinessIdentifier(const MappingContext& ctx, const std::string& value) {
  Json id = Json::Object();
  id.Set("use", "official");
  id.Set("system", ctx.record_system);
  id.Set("value", value);
  return id;
}

// meta is the same for every resource of a clinic: built once per thread
// and shared (Json containers are copy-on-write), not rebuilt per resource.
static const Json& Meta(const std::string& source) {
  thread_local std::string cached_source;
  thread_local Json cached;
  if (cached.is_null() || cached_source != source) {
    Json meta = Json::Object();
    meta.Set("source", source);
    Json tag = Json::Object();
    tag.Set("system", kTagSystem);
    tag.Set("code", kProducedByTag);
    tag.Set("display", "Produced by alliance-fhir");
    meta.Set("tag", Json::Array()).Append(std::move(tag));
    cached = std::move(meta);
    cached_source = source;
  }
  return cached;
}

MappedResource StartResource(const MappingContext& ctx, const std::string& type,
                             const std::string& identifier_value) {
  MappedResource out;
  out.resource_type = type;
  out.identifier_value = identifier_value;
  out.full_url = ResourceUrn(ctx, type, identifier_value);
  out.resource.Set("resourceType", type);
  out.resource.Set("meta", Meta(ctx.source));
  return out;
}

static Json ConditionalReference(const std::string& type,
                                 const std::string& system,
                                 const std::string& value) {
  Json ref = Json::Object();
  ref.Set("reference", type + "?" + fhir::IdentifierQuery(system, value));
  ref.Set("type", type);
  ref.Set("identifier", Identifier(system, value));
  return ref;
}

Json PatientReference(const MappingContext& ctx, const std::string& mrn) {
  if (ctx.directory) {
    auto it = ctx.directory->patients.find(mrn);
    if (it != ctx.directory->patients.end()) {
      Json ref = Json::Object();
      ref.Set("reference", it->second);
      ref.Set("identifier", Identifier(ctx.mrn_system, mrn));
      return ref;
    }
  }
  return ConditionalReference("Patient", ctx.mrn_system, mrn);
}

Json StaffReference(const MappingContext& ctx, const std::string& staff_id,
                    const std::string& path, fhir::Issues* issues) {
  if (ctx.directory) {
    auto it = ctx.directory->staff.find(staff_id);
    if (it != ctx.directory->staff.end()) {
      Json ref = Json::Object();
      ref.Set("reference", it->second);
      ref.Set("identifier", Identifier(ctx.staff_system, staff_id));
      return ref;
    }
    issues->Warning("not-found", path,
                    "staff id " + staff_id +
                        " has no Practitioner on the server; referenced by "
                        "identifier only");
    Json ref = Json::Object();
    ref.Set("type", "Practitioner");
    ref.Set("identifier", Identifier(ctx.staff_system, staff_id));
    ref.Set("display", "Staff " + staff_id);
    return ref;
  }
  Json ref = ConditionalReference("Practitioner", ctx.staff_system, staff_id);
  ref.Set("display", "Staff " + staff_id);
  return ref;
}

Json RecordReference(const MappingContext& ctx, const std::string& type,
                     const std::string& record_id) {
  return ConditionalReference(type, ctx.record_system, record_id);
}

Json OrganizationReference(const RecipientOrganization& org) {
  Json ref = Json::Object();
  if (!org.reference.empty()) {
    ref.Set("reference", org.reference);
  } else {
    ref.Set("reference",
            "Organization?" + fhir::IdentifierQuery(org.identifier_system,
                                                    org.identifier_value));
    ref.Set("type", "Organization");
  }
  ref.Set("identifier", Identifier(org.identifier_system, org.identifier_value));
  if (!org.display.empty()) ref.Set("display", org.display);
  return ref;
}

std::string BusinessIdentifierValue(const MappingContext& ctx,
                                    const Json& resource) {
  const Json* ids = resource.Find("identifier");
  if (!ids) return "";
  auto match = [&](const Json& id) -> std::string {
    const Json* sys = id.Find("system");
    const Json* val = id.Find("value");
    if (sys && val && sys->str() == ctx.record_system) return val->str();
    return "";
  };
  if (ids->is_object()) return match(*ids);
  for (const Json& id : ids->items()) {
    std::string v = match(id);
    if (!v.empty()) return v;
  }
  return "";
}

Json CodingJson(const std::string& system, const std::string& code,
                const std::string& display) {
  Json coding = Json::Object();
  coding.Set("system", system);
  coding.Set("code", code);
  if (!display.empty()) coding.Set("display", display);
  return coding;
}

Json ConceptJson(const std::string& system, const std::string& code,
                 const std::string& display) {
  Json concept = Json::Object();
  concept.Set("coding", Json::Array()).Append(CodingJson(system, code, display));
  return concept;
}

std::string CodeIn(const Json& concept, const std::string& system) {
  const Json* codings = concept.Find("coding");
  if (!codings) return "";
  for (const Json& c : codings->items()) {
    const Json* sys = c.Find("system");
    const Json* code = c.Find("code");
    if (sys && code && sys->str() == system) return code->str();
  }
  return "";
}

// The identifier value under `system`, else the key whose value is the
// literal reference in `known` (a directory map), else empty.
static std::string IdFromReference(const Json& reference,
                                   const std::string& system,
                                   const std::map<std::string, std::string>* known) {
  if (const Json* id = reference.Find("identifier")) {
    const Json* sys = id->Find("system");
    const Json* val = id->Find("value");
    if (sys && val && sys->str() == system) return val->str();
  }
  const Json* literal = reference.Find("reference");
  if (known && literal) {
    for (const auto& [key, value] : *known) {
      if (value == literal->str()) return key;
    }
  }
  return "";
}

std::string MrnFromReference(const MappingContext& ctx, const Json& reference) {
  return IdFromReference(reference, ctx.mrn_system,
                         ctx.directory ? &ctx.directory->patients : nullptr);
}

std::string StaffIdFromReference(const MappingContext& ctx,
                                 const Json& reference) {
  return IdFromReference(reference, ctx.staff_system,
                         ctx.directory ? &ctx.directory->staff : nullptr);
}

std::string RecordIdFromReference(const MappingContext& ctx,
                                  const Json& reference) {
  return IdFromReference(reference, ctx.record_system, nullptr);
}

bool ReadRecordIdentity(const Json& resource, const std::string& type,
                        const std::string& patient_key,
                        const MappingContext& ctx, std::string* record_id,
                        std::string* mrn, fhir::Issues* issues) {
  const Json* rt = resource.Find("resourceType");
  if (!rt || rt->str() != type) {
    issues->Error("structure", fhir::JoinPath(type, "resourceType"),
                  "is not " + type);
    return false;
  }
  *record_id = BusinessIdentifierValue(ctx, resource);
  if (record_id->empty()) {
    issues->Error("required", fhir::JoinPath(type, "identifier"),
                  "has no identifier with system " + ctx.record_system);
  }
  const Json* patient = resource.Find(patient_key);
  *mrn = patient ? MrnFromReference(ctx, *patient) : "";
  if (mrn->empty()) {
    issues->Error("not-found", fhir::JoinPath(type, patient_key),
                  "does not resolve to a medical record number");
  }
  return !record_id->empty() && !mrn->empty();
}

}  // namespace mappings
