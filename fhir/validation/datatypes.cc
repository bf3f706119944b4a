// General-purpose R4 datatypes: element tables and their invariants.
#include <algorithm>
#include <iterator>
#include <optional>
#include <string>

#include "fhir/primitives.h"
#include "fhir/validation/schema.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

constexpr std::string_view kUcum = "http://unitsofmeasure.org";

// ---- Invariants. ----

// qty-3 plus the unit rules of the Quantity profiles (sqty-1, age-1, cnt-3,
// dis-1, drt-1); `kind` selects the profile.
enum class QuantityKind { kPlain, kSimple, kAge, kCount, kDistance, kDuration };

void CheckQuantityOf(QuantityKind kind, const Json& q, const Path& path,
                     Context& ctx) {
  const bool code = Has(q, "code"), system = Has(q, "system");
  const bool value = Has(q, "value");
  if (code && !system) {
    Invariant(ctx, path, "qty-3",
              "if a code for the unit is present, the system SHALL also be "
              "present");
  }
  const std::string_view sys = StringMember(q, "system");
  const bool ucum_or_none = !system || sys == kUcum;
  switch (kind) {
    case QuantityKind::kPlain:
      return;
    case QuantityKind::kSimple:
      if (Has(q, "comparator")) {
        Invariant(ctx, path, "sqty-1",
                  "the comparator is not used on a SimpleQuantity");
      }
      return;
    case QuantityKind::kAge: {
      const Json* v = FindMember(q, "value");
      std::optional<double> amount =
          v != nullptr ? v->AsDouble() : std::optional<double>();
      if ((value && !code) || !ucum_or_none || (amount && *amount <= 0)) {
        Invariant(ctx, path, "age-1",
                  "an age with a value needs a UCUM code and a positive "
                  "value");
      }
      return;
    }
    case QuantityKind::kCount: {
      const Json* v = FindMember(q, "value");
      const bool whole =
          v == nullptr || v->str().find('.') == std::string::npos;
      if ((value && !code) || !ucum_or_none ||
          (code && StringMember(q, "code") != "1") || !whole) {
        Invariant(ctx, path, "cnt-3",
                  "a count needs code '1' (UCUM) and a whole-number value");
      }
      return;
    }
    case QuantityKind::kDistance:
      if ((value && !code) || !ucum_or_none) {
        Invariant(ctx, path, "dis-1",
                  "a distance with a value needs a UCUM code");
      }
      return;
    case QuantityKind::kDuration:
      if (code && !(sys == kUcum && value)) {
        Invariant(ctx, path, "drt-1",
                  "a duration with a code needs a value and the UCUM system");
      }
      return;
  }
}

void CheckQuantity(const Json& q, const Path& p, Context& c) {
  CheckQuantityOf(QuantityKind::kPlain, q, p, c);
}
void CheckSimpleQuantity(const Json& q, const Path& p, Context& c) {
  CheckQuantityOf(QuantityKind::kSimple, q, p, c);
}
void CheckAge(const Json& q, const Path& p, Context& c) {
  CheckQuantityOf(QuantityKind::kAge, q, p, c);
}
void CheckCount(const Json& q, const Path& p, Context& c) {
  CheckQuantityOf(QuantityKind::kCount, q, p, c);
}
void CheckDistance(const Json& q, const Path& p, Context& c) {
  CheckQuantityOf(QuantityKind::kDistance, q, p, c);
}
void CheckDuration(const Json& q, const Path& p, Context& c) {
  CheckQuantityOf(QuantityKind::kDuration, q, p, c);
}

