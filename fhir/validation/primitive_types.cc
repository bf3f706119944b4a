// Primitive TypeDefs and the primitive value check (JSON kind, format,
// required binding). Formats come from fhir/primitives.h.
#include <string>

#include "fhir/primitives.h"
#include "fhir/validation/schema.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

constexpr TypeDef PrimitiveType(std::string_view name, Primitive p) {
  return TypeDef{name, Base::kPrimitive, p, nullptr, 0, nullptr, false};
}

// FHIR strings are limited to 1 MB (R4 datatypes, string).
constexpr std::size_t kMaxStringBytes = 1024 * 1024;

bool IsNumeric(Primitive p) {
  return p == Primitive::kInteger || p == Primitive::kPositiveInt ||
         p == Primitive::kUnsignedInt || p == Primitive::kDecimal;
}

bool ValidNumber(Primitive p, std::string_view text) {
  switch (p) {
    case Primitive::kDecimal:
      return IsFhirDecimal(text);
    case Primitive::kInteger:
      return IsFhirInteger(text);
    case Primitive::kUnsignedInt:
      return IsFhirInteger(text) && text[0] != '-' && text[0] != '+';
    case Primitive::kPositiveInt:
      return IsFhirInteger(text) && text[0] != '-' && text[0] != '+' &&
             text != "0";
    default:
      return false;
  }
}

// <div xmlns="http://www.w3.org/1999/xhtml">...</div> (R4 narrative).
bool ValidXhtml(std::string_view s) {
  constexpr std::string_view kNamespace =
      "xmlns=\"http://www.w3.org/1999/xhtml\"";
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' ||
                        s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  if (s.substr(0, 4) != "<div" ||
      s.find(kNamespace) == std::string_view::npos) {
    return false;
  }
  return s.size() >= 6 &&
         (s.substr(s.size() - 6) == "</div>" || s.substr(s.size() - 2) == "/>");
}

bool ValidString(Primitive p, std::string_view s) {
  switch (p) {
    case Primitive::kString:
    case Primitive::kMarkdown:
      return true;  // emptiness checked by caller
    case Primitive::kCode:
      return IsFhirCode(s);
    case Primitive::kId:
      return IsFhirId(s);
    case Primitive::kUri:
      return IsFhirUri(s);
    case Primitive::kUrl:
      return IsFhirUrl(s);
    case Primitive::kCanonical:
      return IsFhirCanonical(s);
    case Primitive::kOid:
      return IsFhirOid(s);
    case Primitive::kUuid:
      return IsFhirUuid(s);
    case Primitive::kDate:
      return IsFhirDate(s);
    case Primitive::kDateTime:
      return IsFhirDateTime(s);
    case Primitive::kInstant:
      return IsFhirInstant(s);
    case Primitive::kTime:
      return IsFhirTime(s);
    case Primitive::kBase64Binary:
      return IsFhirBase64(s);
    case Primitive::kXhtml:
      return ValidXhtml(s);
    default:
      return false;
  }
}

// Short values are quoted in messages; free text never is.
std::string Quoted(Primitive p, std::string_view s) {
  if (p == Primitive::kString || p == Primitive::kMarkdown ||
      p == Primitive::kXhtml || p == Primitive::kBase64Binary ||
      s.size() > 64) {
    return "value";
  }
  return "'" + std::string(s) + "'";
}

}  // namespace

const TypeDef kBoolean = PrimitiveType("boolean", Primitive::kBoolean);
const TypeDef kInteger = PrimitiveType("integer", Primitive::kInteger);
const TypeDef kPositiveInt =
    PrimitiveType("positiveInt", Primitive::kPositiveInt);
const TypeDef kUnsignedInt =
    PrimitiveType("unsignedInt", Primitive::kUnsignedInt);
const TypeDef kDecimal = PrimitiveType("decimal", Primitive::kDecimal);
const TypeDef kString = PrimitiveType("string", Primitive::kString);
const TypeDef kMarkdown = PrimitiveType("markdown", Primitive::kMarkdown);
const TypeDef kCode = PrimitiveType("code", Primitive::kCode);
const TypeDef kId = PrimitiveType("id", Primitive::kId);
const TypeDef kUri = PrimitiveType("uri", Primitive::kUri);
const TypeDef kUrl = PrimitiveType("url", Primitive::kUrl);
const TypeDef kCanonical = PrimitiveType("canonical", Primitive::kCanonical);
const TypeDef kOid = PrimitiveType("oid", Primitive::kOid);
const TypeDef kUuid = PrimitiveType("uuid", Primitive::kUuid);
const TypeDef kDate = PrimitiveType("date", Primitive::kDate);
const TypeDef kDateTime = PrimitiveType("dateTime", Primitive::kDateTime);
const TypeDef kInstant = PrimitiveType("instant", Primitive::kInstant);
const TypeDef kTime = PrimitiveType("time", Primitive::kTime);
const TypeDef kBase64Binary =
    PrimitiveType("base64Binary", Primitive::kBase64Binary);
