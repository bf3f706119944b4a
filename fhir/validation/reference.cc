// Reference checks: literal reference format, ref-1 and target types.
#include <cstring>
#include <string>

#include "fhir/primitives.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s[0] == prefix[0] &&
         s.compare(0, prefix.size(), prefix) == 0;
}

// True when `type` is one of the '|'-separated `targets` (scanned in place:
// this runs for every reference).
bool TargetAllowed(const char* targets, std::string_view type) {
  if (type.empty()) return false;
  for (const char* p = targets;;) {
    if (p[0] == type[0] && std::strncmp(p, type.data(), type.size()) == 0 &&
        (p[type.size()] == '|' || p[type.size()] == '\0')) {
      return true;
    }
    p = std::strchr(p, '|');
    if (p == nullptr) return false;
    ++p;
  }
}

// "Type/id" or "Type/id/_history/vid" after the type; "?query" for a
// conditional reference (resolved by the server inside a transaction).
bool ValidRelativeTail(std::string_view tail) {
  if (tail.empty()) return false;
  if (tail[0] == '?') return tail.size() > 1;
  if (tail[0] != '/') return false;
  tail.remove_prefix(1);
  constexpr std::string_view kHistory = "/_history/";
  std::size_t h = tail.find(kHistory);
  if (h == std::string_view::npos) return IsFhirId(tail);
  return IsFhirId(tail.substr(0, h)) &&
         IsFhirId(tail.substr(h + kHistory.size()));
}

// A local reference "#id" (ref-1) or "#" (the containing resource).
void CheckLocal(std::string_view ref, const Path& ref_path, Context& ctx) {
  if (ref.size() == 1) {
    LocalRefs* refs = ctx.local_refs;
    if (refs != nullptr && refs->current_contained != LocalRefs::kNone) {
      refs->refers_to_container[refs->current_contained] = true;
    }
    return;
  }
  std::string_view id = ref.substr(1);
  if (ctx.local_refs != nullptr) ctx.local_refs->ids.push_back(id);
  const Json* contained = ctx.container != nullptr
                              ? FindMember(*ctx.container, "contained")
                              : nullptr;
  if (contained != nullptr && contained->is_array()) {
    for (const Json& r : contained->items()) {
      if (StringMember(r, "id") == id) return;
    }
  }
  Invariant(ctx, ref_path, "ref-1",
            "SHALL have a contained resource if a local reference is "
            "provided");
}

}  // namespace

void CheckReference(const Json& reference, const char* targets,
                    const Path& path, Context& ctx) {
  const std::string_view type = StringMember(reference, "type");
  if (targets != nullptr && !type.empty() && !TargetAllowed(targets, type) &&
      IsR4ResourceType(type)) {
    ReportChild(ctx, Severity::kError, "value", path, "type",
                "'" + std::string(type) + "' is not an allowed target (" +
                    targets + ")");
  }
  const Json* r = FindMember(reference, "reference");
  if (r == nullptr || !r->is_string() || r->str().empty()) return;
  const std::string_view ref = r->str();
  Path ref_path(path, "reference");
  if (ref[0] == '#') {
    CheckLocal(ref, ref_path, ctx);
    return;
  }
  if (StartsWith(ref, "urn:uuid:") || StartsWith(ref, "urn:oid:")) {
    if (!IsFhirUuid(ref) && !IsFhirOid(ref)) {
      Error(ctx, "value", ref_path, "is not a valid urn:uuid: or urn:oid:");
    }
    return;
  }
  std::size_t end = 0;  // end of the leading type name, at '/' or '?'
  while (end < ref.size() && ref[end] != '/' && ref[end] != '?') ++end;
  std::string_view ref_type = ref.substr(0, end);
  // Allowed targets are R4 types (checked by tables_test): try them first.
  const bool allowed = targets != nullptr && TargetAllowed(targets, ref_type);
  if (allowed || IsR4ResourceType(ref_type)) {
    if (!ValidRelativeTail(ref.substr(ref_type.size()))) {
      Error(ctx, "value", ref_path,
            "is not Type/id, Type/id/_history/vid or Type?query");
    } else if (targets != nullptr && !allowed) {
      Error(ctx, "value", ref_path,
            std::string(ref_type) + " is not an allowed target (" + targets +
                ")");
    }
    return;
  }
  if (!IsFhirUrl(ref) || ref.find("://") == std::string_view::npos) {
    Error(ctx, "value", ref_path,
          "is neither a relative reference (Type/id), an absolute URL, a "
          "urn:uuid: nor a #contained reference");
  }
}

}  // namespace validation_internal
}  // namespace fhir