// per-1: start <= end. Values of different precision (a date against a
// dateTime) are not comparable in FHIRPath and pass, as in R4.
void CheckPeriod(const Json& period, const Path& path, Context& ctx) {
  std::string_view start = StringMember(period, "start");
  std::string_view end = StringMember(period, "end");
  if (start.empty() || end.empty()) return;
  const bool start_time = start.find('T') != std::string_view::npos;
  const bool end_time = end.find('T') != std::string_view::npos;
  if (start_time != end_time) return;
  if (!start_time) {
    // Dates of different precision compare on their common prefix.
    std::size_t n = std::min(start.size(), end.size());
    start = start.substr(0, n);
    end = end.substr(0, n);
  }
  bool ok = false;
  if (CompareFhirDateTimes(start, end, &ok) > 0 && ok) {
    Invariant(ctx, path, "per-1",
              "if present, start SHALL have a lower value than end");
  }
}

// rng-2: low <= high, when both have values in the same unit.
void CheckRange(const Json& range, const Path& path, Context& ctx) {
  const Json* low = FindMember(range, "low");
  const Json* high = FindMember(range, "high");
  if (low == nullptr || high == nullptr) return;
  const Json* lv = FindMember(*low, "value");
  const Json* hv = FindMember(*high, "value");
  if (lv == nullptr || hv == nullptr) return;
  if (StringMember(*low, "code") != StringMember(*high, "code") ||
      StringMember(*low, "unit") != StringMember(*high, "unit")) {
    return;
  }
  std::optional<double> l = lv->AsDouble(), h = hv->AsDouble();
  if (l && h && *l > *h) {
    Invariant(ctx, path, "rng-2",
              "if present, low SHALL have a lower value than high");
  }
}

// rat-1: numerator and denominator both present or both absent (then with
// an extension).
void CheckRatio(const Json& ratio, const Path& path, Context& ctx) {
  const bool n = Has(ratio, "numerator"), d = Has(ratio, "denominator");
  if (n != d || (!n && !Has(ratio, "extension"))) {
    Invariant(ctx, path, "rat-1",
              "numerator and denominator SHALL both be present, or both be "
              "absent with an extension");
  }
}

// att-1 and the shape of the (mime type) contentType.
void CheckAttachment(const Json& a, const Path& path, Context& ctx) {
  if (Has(a, "data") && !Has(a, "contentType")) {
    Invariant(ctx, path, "att-1",
              "if the Attachment has data, it SHALL have a contentType");
  }
  std::string_view type = StringMember(a, "contentType");
  std::size_t slash = type.find('/');
  if (!type.empty() && (slash == std::string_view::npos || slash == 0 ||
                        slash + 1 == type.size())) {
    ReportChild(ctx, Severity::kError, "code-invalid", path, "contentType",
                "is not a mime type (type/subtype)");
  }
}

// ---- Tables. ----

