// Internal to plugin/store: a thin wrapper over one SQLite connection with a
// cache of prepared statements, and the mapping of SQLite result codes onto
// Status with the store's path. sqlite3.h stays in the .cc files; this header
// only names the opaque handle types.
#ifndef ALLIANCE_PLUGIN_STORE_SQLITE_DB_H_
#define ALLIANCE_PLUGIN_STORE_SQLITE_DB_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "fhir/status.h"

struct sqlite3;
struct sqlite3_stmt;

// Returns the Status of `expr` from the enclosing function when not OK.
#define STORE_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::fhir::Status store_status_ = (expr);         \
    if (!store_status_.ok()) return store_status_; \
  } while (false)

namespace plugin {
namespace store_internal {

// One open connection. Not thread-safe: the owner serializes calls.
class Db {
 public:
  // Opens `path` (":memory:" allowed) read-write, creating it when `create`.
  // Failures carry the path. The returned Db owns the connection.
  static fhir::StatusOr<std::unique_ptr<Db>> Open(const std::string& path,
                                                  bool create,
                                                  int busy_timeout_ms);
  ~Db();  // finalizes cached statements and closes
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  const std::string& path() const { return path_; }
  // Runs one or more statements without results (migrations, BEGIN...).
  fhir::Status Exec(std::string_view sql);
  // Runs a statement returning one integer (e.g. "PRAGMA user_version").
  fhir::StatusOr<std::int64_t> QueryInt(std::string_view sql);
  // Runs a statement returning one text value (e.g. "PRAGMA journal_mode").
  fhir::StatusOr<std::string> QueryText(std::string_view sql);
  // True inside BEGIN ... COMMIT (false after SQLite rolled one back itself).
  bool in_transaction() const;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  std::int64_t changes() const;
  std::int64_t last_insert_rowid() const;

  // The Status for SQLite result code `rc` ("store PATH: ...").
  fhir::Status Error(int rc, std::string_view context) const;

 private:
  friend class Query;
  Db(std::string path, sqlite3* db, int busy_timeout_ms);
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  // A prepared statement for `sql`: the cached one unless it is in use (then
  // a private one, `*entry` null). Release resets or finalizes it.
  sqlite3_stmt* Acquire(std::string_view sql, int* rc, Cached** entry);
  void Release(sqlite3_stmt* stmt, Cached* entry);

  std::string path_;
  sqlite3* db_;
  int busy_timeout_ms_;
  std::unordered_map<std::string, Cached> cache_;
};

// One execution of a statement; resets it when destroyed.
//
//   Query q(db, "SELECT a, b FROM t WHERE k = ?");
//   q.Bind(key);
//   for (;;) {
//     auto row = q.Step();
//     if (!row.ok()) return row.status();
//     if (!*row) break;
//     use(q.Int(0), q.Text(1));
//   }
//
// A failed prepare makes Bind a no-op and Step return the error.
class Query {
 public:
  Query(Db* db, std::string_view sql);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  // Binds the next parameter (1, 2, ...).
  Query& Bind(std::int64_t value);
  Query& Bind(std::string_view text);
  Query& Bind(const std::string& text) { return Bind(std::string_view(text)); }
  Query& Bind(const char* text) { return Bind(std::string_view(text)); }
  Query& BindNull();
  // NULL when value == 0 (optional times and revisions).
  Query& BindOrNull(std::int64_t value);

  // true: a row is available; false: done.
  fhir::StatusOr<bool> Step();
  // Steps to the end; for statements without rows.
  fhir::Status Run();

  std::int64_t Int(int column) const;  // 0 for NULL
  std::string Text(int column) const;  // "" for NULL
  bool IsNull(int column) const;

 private:
  Db* db_;
  std::string_view sql_;
  sqlite3_stmt* stmt_ = nullptr;
  Db::Cached* entry_ = nullptr;  // null: a private statement
  fhir::Status status_;
  int next_param_ = 1;
};

}  // namespace store_internal
}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_STORE_SQLITE_DB_H_
