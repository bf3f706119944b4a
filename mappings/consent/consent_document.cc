#include "mappings/consent/consent_document.h"

#include <cstdint>

#include "fhir/crypto.h"
#include "fhir/json_fields.h"
#include "mappings/codes.h"
#include "mappings/consent/consent_terms.h"
#include "mappings/records/record_parser.h"

namespace mappings {

using fhir::Json;

namespace {

Json Sha256Extension(const std::string& hex) {
  Json ext = Json::Object();
  ext.Set("url", kSha256Extension);
  ext.Set("valueString", hex);
  return ext;
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

Json DocumentAttachment(const ConsentDocument& doc, const MappingContext& ctx,
                        fhir::Issues* issues) {
  Json att = Json::Object();
  if (!doc.bytes) {
    issues->Warning("incomplete", "document",
                    "the document's bytes are not loaded: the Consent carries "
                    "no size, hash or data for it");
    if (!doc.sha256.empty()) {
      att.Set("extension", Json::Array())
          .Append(Sha256Extension(Lower(doc.sha256)));
    }
    att.Set("contentType", doc.content_type);
    if (!doc.title.empty()) att.Set("title", doc.title);
    return att;
  }
  VerifyDocument(doc, "document", issues);
  const std::string& bytes = *doc.bytes;
  att.Set("extension", Json::Array())
      .Append(Sha256Extension(fhir::HexEncode(fhir::Sha256(bytes))));
  att.Set("contentType", doc.content_type);
  if (bytes.size() <= ctx.inline_document_max_bytes) {
    att.Set("data", fhir::Base64Encode(bytes));
  }
  att.Set("size", Json(static_cast<std::int64_t>(bytes.size())));
  att.Set("hash", fhir::Base64Encode(fhir::Sha1(bytes)));
  if (!doc.title.empty()) att.Set("title", doc.title);
  return att;
}

ConsentDocument DocumentFromAttachment(const Json& attachment,
                                       const std::string& path,
                                       fhir::Issues* issues) {
  ConsentDocument doc;
  fhir::Fields f(attachment, path, issues);
  doc.content_type = f.String("contentType", fhir::kOptional).value_or("");
  doc.title = f.String("title", fhir::kOptional).value_or("");
  if (const Json* hex =
          ExtensionValue(attachment, kSha256Extension, "valueString")) {
    doc.sha256 = hex->str();
  }
  std::optional<std::string> data = f.String("data", fhir::kOptional);
  if (!data) return doc;
  std::optional<std::string> bytes = fhir::Base64Decode(*data);
  if (!bytes) {
    issues->Error("value", f.PathOf("data"), "is not valid base64");
    return doc;
  }
  std::optional<std::string> hash = f.String("hash", fhir::kOptional);
  if (hash && *hash != fhir::Base64Encode(fhir::Sha1(*bytes))) {
    issues->Error("value", f.PathOf("hash"),
                  "does not match the SHA-1 of the attached data");
  }
  std::optional<std::int64_t> size = f.Integer("size", fhir::kOptional);
  if (size && *size != static_cast<std::int64_t>(bytes->size())) {
    issues->Error("value", f.PathOf("size"),
                  "is " + std::to_string(*size) + " but the data has " +
                      std::to_string(bytes->size()) + " bytes");
  }
  if (!doc.sha256.empty() &&
      Lower(doc.sha256) != fhir::HexEncode(fhir::Sha256(*bytes))) {
    issues->Error("value", fhir::JoinPath(path, "extension"),
                  "the SHA-256 extension does not match the attached data");
  }
  doc.inline_data = true;
  doc.bytes = std::move(bytes);
  return doc;
}

}  // namespace mappings
