// Resource tables, bindings and invariants: Consent, Goal, CarePlan,
// administrative, audit and issue resources, lenient CapabilityStatement.
#include <catch2/catch.hpp>
#include <string>

#include "tests/fhir/validation/test_util.h"

namespace fhir {
namespace {

using testing::RunCases;

const char* const kScope =
    R"("scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"treatment"}]})";

TEST_CASE("Consent", "[validation][resources]") {
  const std::string minimal =
      std::string(R"({"resourceType":"Consent","status":"active",)") + kScope +
      R"(,"category":[{"text":"c"}],"patient":{"reference":"Patient/1"}})";
  RunCases(minimal, {
                        {"ppc-1", "", {"Consent invariant"}},
                        {"policyRule", R"("policyRule":{"text":"opt-in"})", {}},
                        {"policy", R"("policy":[{"uri":"http://policy"}])", {}},
                    });
  const std::string with_rule =
      minimal.substr(0, minimal.size() - 1) + R"(,"policyRule":{"text":"r"}})";
  RunCases(
      with_rule,
      {
          {"valid", "", {}},
          {"provision type",
           R"("provision":{"type":"allow"})",
           {"Consent.provision.type code-invalid"}},
          {"nested provision actor",
           R"("provision":{"type":"permit","provision":[
         {"type":"deny","actor":[{"reference":{"reference":"Patient/1"}}]}]})",
           {"Consent.provision.provision[0].actor[0].role required"}},
          {"nested provision data",
           R"("provision":{"provision":[{"provision":[
         {"data":[{"meaning":"all","reference":{"reference":"Observation/1"}}]}]}]})",
           {"Consent.provision.provision[0].provision[0].data[0].meaning "
            "code-invalid"}},
          {"provision period",
           R"("provision":{"period":{"start":"2026-02-01","end":"2026-01-01"}})",
           {"Consent.provision.period invariant"}},
          {"provision is single",
           R"("provision":[{"type":"permit"}])",
           {"Consent.provision structure"}},
          {"source choice",
           R"("sourceReference":{"reference":"Patient/1"})",
           {"Consent.sourceReference.reference value"}},
          {"verification",
           R"("verification":[{"verificationDate":"2026-01-01"}])",
           {"Consent.verification[0].verified required"}},
      });
  RunCases(
      R"({"resourceType":"Consent","status":"bogus","policyRule":{"text":"r"}})",
      {
          {"status, scope, category",
           "",
           {"Consent.category required", "Consent.scope required",
            "Consent.status code-invalid"}},
          {"ppc-5 without patient",
           kScope,
           {"Consent invariant", "Consent.category required",
            "Consent.status code-invalid"}},
      });
}

TEST_CASE("Goal and CarePlan", "[validation][resources]") {
  RunCases(
      R"({"resourceType":"Goal","lifecycleStatus":"active",
    "description":{"text":"d"},"subject":{"reference":"Patient/1"}})",
      {
          {"gol-1",
           R"("target":[{"detailQuantity":{"value":1}}])",
           {"Goal.target[0] invariant"}},
          {"detail types",
           R"("target":[{"measure":{"text":"m"},"detailString":"a",
         "detailBoolean":true}])",
           {"Goal.target[0].detailBoolean structure"}},
          {"due duration",
           R"("target":[{"dueDuration":{"value":2,"code":"wk"}}])",
           {"Goal.target[0].dueDuration invariant",
            "Goal.target[0].dueDuration invariant"}},
          {"start types",
           R"("startDate":"2026-01-01","startCodeableConcept":{"text":"s"})",
           {"Goal.startCodeableConcept structure"}},
          {"subject target",
           R"("expressedBy":{"reference":"Organization/o"})",
           {"Goal.expressedBy.reference value"}},
      });
  RunCases(
      R"({"resourceType":"Goal","description":{"text":"d"},
    "subject":{"reference":"Patient/1"}})",
      {{"lifecycleStatus missing", "", {"Goal.lifecycleStatus required"}}});

  RunCases(
      R"({"resourceType":"CarePlan","status":"active","intent":"plan",
    "subject":{"reference":"Patient/1"}})",
      {
          {"cpl-3",
           R"("activity":[{"reference":{"reference":"Task/t"},
         "detail":{"status":"scheduled"}}])",
           {"CarePlan.activity[0] invariant"}},
          {"detail status missing",
           R"("activity":[{"detail":{"kind":"Task"}}])",
           {"CarePlan.activity[0].detail.status required"}},
          {"detail kind",
           R"("activity":[{"detail":{"kind":"Meeting","status":"unknown"}}])",
           {"CarePlan.activity[0].detail.kind code-invalid"}},
          {"goal target",
           R"("goal":[{"reference":"Observation/o"}])",
           {"CarePlan.goal[0].reference value"}},
      });
  RunCases(R"({"resourceType":"CarePlan","status":"active","intent":"goal",
    "subject":{"reference":"Patient/1"}})",
           {{"intent", "", {"CarePlan.intent code-invalid"}}});
}

