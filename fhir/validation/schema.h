// Schema: the compact, static description of FHIR R4 types that the
// validator walks (internal to fhir/validation).
//
// A TypeDef is one type: a primitive (checked by format), a complex datatype
// or backbone element (an element table plus an optional invariant check),
// or a resource. An ElementDef is one JSON member of a type: its name, type,
// cardinality, required value-set binding, choice group and reference
// targets. Choice elements (value[x]) appear once per allowed type, named as
// in JSON ("valueQuantity") with `choice` = "value".
//
// All tables are constant-initialized static data (no start-up cost, no
// initialization-order problems) and are never modified.
#ifndef ALLIANCE_FHIR_VALIDATION_SCHEMA_H_
#define ALLIANCE_FHIR_VALIDATION_SCHEMA_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fhir {
class Json;
namespace validation_internal {

class Path;
struct Context;

// FHIR primitive types (https://hl7.org/fhir/R4/datatypes.html).
enum class Primitive : std::uint8_t {
  kNone,  // not a primitive
  kBoolean,
  kInteger,
  kPositiveInt,
  kUnsignedInt,
  kDecimal,
  kString,
  kMarkdown,
  kCode,
  kId,
  kUri,
  kUrl,
  kCanonical,
  kOid,
  kUuid,
  kDate,
  kDateTime,
  kInstant,
  kTime,
  kBase64Binary,
  kXhtml,
};

// What a type inherits, which decides the members every instance may have
// besides its own table.
enum class Base : std::uint8_t {
  kPrimitive,       // a JSON scalar; TypeDef::primitive says which
  kElement,         // id, extension
  kBackbone,        // id, extension, modifierExtension
  kResource,        // resourceType, id, meta, implicitRules, language
  kDomainResource,  // kResource + text, contained, extension, modifierExtension
  kAnyResource,     // a nested resource of any type (Bundle.entry.resource)
  kContainedResource,  // DomainResource.contained
  kAny,                // an object checked only for JSON shape (no table)
};

enum class Card : std::uint8_t { k01, k11, k0N, k1N };

constexpr bool IsRequired(Card c) { return c == Card::k11 || c == Card::k1N; }
constexpr bool IsRepeating(Card c) { return c == Card::k0N || c == Card::k1N; }

// The most elements one table may have (the walker tracks them in a bitset).
constexpr std::size_t kMaxElements = 128;

// A required value-set binding: the complete list of allowed codes.
struct ValueSet {
  std::string_view name;  // e.g. "observation-status"
  const std::string_view* codes;
  std::size_t size;

  bool Contains(std::string_view code) const {
    for (std::size_t i = 0; i < size; ++i) {
      if (codes[i] == code) return true;
    }
    return false;
  }
};

template <std::size_t N>
constexpr ValueSet MakeValueSet(std::string_view name,
                                const std::string_view (&codes)[N]) {
  return ValueSet{name, codes, N};
}

struct TypeDef;

struct ElementDef {
  std::string_view name;  // JSON member name
  const TypeDef* type;
  Card card;
  const ValueSet* binding;  // required binding, or nullptr
  std::string_view choice;  // "value" for valueQuantity; empty if none
  const char* targets;      // Reference targets "Patient|Group"; null = any
};

// Runs the type's invariants on a value that passed the element checks
// structurally enough to be an object. Reports into the context.
using InvariantFn = void (*)(const Json& object, const Path& path,
                             Context& ctx);

struct TypeDef {
  std::string_view name;  // "Quantity", "Observation.component", ...
  Base base;
  Primitive primitive;
  const ElementDef* elements;
  std::size_t element_count;
  InvariantFn invariant;
  bool lenient;  // members not in the table are only shape-checked
  // Bit i set when elements[i] is required (computed by the helpers below),
  // so the walker's "all required present" test is two AND operations.
  std::uint64_t required[kMaxElements / 64] = {};

