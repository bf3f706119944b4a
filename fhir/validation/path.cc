#include "fhir/validation/path.h"

namespace fhir {
namespace validation_internal {

void Path::AppendTo(std::string* out) const {
  if (parent_ != nullptr) {
    parent_->AppendTo(out);
    // An unnamed frame is an index into its parent: "a.b[2]", not "a.b.[2]".
    if (!out->empty() && !base_.empty()) out->push_back('.');
  }
  out->append(base_);
  if (index_ != kNoIndex) {
    out->push_back('[');
    out->append(std::to_string(index_));
    out->push_back(']');
  }
}

std::string Path::ToString() const {
  std::string out;
  AppendTo(&out);
  return out;
}

std::string Path::Child(std::string_view name) const {
  std::string out = ToString();
  if (!out.empty()) out.push_back('.');
  out.append(name);
  return out;
}

}  // namespace validation_internal
}  // namespace fhir
