// Fields: typed reading of one JSON object's members, reporting problems as
// Issues with the member's path instead of asserting.
//
//   Fields f(record, "", &issues);
//   std::optional<std::string> id = f.String("id", kRequired);
//   // missing -> error "id: is required"; a number -> "id: must be a string"
//
// A null member counts as absent. Every getter returns an empty result when
// the member is absent or wrong (and reports it when that is an error).
#ifndef ALLIANCE_FHIR_JSON_FIELDS_H_
#define ALLIANCE_FHIR_JSON_FIELDS_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fhir/issues.h"
#include "fhir/json.h"

namespace fhir {

enum Presence { kOptional, kRequired };

class Fields {
 public:
  // `object` must outlive the Fields; `issues` receives the findings. When
  // `object` is not a JSON object, that is reported once at `path`.
  Fields(const Json& object, std::string path, Issues* issues);

  std::optional<std::string> String(std::string_view key, Presence p);
  std::optional<std::int64_t> Integer(std::string_view key, Presence p);
  std::optional<bool> Bool(std::string_view key, Presence p);
  const Json* Object(std::string_view key, Presence p);
  const Json* Array(std::string_view key, Presence p);
  // A list of strings; each non-string element is reported by index.
  std::optional<std::vector<std::string>> StringList(std::string_view key,
                                                     Presence p);
  // A string that must be one of `allowed`.
  std::optional<std::string> Code(std::string_view key, Presence p,
                                  std::initializer_list<std::string_view> allowed);
  // The member if present and not null, without a type check.
  const Json* Get(std::string_view key) const;

  // Reports every member whose name is not in `known` ("unknown field").
  void RejectUnknown(std::initializer_list<std::string_view> known);

  std::string PathOf(std::string_view key) const;
  const std::string& path() const { return path_; }
  Issues* issues() const { return issues_; }
  bool ok() const { return ok_; }  // false when the value was not an object

 private:
  const Json* Present(std::string_view key, Presence p);
  void WrongType(std::string_view key, const char* expected);

  const Json& object_;
  std::string path_;
  Issues* issues_;
  bool ok_;
};

}  // namespace fhir

#endif  // ALLIANCE_FHIR_JSON_FIELDS_H_
