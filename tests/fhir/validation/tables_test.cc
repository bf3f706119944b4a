// Integrity of the static element tables: sizes, unique names, choice
// naming, bindings only on codes, reference targets that are R4 types.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "fhir/validation/resources.h"
#include "fhir/validation/schema.h"
#include "fhir/validation/value_sets.h"

namespace fhir {
namespace validation_internal {
namespace {

// Visits `type` and every type reachable from its elements once.
void Visit(const TypeDef& type, std::set<const TypeDef*>* seen) {
  if (!seen->insert(&type).second) return;
  for (std::size_t i = 0; i < type.element_count; ++i) {
    Visit(*type.elements[i].type, seen);
  }
}

std::set<const TypeDef*> AllTypes() {
  std::set<const TypeDef*> seen;
  std::size_t count = 0;
  const TypeDef* const* resources = AllResourceTypes(&count);
  for (std::size_t i = 0; i < count; ++i) Visit(*resources[i], &seen);
  Visit(kExtension, &seen);
  return seen;
}

TEST_CASE("element tables are well formed", "[validation][tables]") {
  const std::set<const TypeDef*> types = AllTypes();
  CHECK(types.size() > 60);
  for (const TypeDef* t : types) {
    INFO(t->name);
    CHECK(!t->name.empty());
    CHECK(t->element_count <= kMaxElements);
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < t->element_count; ++i) {
      const ElementDef& e = t->elements[i];
      INFO(e.name);
      const bool required_bit = (t->required[i / 64] >> (i % 64)) & 1u;
      CHECK(required_bit == IsRequired(e.card));
      CHECK(names.insert(e.name).second);
      CHECK(e.type != nullptr);
      CHECK(e.name != "id");
      CHECK(e.name != "extension");
      CHECK(e.name != "modifierExtension");
      if (t->base == Base::kResource || t->base == Base::kDomainResource) {
        for (std::string_view inherited :
             {"resourceType", "meta", "implicitRules", "language", "text",
              "contained"}) {
          CHECK(e.name != inherited);
        }
      }
      if (e.binding != nullptr) {
        CHECK(e.type == &kCode);
        CHECK(e.binding->size > 0);
      }
      if (!e.choice.empty()) {
        CHECK(e.name.size() > e.choice.size());
        CHECK(e.name.substr(0, e.choice.size()) == e.choice);
        CHECK(e.name[e.choice.size()] >= 'A');
        CHECK(e.name[e.choice.size()] <= 'Z');
      }
      if (e.targets != nullptr) {
        CHECK(e.type == &kReference);
        std::string_view list(e.targets);
        while (!list.empty()) {
          std::size_t bar = list.find('|');
          std::string_view target = list.substr(0, bar);
          INFO(target);
          CHECK(IsR4ResourceType(target));
          if (bar == std::string_view::npos) break;
          list.remove_prefix(bar + 1);
        }
      }
    }
  }
}

TEST_CASE("modelled resources are found by name", "[validation][tables]") {
  std::size_t count = 0;
  const TypeDef* const* resources = AllResourceTypes(&count);
  CHECK(count == 17);
  for (std::size_t i = 0; i < count; ++i) {
    INFO(resources[i]->name);
    CHECK(FindResourceType(resources[i]->name) == resources[i]);
    CHECK(IsR4ResourceType(resources[i]->name));
  }
  CHECK(FindResourceType("Encounter") == nullptr);
  CHECK(IsR4ResourceType("Encounter"));
  CHECK_FALSE(IsR4ResourceType("Resource"));
  CHECK_FALSE(IsR4ResourceType("SubscriptionStatus"));  // R4B, not R4
  CHECK(kResourceTypes.size == 146);
}

TEST_CASE("value sets hold unique codes", "[validation][tables]") {
  const ValueSet* sets[] = {
      &kPublicationStatus, &kItemType,     &kObservationStatus,
      &kConsentStateCodes, &kGoalStatus,   &kRequestStatus,
      &kBundleType,        &kHttpVerb,     &kIssueType,
      &kEventTiming,       &kResourceTypes};
  for (const ValueSet* vs : sets) {
    INFO(vs->name);
    std::set<std::string_view> codes(vs->codes, vs->codes + vs->size);
    CHECK(codes.size() == vs->size);
  }
  CHECK(kIssueType.size == 31);
  CHECK(kHttpVerb.Contains("PATCH"));
  CHECK_FALSE(kObservationStatus.Contains("Final"));
}

}  // namespace
}  // namespace validation_internal
}  // namespace fhir
