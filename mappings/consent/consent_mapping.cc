#include "mappings/consent/consent_mapping.h"

#include <initializer_list>

#include "mappings/consent/consent_codes.h"
#include "mappings/consent/consent_document.h"
#include "mappings/consent/consent_terms.h"

namespace mappings {

using fhir::Json;

namespace {

// An error at `path` unless `value` is one of `allowed`.
void CheckCode(const std::string& value,
               std::initializer_list<const char*> allowed, const char* what,
               const std::string& path, fhir::Issues* issues) {
  for (const char* a : allowed) {
    if (value == a) return;
  }
  issues->Error("code-invalid", path,
                "\"" + value + "\" is not a " + what + " code");
}

Json PeriodJson(const Period& p) {
  Json period = Json::Object();
  if (!p.start.empty()) period.Set("start", p.start);
  if (!p.end.empty()) period.Set("end", p.end);
  return period;
}

// The patient (with the signer's name as display), or a display-only
// RelatedPerson reference carrying the signer role extension: we create no
// RelatedPerson resources.
Json SignerReference(const Signer& signer, const ConsentRecord& record,
                     const MappingContext& ctx) {
  if (signer.role == "patient") {
    Json ref = PatientReference(ctx, record.mrn);
    ref.Set("display", signer.name);
    return ref;
  }
  Json ref = Json::Object();
  Json role = SignerRoleExtension(signer.role);
  if (!role.is_null())
    ref.Set("extension", Json::Array()).Append(std::move(role));
  ref.Set("type", "RelatedPerson");
  ref.Set("display", signer.name);
  return ref;
}

// One provision (the base one or an exception). `path` is the record path of
// the part ("" for the base, "exceptions[j]").
Json Provision(const std::string& decision, const Period& period,
               const std::vector<std::string>& recipients,
               const std::vector<std::string>& purposes,
               const std::vector<std::string>* data, const std::string& path,
               const MappingContext& ctx, fhir::Issues* issues) {
  Json provision = Json::Object();
  CheckCode(decision, {"permit", "deny"}, "provision type",
            fhir::JoinPath(path, "decision"), issues);
  provision.Set("type", decision);
  if (!period.empty()) provision.Set("period", PeriodJson(period));
  Json actors = Json::Array();
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    auto it = ctx.recipients.find(recipients[i]);
    if (it == ctx.recipients.end()) {
      issues->Error("not-found",
                    fhir::IndexPath(fhir::JoinPath(path, "recipients"), i),
                    "recipient '" + recipients[i] + "' is not configured");
      continue;
    }
    Json actor = Json::Object();
    actor.Set("role",
              ConceptJson(kParticipationType, "IRCP", "information recipient"));
    actor.Set("reference", OrganizationReference(it->second));
    actors.Append(std::move(actor));
  }
  if (!actors.empty()) provision.Set("actor", std::move(actors));
  if (!purposes.empty()) {
    Json& list = provision.Set("purpose", Json::Array());
    for (const std::string& p : purposes) list.Append(PurposeCoding(p));
  }
  if (data && !data->empty()) {
    Json& list = provision.Set("class", Json::Array());
    for (const std::string& d : *data)
      list.Append(CodingJson(kDataClassSystem, d));
  }
  return provision;
}

void AddExtension(Json* resource, const char* url, const char* value_key,
                  Json value) {
  Json ext = Json::Object();
  ext.Set("url", url);
  ext.Set(value_key, std::move(value));
  Json* list = resource->Find("extension");
  if (!list) list = &resource->Set("extension", Json::Array());
  list->Append(std::move(ext));
}

}  // namespace

MappingResult MapConsent(const ConsentRecord& record,
                         const MappingContext& ctx) {
  MappingResult result;
  fhir::Issues* issues = &result.issues;
  MappedResource mapped = StartResource(ctx, "Consent", record.id);
  Json& c = mapped.resource;

  if (!record.witness.empty()) {
    AddExtension(&c, kWitnessExtension, "valueReference",
                 StaffReference(ctx, record.witness, "witness", issues));
  }
  if (!record.revoked_at.empty()) {
    AddExtension(&c, kRevokedAtExtension, "valueDateTime", record.revoked_at);
  }
  c.Set("identifier", Json::Array()).Append(BusinessIdentifier(ctx, record.id));

  // A revocation is a revision with status inactive (the parser insists).
  std::string status = record.revoked_at.empty() ? record.status : "inactive";
  CheckCode(status,
            {"draft", "proposed", "active", "rejected", "inactive",
             "entered-in-error"},
            "Consent status", "status", issues);
  c.Set("status", status);

  Json scope = ScopeConcept(record.scope);
  if (scope.is_null()) {
    CheckCode(record.scope, {}, "consent scope", "scope", issues);
  } else {
    c.Set("scope", std::move(scope));
  }
  Json categories = Json::Array();
  for (std::size_t i = 0; i < record.category.size(); ++i) {
    Json concept = CategoryConcept(record.category[i]);
    if (concept.is_null()) {
      CheckCode(record.category[i], {}, "consent category",
                fhir::IndexPath("category", i), issues);
    } else {
      categories.Append(std::move(concept));
    }
  }
  c.Set("category", std::move(categories));
  c.Set("patient", PatientReference(ctx, record.mrn));
  if (!record.signed_at.empty()) {
    c.Set("dateTime", record.signed_at);
  } else if (!record.recorded.empty()) {
    c.Set("dateTime", record.recorded);
  }
  if (record.signer) {
    c.Set("performer", Json::Array())
        .Append(SignerReference(*record.signer, record, ctx));
  }
  c.Set("organization", Json::Array())
      .Append(OrganizationReference(ctx.clinic));
  if (record.document) {
    c.Set("sourceAttachment",
          DocumentAttachment(*record.document, ctx, issues));
  }
  SetPolicy(record.policy, record.scope, &c);

  if (record.signer || !record.signed_at.empty()) {
    Json v = Json::Object();
    v.Set("verified", true);
    if (record.signer) {
      v.Set("verifiedWith", SignerReference(*record.signer, record, ctx));
    }
    if (!record.signed_at.empty()) v.Set("verificationDate", record.signed_at);
    c.Set("verification", Json::Array()).Append(std::move(v));
  }

  Json provision = Provision(
      record.decision, record.period, record.recipients, record.purposes,
      record.data ? &*record.data : nullptr, "", ctx, issues);
  if (!record.exceptions.empty()) {
    Json& nested = provision.Set("provision", Json::Array());
    for (std::size_t j = 0; j < record.exceptions.size(); ++j) {
      const ConsentProvision& e = record.exceptions[j];
      nested.Append(Provision(e.decision, e.period, e.recipients, e.purposes,
                              &e.data, fhir::IndexPath("exceptions", j), ctx,
                              issues));
    }
  }
  c.Set("provision", std::move(provision));

  result.resources.push_back(std::move(mapped));
  return result;
}

}  // namespace mappings
