// Hashes and encodings used by FHIR (Attachment.hash is base64 SHA-1) and by
// the audit trail (SHA-256). OpenSSL stays behind crypto.cc. Pure functions;
// none fail except Base64Decode on malformed input.
#ifndef ALLIANCE_FHIR_CRYPTO_H_
#define ALLIANCE_FHIR_CRYPTO_H_

#include <optional>
#include <string>
#include <string_view>

namespace fhir {

std::string Sha1(std::string_view data);    // 20 raw bytes
std::string Sha256(std::string_view data);  // 32 raw bytes
std::string HexEncode(std::string_view bytes);  // lower case
std::string Base64Encode(std::string_view bytes);
// Standard alphabet with padding; whitespace is not allowed. nullopt when
// `text` is not valid base64.
std::optional<std::string> Base64Decode(std::string_view text);
// A name-based UUID (RFC 4122 version 5, SHA-1) in the URL namespace:
// the same `name` always yields the same "xxxxxxxx-xxxx-5xxx-....".
std::string NameBasedUuid(std::string_view name);

}  // namespace fhir

#endif  // ALLIANCE_FHIR_CRYPTO_H_
