// Internal to plugin/store: the SQLite implementation of Store. Users open it
// through Store::Open; tests may open it with their own migration list to
// build files of an older or newer schema version.
//
// One connection per store, guarded by a recursive mutex (see store.h for the
// threading contract). Each public call runs in a Scope: BEGIN IMMEDIATE at
// the outermost level, a SAVEPOINT inside a caller's Transaction, so that a
// failed call undoes exactly its own part.
#ifndef ALLIANCE_PLUGIN_STORE_SQLITE_STORE_H_
#define ALLIANCE_PLUGIN_STORE_SQLITE_STORE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "fhir/status.h"
#include "plugin/store/migrations.h"
#include "plugin/store/sqlite_db.h"
#include "plugin/store/store.h"

namespace plugin {
namespace store_internal {

fhir::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, const StoreOptions& options,
    const std::vector<Migration>& migrations);

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Db> db, int schema_version);
  ~SqliteStore() override;

  const std::string& path() const override { return db_->path(); }
  int schema_version() const override { return schema_version_; }

  // Records (sqlite_store_records.cc).
  fhir::StatusOr<PutResult> PutRecord(const RecordKey& key,
                                      std::string_view mrn,
                                      std::string_view canonical_json,
                                      std::int64_t now_ms) override;
  fhir::StatusOr<Revision> GetRevision(const RecordKey& key,
                                       std::int64_t revision) override;
  fhir::StatusOr<std::vector<Revision>> ListRevisions(
      const RecordKey& key) override;
  fhir::StatusOr<RecordState> GetState(const RecordKey& key) override;
  fhir::StatusOr<std::vector<RecordState>> ListRecords(
      const RecordQuery& query) override;

  // Decisions and outbox (sqlite_store_outbox.cc).
  fhir::Status SetWaiting(const RecordKey& key, std::int64_t revision,
                          std::string_view reason,
                          std::int64_t now_ms) override;
  fhir::Status Enqueue(const RecordKey& key, std::int64_t revision,
                       std::int64_t now_ms) override;
  fhir::Status Park(const RecordKey& key, std::int64_t revision,
                    std::string_view reason, std::string_view outcome_json,
                    std::int64_t now_ms) override;
  fhir::StatusOr<std::vector<OutboxItem>> ClaimDue(std::int64_t now_ms,
                                                   std::size_t limit) override;
  fhir::Status MarkInFlight(const RecordKey& key, std::int64_t revision,
                            std::int64_t now_ms) override;
  fhir::StatusOr<std::vector<OutboxItem>> ListInFlight() override;
  fhir::Status MarkSent(const RecordKey& key, std::int64_t revision,
                        std::int64_t now_ms) override;
  fhir::Status MarkFailed(const RecordKey& key, std::int64_t revision,
                          std::int64_t retry_at_ms, std::string_view error,
                          std::int64_t now_ms) override;
  fhir::Status RequeueParked(const RecordKey& key,
                             std::int64_t now_ms) override;
  fhir::StatusOr<std::int64_t> RequeueAllParked(std::int64_t now_ms) override;
  fhir::Status DropParked(const RecordKey& key, std::int64_t now_ms) override;

  // Conflicts (sqlite_store_conflicts.cc).
  fhir::StatusOr<std::int64_t> MarkConflict(const RecordKey& key,
                                            std::int64_t revision,
                                            const ServerVersion& server,
                                            std::int64_t now_ms) override;
  fhir::StatusOr<std::vector<Conflict>> ListConflicts(bool open_only) override;
  fhir::Status ResolveConflict(std::int64_t conflict_id,
                               ConflictResolution resolution,
                               std::int64_t now_ms) override;

  // Server side (sqlite_store_server.cc).
  fhir::Status PutServerResource(const ServerResource& resource,
                                 std::int64_t now_ms) override;
  fhir::StatusOr<std::vector<ServerResource>> GetServerResources(
      const RecordKey& key) override;
  fhir::StatusOr<std::optional<ServerResource>> FindServerResource(
      std::string_view resource_type, std::string_view server_id) override;
  fhir::Status RemoveServerResource(const RecordKey& key,
                                    std::string_view resource_type,
                                    std::string_view identifier) override;
  fhir::StatusOr<std::optional<SyncCursor>> GetCursor(
      std::string_view resource_type) override;
  fhir::StatusOr<std::vector<SyncCursor>> ListCursors() override;
  fhir::Status SetCursor(std::string_view resource_type,
                         std::string_view last_updated,
                         std::int64_t now_ms) override;
  fhir::StatusOr<std::int64_t> AddSyncRun(
      std::int64_t started_at_ms, std::int64_t finished_at_ms,
      std::string_view summary_json) override;
  fhir::StatusOr<std::optional<SyncRun>> LastSyncRun() override;
  fhir::Status PutResolution(std::string_view resource_type,
                             std::string_view identifier,
                             std::string_view reference,
                             std::int64_t now_ms) override;
  fhir::StatusOr<std::optional<Resolution>> GetResolution(
      std::string_view resource_type, std::string_view identifier) override;

  // Counts (sqlite_store_counts.cc).
  fhir::StatusOr<StoreCounts> Counts() override;

 protected:
  fhir::Status BeginTransaction() override;
  fhir::Status CommitTransaction() override;
  void RollbackTransaction() override;

 private:
  // Makes one call atomic; rolls back when destroyed without Commit.
  class Scope {
   public:
    enum class Kind { kRead, kWrite };
    Scope(SqliteStore* store, Kind kind);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    const fhir::Status& status() const { return status_; }
    fhir::Status Commit();

   private:
    SqliteStore* store_;
    fhir::Status status_;
    bool active_ = false;
  };

  // A record's row: its state plus the outbox position (0: not queued).
  struct Row {
    std::int64_t pk = 0;
    std::int64_t queue_seq = 0;
    RecordState state;
  };
  // kNotFound when absent.
  fhir::StatusOr<Row> LoadRow(const RecordKey& key);
  // kInvalidArgument unless 1 <= revision <= latest.
  fhir::Status CheckRevision(const Row& row, std::int64_t revision) const;
  // LoadRow, then CheckRevision.
  fhir::StatusOr<Row> LoadRevision(const RecordKey& key, std::int64_t revision);
  // Writes the state and outbox columns of `row` back.
  fhir::Status SaveState(const Row& row);
  // kFailedPrecondition while the record has an open conflict.
  fhir::Status RefuseInConflict(const RecordState& state,
                                const char* action) const;
  // Makes `row` pending at `revision`, due at now_ms, attempts 0, at the back
  // of the outbox (in memory; SaveState writes it).
  fhir::Status QueueAtBack(Row* row, std::int64_t revision,
                           std::int64_t now_ms);

  fhir::Status Begin(Scope::Kind kind);
  fhir::Status End(bool commit);
  fhir::Status RunSql(const std::string& sql);
  fhir::Status Error(fhir::StatusCode code, const std::string& message) const;

  std::recursive_mutex mu_;
  std::unique_ptr<Db> db_;
  int schema_version_;
  int depth_ = 0;  // open transaction levels (Transactions and Scopes)
};

}  // namespace store_internal
}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_STORE_SQLITE_STORE_H_
