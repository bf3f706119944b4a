// libFuzzer target for the JSON layer: any input must either fail to parse
// with a Status, or parse to a value whose serialization parses back to an
// equal value (and canonical serialization is stable).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fhir/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  fhir::StatusOr<fhir::Json> parsed = fhir::Json::Parse(text);
  if (!parsed.ok()) return 0;
  std::string once = parsed->Serialize();
  fhir::StatusOr<fhir::Json> again = fhir::Json::Parse(once);
  if (!again.ok() || !(*again == *parsed)) std::abort();
  if (again->SerializeCanonical() != parsed->SerializeCanonical()) std::abort();
  return 0;
}
