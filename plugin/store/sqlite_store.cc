#include "plugin/store/sqlite_store.h"

#include <filesystem>
#include <system_error>
#include <utility>

namespace plugin {
namespace store_internal {

using fhir::Status;
using fhir::StatusCode;
using fhir::StatusOr;

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, const StoreOptions& options,
    const std::vector<Migration>& migrations) {
  if (path.empty()) return fhir::InvalidArgumentError("store: empty path");
  const bool memory = path == ":memory:";
  if (!memory && !options.create_if_missing) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return fhir::NotFoundError("store " + path + ": no such file");
    }
  }
  StatusOr<std::unique_ptr<Db>> opened =
      Db::Open(path, options.create_if_missing, options.busy_timeout_ms);
  if (!opened.ok()) return opened.status();
  Db* db = opened->get();

  // Reading the header first turns "not a database" into a clear error.
  StatusOr<std::int64_t> header = db->QueryInt("PRAGMA user_version");
  if (!header.ok()) return header.status();
  if (!memory) {
    StatusOr<std::string> mode = db->QueryText("PRAGMA journal_mode = WAL");
    if (!mode.ok()) return mode.status();
    if (*mode != "wal") {
      return fhir::FailedPreconditionError(
          "store " + path +
          ": cannot use write-ahead logging here (journal "
          "mode stays " +
          *mode + "); put the store on a local disk");
    }
  }
  STORE_RETURN_IF_ERROR(db->Exec(options.durable
                                     ? "PRAGMA synchronous = FULL"
                                     : "PRAGMA synchronous = NORMAL"));
  // Migrations may rebuild tables; foreign keys are checked once at the end.
  STORE_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys = OFF"));
  StatusOr<int> version = Migrate(db, migrations);
  if (!version.ok()) return version.status();
  STORE_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys = ON"));
  return std::unique_ptr<Store>(new SqliteStore(std::move(*opened), *version));
}

SqliteStore::SqliteStore(std::unique_ptr<Db> db, int schema_version)
    : db_(std::move(db)), schema_version_(schema_version) {}

SqliteStore::~SqliteStore() {
  // A Transaction outliving its store is a caller bug; do not leave the
  // connection inside a transaction (closing would roll it back anyway).
  if (db_->in_transaction()) db_->Exec("ROLLBACK");
}

Status SqliteStore::Error(StatusCode code, const std::string& message) const {
  return Status(code, "store " + path() + ": " + message);
}

Status SqliteStore::RunSql(const std::string& sql) {
  Query q(db_.get(), sql);
  return q.Run();
}

Status SqliteStore::Begin(Scope::Kind kind) {
  Status s;
  if (depth_ == 0) {
    // IMMEDIATE takes the write lock up front: a deferred transaction that
    // reads first could fail to upgrade without waiting for the lock.
    s = RunSql(kind == Scope::Kind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
  } else {
    s = RunSql("SAVEPOINT s" + std::to_string(depth_));
  }
  if (s.ok()) ++depth_;
  return s;
}

Status SqliteStore::End(bool commit) {
  --depth_;
  // After some errors (disk full, I/O) SQLite rolls the whole transaction
  // back by itself; then nothing of it may be reported as committed.
  const bool alive = db_->in_transaction();
  if (depth_ == 0) {
    if (!commit) {
      if (alive) RunSql("ROLLBACK");
      return Status();
    }
    if (!alive) {
      return Error(StatusCode::kInternal,
                   "the transaction was rolled back after an earlier error");
    }
    Status s = RunSql("COMMIT");
    if (!s.ok() && db_->in_transaction()) RunSql("ROLLBACK");
    return s;
  }
  const std::string name = "s" + std::to_string(depth_);
  if (!commit) {
    if (alive) {
      RunSql("ROLLBACK TO " + name);
      RunSql("RELEASE " + name);
    }
    return Status();
  }
  if (!alive) {
    return Error(StatusCode::kInternal,
                 "the transaction was rolled back after an earlier error");
  }
  return RunSql("RELEASE " + name);
}

SqliteStore::Scope::Scope(SqliteStore* store, Kind kind) : store_(store) {
  status_ = store_->Begin(kind);
  active_ = status_.ok();
}

SqliteStore::Scope::~Scope() {
  if (active_) store_->End(/*commit=*/false);
}

Status SqliteStore::Scope::Commit() {
  if (!active_) return status_;
  active_ = false;
  return store_->End(/*commit=*/true);
}

Status SqliteStore::BeginTransaction() {
  mu_.lock();  // held until CommitTransaction / RollbackTransaction
  Status s = Begin(Scope::Kind::kWrite);
  if (!s.ok()) mu_.unlock();
  return s;
}

Status SqliteStore::CommitTransaction() {
  Status s = End(/*commit=*/true);
  mu_.unlock();
  return s;
}

void SqliteStore::RollbackTransaction() {
  End(/*commit=*/false);
  mu_.unlock();
}

}  // namespace store_internal
}  // namespace plugin
