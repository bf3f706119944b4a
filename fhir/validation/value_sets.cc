// Code lists of required bindings, from the FHIR R4 (4.0.1) value sets.
#include "fhir/validation/value_sets.h"

namespace fhir {
namespace validation_internal {
namespace {

constexpr std::string_view kPublicationStatusCodes[] = {"draft", "active",
                                                        "retired", "unknown"};
constexpr std::string_view kItemTypeCodes[] = {
    "group",  "display",     "question",   "boolean",   "decimal", "integer",
    "date",   "dateTime",    "time",       "string",    "text",    "url",
    "choice", "open-choice", "attachment", "reference", "quantity"};
constexpr std::string_view kEnableOperatorCodes[] = {"exists", "=",  "!=", ">",
                                                     "<",      ">=", "<="};
constexpr std::string_view kEnableBehaviorCodes[] = {"all", "any"};
constexpr std::string_view kQuestionnaireAnswersStatusCodes[] = {
    "in-progress", "completed", "amended", "entered-in-error", "stopped"};
constexpr std::string_view kObservationStatusCodes[] = {
    "registered", "preliminary",      "final",  "amended", "corrected",
    "cancelled",  "entered-in-error", "unknown"};
constexpr std::string_view kConsentStateCodesCodes[] = {
    "draft", "proposed", "active", "rejected", "inactive", "entered-in-error"};
constexpr std::string_view kConsentProvisionTypeCodes[] = {"deny", "permit"};
constexpr std::string_view kConsentDataMeaningCodes[] = {
    "instance", "related", "dependents", "authoredby"};
constexpr std::string_view kGoalStatusCodes[] = {
    "proposed",  "planned",   "accepted",         "active",  "on-hold",
    "completed", "cancelled", "entered-in-error", "rejected"};
constexpr std::string_view kRequestStatusCodes[] = {
    "draft",     "active",           "on-hold", "revoked",
    "completed", "entered-in-error", "unknown"};
constexpr std::string_view kCarePlanIntentCodes[] = {"proposal", "plan",
                                                     "order", "option"};
constexpr std::string_view kCarePlanActivityKindCodes[] = {
    "Appointment",       "CommunicationRequest", "DeviceRequest",
    "MedicationRequest", "NutritionOrder",       "Task",
    "ServiceRequest",    "VisionPrescription"};
constexpr std::string_view kCarePlanActivityStatusCodes[] = {
    "not-started", "scheduled", "in-progress", "on-hold",         "completed",
    "cancelled",   "stopped",   "unknown",     "entered-in-error"};
constexpr std::string_view kBundleTypeCodes[] = {
    "document",  "message",        "transaction", "transaction-response",
    "batch",     "batch-response", "history",     "searchset",
    "collection"};
constexpr std::string_view kHttpVerbCodes[] = {"GET", "HEAD",   "POST",
                                               "PUT", "DELETE", "PATCH"};
constexpr std::string_view kSearchEntryModeCodes[] = {"match", "include",
                                                      "outcome"};
constexpr std::string_view kIssueSeverityCodes[] = {"fatal", "error", "warning",
                                                    "information"};
constexpr std::string_view kIssueTypeCodes[] = {
    "invalid",       "structure",  "required",
    "value",         "invariant",  "security",
    "login",         "unknown",    "expired",
    "forbidden",     "suppressed", "processing",
    "not-supported", "duplicate",  "multiple-matches",
    "not-found",     "deleted",    "too-long",
    "code-invalid",  "extension",  "too-costly",
    "business-rule", "conflict",   "transient",
    "lock-error",    "no-store",   "exception",
    "timeout",       "incomplete", "throttled",
    "informational"};
constexpr std::string_view kAdministrativeGenderCodes[] = {"male", "female",
                                                           "other", "unknown"};
constexpr std::string_view kLinkTypeCodes[] = {"replaced-by", "replaces",
                                               "refer", "seealso"};
constexpr std::string_view kProvenanceEntityRoleCodes[] = {
    "derivation", "revision", "quotation", "source", "removal"};
constexpr std::string_view kAuditEventActionCodes[] = {"C", "R", "U", "D", "E"};
constexpr std::string_view kAuditEventOutcomeCodes[] = {"0", "4", "8", "12"};
constexpr std::string_view kNetworkTypeCodes[] = {"1", "2", "3", "4", "5"};
constexpr std::string_view kFlagStatusCodes[] = {"active", "inactive",
                                                 "entered-in-error"};
constexpr std::string_view kDetectedIssueSeverityCodes[] = {"high", "moderate",
                                                            "low"};
constexpr std::string_view kCapabilityStatementKindCodes[] = {
    "instance", "capability", "requirements"};
constexpr std::string_view kHierarchyMeaningCodes[] = {
    "grouped-by", "is-a", "part-of", "classified-with"};
constexpr std::string_view kContentModeCodes[] = {
    "not-present", "example", "fragment", "complete", "supplement"};
constexpr std::string_view kFilterOperatorCodes[] = {
    "=",  "is-a",   "descendent-of", "is-not-a", "regex",
    "in", "not-in", "generalizes",   "exists"};
constexpr std::string_view kPropertyTypeCodes[] = {
    "code", "Coding", "string", "integer", "boolean", "dateTime", "decimal"};
constexpr std::string_view kIdentifierUseCodes[] = {"usual", "official", "temp",
                                                    "secondary", "old"};
constexpr std::string_view kNameUseCodes[] = {
    "usual", "official", "temp", "nickname", "anonymous", "old", "maiden"};
constexpr std::string_view kContactPointSystemCodes[] = {
    "phone", "fax", "email", "pager", "url", "sms", "other"};
constexpr std::string_view kContactPointUseCodes[] = {"home", "work", "temp",
                                                      "old", "mobile"};
constexpr std::string_view kAddressUseCodes[] = {"home", "work", "temp", "old",
                                                 "billing"};
constexpr std::string_view kAddressTypeCodes[] = {"postal", "physical", "both"};
constexpr std::string_view kQuantityComparatorCodes[] = {"<", "<=", ">=", ">"};
constexpr std::string_view kNarrativeStatusCodes[] = {"generated", "extensions",
                                                      "additional", "empty"};
constexpr std::string_view kUnitsOfTimeCodes[] = {"s",  "min", "h", "d",
                                                  "wk", "mo",  "a"};
constexpr std::string_view kDaysOfWeekCodes[] = {"mon", "tue", "wed", "thu",
                                                 "fri", "sat", "sun"};
constexpr std::string_view kEventTimingCodes[] = {
    "MORN", "MORN.early", "MORN.late", "NOON",  "AFT", "AFT.early", "AFT.late",
    "EVE",  "EVE.early",  "EVE.late",  "NIGHT", "PHS", "HS",        "WAKE",
    "C",    "CM",         "CD",        "CV",    "AC",  "ACM",       "ACD",
    "ACV",  "PC",         "PCM",       "PCD",   "PCV"};
constexpr std::string_view kRelatedArtifactTypeCodes[] = {
    "documentation", "justification", "citation",   "predecessor",
    "successor",     "derived-from",  "depends-on", "composed-of"};

}  // namespace

const ValueSet kPublicationStatus =
    MakeValueSet("publication-status", kPublicationStatusCodes);
const ValueSet kItemType = MakeValueSet("item-type", kItemTypeCodes);
const ValueSet kEnableOperator =
    MakeValueSet("questionnaire-enable-operator", kEnableOperatorCodes);
const ValueSet kEnableBehavior =
    MakeValueSet("questionnaire-enable-behavior", kEnableBehaviorCodes);
const ValueSet kQuestionnaireAnswersStatus = MakeValueSet(
    "questionnaire-answers-status", kQuestionnaireAnswersStatusCodes);
const ValueSet kObservationStatus =
    MakeValueSet("observation-status", kObservationStatusCodes);
const ValueSet kConsentStateCodes =
    MakeValueSet("consent-state-codes", kConsentStateCodesCodes);
const ValueSet kConsentProvisionType =
    MakeValueSet("consent-provision-type", kConsentProvisionTypeCodes);
const ValueSet kConsentDataMeaning =
    MakeValueSet("consent-data-meaning", kConsentDataMeaningCodes);
const ValueSet kGoalStatus = MakeValueSet("goal-status", kGoalStatusCodes);
const ValueSet kRequestStatus =
    MakeValueSet("request-status", kRequestStatusCodes);
const ValueSet kCarePlanIntent =
    MakeValueSet("care-plan-intent", kCarePlanIntentCodes);
const ValueSet kCarePlanActivityKind =
    MakeValueSet("care-plan-activity-kind", kCarePlanActivityKindCodes);
const ValueSet kCarePlanActivityStatus =
    MakeValueSet("care-plan-activity-status", kCarePlanActivityStatusCodes);
const ValueSet kBundleType = MakeValueSet("bundle-type", kBundleTypeCodes);
const ValueSet kHttpVerb = MakeValueSet("http-verb", kHttpVerbCodes);
const ValueSet kSearchEntryMode =
    MakeValueSet("search-entry-mode", kSearchEntryModeCodes);
const ValueSet kIssueSeverity =
    MakeValueSet("issue-severity", kIssueSeverityCodes);
const ValueSet kIssueType = MakeValueSet("issue-type", kIssueTypeCodes);
const ValueSet kAdministrativeGender =
    MakeValueSet("administrative-gender", kAdministrativeGenderCodes);
const ValueSet kLinkType = MakeValueSet("link-type", kLinkTypeCodes);
const ValueSet kProvenanceEntityRole =
    MakeValueSet("provenance-entity-role", kProvenanceEntityRoleCodes);
const ValueSet kAuditEventAction =
    MakeValueSet("audit-event-action", kAuditEventActionCodes);
const ValueSet kAuditEventOutcome =
    MakeValueSet("audit-event-outcome", kAuditEventOutcomeCodes);
const ValueSet kNetworkType = MakeValueSet("network-type", kNetworkTypeCodes);
const ValueSet kFlagStatus = MakeValueSet("flag-status", kFlagStatusCodes);
const ValueSet kDetectedIssueSeverity =
    MakeValueSet("detectedissue-severity", kDetectedIssueSeverityCodes);
const ValueSet kCapabilityStatementKind =
    MakeValueSet("capability-statement-kind", kCapabilityStatementKindCodes);
const ValueSet kHierarchyMeaning =
    MakeValueSet("codesystem-hierarchy-meaning", kHierarchyMeaningCodes);
const ValueSet kContentMode =
    MakeValueSet("codesystem-content-mode", kContentModeCodes);
const ValueSet kFilterOperator =
    MakeValueSet("filter-operator", kFilterOperatorCodes);
const ValueSet kPropertyType =
    MakeValueSet("concept-property-type", kPropertyTypeCodes);
const ValueSet kIdentifierUse =
    MakeValueSet("identifier-use", kIdentifierUseCodes);
const ValueSet kNameUse = MakeValueSet("name-use", kNameUseCodes);
const ValueSet kContactPointSystem =
    MakeValueSet("contact-point-system", kContactPointSystemCodes);
const ValueSet kContactPointUse =
    MakeValueSet("contact-point-use", kContactPointUseCodes);
const ValueSet kAddressUse = MakeValueSet("address-use", kAddressUseCodes);
const ValueSet kAddressType = MakeValueSet("address-type", kAddressTypeCodes);
const ValueSet kQuantityComparator =
    MakeValueSet("quantity-comparator", kQuantityComparatorCodes);
const ValueSet kNarrativeStatus =
    MakeValueSet("narrative-status", kNarrativeStatusCodes);
const ValueSet kUnitsOfTime = MakeValueSet("units-of-time", kUnitsOfTimeCodes);
const ValueSet kDaysOfWeek = MakeValueSet("days-of-week", kDaysOfWeekCodes);
const ValueSet kEventTiming = MakeValueSet("event-timing", kEventTimingCodes);
const ValueSet kRelatedArtifactType =
    MakeValueSet("related-artifact-type", kRelatedArtifactTypeCodes);

}  // namespace validation_internal
}  // namespace fhir
