#include "mappings/consent/consent_terms.h"

#include "mappings/codes.h"
#include "mappings/consent/consent_codes.h"
#include "mappings/mapped_resource.h"

namespace mappings {

using fhir::Json;

namespace {

struct Term {
  const char* value;  // record value
  const char* system;
  const char* code;
  const char* display;
};

// Consent.category: one CodeableConcept per record value; a value may have
// several codings (research: the HL7 category code and the LOINC document).
constexpr Term kCategories[] = {
    {"treatment", kLoinc, "59284-0", "Consent Document"},
    {"release-of-information", kLoinc, "64292-6",
     "Release of information consent Document"},
    {"research", kConsentCategoryCodes, "research",
     "Research Information Access"},
    {"research", kLoinc, "77602-1", "Research study consent"},
};

constexpr Term kScopes[] = {
    {"treatment", kConsentScope, "treatment", "Treatment"},
    {"patient-privacy", kConsentScope, "patient-privacy", "Privacy Consent"},
    {"research", kConsentScope, "research", "Research"},
};

// Display of common v3-ActReason purposes of use.
constexpr Term kPurposes[] = {
    {"TREAT", kActReason, "TREAT", "treatment"},
    {"ETREAT", kActReason, "ETREAT", "Emergency Treatment"},
    {"HPAYMT", kActReason, "HPAYMT", "healthcare payment"},
    {"HOPERAT", kActReason, "HOPERAT", "healthcare operations"},
    {"HRESCH", kActReason, "HRESCH", "healthcare research"},
    {"CAREMGT", kActReason, "CAREMGT", "care management"},
    {"COC", kActReason, "COC", "coordination of care"},
    {"PATRQT", kActReason, "PATRQT", "patient requested"},
    {"PUBHLTH", kActReason, "PUBHLTH", "public health"},
};

// Consent.policyRule; value = "<policy>/<scope>" ("*" = any scope).
constexpr Term kPolicyRules[] = {
    {"hipaa/patient-privacy", kConsentPolicyCodes, "hipaa-auth",
     "HIPAA Authorization"},
    {"hipaa/research", kConsentPolicyCodes, "hipaa-research",
     "HIPAA Research Authorization"},
    {"42cfr2/*", kActCode, "42CFRPart2", "42 CFR Part2"},
};

constexpr Term kSignerRoles[] = {
    {"guardian", kRoleCode, "GUARD", "guardian"},
    {"representative", kRoleCode, "RESPRSN", "responsible party"},
};

Json TermCoding(const Term& t) {
  return CodingJson(t.system, t.code, t.display);
}

const Term* FindByValue(const Term* begin, const Term* end,
                        const std::string& value) {
  for (const Term* t = begin; t != end; ++t) {
    if (value == t->value) return t;
  }
  return nullptr;
}

// The record value of the first coding found in the table, or empty.
template <std::size_t N>
std::string ValueOfCodings(const Term (&table)[N], const Json* codings) {
  if (!codings) return "";
  for (const Json& c : codings->items()) {
    const Json* sys = c.Find("system");
    const Json* code = c.Find("code");
    if (!sys || !code) continue;
    for (const Term& t : table) {
      if (sys->str() == t.system && code->str() == t.code) return t.value;
    }
  }
  return "";
}

}  // namespace

Json CategoryConcept(const std::string& category) {
  Json codings = Json::Array();
  for (const Term& t : kCategories) {
    if (category == t.value) codings.Append(TermCoding(t));
  }
  if (codings.empty()) return Json();
  Json concept = Json::Object();
  concept.Set("coding", std::move(codings));
  return concept;
}

std::string CategoryOf(const Json& concept) {
  return ValueOfCodings(kCategories, concept.Find("coding"));
}

Json ScopeConcept(const std::string& scope) {
  const Term* t = FindByValue(std::begin(kScopes), std::end(kScopes), scope);
  if (!t) return Json();
  return ConceptJson(t->system, t->code, t->display);
}

Json PurposeCoding(const std::string& code) {
  const Term* t = FindByValue(std::begin(kPurposes), std::end(kPurposes), code);
  return CodingJson(kActReason, code, t ? t->display : "");
}

void SetPolicy(const std::string& policy, const std::string& scope,
               Json* consent) {
  Json entry = Json::Object();
  if (policy == "hipaa" || policy == "42cfr2") {
    entry.Set("authority", kPolicyAuthority);
    entry.Set("uri", policy == "hipaa" ? kHipaaPolicyUri : kPart2PolicyUri);
  } else {
    entry.Set("uri", policy);
  }
  consent->Set("policy", Json::Array()).Append(std::move(entry));
  const Term* rule = FindByValue(std::begin(kPolicyRules),
                                 std::end(kPolicyRules), policy + "/" + scope);
  if (!rule) {
    rule = FindByValue(std::begin(kPolicyRules), std::end(kPolicyRules),
                       policy + "/*");
  }
  if (rule)
    consent->Set("policyRule",
                 ConceptJson(rule->system, rule->code, rule->display));
}

std::string PolicyOf(const Json& consent) {
  if (const Json* policies = consent.Find("policy")) {
    for (const Json& p : policies->items()) {
      const Json* uri = p.Find("uri");
      if (!uri || uri->str().empty()) continue;
      if (uri->str() == kHipaaPolicyUri) return "hipaa";
      if (uri->str() == kPart2PolicyUri) return "42cfr2";
      return uri->str();
    }
  }
  const Json* rule = consent.Find("policyRule");
  std::string value =
      rule ? ValueOfCodings(kPolicyRules, rule->Find("coding")) : "";
  return value.substr(0, value.find('/'));
}

Json SignerRoleExtension(const std::string& role) {
  const Term* t =
      FindByValue(std::begin(kSignerRoles), std::end(kSignerRoles), role);
  if (!t) return Json();
  Json ext = Json::Object();
  ext.Set("url", kSignerRoleExtension);
  ext.Set("valueCoding", TermCoding(*t));
  return ext;
}

std::string SignerRoleOf(const Json& reference) {
  const Json* coding =
      ExtensionValue(reference, kSignerRoleExtension, "valueCoding");
  if (!coding) return "";
  Json list = Json::Array();
  list.Append(*coding);
  return ValueOfCodings(kSignerRoles, &list);
}

const Json* ExtensionValue(const Json& element, const std::string& url,
                           const char* value_key) {
  const Json* extensions = element.Find("extension");
  if (!extensions) return nullptr;
  for (const Json& ext : extensions->items()) {
    const Json* u = ext.Find("url");
    if (u && u->str() == url) return ext.Find(value_key);
  }
  return nullptr;
}

}  // namespace mappings
