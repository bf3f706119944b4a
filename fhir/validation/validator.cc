#include "fhir/validation/validator.h"

#include "fhir/validation/path.h"
#include "fhir/validation/resources.h"
#include "fhir/validation/value_sets.h"
#include "fhir/validation/walker.h"

namespace fhir {
namespace validation_internal {
namespace {

// An R4 resource type we do not model: base elements are checked, anything
// else only for JSON shape.
const TypeDef kUnmodelledResource = {
    "Resource",      Base::kDomainResource, Primitive::kNone, nullptr, 0,
    nullptr,
    /*lenient=*/true};

// dom-2, dom-4, dom-5 on a contained resource.
void CheckContainedRules(const Json& resource, const Path& path, Context& ctx) {
  if (Has(resource, "contained")) {
    Invariant(ctx, path, "dom-2",
              "if the resource is contained in another resource, it SHALL "
              "NOT contain nested Resources");
  }
  const Json* meta = FindMember(resource, "meta");
  if (meta == nullptr) return;
  if (Has(*meta, "versionId") || Has(*meta, "lastUpdated")) {
    Invariant(ctx, path, "dom-4",
              "if a resource is contained in another resource, it SHALL NOT "
              "have a meta.versionId or a meta.lastUpdated");
  }
  if (Has(*meta, "security")) {
    Invariant(ctx, path, "dom-5",
              "if a resource is contained in another resource, it SHALL NOT "
              "have a security label");
  }
}

// dom-3: every contained resource is referenced from elsewhere in the
// resource, or refers to its container ("#").
void CheckContainedReferenced(const Json& contained, const LocalRefs& refs,
                              const Path& path, Context& ctx) {
  for (std::size_t i = 0; i < contained.size(); ++i) {
    std::string_view id = StringMember(contained.at(i), "id");
    bool referenced = refs.refers_to_container[i];
    for (std::string_view r : refs.ids) referenced = referenced || r == id;
    if (!referenced) {
      Path p(path, "contained", i);
      Invariant(ctx, p, "dom-3",
                "a contained resource SHALL be referred to from elsewhere in "
                "the resource or SHALL refer to the containing resource");
    }
  }
}

// Index of `resource` in the container's contained list, or kNone.
std::size_t ContainedIndex(const Json& resource, const Context& ctx) {
  const Json* list = ctx.container != nullptr
                         ? FindMember(*ctx.container, "contained")
                         : nullptr;
  if (list == nullptr || !list->is_array()) return LocalRefs::kNone;
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (&list->at(i) == &resource) return i;
  }
  return LocalRefs::kNone;
}

void WalkContained(const Json& resource, const TypeDef& type, const Path& path,
                   Context& ctx) {
  CheckContainedRules(resource, path, ctx);
  LocalRefs* refs = ctx.local_refs;
  std::size_t saved = refs != nullptr ? refs->current_contained : 0;
  if (refs != nullptr) refs->current_contained = ContainedIndex(resource, ctx);
  ValidateObject(resource, type, path, ctx);
  if (refs != nullptr) refs->current_contained = saved;
}

// A top-level resource (or Bundle entry): it becomes the container that
// resolves "#id" references.
void WalkRoot(const Json& resource, const TypeDef& type, const Path& path,
              Context& ctx) {
  const Json* saved_container = ctx.container;
  LocalRefs* saved_refs = ctx.local_refs;
  ctx.container = &resource;
  ctx.local_refs = nullptr;
  const Json* contained = FindMember(resource, "contained");
  if (contained != nullptr && contained->is_array() && !contained->empty()) {
    LocalRefs refs;
    refs.refers_to_container.assign(contained->size(), false);
    ctx.local_refs = &refs;
    ValidateObject(resource, type, path, ctx);
    CheckContainedReferenced(*contained, refs, path, ctx);
  } else {
    ValidateObject(resource, type, path, ctx);
  }
  ctx.container = saved_container;
  ctx.local_refs = saved_refs;
}

}  // namespace

void ValidateResourceAt(const Json& resource, const Path& path, Context& ctx,
                        bool contained) {
  if (!resource.is_object() || resource.empty()) {
    Error(ctx, "structure", path,
          "must be a non-empty JSON object (a resource)");
    return;
  }
  const Json* rt = FindMember(resource, "resourceType");
  if (rt == nullptr || rt->is_null()) {
    ReportChild(ctx, Severity::kError, "required", path, "resourceType",
                "is required");
    return;
  }
  if (!rt->is_string() || !IsR4ResourceType(rt->str())) {
    ReportChild(ctx, Severity::kError, "structure", path, "resourceType",
                "is not a FHIR R4 resource type");
    return;
  }
  const TypeDef* modelled = FindResourceType(rt->str());
  const TypeDef& type = modelled != nullptr ? *modelled : kUnmodelledResource;
  if (contained) {
    WalkContained(resource, type, path, ctx);
  } else {
    WalkRoot(resource, type, path, ctx);
  }
  if (modelled == nullptr) {
    Report(ctx, Severity::kWarning, "not-supported", path,
           rt->str() +
               " is not validated element by element; only the "
               "generic checks ran");
  }
}

void ValidateWithBase(const Json& resource, std::string_view base_path,
                      Issues* issues) {
  Context ctx{issues};
  Path root(base_path);
  ValidateResourceAt(resource, root, ctx, /*contained=*/false);
}

}  // namespace validation_internal

void ValidateResource(const Json& resource, const std::string& base_path,
                      Issues* issues) {
  validation_internal::ValidateWithBase(resource, base_path, issues);
}

void ValidateResource(const Json& resource, Issues* issues) {
  const Json* rt = validation_internal::FindMember(resource, "resourceType");
  const bool known = rt != nullptr && rt->is_string() &&
                     validation_internal::IsR4ResourceType(rt->str());
  validation_internal::ValidateWithBase(
      resource, known ? std::string_view(rt->str()) : "Resource", issues);
}

}  // namespace fhir
