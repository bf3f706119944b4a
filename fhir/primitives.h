// Format checks for FHIR R4 primitive types (https://hl7.org/fhir/R4/datatypes.html).
// Hand-written (no std::regex): they run on every element we validate.
#ifndef ALLIANCE_FHIR_PRIMITIVES_H_
#define ALLIANCE_FHIR_PRIMITIVES_H_

#include <string_view>

namespace fhir {

bool IsFhirId(std::string_view s);        // [A-Za-z0-9\-\.]{1,64}
bool IsFhirCode(std::string_view s);      // no leading/trailing/double space
bool IsFhirString(std::string_view s);    // non-empty, no whitespace-only
bool IsFhirUri(std::string_view s);       // non-empty, no whitespace
bool IsFhirCanonical(std::string_view s); // uri, optionally "|version"
bool IsFhirUrl(std::string_view s);       // absolute: scheme ':' ...
bool IsFhirOid(std::string_view s);       // urn:oid:1.2.3
bool IsFhirUuid(std::string_view s);      // urn:uuid:8-4-4-4-12 lower hex
// YYYY, YYYY-MM or YYYY-MM-DD with a real calendar day.
bool IsFhirDate(std::string_view s);
// A date, or YYYY-MM-DDThh:mm:ss(.s+)?(Z|+hh:mm|-hh:mm); time needs a zone.
bool IsFhirDateTime(std::string_view s);
// YYYY-MM-DDThh:mm:ss(.s+)?(Z|+hh:mm|-hh:mm): full precision and a zone.
bool IsFhirInstant(std::string_view s);
bool IsFhirTime(std::string_view s);      // hh:mm:ss(.s+)?
// A dateTime that has a time part (and so a zone offset).
bool HasTimeAndZone(std::string_view s);
bool IsFhirDecimal(std::string_view s);   // JSON number, no exponent
bool IsFhirInteger(std::string_view s);   // -2^31 .. 2^31-1
bool IsFhirBase64(std::string_view s);

// Compares two FHIR date/dateTime values by their instant, treating a date as
// its first moment in UTC. Returns <0, 0, >0; `ok` is false when either does
// not parse. Used for period start <= end checks.
int CompareFhirDateTimes(std::string_view a, std::string_view b, bool* ok);

}  // namespace fhir

#endif  // ALLIANCE_FHIR_PRIMITIVES_H_