TEST_CASE("Patient, Practitioner, Organization", "[validation][resources]") {
  RunCases(R"({"resourceType":"Patient"})",
           {
               {"gender", R"("gender":"f")", {"Patient.gender code-invalid"}},
               {"pat-1",
                R"("contact":[{"relationship":[{"text":"x"}]}])",
                {"Patient.contact[0] invariant"}},
               {"link",
                R"("link":[{"other":{"reference":"Patient/2"},"type":"same"}])",
                {"Patient.link[0].type code-invalid"}},
               {"deceased",
                R"("deceasedBoolean":false,"deceasedDateTime":"2026")",
                {"Patient.deceasedDateTime structure"}},
               {"birthDate",
                R"("birthDate":"2026-01-01T00:00:00Z")",
                {"Patient.birthDate value"}},
           });
  RunCases(R"({"resourceType":"Practitioner"})",
           {
               {"qualification",
                R"("qualification":[{"period":{"start":"2020"}}])",
                {"Practitioner.qualification[0].code required"}},
           });
  RunCases(R"({"resourceType":"Organization","name":"Clinic"})",
           {
               {"org-2 and org-3",
                R"("address":[{"use":"work"},{"use":"home"}],
         "telecom":[{"system":"phone","value":"1","use":"home"}])",
                {"Organization.address[1] invariant",
                 "Organization.telecom[0] invariant"}},
           });
  RunCases(R"({"resourceType":"Organization","active":true})",
           {{"org-1", "", {"Organization invariant"}}});
}

TEST_CASE("Provenance, AuditEvent", "[validation][resources]") {
  RunCases(R"({"resourceType":"Provenance"})",
           {
               {"required",
                "",
                {"Provenance.agent required", "Provenance.recorded required",
                 "Provenance.target required"}},
           });
  RunCases(R"({"resourceType":"Provenance","target":[{"reference":"Goal/g"}],
    "recorded":"2026-01-01T00:00:00Z","agent":[{"who":{"reference":"Device/d"}}]})",
           {
               {"entity role",
                R"("entity":[{"role":"copy","what":{"reference":"Goal/g"}}])",
                {"Provenance.entity[0].role code-invalid"}},
               {"recorded precision", R"("occurredDateTime":"2026")", {}},
           });
  RunCases(R"({"resourceType":"AuditEvent"})",
           {
               {"required",
                "",
                {"AuditEvent.agent required", "AuditEvent.recorded required",
                 "AuditEvent.source required", "AuditEvent.type required"}},
           });
  RunCases(
      R"({"resourceType":"Provenance","target":[{"reference":"Goal/g"}],
    "recorded":"2026-01-01T00:00:00Z","agent":[{"who":{"reference":"Goal/g"}}]})",
      {{"agent who target", "", {"Provenance.agent[0].who.reference value"}}});
  const std::string audit_head =
      R"({"resourceType":"AuditEvent","type":{"code":"rest"},
    "recorded":"2026-01-01T00:00:00Z",
    "source":{"observer":{"reference":"Device/d"}},"agent":)";
  RunCases(audit_head + R"([{"name":"x"}]})",
           {{"requestor", "", {"AuditEvent.agent[0].requestor required"}}});
  RunCases(audit_head + R"([{"requestor":false,"network":{"type":"9"}}]})",
           {{"network type",
             "",
             {"AuditEvent.agent[0].network.type code-invalid"}}});
  RunCases(audit_head + R"([{"requestor":true}]})",
           {
               {"action",
                R"("action":"X","outcome":"1")",
                {"AuditEvent.action code-invalid",
                 "AuditEvent.outcome code-invalid"}},
               {"sev-1",
                R"("entity":[{"name":"n","query":"cT0x"}])",
                {"AuditEvent.entity[0] invariant"}},
               {"detail value",
                R"("entity":[{"detail":[{"type":"t"}]}])",
                {"AuditEvent.entity[0].detail[0].value[x] required"}},
               {"type is a Coding",
                R"("subtype":[{"text":"x"}])",
                {"AuditEvent.subtype[0].text structure"}},
           });
}