constexpr ElementDef kMetaElements[] = {
    Elem("versionId", kId, Card::k01),
    Elem("lastUpdated", kInstant, Card::k01),
    Elem("source", kUri, Card::k01),
    Elem("profile", kCanonical, Card::k0N),
    Elem("security", kCoding, Card::k0N),
    Elem("tag", kCoding, Card::k0N),
};
constexpr ElementDef kNarrativeElements[] = {
    Elem("status", kCode, Card::k11, &kNarrativeStatus),
    Elem("div", kXhtml, Card::k11),
};
constexpr ElementDef kReferenceElements[] = {
    Elem("reference", kString, Card::k01),
    Elem("type", kUri, Card::k01),
    Elem("identifier", kIdentifier, Card::k01),
    Elem("display", kString, Card::k01),
};
constexpr ElementDef kIdentifierElements[] = {
    Elem("use", kCode, Card::k01, &kIdentifierUse),
    Elem("type", kCodeableConcept, Card::k01),
    Elem("system", kUri, Card::k01),
    Elem("value", kString, Card::k01),
    Elem("period", kPeriod, Card::k01),
    RefElem("assigner", Card::k01, "Organization"),
};
constexpr ElementDef kCodingElements[] = {
    Elem("system", kUri, Card::k01),
    Elem("version", kString, Card::k01),
    Elem("code", kCode, Card::k01),
    Elem("display", kString, Card::k01),
    Elem("userSelected", kBoolean, Card::k01),
};
constexpr ElementDef kCodeableConceptElements[] = {
    Elem("coding", kCoding, Card::k0N),
    Elem("text", kString, Card::k01),
};
constexpr ElementDef kQuantityElements[] = {
    Elem("value", kDecimal, Card::k01),
    Elem("comparator", kCode, Card::k01, &kQuantityComparator),
    Elem("unit", kString, Card::k01),
    Elem("system", kUri, Card::k01),
    Elem("code", kCode, Card::k01),
};
constexpr ElementDef kMoneyElements[] = {
    Elem("value", kDecimal, Card::k01),
    Elem("currency", kCode, Card::k01),  // ISO 4217: format only
};
constexpr ElementDef kPeriodElements[] = {
    Elem("start", kDateTime, Card::k01),
    Elem("end", kDateTime, Card::k01),
};
constexpr ElementDef kRangeElements[] = {
    Elem("low", kSimpleQuantity, Card::k01),
    Elem("high", kSimpleQuantity, Card::k01),
};
constexpr ElementDef kRatioElements[] = {
    Elem("numerator", kQuantity, Card::k01),
    Elem("denominator", kQuantity, Card::k01),
};
constexpr ElementDef kAttachmentElements[] = {
    Elem("contentType", kCode, Card::k01),
    Elem("language", kCode, Card::k01),
    Elem("data", kBase64Binary, Card::k01),
    Elem("url", kUrl, Card::k01),
    Elem("size", kUnsignedInt, Card::k01),
    Elem("hash", kBase64Binary, Card::k01),
    Elem("title", kString, Card::k01),
    Elem("creation", kDateTime, Card::k01),
};
constexpr ElementDef kAnnotationElements[] = {
    ChoiceElem("authorReference", kReference, "author", Card::k01,
               "Practitioner|Patient|RelatedPerson|Organization"),
    ChoiceElem("authorString", kString, "author"),
    Elem("time", kDateTime, Card::k01),
    Elem("text", kMarkdown, Card::k11),
};

}  // namespace

const TypeDef kMeta = ComplexType("Meta", kMetaElements);
const TypeDef kNarrative = ComplexType("Narrative", kNarrativeElements);
// Reference checks need the element's targets: see CheckReference.
const TypeDef kReference = ComplexType("Reference", kReferenceElements);
const TypeDef kIdentifier = ComplexType("Identifier", kIdentifierElements);
const TypeDef kCoding = ComplexType("Coding", kCodingElements);
const TypeDef kCodeableConcept =
    ComplexType("CodeableConcept", kCodeableConceptElements);
const TypeDef kQuantity =
    ComplexType("Quantity", kQuantityElements, &CheckQuantity);
const TypeDef kSimpleQuantity =
    ComplexType("SimpleQuantity", kQuantityElements, &CheckSimpleQuantity);
const TypeDef kAge = ComplexType("Age", kQuantityElements, &CheckAge);
const TypeDef kCount = ComplexType("Count", kQuantityElements, &CheckCount);
const TypeDef kDistance =
    ComplexType("Distance", kQuantityElements, &CheckDistance);
const TypeDef kDuration =
    ComplexType("Duration", kQuantityElements, &CheckDuration);
const TypeDef kMoney = ComplexType("Money", kMoneyElements);
const TypeDef kPeriod = ComplexType("Period", kPeriodElements, &CheckPeriod);
const TypeDef kRange = ComplexType("Range", kRangeElements, &CheckRange);
const TypeDef kRatio = ComplexType("Ratio", kRatioElements, &CheckRatio);
const TypeDef kAttachment =
    ComplexType("Attachment", kAttachmentElements, &CheckAttachment);
const TypeDef kAnnotation = ComplexType("Annotation", kAnnotationElements);

}  // namespace validation_internal
}  // namespace fhir
