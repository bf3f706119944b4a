// Records and helpers shared by the consent tests: the test context, the
// golden records (built as structs; they do not go through the parser) and
// a field-by-field equality check.
#ifndef ALLIANCE_TESTS_MAPPINGS_CONSENT_CONSENT_TEST_UTIL_H_
#define ALLIANCE_TESTS_MAPPINGS_CONSENT_CONSENT_TEST_UTIL_H_

#include "mappings/context.h"
#include "mappings/records/record.h"

namespace alliance_test {

// The document of the golden consents and its digests, computed outside the
// code under test:
//   printf 'hello consent' | sha1sum         -> a0c878e8...b7a
//   printf 'hello consent' | openssl dgst -sha1 -binary | base64
//   printf 'hello consent' | sha256sum
inline constexpr const char* kDocBytes = "hello consent";
inline constexpr const char* kDocSha1Base64 = "oMh46BNzYazukDpaxE9iFENsezo=";
inline constexpr const char* kDocSha256Hex =
    "12560952c187d6c340e31b5433336fe85eea223411b5369261bc5fbb2c9445a5";
inline constexpr const char* kDocBase64 = "aGVsbG8gY29uc2VudA==";

// Recipients "hospital" and "payer-x"; no directory (logical references).
mappings::MappingContext ConsentTestContext();

// Active release of information under 42 CFR Part 2, with the document and a
// partial revocation: deny payer-x for HPAYMT (alliance ratings).
mappings::ConsentRecord ActiveConsentWithException();
// The treatment consent under HIPAA, revoked.
mappings::ConsentRecord RevokedConsent();
// Research consent signed by a guardian, witnessed by staff T-17, under a
// clinic policy URI.
mappings::ConsentRecord GuardianConsentWithWitness();
// Like the active one, but the document's bytes are not loaded.
mappings::ConsentRecord ConsentWithoutLoadedDocument();

// CHECKs every field of `got` against `want`, except what does not travel
// through FHIR: the document path, and `recorded` when signedAt is set.
void ExpectSameConsent(const mappings::ConsentRecord& want,
                       const mappings::ConsentRecord& got);

}  // namespace alliance_test

#endif  // ALLIANCE_TESTS_MAPPINGS_CONSENT_CONSENT_TEST_UTIL_H_
