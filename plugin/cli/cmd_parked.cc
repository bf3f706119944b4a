// alliance-fhir parked list|retry|drop and conflicts list|resolve.
#include <iostream>

#include "plugin/cli/commands.h"
#include "plugin/runtime.h"
#include "plugin/sync/resolver.h"
#include "plugin/sync/server_version.h"

namespace plugin {
namespace {

std::unique_ptr<Store> OpenStore(const config::Invocation& inv) {
  fhir::StatusOr<std::unique_ptr<Store>> store = Store::Open(inv.options.store.path);
  if (!store.ok()) {
    std::cerr << "alliance-fhir: " << store.status().message() << "\n";
    return nullptr;
  }
  return std::move(*store);
}

// "goal/g-5" -> {goal, g-5}; an error message when malformed.
bool ParseKey(const std::string& text, RecordKey* key) {
  auto slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) {
    std::cerr << "alliance-fhir: \"" << text << "\" is not KIND/ID (e.g. goal/g-5)\n";
    return false;
  }
  *key = {text.substr(0, slash), text.substr(slash + 1)};
  return true;
}

}  // namespace

int RunParked(const config::Invocation& inv) {
  std::unique_ptr<Store> store = OpenStore(inv);
  if (!store) return kExitUsage;
  std::int64_t now = WallClockMs();
  if (inv.command == "parked list") {
    RecordQuery q;
    q.state = SyncState::kParked;
    fhir::StatusOr<std::vector<RecordState>> parked = store->ListRecords(q);
    if (!parked.ok()) {
      std::cerr << "alliance-fhir: " << parked.status().message() << "\n";
      return kExitUsage;
    }
    fhir::Json list = fhir::Json::Array();
    for (const RecordState& r : *parked) {
      if (inv.Flag("json")) {
        fhir::Json e = fhir::Json::Object();
        e.Set("record", r.key.ToString());
        e.Set("revision", fhir::Json(r.state_revision));
        e.Set("reason", r.reason);
        auto oo = fhir::Json::Parse(r.outcome_json);
        if (oo.ok()) e.Set("outcome", *oo);
        list.Append(std::move(e));
      } else {
        std::cout << r.key.ToString() << " (revision " << r.state_revision << "): " << r.reason << "\n";
      }
    }
    if (inv.Flag("json")) std::cout << list.SerializePretty() << "\n";
    return kExitOk;
  }
  if (inv.command == "parked retry" && inv.args.empty()) {
    fhir::StatusOr<std::int64_t> n = store->RequeueAllParked(now);
    if (!n.ok()) {
      std::cerr << "alliance-fhir: " << n.status().message() << "\n";
      return kExitUsage;
    }
    std::cout << *n << " parked records queued again\n";
    return kExitOk;
  }
  int failures = 0;
  for (const std::string& arg : inv.args) {
    RecordKey key;
    if (!ParseKey(arg, &key)) return kExitUsage;
    fhir::Status st = inv.command == "parked retry" ? store->RequeueParked(key, now)
                                                    : store->DropParked(key, now);
    if (!st.ok()) {
      std::cerr << "alliance-fhir: " << arg << ": " << st.message() << "\n";
      ++failures;
      continue;
    }
    std::cout << arg << (inv.command == "parked retry" ? ": queued again\n" : ": dropped\n");
  }
  return failures ? kExitRejected : kExitOk;
}

int RunConflicts(const config::Invocation& inv) {
  if (inv.command == "conflicts list") {
    std::unique_ptr<Store> store = OpenStore(inv);
    if (!store) return kExitUsage;
    fhir::StatusOr<std::vector<Conflict>> open = store->ListConflicts(true);
    if (!open.ok()) {
      std::cerr << "alliance-fhir: " << open.status().message() << "\n";
      return kExitUsage;
    }
    fhir::Json list = fhir::Json::Array();
    for (const Conflict& c : *open) {
      if (inv.Flag("json")) {
        fhir::Json e = fhir::Json::Object();
        e.Set("id", fhir::Json(c.conflict_id));
        e.Set("record", c.key.ToString());
        e.Set("localRevision", fhir::Json(c.local_revision));
        e.Set("server", c.server.resource_type + "/" + c.server.server_id + "/_history/" +
                            c.server.version_id);
        list.Append(std::move(e));
      } else {
        std::cout << "#" << c.conflict_id << " " << c.key.ToString() << ": local revision "
                  << c.local_revision << " vs " << c.server.resource_type << "/"
                  << c.server.server_id << " version " << c.server.version_id << "\n";
      }
    }
    if (inv.Flag("json")) std::cout << list.SerializePretty() << "\n";
    return kExitOk;
  }
  std::string take = inv.Value("take");
  if (take != "local" && take != "server") {
    std::cerr << "alliance-fhir conflicts resolve: --take local or --take server is required\n";
    return kExitUsage;
  }
  std::int64_t id = std::atoll(inv.args.front().c_str());
  fhir::StatusOr<std::unique_ptr<Runtime>> rt = OpenRuntime(inv.options, take == "server", &std::cerr);
  if (!rt.ok()) {
    std::cerr << "alliance-fhir: " << rt.status().message() << "\n";
    return kExitUsage;
  }
  Store* store = (*rt)->store.get();
  fhir::StatusOr<std::vector<Conflict>> open = store->ListConflicts(true);
  if (!open.ok()) return kExitUsage;
  const Conflict* c = nullptr;
  for (const Conflict& each : *open) {
    if (each.conflict_id == id) c = &each;
  }
  if (!c) {
    std::cerr << "alliance-fhir: no open conflict #" << inv.args.front() << "\n";
    return kExitUsage;
  }
  std::int64_t now = WallClockMs();
  fhir::Status st;
  if (take == "server") {
    auto server = fhir::Json::Parse(c->server.json);
    if (!server.ok()) return kExitUsage;
    Resolver resolver((*rt)->sync);
    st = TakeServerVersion((*rt)->sync, &resolver, c->key, *server, now);
  } else {
    // Re-send the clinic's version over the server's current one.
    Transaction tx(store);
    fhir::StatusOr<std::vector<ServerResource>> known = store->GetServerResources(c->key);
    if (known.ok()) {
      for (ServerResource s : *known) {
        if (s.server_id != c->server.server_id) continue;
        s.version_id = c->server.version_id;
        s.sent_hash.clear();
        st = store->PutServerResource(s, now);
      }
    }
    if (st.ok()) st = store->ResolveConflict(id, ConflictResolution::kTakeLocal, now);
    if (st.ok()) st = tx.Commit();
  }
  if (!st.ok()) {
    std::cerr << "alliance-fhir: " << st.message() << "\n";
    return kExitRejected;
  }
  std::cout << "#" << id << " " << c->key.ToString() << ": " << take
            << (take == "local" ? " version queued for the next sync\n" : " version kept\n");
  return kExitOk;
}

}  // namespace plugin
