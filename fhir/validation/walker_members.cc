// The walker's per-member work: one member's value (single or array),
// `_name` primitive-extension siblings, and JSON-shape checks.
#include <string>

#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

// Validates one value (not an array) of element `def`.
void ValidateItem(const Json& item, const ElementDef& def, const Path& path,
                  Context& ctx) {
  const TypeDef& type = *def.type;
  switch (type.base) {
    case Base::kPrimitive:
      CheckPrimitive(item, type.primitive, def.binding, path, ctx);
      return;
    case Base::kAnyResource:
      ValidateResourceAt(item, path, ctx, /*contained=*/false);
      return;
    case Base::kContainedResource:
      ValidateResourceAt(item, path, ctx, /*contained=*/true);
      return;
    case Base::kAny:
      if (!item.is_object()) {
        Error(ctx, "structure", path, "must be a JSON object");
      } else {
        CheckShape(item, path, ctx);
      }
      return;
    default:
      ValidateObject(item, type, path, ctx);
      if (&type == &kReference && item.is_object()) {
        CheckReference(item, def.targets, path, ctx);
      }
      return;
  }
}

// True when the sibling array (`_key` beside `key`, or `key` beside `_key`)
// has a non-null element at `index`.
bool SiblingHasValue(const Json& object, std::string_view key,
                     std::size_t index, bool underscore_sibling) {
  std::string sibling =
      underscore_sibling ? "_" + std::string(key) : std::string(key.substr(1));
  const Json* s = FindMember(object, sibling);
  return s != nullptr && s->is_array() && index < s->size() &&
         !s->at(index).is_null();
}

}  // namespace

void ValidateMember(const Json& object, const Json& value,
                    const ElementDef& def, std::string_view key,
                    const Path& path, Context& ctx) {
  const bool primitive = def.type->base == Base::kPrimitive;
  if (value.is_null()) {
    ReportChild(ctx, Severity::kError, "structure", path, key,
                "null is not allowed; omit the element instead");
    return;
  }
  if (!IsRepeating(def.card)) {
    if (value.is_array()) {
      ReportChild(ctx, Severity::kError, "structure", path, key,
                  "must be a single value, not an array (max 1)");
      return;
    }
    Path item_path(path, key);
    ValidateItem(value, def, item_path, ctx);
    return;
  }
  if (!value.is_array()) {
    ReportChild(ctx, Severity::kError, "structure", path, key,
                "must be an array (max *)");
    return;
  }
  if (value.empty()) {
    ReportChild(ctx, Severity::kError, "structure", path, key,
                "must not be an empty array; omit the element instead");
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& item = value.at(i);
    Path item_path(path, key, i);
    if (item.is_null()) {
      // Allowed only as a placeholder matched by the `_key` sibling.
      if (!primitive || !SiblingHasValue(object, key, i, true)) {
        Error(ctx, "structure", item_path, "null is not allowed here");
      }
      continue;
    }
    ValidateItem(item, def, item_path, ctx);
  }
}

// `_key`: the id/extensions of primitive element `def`.
void ValidatePrimitiveExtension(const Json& object, const Json& value,
                                const ElementDef& def, std::string_view key,
                                const Path& path, Context& ctx) {
  if (def.type->base != Base::kPrimitive) {
    ReportChild(ctx, Severity::kError, "structure", path, key,
                "only primitive elements can have a '_' sibling");
    return;
  }
  if (!IsRepeating(def.card)) {
    Path p(path, key);
    if (value.is_array()) {
      Error(ctx, "structure", p, "must be a single object, not an array");
    } else {
      ValidateObject(value, kElementOnly, p, ctx);
    }
    return;
  }
  if (!value.is_array() || value.empty()) {
    ReportChild(ctx, Severity::kError, "structure", path, key,
                "must be a non-empty array matching the values");
    return;
  }
  const Json* values = FindMember(object, key.substr(1));
  if (values != nullptr && values->is_array() &&
      values->size() != value.size()) {
    ReportChild(ctx, Severity::kError, "structure", path, key,
                "must have as many items as the value array");
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    Path p(path, key, i);
    if (value.at(i).is_null()) {
      if (!SiblingHasValue(object, key, i, false)) {
        Error(ctx, "structure", p, "null is not allowed here");
      }
      continue;
    }
    ValidateObject(value.at(i), kElementOnly, p, ctx);
  }
}

void CheckShape(const Json& value, const Path& path, Context& ctx) {
  switch (value.type()) {
    case Json::Type::kString:
      if (value.str().empty()) {
        Error(ctx, "value", path, "must not be an empty string");
      }
      return;
    case Json::Type::kArray:
      if (value.empty()) {
        Error(ctx, "structure", path, "must not be an empty array");
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        // null items may be placeholders for `_name` siblings.
        if (value.at(i).is_null()) continue;
        Path p(path, {}, i);
        CheckShape(value.at(i), p, ctx);
      }
      return;
    case Json::Type::kObject:
      if (value.empty()) {
        Error(ctx, "structure", path, "must not be an empty object");
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        Path p(path, value.key(i));
        if (value.at(i).is_null()) {
          Error(ctx, "structure", p, "null is not allowed");
        } else {
          CheckShape(value.at(i), p, ctx);
        }
      }
      return;
    default:
      return;
  }
}

}  // namespace validation_internal
}  // namespace fhir