TEST_CASE("CodeSystem", "[validation][resources]") {
  RunCases(
      R"({"resourceType":"CodeSystem","status":"active","content":"complete"})",
      {
          {"concepts",
           R"("concept":[{"code":"a","concept":[{"code":"b"}]}])",
           {}},
          {"csd-1 nested duplicate",
           R"("concept":[{"code":"a","concept":[{"code":"a"}]}])",
           {"CodeSystem invariant"}},
          {"property type",
           R"("property":[{"code":"p","type":"text"}])",
           {"CodeSystem.property[0].type code-invalid"}},
          {"concept property value",
           R"("concept":[{"code":"a","property":[{"code":"p"}]}])",
           {"CodeSystem.concept[0].property[0].value[x] required"}},
      });
  RunCases(R"({"resourceType":"CodeSystem","status":"active"})",
           {{"content missing", "", {"CodeSystem.content required"}}});
}

TEST_CASE("Flag, DetectedIssue, OperationOutcome, CapabilityStatement",
          "[validation][resources]") {
  RunCases(R"({"resourceType":"Flag","code":{"text":"c"},
    "subject":{"reference":"Patient/1"}})",
           {
               {"status", R"("status":"open")", {"Flag.status code-invalid"}},
               {"period",
                R"("status":"active","period":{"start":"2026-02-01T10:00:00Z",
         "end":"2026-02-01T09:00:00Z"})",
                {"Flag.period invariant"}},
           });
  RunCases(R"({"resourceType":"DetectedIssue"})",
           {
               // R4 binds status to observation-status ("mitigated" is R5).
               {"status",
                R"("status":"mitigated")",
                {"DetectedIssue.status code-invalid"}},
               {"severity",
                R"("status":"final","severity":"severe")",
                {"DetectedIssue.severity code-invalid"}},
               {"mitigation",
                R"("status":"final","mitigation":[{"date":"2026-01-01"}])",
                {"DetectedIssue.mitigation[0].action required"}},
           });
  RunCases(R"({"resourceType":"OperationOutcome"})",
           {
               {"issue missing", "", {"OperationOutcome.issue required"}},
               {"issue codes",
                R"("issue":[{"severity":"fatal","code":"bad"},
         {"severity":"bad","code":"value"}])",
                {"OperationOutcome.issue[0].code code-invalid",
                 "OperationOutcome.issue[1].severity code-invalid"}},
           });
  RunCases(R"({"resourceType":"CapabilityStatement","status":"active",
    "kind":"instance","fhirVersion":"4.0.1","format":["json"]})",
           {
               {"lenient",
                R"("rest":[{"mode":"server","resource":[{"type":"Goal"}]}],
         "software":{"name":"x"},"implementation":{"description":"d"})",
                {}},
               {"shape still checked",
                R"("software":{"name":""})",
                {"CapabilityStatement.software.name value"}},
           });
  RunCases(R"({"resourceType":"CapabilityStatement","status":"live",
    "kind":"server","format":["json"]})",
           {
               {"status, kind, fhirVersion",
                "",
                {"CapabilityStatement.fhirVersion required",
                 "CapabilityStatement.kind code-invalid",
                 "CapabilityStatement.status code-invalid"}},
           });
}

}  // namespace
}  // namespace fhir
