#include "fhir/json_fields.h"

#include <algorithm>

namespace fhir {

Fields::Fields(const Json& object, std::string path, Issues* issues)
    : object_(object), path_(std::move(path)), issues_(issues),
      ok_(object.is_object()) {
  if (!ok_) issues_->Error("structure", path_, "must be a JSON object");
}

std::string Fields::PathOf(std::string_view key) const {
  return JoinPath(path_, std::string(key));
}

const Json* Fields::Get(std::string_view key) const {
  const Json* v = object_.Find(key);
  return (v && !v->is_null()) ? v : nullptr;
}

const Json* Fields::Present(std::string_view key, Presence p) {
  const Json* v = Get(key);
  if (!v && p == kRequired && ok_) {
    issues_->Error("required", PathOf(key), "is required");
  }
  return v;
}

void Fields::WrongType(std::string_view key, const char* expected) {
  issues_->Error("structure", PathOf(key), std::string("must be ") + expected);
}

std::optional<std::string> Fields::String(std::string_view key, Presence p) {
  const Json* v = Present(key, p);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    WrongType(key, "a string");
    return std::nullopt;
  }
  if (v->str().empty()) {
    issues_->Error("value", PathOf(key), "must not be empty");
    return std::nullopt;
  }
  return v->str();
}

std::optional<std::int64_t> Fields::Integer(std::string_view key, Presence p) {
  const Json* v = Present(key, p);
  if (!v) return std::nullopt;
  std::optional<std::int64_t> i = v->AsInt();
  if (!i) WrongType(key, "an integer");
  return i;
}

std::optional<bool> Fields::Bool(std::string_view key, Presence p) {
  const Json* v = Present(key, p);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    WrongType(key, "true or false");
    return std::nullopt;
  }
  return v->boolean();
}

const Json* Fields::Object(std::string_view key, Presence p) {
  const Json* v = Present(key, p);
  if (v && !v->is_object()) {
    WrongType(key, "an object");
    return nullptr;
  }
  return v;
}

const Json* Fields::Array(std::string_view key, Presence p) {
  const Json* v = Present(key, p);
  if (v && !v->is_array()) {
    WrongType(key, "a list");
    return nullptr;
  }
  return v;
}

std::optional<std::vector<std::string>> Fields::StringList(std::string_view key,
                                                           Presence p) {
  const Json* v = Array(key, p);
  if (!v) return std::nullopt;
  std::vector<std::string> out;
  bool good = true;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const Json& e = v->at(i);
    if (!e.is_string() || e.str().empty()) {
      issues_->Error("structure", IndexPath(PathOf(key), i),
                     "must be a non-empty string");
      good = false;
      continue;
    }
    out.push_back(e.str());
  }
  if (!good) return std::nullopt;
  return out;
}

std::optional<std::string> Fields::Code(
    std::string_view key, Presence p,
    std::initializer_list<std::string_view> allowed) {
  std::optional<std::string> s = String(key, p);
  if (!s) return s;
  if (std::find(allowed.begin(), allowed.end(), *s) == allowed.end()) {
    std::string list;
    for (std::string_view a : allowed) {
      if (!list.empty()) list += ", ";
      list += a;
    }
    issues_->Error("code-invalid", PathOf(key),
                   "\"" + *s + "\" is not one of " + list);
    return std::nullopt;
  }
  return s;
}

void Fields::RejectUnknown(std::initializer_list<std::string_view> known) {
  if (!ok_) return;
  for (std::size_t i = 0; i < object_.size(); ++i) {
    const std::string& k = object_.key(i);
    if (std::find(known.begin(), known.end(), k) == known.end()) {
      issues_->Error("structure", PathOf(k), "unknown field");
    }
  }
}

}  // namespace fhir
