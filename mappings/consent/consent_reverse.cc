#include "mappings/consent/consent_reverse.h"

#include "fhir/json_fields.h"
#include "mappings/codes.h"
#include "mappings/consent/consent_codes.h"
#include "mappings/consent/consent_document.h"
#include "mappings/consent/consent_terms.h"
#include "mappings/mapped_resource.h"

namespace mappings {

using fhir::Fields;
using fhir::Json;

namespace {

Period ReadPeriod(Fields& f) {
  Period period;
  if (const Json* p = f.Object("period", fhir::kOptional)) {
    Fields pf(*p, f.PathOf("period"), f.issues());
    period.start = pf.String("start", fhir::kOptional).value_or("");
    period.end = pf.String("end", fhir::kOptional).value_or("");
  }
  return period;
}

// The configuration key of the recipient Organization `ref` points to.
std::string RecipientKey(const Json& ref, const MappingContext& ctx) {
  const Json* id = ref.Find("identifier");
  const Json* literal = ref.Find("reference");
  for (const auto& [key, org] : ctx.recipients) {
    if (id && id->Find("system") && id->Find("value") &&
        id->Find("system")->str() == org.identifier_system &&
        id->Find("value")->str() == org.identifier_value) {
      return key;
    }
    if (literal && !org.reference.empty() && literal->str() == org.reference) {
      return key;
    }
  }
  return "";
}

std::vector<std::string> ReadRecipients(Fields& f, const MappingContext& ctx) {
  std::vector<std::string> keys;
  const Json* actors = f.Array("actor", fhir::kOptional);
  if (!actors) return keys;
  for (std::size_t i = 0; i < actors->size(); ++i) {
    const Json& actor = actors->at(i);
    std::string path = fhir::IndexPath(f.PathOf("actor"), i);
    const Json* role = actor.Find("role");
    if (!role || CodeIn(*role, kParticipationType) != "IRCP") {
      f.issues()->Warning("not-supported", fhir::JoinPath(path, "role"),
                          "only information recipients (IRCP) are read; "
                          "this actor is left out");
      continue;
    }
    const Json* ref = actor.Find("reference");
    std::string key = ref ? RecipientKey(*ref, ctx) : "";
    if (key.empty()) {
      f.issues()->Error("not-found", fhir::JoinPath(path, "reference"),
                        "is not a configured recipient Organization");
      continue;
    }
    keys.push_back(key);
  }
  return keys;
}

// Codes of the Codings in list `key` with `system`; others are warned about.
std::vector<std::string> ReadCodes(Fields& f, const char* key,
                                   const char* system) {
  std::vector<std::string> codes;
  const Json* list = f.Array(key, fhir::kOptional);
  if (!list) return codes;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json* sys = list->at(i).Find("system");
    const Json* code = list->at(i).Find("code");
    if (sys && code && sys->str() == system && !code->str().empty()) {
      codes.push_back(code->str());
    } else {
      f.issues()->Warning("code-unknown", fhir::IndexPath(f.PathOf(key), i),
                          std::string("only codes of ") + system +
                              " are read; this one is left out");
    }
  }
  return codes;
}

ConsentProvision ReadProvision(const Json& object, const std::string& path,
                               const MappingContext& ctx, fhir::Issues* issues,
                               bool* has_class) {
  Fields f(object, path, issues);
  ConsentProvision p;
  p.decision = f.Code("type", fhir::kRequired, {"permit", "deny"}).value_or("");
  p.period = ReadPeriod(f);
  p.recipients = ReadRecipients(f, ctx);
  p.purposes = ReadCodes(f, "purpose", kActReason);
  p.data = ReadCodes(f, "class", kDataClassSystem);
  *has_class = f.Get("class") != nullptr;
  return p;
}

std::optional<Signer> ReadSigner(const Json& performer,
                                 const MappingContext& ctx) {
  Signer signer;
  const Json* display = performer.Find("display");
  signer.name = display ? display->str() : "";
  const Json* type = performer.Find("type");
  if (!MrnFromReference(ctx, performer).empty() ||
      (type && type->str() == "Patient")) {
    signer.role = "patient";
  } else {
    signer.role = SignerRoleOf(performer);
  }
  if (signer.role.empty() || signer.name.empty()) return std::nullopt;
  return signer;
}

}  // namespace