  // The element named `name` in this type's own table, or nullptr.
  const ElementDef* Find(std::string_view name) const {
    for (std::size_t i = 0; i < element_count; ++i) {
      if (elements[i].name == name) return &elements[i];
    }
    return nullptr;
  }
};

// ---- Table-building helpers (keep the tables one line per element). ----

constexpr ElementDef Elem(std::string_view name, const TypeDef& type, Card card,
                          const ValueSet* binding = nullptr) {
  return ElementDef{name, &type, card, binding, {}, nullptr};
}
// A Reference element restricted to `targets` ("Patient|Group").
constexpr ElementDef RefElem(std::string_view name, Card card,
                             const char* targets);
// One type of a choice element: ChoiceElem("valueQuantity", kQuantity,
// "value"). `card` is the cardinality of the whole choice (k11 = one of the
// variants is required).
constexpr ElementDef ChoiceElem(std::string_view name, const TypeDef& type,
                                std::string_view choice, Card card = Card::k01,
                                const char* targets = nullptr) {
  return ElementDef{name, &type, card, nullptr, choice, targets};
}

// Any table-backed type; computes TypeDef::required. `count` must not
// exceed kMaxElements (the array overloads below check it at compile time).
constexpr TypeDef TableType(std::string_view name, Base base,
                            const ElementDef* elements, std::size_t count,
                            InvariantFn invariant, bool lenient) {
  TypeDef type{name,  base,      Primitive::kNone, elements,
               count, invariant, lenient};
  for (std::size_t i = 0; i < count; ++i) {
    if (IsRequired(elements[i].card)) {
      type.required[i / 64] |= std::uint64_t{1} << (i % 64);
    }
  }
  return type;
}

template <std::size_t N>
constexpr TypeDef ComplexType(std::string_view name,
                              const ElementDef (&elements)[N],
                              InvariantFn invariant = nullptr,
                              Base base = Base::kElement) {
  static_assert(N <= kMaxElements, "element table too large");
  return TableType(name, base, elements, N, invariant, /*lenient=*/false);
}
template <std::size_t N>
constexpr TypeDef BackboneType(std::string_view name,
                               const ElementDef (&elements)[N],
                               InvariantFn invariant = nullptr) {
  return ComplexType(name, elements, invariant, Base::kBackbone);
}
template <std::size_t N>
constexpr TypeDef ResourceType(std::string_view name,
                               const ElementDef (&elements)[N],
                               InvariantFn invariant = nullptr,
                               Base base = Base::kDomainResource) {
  return ComplexType(name, elements, invariant, base);
}

// ---- Primitive types (primitive_types.cc). ----
extern const TypeDef kBoolean, kInteger, kPositiveInt, kUnsignedInt, kDecimal,
    kString, kMarkdown, kCode, kId, kUri, kUrl, kCanonical, kOid, kUuid, kDate,
    kDateTime, kInstant, kTime, kBase64Binary, kXhtml;

// ---- Complex datatypes (datatypes*.cc). ----
extern const TypeDef kElementOnly;  // a primitive's `_name` sibling
extern const TypeDef kExtension, kMeta, kNarrative, kReference, kIdentifier,
    kCoding, kCodeableConcept, kQuantity, kSimpleQuantity, kAge, kCount,
    kDistance, kDuration, kMoney, kPeriod, kRange, kRatio, kAttachment,
    kAnnotation, kContactPoint, kHumanName, kAddress, kSampledData, kSignature,
    kTiming, kContactDetail, kUsageContext, kRelatedArtifact, kExpression;
// Datatypes we do not model element by element (only JSON shape is checked):
// Contributor, DataRequirement, ParameterDefinition, TriggerDefinition,
// Dosage.
extern const TypeDef kAnyObject;
// A nested resource (Bundle.entry.resource) and a contained resource.
extern const TypeDef kAnyResource, kContainedResource;

constexpr ElementDef RefElem(std::string_view name, Card card,
                             const char* targets) {
  return ElementDef{name, &kReference, card, nullptr, {}, targets};
}

}  // namespace validation_internal
}  // namespace fhir

#endif  // ALLIANCE_FHIR_VALIDATION_SCHEMA_H_
