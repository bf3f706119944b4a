#include "fhir/crypto.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cstdio>
#include <cstring>

namespace fhir {

namespace {

// OpenSSL 3's one-shot SHA1()/SHA256() look the algorithm up on every call,
// which showed up at ~12% of mapping time (a UUID per resource). The
// algorithms are fetched once and a context is kept per thread.
std::string Digest(const char* name, std::string_view data) {
  struct Ctx {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Ctx() { EVP_MD_CTX_free(ctx); }
  };
  static EVP_MD* const sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local Ctx local;
  const EVP_MD* md = name[3] == '1' && name[4] == '\0' ? sha1 : sha256;
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestInit_ex2(local.ctx, md, nullptr);
  EVP_DigestUpdate(local.ctx, data.data(), data.size());
  EVP_DigestFinal_ex(local.ctx, out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace

std::string Sha1(std::string_view data) { return Digest("SHA1", data); }

std::string Sha256(std::string_view data) { return Digest("SHA256", data); }

std::string HexEncode(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  for (char c : text) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
    if (!ok) return std::nullopt;
  }
  std::size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
  // '=' only as trailing padding.
  if (text.substr(0, text.size() - pad).find('=') != std::string_view::npos) {
    return std::nullopt;
  }
  std::string out(3 * text.size() / 4, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

std::string NameBasedUuid(std::string_view name) {
  // Namespace URL: 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
  static const unsigned char kNs[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad,
                                        0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0,
                                        0x4f, 0xd4, 0x30, 0xc8};
  std::string input(reinterpret_cast<const char*>(kNs), sizeof kNs);
  input.append(name);
  std::string h = Sha1(input);
  h[6] = static_cast<char>((h[6] & 0x0F) | 0x50);
  h[8] = static_cast<char>((h[8] & 0x3F) | 0x80);
  std::string hex = HexEncode(h.substr(0, 16));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) +
         "-" + hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

}  // namespace fhir