std::optional<ConsentRecord> ConsentFromFhir(const Json& consent,
                                             const MappingContext& ctx,
                                             fhir::Issues* issues) {
  ConsentRecord r;
  if (!ReadRecordIdentity(consent, "Consent", "patient", ctx, &r.id, &r.mrn,
                          issues)) {
    return std::nullopt;
  }
  Fields f(consent, "Consent", issues);

  r.status = f.Code("status", fhir::kRequired,
                    {"draft", "proposed", "active", "rejected", "inactive",
                     "entered-in-error"})
                 .value_or("");
  if (const Json* scope = f.Object("scope", fhir::kRequired)) {
    r.scope = CodeIn(*scope, kConsentScope);
    if (r.scope.empty()) {
      issues->Error("code-invalid", "Consent.scope",
                    std::string("has no coding of ") + kConsentScope);
    }
  }
  if (const Json* categories = f.Array("category", fhir::kRequired)) {
    for (std::size_t i = 0; i < categories->size(); ++i) {
      std::string value = CategoryOf(categories->at(i));
      if (value.empty()) {
        issues->Warning("code-unknown", fhir::IndexPath("Consent.category", i),
                        "no known consent category; left out");
      } else {
        r.category.push_back(value);
      }
    }
  }
  if (const Json* v = f.Array("verification", fhir::kOptional)) {
    if (!v->empty()) {
      Fields vf(v->at(0), "Consent.verification[0]", issues);
      r.signed_at = vf.String("verificationDate", fhir::kOptional).value_or("");
    }
  }
  std::string date_time = f.String("dateTime", fhir::kOptional).value_or("");
  if (date_time != r.signed_at) r.recorded = date_time;
  if (const Json* performers = f.Array("performer", fhir::kOptional)) {
    if (!performers->empty()) {
      r.signer = ReadSigner(performers->at(0), ctx);
      if (!r.signer) {
        issues->Warning("incomplete", "Consent.performer[0]",
                        "is neither the patient nor a named guardian or "
                        "representative; no signer read");
      }
    }
  }
  if (const Json* w =
          ExtensionValue(consent, kWitnessExtension, "valueReference")) {
    r.witness = StaffIdFromReference(ctx, *w);
    if (r.witness.empty()) {
      issues->Warning("not-found", "Consent.extension",
                      "the witness has no staff identifier; left out");
    }
  }
  if (const Json* at =
          ExtensionValue(consent, kRevokedAtExtension, "valueDateTime")) {
    r.revoked_at = at->str();
  }
  if (const Json* att = f.Object("sourceAttachment", fhir::kOptional)) {
    r.document =
        DocumentFromAttachment(*att, "Consent.sourceAttachment", issues);
  }
  r.policy = PolicyOf(consent);
  if (r.policy.empty()) {
    issues->Error("required", "Consent.policy",
                  "has neither a policy URI nor a known policy rule");
  }

  const Json* provision = f.Object("provision", fhir::kRequired);
  if (!provision) return r;
  bool has_class = false;
  ConsentProvision base =
      ReadProvision(*provision, "Consent.provision", ctx, issues, &has_class);
  r.decision = base.decision;
  r.period = base.period;
  r.recipients = std::move(base.recipients);
  r.purposes = std::move(base.purposes);
  if (has_class) r.data = std::move(base.data);
  Fields pf(*provision, "Consent.provision", issues);
  if (const Json* nested = pf.Array("provision", fhir::kOptional)) {
    for (std::size_t j = 0; j < nested->size(); ++j) {
      r.exceptions.push_back(ReadProvision(
          nested->at(j), fhir::IndexPath("Consent.provision.provision", j), ctx,
          issues, &has_class));
    }
  }
  return r;
}

}  // namespace mappings
