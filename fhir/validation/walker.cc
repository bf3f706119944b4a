#include "fhir/validation/walker.h"

#include <cstdint>
#include <cstring>

namespace fhir {
namespace validation_internal {
namespace {

// Members every instance has by inheritance (Element, BackboneElement,
// Resource, DomainResource).
constexpr ElementDef kElementBase[] = {
    Elem("id", kString, Card::k01),
    Elem("extension", kExtension, Card::k0N),
};
constexpr ElementDef kBackboneBase[] = {
    Elem("id", kString, Card::k01),
    Elem("extension", kExtension, Card::k0N),
    Elem("modifierExtension", kExtension, Card::k0N),
};
constexpr ElementDef kResourceBase[] = {
    Elem("id", kId, Card::k01),
    Elem("meta", kMeta, Card::k01),
    Elem("implicitRules", kUri, Card::k01),
    Elem("language", kCode, Card::k01),
};
constexpr ElementDef kDomainResourceBase[] = {
    Elem("id", kId, Card::k01),
    Elem("meta", kMeta, Card::k01),
    Elem("implicitRules", kUri, Card::k01),
    Elem("language", kCode, Card::k01),
    Elem("text", kNarrative, Card::k01),
    Elem("contained", kContainedResource, Card::k0N),
    Elem("extension", kExtension, Card::k0N),
    Elem("modifierExtension", kExtension, Card::k0N),
};

// Name equality with the cheap rejections first (this is the hot loop).
inline bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && a[0] == b[0] &&
         std::memcmp(a.data(), b.data(), a.size()) == 0;
}

template <std::size_t N>
const ElementDef* FindIn(const ElementDef (&table)[N], std::string_view name) {
  for (const ElementDef& e : table) {
    if (SameName(e.name, name)) return &e;
  }
  return nullptr;
}

// Finds `name` in the type's own table, starting after the previous match
// (*cursor): members usually come in table (R4) order, so this is about one
// comparison per member; out-of-order input costs one scan.
const ElementDef* FindFrom(const TypeDef& type, std::string_view name,
                           std::size_t* cursor) {
  const std::size_t n = type.element_count;
  for (std::size_t i = *cursor; i < n; ++i) {
    if (SameName(type.elements[i].name, name)) {
      *cursor = i + 1;
      return &type.elements[i];
    }
  }
  for (std::size_t i = 0; i < *cursor && i < n; ++i) {
    if (SameName(type.elements[i].name, name)) {
      *cursor = i + 1;
      return &type.elements[i];
    }
  }
  return nullptr;
}

const ElementDef* FindBase(Base base, std::string_view name) {
  switch (base) {
    case Base::kElement: return FindIn(kElementBase, name);
    case Base::kBackbone: return FindIn(kBackboneBase, name);
    case Base::kResource: return FindIn(kResourceBase, name);
    case Base::kDomainResource: return FindIn(kDomainResourceBase, name);
    default: return nullptr;
  }
}

bool IsResourceBase(Base b) {
  return b == Base::kResource || b == Base::kDomainResource;
}

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

// True when the `_key` sibling array has a non-null element at `index`.
bool SiblingHasValue(const Json& object, std::string_view key,
                     std::size_t index, bool underscore_sibling) {
  std::string sibling = underscore_sibling ? "_" + std::string(key)
                                           : std::string(key.substr(1));
  const Json* s = object.Find(sibling);
  return s != nullptr && s->is_array() && index < s->size() &&
         !s->at(index).is_null();
}

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
  const Json* values = object.Find(key.substr(1));
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

void CheckRequired(const Json& object, const TypeDef& type,
                   const std::uint64_t* seen, const Path& path,
                   Context& ctx) {
  auto was_seen = [seen](std::size_t i) {
    return (seen[i / 64] >> (i % 64)) & 1u;
  };
  for (std::size_t i = 0; i < type.element_count; ++i) {
    const ElementDef& e = type.elements[i];
    if (!IsRequired(e.card) || was_seen(i)) continue;
    if (e.choice.empty()) {
      ReportChild(ctx, Severity::kError, "required", path, e.name,
                  "is required (min 1)");
      continue;
    }
    // A required choice: report once, at its first variant in the table.
    bool any_seen = false, reported_before = false;
    for (std::size_t j = 0; j < type.element_count; ++j) {
      if (type.elements[j].choice != e.choice) continue;
      if (was_seen(j)) any_seen = true;
      if (j < i) reported_before = true;
    }
    if (!any_seen && !reported_before) {
      ReportChild(ctx, Severity::kError, "required", path,
                  std::string(e.choice) + "[x]", "is required (min 1)");
    }
  }
}

}  // namespace

void ValidateObject(const Json& object, const TypeDef& type, const Path& path,
                    Context& ctx) {
  if (!object.is_object()) {
    Error(ctx, "structure", path, "must be a JSON object");
    return;
  }
  if (object.empty()) {
    Error(ctx, "structure", path,
          "must not be an empty object; omit the element instead");
    return;
  }
  const bool resource = IsResourceBase(type.base);
  std::uint64_t seen[kMaxElements / 64] = {};
  // Choice groups seen so far (left uninitialized: zeroing it showed up in
  // profiles; only the first choice_count entries are read).
  const std::string_view* choices[8];
  std::size_t choice_count = 0;
  std::size_t cursor = 0;

  for (std::size_t i = 0; i < object.size(); ++i) {
    std::string_view key = object.key(i);
    const Json& value = object.at(i);
    if (resource && key == "resourceType") continue;
    const bool underscore = !key.empty() && key[0] == '_';
    std::string_view name = underscore ? key.substr(1) : key;

    // Inherited members first: they are few, and no table redefines them.
    const ElementDef* def = name.empty() ? nullptr : FindBase(type.base, name);
    if (def == nullptr && !name.empty()) {
      def = FindFrom(type, name, &cursor);
      if (def != nullptr) {
        std::size_t index = static_cast<std::size_t>(def - type.elements);
        seen[index / 64] |= std::uint64_t{1} << (index % 64);
      }
    }
    if (def == nullptr) {
      if (type.lenient) {
        Path p(path, key);
        if (value.is_null()) {
          Error(ctx, "structure", p, "null is not allowed");
        } else {
          CheckShape(value, p, ctx);
        }
      } else {
        ReportChild(ctx, Severity::kError, "structure", path, key,
                    "unknown element '" + std::string(key) + "' in " +
                        std::string(type.name));
      }
      continue;
    }
    if (!def->choice.empty() && !underscore) {
      bool duplicate = false;
      for (std::size_t c = 0; c < choice_count; ++c) {
        if (*choices[c] == def->choice) duplicate = true;
      }
      if (duplicate) {
        ReportChild(ctx, Severity::kError, "structure", path, key,
                    "only one type of " + std::string(def->choice) +
                        "[x] may be present");
      } else if (choice_count < 8) {
        choices[choice_count++] = &def->choice;
      }
    }
    if (underscore) {
      ValidatePrimitiveExtension(object, value, *def, key, path, ctx);
    } else {
      ValidateMember(object, value, *def, key, path, ctx);
    }
  }
  CheckRequired(object, type, seen, path, ctx);
  if (type.invariant != nullptr) type.invariant(object, path, ctx);
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
