// Path: an element path built lazily while the validator walks a resource.
//
// Each Path is a stack frame that points to its parent, so descending into
// an element costs nothing; the text `Observation.component[1].valueQuantity`
// is only put together (ToString) when an issue is reported. A Path refers to
// strings it does not own (member names of the Json being walked, table
// literals, the caller's base path): it must not outlive them, and is meant
// to live on the stack of the walk.
#ifndef ALLIANCE_FHIR_VALIDATION_PATH_H_
#define ALLIANCE_FHIR_VALIDATION_PATH_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace fhir {
namespace validation_internal {

class Path {
 public:
  static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

  // The root: `base` is written verbatim ("Observation", or a caller's
  // "Bundle.entry[3].resource").
  explicit Path(std::string_view base) : base_(base) {}
  // A member `name` of `parent`, optionally one element of it (`[index]`).
  Path(const Path& parent, std::string_view name, std::size_t index = kNoIndex)
      : parent_(&parent), base_(name), index_(index) {}

  Path(const Path&) = delete;
  Path& operator=(const Path&) = delete;

  std::string ToString() const;
  // ToString() of a child member: Child("status") -> "Consent.status".
  std::string Child(std::string_view name) const;

 private:
  void AppendTo(std::string* out) const;

  const Path* parent_ = nullptr;
  std::string_view base_;
  std::size_t index_ = kNoIndex;
};

}  // namespace validation_internal
}  // namespace fhir

#endif  // ALLIANCE_FHIR_VALIDATION_PATH_H_
