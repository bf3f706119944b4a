#include "plugin/sync/sync_engine.h"

#include <sstream>

namespace plugin {

fhir::Status RunSync(const SyncContext& ctx, bool push, bool pull, SyncSummary* s) {
  std::int64_t start = ctx.now_ms();
  Resolver resolver(ctx);
  if (push) s->status = Pusher(ctx, &resolver).Run(&s->push);
  if (pull && s->status.ok()) s->status = Puller(ctx, &resolver).Run(&s->pull);
  s->elapsed_ms = ctx.now_ms() - start;
  fhir::StatusOr<std::int64_t> run =
      ctx.store->AddSyncRun(start, ctx.now_ms(), s->ToJson().Serialize());
  if (!run.ok() && s->status.ok()) s->status = run.status();
  return s->status;
}

fhir::Json SyncSummary::ToJson() const {
  auto n = [](std::size_t v) { return fhir::Json(static_cast<std::int64_t>(v)); };
  fhir::Json j = fhir::Json::Object();
  j.Set("status", status.ok() ? "ok" : status.ToString());
  j.Set("elapsedMs", fhir::Json(elapsed_ms));
  fhir::Json& p = j.Set("push", fhir::Json::Object());
  p.Set("sent", n(push.records_sent));
  p.Set("unchanged", n(push.records_unchanged));
  p.Set("waiting", n(push.records_waiting));
  p.Set("parked", n(push.records_parked));
  p.Set("conflicts", n(push.records_conflicts));
  p.Set("retry", n(push.records_retry));
  p.Set("created", n(push.created));
  p.Set("updated", n(push.updated));
  p.Set("bundles", n(push.bundles));
  p.Set("singleRequests", n(push.single_requests));
  p.Set("transactions", push.transactions);
  fhir::Json& types = p.Set("resources", fhir::Json::Object());
  for (const auto& [t, c] : push.resources_by_type) types.Set(t, n(c));
  fhir::Json& q = j.Set("pull", fhir::Json::Object());
  q.Set("seen", n(pull.seen));
  q.Set("own", n(pull.own));
  q.Set("applied", n(pull.applied));
  q.Set("conflicts", n(pull.conflicts));
  q.Set("unreadable", n(pull.unreadable));
  return j;
}

std::string SyncSummary::ToText() const {
  std::ostringstream out;
  out << "push: " << push.records_sent << " records sent (" << push.created << " created, "
      << push.updated << " updated, "
      << (push.transactions ? std::to_string(push.bundles) + " bundles"
                            : std::to_string(push.single_requests) + " single requests")
      << "), " << push.records_unchanged
      << " unchanged, " << push.records_waiting << " waiting, " << push.records_parked
      << " parked, " << push.records_conflicts << " conflicts, " << push.records_retry
      << " retried\n";
  out << "pull: " << pull.seen << " seen, " << pull.own << " our own, " << pull.applied
      << " applied, " << pull.conflicts << " conflicts\n";
  out << "took " << elapsed_ms << " ms" << (status.ok() ? "" : "; " + status.ToString()) << "\n";
  return out.str();
}

}  // namespace plugin
