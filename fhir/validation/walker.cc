#include "fhir/validation/walker.h"

#include <cstdint>

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
    case Base::kElement:
      return FindIn(kElementBase, name);
    case Base::kBackbone:
      return FindIn(kBackboneBase, name);
    case Base::kResource:
      return FindIn(kResourceBase, name);
    case Base::kDomainResource:
      return FindIn(kDomainResourceBase, name);
    default:
      return nullptr;
  }
}

bool IsResourceBase(Base b) {
  return b == Base::kResource || b == Base::kDomainResource;
}

void CheckRequired(const TypeDef& type, const std::uint64_t* seen,
                   const Path& path, Context& ctx) {
  if ((type.required[0] & ~seen[0]) == 0 &&
      (type.required[1] & ~seen[1]) == 0) {
    return;  // the common case: everything required is there
  }
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

    // Inherited members (id, meta, text, extension, ...) come first in
    // FHIR JSON: look for them first until the type's own elements start.
    // No table redefines an inherited name (tables_test).
    const ElementDef* def = nullptr;
    if (!name.empty()) {
      if (cursor == 0) def = FindBase(type.base, name);
      if (def == nullptr) {
        def = FindFrom(type, name, &cursor);
        if (def != nullptr) {
          std::size_t index = static_cast<std::size_t>(def - type.elements);
          seen[index / 64] |= std::uint64_t{1} << (index % 64);
        } else if (cursor != 0) {
          def = FindBase(type.base, name);
        }
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
  CheckRequired(type, seen, path, ctx);
  if (type.invariant != nullptr) type.invariant(object, path, ctx);
}

}  // namespace validation_internal
}  // namespace fhir
