#include "plugin/store/store.h"

#include <iterator>

#include "fhir/crypto.h"
#include "plugin/store/migrations.h"
#include "plugin/store/sqlite_store.h"

namespace plugin {

namespace {

constexpr const char* kStateNames[] = {"new",    "waiting",  "pending", "sent",
                                       "parked", "conflict", "dropped"};

}  // namespace

const char* SyncStateName(SyncState state) {
  return kStateNames[static_cast<int>(state)];
}

std::optional<SyncState> ParseSyncState(std::string_view name) {
  for (int i = 0; i < static_cast<int>(std::size(kStateNames)); ++i) {
    if (name == kStateNames[i]) return static_cast<SyncState>(i);
  }
  return std::nullopt;
}

std::string ContentHash(std::string_view text) {
  return fhir::HexEncode(fhir::Sha256(text));
}

fhir::StatusOr<std::unique_ptr<Store>> Store::Open(
    const std::string& path, const StoreOptions& options) {
  if (path.rfind("postgres://", 0) == 0 ||
      path.rfind("postgresql://", 0) == 0) {
    return fhir::Status(fhir::StatusCode::kUnimplemented,
                        "store " + path +
                            ": PostgreSQL stores are not built "
                            "yet; use a file path");
  }
  return store_internal::OpenSqliteStore(path, options,
                                         store_internal::StoreMigrations());
}

Transaction::Transaction(Store* store) : store_(store) {
  status_ = store_->BeginTransaction();
  active_ = status_.ok();
}

Transaction::~Transaction() { Rollback(); }

fhir::Status Transaction::Commit() {
  if (!active_) {
    if (!status_.ok()) return status_;
    return fhir::FailedPreconditionError("store " + store_->path() +
                                         ": transaction already ended");
  }
  active_ = false;
  return store_->CommitTransaction();
}

void Transaction::Rollback() {
  if (!active_) return;
  active_ = false;
  store_->RollbackTransaction();
}

}  // namespace plugin
