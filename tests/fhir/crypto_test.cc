#include "fhir/crypto.h"

#include <catch2/catch.hpp>

using namespace fhir;

// Expected values are the published FIPS 180 test vectors for "abc".
TEST_CASE("SHA digests match the standard test vectors") {
  CHECK(HexEncode(Sha256("abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(HexEncode(Sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(Base64Encode(Sha1("abc")) == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
}

TEST_CASE("base64 round trips and rejects malformed text") {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    auto back = Base64Decode(Base64Encode(s));
    REQUIRE(back.has_value());
    CHECK(*back == s);
  }
  CHECK(Base64Encode("foobar") == "Zm9vYmFy");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK_FALSE(Base64Decode("Zm8").has_value());      // length
  CHECK_FALSE(Base64Decode("Zm=8").has_value());     // inner padding
  CHECK_FALSE(Base64Decode("Zm 8").has_value());     // whitespace
  CHECK_FALSE(Base64Decode("Zm8*").has_value());     // alphabet
}

TEST_CASE("name-based UUIDs are stable version-5 UUIDs") {
  std::string a = NameBasedUuid("Goal|sys|g-5");
  CHECK(a == NameBasedUuid("Goal|sys|g-5"));
  CHECK(a != NameBasedUuid("Goal|sys|g-6"));
  REQUIRE(a.size() == 36);
  CHECK(a[14] == '5');
  CHECK((a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b'));
  // Computed independently: python3 -c "import uuid;
  //   print(uuid.uuid5(uuid.NAMESPACE_URL, 'http://alliance-fhir.org'))".
  CHECK(NameBasedUuid("http://alliance-fhir.org") ==
        "612fcc2f-0a18-5766-9142-6a0f3ba2fe5e");
}
