// Walker: checks a JSON value against a TypeDef, element by element, and
// reports what is wrong into an Issues list (internal to fhir/validation).
//
// The walker does the generic work every type shares: unknown members,
// JSON null and empty values, array versus single value, primitive formats
// and required bindings, `_name` primitive-extension siblings, choice
// types, required elements; then it calls the type's invariant function.
// It never stops early: every finding is reported. Nothing here allocates
// on the success path except what invariants need for uniqueness checks.
#ifndef ALLIANCE_FHIR_VALIDATION_WALKER_H_
#define ALLIANCE_FHIR_VALIDATION_WALKER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fhir/issues.h"
#include "fhir/json.h"
#include "fhir/validation/path.h"
#include "fhir/validation/schema.h"

namespace fhir {
namespace validation_internal {

// Local ('#id') references seen while walking a resource that has
// contained resources, for dom-3.
struct LocalRefs {
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::string_view> ids;      // without the '#'
  std::vector<bool> refers_to_container;  // per contained[i]: has "#"
  std::size_t current_contained = kNone;  // index being walked, or kNone
};

struct Context {
  Issues* issues;
  // The resource whose `contained` list resolves "#id" references (the
  // top-level resource or Bundle entry, never a contained one).
  const Json* container = nullptr;
  // Non-null only while walking a resource that has contained resources.
  LocalRefs* local_refs = nullptr;
};

// ---- Reporting (builds the path text; only called on a finding). ----
void Report(Context& ctx, Severity severity, const char* code, const Path& path,
            std::string message);
void ReportChild(Context& ctx, Severity severity, const char* code,
                 const Path& path, std::string_view child, std::string message);
inline void Error(Context& ctx, const char* code, const Path& path,
                  std::string message) {
  Report(ctx, Severity::kError, code, path, std::move(message));
}
// An invariant violation at `path`: message "<key>: <human>".
void Invariant(Context& ctx, const Path& path, const char* key,
               const char* human, Severity severity = Severity::kError);

// ---- Walking. ----

// Checks `object` against `type` (a complex datatype, backbone element or
// resource). A resource's own `resourceType` member is skipped here.
void ValidateObject(const Json& object, const TypeDef& type, const Path& path,
                    Context& ctx);
// One member `key` of `object` whose definition is `def`: null, array vs
// single value, then each value (walker_members.cc).
void ValidateMember(const Json& object, const Json& value,
                    const ElementDef& def, std::string_view key,
                    const Path& path, Context& ctx);
// `_key`: the id/extensions of primitive element `def`.
void ValidatePrimitiveExtension(const Json& object, const Json& value,
                                const ElementDef& def, std::string_view key,
                                const Path& path, Context& ctx);
// Checks a primitive value: JSON kind, format, required binding.
void CheckPrimitive(const Json& value, Primitive primitive,
                    const ValueSet* binding, const Path& path, Context& ctx);
// Reports JSON null members, empty strings, objects and arrays anywhere in
// `value` (used where no element table applies).
void CheckShape(const Json& value, const Path& path, Context& ctx);
// Reference-specific checks (validator_reference.cc): literal reference
// format, ref-1, allowed target types (`targets`, null = any).
void CheckReference(const Json& reference, const char* targets,
                    const Path& path, Context& ctx);
// A nested resource: Bundle.entry.resource (contained = false) or one of
// DomainResource.contained (contained = true). Defined in validator.cc.
void ValidateResourceAt(const Json& resource, const Path& path, Context& ctx,
                        bool contained);

// ---- Helpers for invariant functions. ----

// Name equality with the cheap rejections (length, first byte) first: the
// walker and the invariants compare member names all the time.
// Compares 8 bytes at a time inline (no library call: names are short).
inline bool SameName(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t u, v;
    std::memcpy(&u, x + i, 8);
    std::memcpy(&v, y + i, 8);
    if (u != v) return false;
  }
  for (; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}
// Like Json::Find, with SameName (hot path); nullptr if absent.
inline const Json* FindMember(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  for (std::size_t i = 0; i < object.size(); ++i) {
    if (SameName(object.key(i), key)) return &object.at(i);
  }
  return nullptr;
}

// The member's string value; empty when absent or not a string.
std::string_view StringMember(const Json& object, std::string_view key);
// True when `key` (or its `_key` sibling) is present and not null.
bool Has(const Json& object, std::string_view key);
// True when any variant of choice `prefix` ("value" -> valueQuantity,
// _valueString, ...) is present.
bool HasChoice(const Json& object, std::string_view prefix);
// The first variant of choice `prefix`, or nullptr; sets *type_suffix to
// the type part of the member name ("Quantity").
const Json* FindChoice(const Json& object, std::string_view prefix,
                       std::string_view* type_suffix);
// Number of items of an array member (1 for a single value, 0 if absent).
std::size_t CountOf(const Json& object, std::string_view key);
// True when the decimal text is negative (and not zero).
bool IsNegativeDecimal(std::string_view text);
// True when `name` is usable as an identifier by code generators:
// [A-Z][A-Za-z0-9_]{0,254} (que-0, csd-0, cpb-0).
bool IsComputableName(std::string_view name);

}  // namespace validation_internal
}  // namespace fhir

#endif  // ALLIANCE_FHIR_VALIDATION_WALKER_H_
