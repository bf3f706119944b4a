// Reporting and small JSON helpers shared by the walker and invariants.
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {

void Report(Context& ctx, Severity severity, const char* code, const Path& path,
            std::string message) {
  ctx.issues->Add(severity, code, path.ToString(), std::move(message));
}

void ReportChild(Context& ctx, Severity severity, const char* code,
                 const Path& path, std::string_view child,
                 std::string message) {
  ctx.issues->Add(severity, code, path.Child(child), std::move(message));
}

void Invariant(Context& ctx, const Path& path, const char* key,
               const char* human, Severity severity) {
  std::string message = key;
  message += ": ";
  message += human;
  ctx.issues->Add(severity, "invariant", path.ToString(), std::move(message));
}

std::string_view StringMember(const Json& object, std::string_view key) {
  const Json* v = FindMember(object, key);
  if (v == nullptr || !v->is_string()) return {};
  return v->str();
}

bool Has(const Json& object, std::string_view key) {
  if (!object.is_object()) return false;
  for (std::size_t i = 0; i < object.size(); ++i) {
    std::string_view k = object.key(i);
    if (!k.empty() && k[0] == '_') k.remove_prefix(1);
    if (SameName(k, key) && !object.at(i).is_null()) return true;
  }
  return false;
}

namespace {

// True when `key` is `prefix` followed by a type name ("valueQuantity").
bool IsChoiceVariant(std::string_view key, std::string_view prefix) {
  return key.size() > prefix.size() && key[0] == prefix[0] &&
         key[prefix.size()] >= 'A' && key[prefix.size()] <= 'Z' &&
         key.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

bool HasChoice(const Json& object, std::string_view prefix) {
  if (!object.is_object()) return false;
  for (std::size_t i = 0; i < object.size(); ++i) {
    std::string_view k = object.key(i);
    if (!k.empty() && k[0] == '_') k.remove_prefix(1);
    if (IsChoiceVariant(k, prefix) && !object.at(i).is_null()) return true;
  }
  return false;
}

const Json* FindChoice(const Json& object, std::string_view prefix,
                       std::string_view* type_suffix) {
  if (!object.is_object()) return nullptr;
  for (std::size_t i = 0; i < object.size(); ++i) {
    std::string_view k = object.key(i);
    if (IsChoiceVariant(k, prefix)) {
      if (type_suffix != nullptr) *type_suffix = k.substr(prefix.size());
      return &object.at(i);
    }
  }
  return nullptr;
}

std::size_t CountOf(const Json& object, std::string_view key) {
  const Json* v = FindMember(object, key);
  if (v == nullptr || v->is_null()) return 0;
  return v->is_array() ? v->size() : 1;
}

bool IsNegativeDecimal(std::string_view text) {
  if (text.empty() || text[0] != '-') return false;
  for (char c : text) {
    if (c >= '1' && c <= '9') return true;
  }
  return false;
}

bool IsComputableName(std::string_view name) {
  if (name.empty() || name.size() > 255 || name[0] < 'A' || name[0] > 'Z') {
    return false;
  }
  for (char c : name) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
          (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

}  // namespace validation_internal
}  // namespace fhir