const TypeDef kXhtml = PrimitiveType("xhtml", Primitive::kXhtml);

namespace {

const char* PrimitiveName(Primitive p) {
  static const TypeDef* const kAll[] = {
      &kBoolean,  &kInteger,   &kPositiveInt, &kUnsignedInt,  &kDecimal,
      &kString,   &kMarkdown,  &kCode,        &kId,           &kUri,
      &kUrl,      &kCanonical, &kOid,         &kUuid,         &kDate,
      &kDateTime, &kInstant,   &kTime,        &kBase64Binary, &kXhtml};
  for (const TypeDef* t : kAll) {
    if (t->primitive == p) return t->name.data();
  }
  return "primitive";
}

}  // namespace

namespace {

enum class Problem {
  kNone,
  kNotBoolean,
  kNotNumber,
  kBadNumber,
  kNotString,
  kEmpty,
  kTooLong,
  kWhitespaceOnly,  // a warning
  kBadFormat,
  kNotInValueSet,
};

// The check itself: pure, no strings built (the hot path).
Problem Classify(const Json& value, Primitive p, const ValueSet* binding) {
  if (p == Primitive::kBoolean) {
    return value.is_bool() ? Problem::kNone : Problem::kNotBoolean;
  }
  if (IsNumeric(p)) {
    if (!value.is_number()) return Problem::kNotNumber;
    return ValidNumber(p, value.str()) ? Problem::kNone : Problem::kBadNumber;
  }
  if (!value.is_string()) return Problem::kNotString;
  std::string_view s = value.str();
  if (s.empty()) return Problem::kEmpty;
  if (s.size() > kMaxStringBytes) return Problem::kTooLong;
  if (p == Primitive::kString || p == Primitive::kMarkdown) {
    return IsFhirString(s) ? Problem::kNone : Problem::kWhitespaceOnly;
  }
  if (!ValidString(p, s)) return Problem::kBadFormat;
  if (binding != nullptr && !binding->Contains(s)) {
    return Problem::kNotInValueSet;
  }
  return Problem::kNone;
}

// Kept out of line so that the hot path stays small.
[[gnu::noinline, gnu::cold]] void ReportProblem(Problem problem,
                                                const Json& value, Primitive p,
                                                const ValueSet* binding,
                                                const Path& path,
                                                Context& ctx) {
  const std::string_view s = value.str();
  switch (problem) {
    case Problem::kNone:
      return;
    case Problem::kNotBoolean:
      Error(ctx, "structure", path, "must be a JSON boolean (true/false)");
      return;
    case Problem::kNotNumber:
      Error(ctx, "structure", path, "must be a JSON number");
      return;
    case Problem::kBadNumber:
      Error(ctx, "value", path,
            "'" + value.str() + "' is not a valid " + PrimitiveName(p));
      return;
    case Problem::kNotString:
      Error(ctx, "structure", path, "must be a JSON string");
      return;
    case Problem::kEmpty:
      Error(ctx, "value", path, "must not be an empty string");
      return;
    case Problem::kTooLong:
      Error(ctx, "too-long", path, "exceeds the 1 MB limit of FHIR strings");
      return;
    case Problem::kWhitespaceOnly:
      Report(ctx, Severity::kWarning, "value", path,
             "should contain non-whitespace content");
      return;
    case Problem::kBadFormat:
      Error(ctx, "value", path,
            Quoted(p, s) + " is not a valid " + PrimitiveName(p));
      return;
    case Problem::kNotInValueSet:
      Error(ctx, "code-invalid", path,
            Quoted(p, s) + " is not in the required value set " +
                std::string(binding->name));
      return;
  }
}

}  // namespace

void CheckPrimitive(const Json& value, Primitive p, const ValueSet* binding,
                    const Path& path, Context& ctx) {
  const Problem problem = Classify(value, p, binding);
  if (problem != Problem::kNone) {
    ReportProblem(problem, value, p, binding, path, ctx);
    return;
  }
  // Local references in canonical/uri values count for dom-3.
  if (ctx.local_refs != nullptr && value.str()[0] == '#' &&
      (p == Primitive::kCanonical || p == Primitive::kUri ||
       p == Primitive::kUrl)) {
    ctx.local_refs->ids.push_back(std::string_view(value.str()).substr(1));
  }
}

}  // namespace validation_internal
}  // namespace fhir
