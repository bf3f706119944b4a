// consent: one informed-consent record (records.md, "consent").
#include <cctype>

#include "fhir/crypto.h"
#include "fhir/primitives.h"
#include "mappings/records/parse_helpers.h"
#include "mappings/records/record_parser.h"

namespace mappings {
namespace records_internal {

using fhir::Fields;
using fhir::Json;

namespace {

// "data": the data classes a consent (or an exception) covers.
std::optional<std::vector<std::string>> DataClasses(Fields& f) {
  return CodeList(f, "data", fhir::kOptional,
                  {"alliance-ratings", "goals", "plans", "consents"});
}

bool IsRelativePath(const std::string& p) {
  if (p[0] == '/' || p[0] == '\\') return false;
  // "C:\..." or "C:/..." (a drive letter) and "file:..." URLs.
  if (p.size() >= 2 && std::isalpha(static_cast<unsigned char>(p[0])) &&
      p[1] == ':') {
    return false;
  }
  return p.find("://") == std::string::npos && p.rfind("file:", 0) != 0;
}

// "type/subtype", optionally with parameters: application/pdf.
bool IsMediaType(const std::string& s) {
  std::size_t slash = s.find('/');
  if (slash == 0 || slash == std::string::npos || slash + 1 == s.size()) {
    return false;
  }
  for (char c : s.substr(0, s.find(';'))) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '/' ||
              c == '-' || c == '+' || c == '.' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool IsSha256Hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void ParseDocument(Fields& f, ConsentRecord* out) {
  const Json* object = f.Object("document", fhir::kOptional);
  if (!object) return;
  fhir::Issues* issues = f.issues();
  std::size_t errors = issues->error_count();
  Fields df(*object, f.PathOf("document"), issues);
  ConsentDocument doc;
  std::optional<std::string> path = df.String("path", fhir::kOptional);
  std::optional<std::string> data = df.String("data", fhir::kOptional);
  if (df.Get("path") && df.Get("data")) {
    issues->Error("structure", df.path(),
                  "give either path or data (base64), not both");
  } else if (!df.Get("path") && !df.Get("data")) {
    issues->Error("required", df.PathOf("path"),
                  "is required (or data with the document in base64)");
  }
  if (path) {
    if (IsRelativePath(*path)) {
      doc.path = *path;
    } else {
      issues->Error(
          "value", df.PathOf("path"),
          Quote(*path) + " must be a path relative to the record file");
    }
  }
  if (data) {
    std::optional<std::string> bytes = fhir::Base64Decode(*data);
    // Re-encoding must give the same text, or the record would not
    // round-trip (non-zero padding bits).
    if (!bytes || fhir::Base64Encode(*bytes) != *data) {
      issues->Error("value", df.PathOf("data"),
                    "is not valid base64 (standard alphabet, padded, no line "
                    "breaks)");
    } else {
      doc.inline_data = true;
      doc.bytes = std::move(bytes);
    }
  }
  if (std::optional<std::string> ct =
          df.String("contentType", fhir::kRequired)) {
    if (IsMediaType(*ct)) {
      doc.content_type = *ct;
    } else {
      issues->Error("value", df.PathOf("contentType"),
                    Quote(*ct) + " is not a media type (e.g. application/pdf)");
    }
  }
  doc.title = Text(df, "title", fhir::kOptional).value_or("");
  if (std::optional<std::string> sha = df.String("sha256", fhir::kOptional)) {
    if (IsSha256Hex(*sha)) {
      doc.sha256 = *sha;
    } else {
      issues->Error(
          "value", df.PathOf("sha256"),
          "must be 64 hexadecimal characters (a SHA-256 digest), got " +
              Quote(*sha));
    }
  }
  df.RejectUnknown({"path", "data", "contentType", "title", "sha256"});
  if (issues->error_count() != errors) return;
  VerifyDocument(doc, df.path(), issues);
  if (issues->error_count() == errors) out->document = std::move(doc);
}

void ParseExceptions(Fields& f, ConsentRecord* out) {
  const Json* list = f.Array("exceptions", fhir::kOptional);
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    Fields ef(list->at(i), fhir::IndexPath(f.PathOf("exceptions"), i),
              f.issues());
    if (!ef.ok()) continue;
    ConsentProvision p;
    p.decision =
        ef.Code("decision", fhir::kRequired, {"permit", "deny"}).value_or("");
    p.recipients = TokenList(ef, "recipients", fhir::kOptional)
                       .value_or(std::vector<std::string>{});
    p.purposes =
        PurposeList(ef, "purposes").value_or(std::vector<std::string>{});
    p.data = DataClasses(ef).value_or(std::vector<std::string>{});
    ParsePeriod(ef, "period", /*allow_time=*/false, &p.period);
    ef.RejectUnknown({"decision", "recipients", "purposes", "data", "period"});
    out->exceptions.push_back(std::move(p));
  }
}

}  // namespace

void ParseConsent(Fields& f, ConsentRecord* out) {
  fhir::Issues* issues = f.issues();
  out->status = f.Code("status", fhir::kRequired,
                       {"draft", "proposed", "active", "rejected", "inactive",
                        "entered-in-error"})
                    .value_or("");
  out->scope = f.Code("scope", fhir::kRequired,
                      {"treatment", "patient-privacy", "research"})
                   .value_or("");
  out->category = CodeList(f, "category", fhir::kRequired,
                           {"treatment", "release-of-information", "research"})
                      .value_or(std::vector<std::string>{});
  out->decision =
      f.Code("decision", fhir::kRequired, {"permit", "deny"}).value_or("");
  out->signed_at = DateTime(f, "signedAt", fhir::kOptional).value_or("");
  if (const Json* signer = f.Object("signer", fhir::kOptional)) {
    Fields sf(*signer, f.PathOf("signer"), issues);
    std::optional<std::string> role = sf.Code(
        "role", fhir::kRequired, {"patient", "guardian", "representative"});
    std::optional<std::string> name = Text(sf, "name", fhir::kRequired);
    sf.RejectUnknown({"role", "name"});
    if (role && name) out->signer = Signer{*role, *name};
  }
  out->witness = Token(f, "witness", fhir::kOptional).value_or("");
  ParsePeriod(f, "period", /*allow_time=*/false, &out->period);
  out->recipients = TokenList(f, "recipients", fhir::kOptional)
                        .value_or(std::vector<std::string>{});
  out->purposes =
      PurposeList(f, "purposes").value_or(std::vector<std::string>{});
  out->data = DataClasses(f);
  if (std::optional<std::string> policy = f.String("policy", fhir::kRequired)) {
    if (*policy == "hipaa" || *policy == "42cfr2" || fhir::IsFhirUrl(*policy)) {
      out->policy = *policy;
    } else {
      issues->Error("code-invalid", f.PathOf("policy"),
                    Quote(*policy) +
                        " is not hipaa, 42cfr2 or an absolute policy URI "
                        "(e.g. https://clinic.example/policy/roi)");
    }
  }
  ParseDocument(f, out);
  ParseExceptions(f, out);
  out->revoked_at = DateTime(f, "revokedAt", fhir::kOptional).value_or("");

  // Rules between fields. A field that is present but wrong was reported
  // already; only a missing one is reported here.
  if (out->status == "active") {
    for (const char* key : {"signedAt", "signer", "document"}) {
      if (!f.Get(key)) {
        issues->Error("required", key, "is required when status is active");
      }
    }
  }
  if (out->scope == "patient-privacy" && !f.Get("recipients")) {
    issues->Error("required", "recipients",
                  "is required when scope is patient-privacy (who may receive "
                  "the data)");
  }
  if (!out->revoked_at.empty()) {
    if (!out->status.empty() && out->status != "inactive") {
      issues->Error("invariant", "status",
                    "is " + Quote(out->status) +
                        " but revokedAt is set; a revoked consent has status "
                        "inactive");
    }
    if (!out->signed_at.empty() && IsBefore(out->revoked_at, out->signed_at)) {
      issues->Error("invariant", "revokedAt",
                    Quote(out->revoked_at) + " is before signedAt " +
                        Quote(out->signed_at));
    }
  }
  f.RejectUnknown({"kind", "id", "patient", "recorded", "status", "scope",
                   "category", "decision", "signedAt", "signer", "witness",
                   "period", "recipients", "purposes", "data", "policy",
                   "document", "exceptions", "revokedAt"});
}

}  // namespace records_internal
}  // namespace mappings
