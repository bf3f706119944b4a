#include "mappings/records/record.h"

namespace mappings {

const char* RecordKind(const Record& record) {
  static const char* const kKinds[] = {"rating", "consent", "goal", "plan"};
  return kKinds[record.index()];
}

const RecordBase& Base(const Record& record) {
  return std::visit([](const auto& r) -> const RecordBase& { return r; },
                    record);
}

}  // namespace mappings
