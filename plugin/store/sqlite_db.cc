#include "plugin/store/sqlite_db.h"

#include <sqlite3.h>

#include <utility>

namespace plugin {
namespace store_internal {

using fhir::Status;
using fhir::StatusCode;
using fhir::StatusOr;

namespace {

// The first words of a statement, for error messages.
std::string Brief(std::string_view sql) {
  constexpr std::size_t kMax = 60;
  std::string out;
  for (char c : sql.substr(0, kMax)) out += (c == '\n' || c == '\t') ? ' ' : c;
  if (sql.size() > kMax) out += "...";
  return out;
}

}  // namespace

StatusOr<std::unique_ptr<Db>> Db::Open(const std::string& path, bool create,
                                       int busy_timeout_ms) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  // The Db owns the handle even when opening failed (sqlite3 allocates it).
  std::unique_ptr<Db> db(new Db(path, raw, busy_timeout_ms));
  if (rc != SQLITE_OK) {
    if (raw == nullptr) {
      return Status(StatusCode::kResourceExhausted,
                    "store " + path + ": out of memory");
    }
    return db->Error(rc, "open");
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  return db;
}

Db::Db(std::string path, sqlite3* db, int busy_timeout_ms)
    : path_(std::move(path)), db_(db), busy_timeout_ms_(busy_timeout_ms) {}

Db::~Db() {
  for (auto& entry : cache_) sqlite3_finalize(entry.second.stmt);
  sqlite3_close_v2(db_);
}

Status Db::Exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // Error() reads sqlite3_errmsg instead
  if (rc != SQLITE_OK) return Error(rc, Brief(sql));
  return Status();
}

StatusOr<std::int64_t> Db::QueryInt(std::string_view sql) {
  Query q(this, sql);
  StatusOr<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Error(SQLITE_ERROR, "no row from " + Brief(sql));
  return q.Int(0);
}

StatusOr<std::string> Db::QueryText(std::string_view sql) {
  Query q(this, sql);
  StatusOr<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Error(SQLITE_ERROR, "no row from " + Brief(sql));
  return q.Text(0);
}

bool Db::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

std::int64_t Db::changes() const { return sqlite3_changes64(db_); }

std::int64_t Db::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

Status Db::Error(int rc, std::string_view context) const {
  const std::string prefix = "store " + path_ + ": ";
  const char* detail =
      db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status(StatusCode::kUnavailable,
                    prefix + "database is locked by another process (waited " +
                        std::to_string(busy_timeout_ms_) + " ms)");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status(StatusCode::kInternal,
                    prefix + "data loss: the file is corrupt or not a store (" +
                        detail + ")");
    case SQLITE_FULL:
      return Status(StatusCode::kResourceExhausted,
                    prefix + "disk full (" + detail + ")");
    case SQLITE_CANTOPEN:
      return Status(StatusCode::kFailedPrecondition,
                    prefix + "cannot open the file (" + detail +
                        "); does its folder exist and is it writable?");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return Status(StatusCode::kPermissionDenied,
                    prefix + "not writable (" + detail + ")");
    default:
      return Status(StatusCode::kInternal,
                    prefix + std::string(context) + ": " + detail);
  }
}

sqlite3_stmt* Db::Acquire(std::string_view sql, int* rc, Cached** entry) {
  *rc = SQLITE_OK;
  *entry = nullptr;
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    *entry = &it->second;  // element addresses survive rehashing
    return it->second.stmt;
  }
  // Not cached yet, or in use by an enclosing Query: prepare one.
  const bool cache_it = it == cache_.end();
  sqlite3_stmt* stmt = nullptr;
  *rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                           cache_it ? SQLITE_PREPARE_PERSISTENT : 0, &stmt,
                           nullptr);
  if (*rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return nullptr;
  }
  if (cache_it) {
    Cached& cached = cache_[std::string(sql)];
    cached = Cached{stmt, true};
    *entry = &cached;
  }
  return stmt;
}

void Db::Release(sqlite3_stmt* stmt, Cached* entry) {
  if (entry == nullptr) {
    sqlite3_finalize(stmt);
    return;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  entry->in_use = false;
}
Query::Query(Db* db, std::string_view sql) : db_(db), sql_(sql) {
  int rc = SQLITE_OK;
  stmt_ = db_->Acquire(sql, &rc, &entry_);
  if (stmt_ == nullptr) status_ = db_->Error(rc, "prepare " + Brief(sql));
}

Query::~Query() {
  if (stmt_ != nullptr) db_->Release(stmt_, entry_);
}

Query& Query::Bind(std::int64_t value) {
  if (stmt_ != nullptr) sqlite3_bind_int64(stmt_, next_param_, value);
  ++next_param_;
  return *this;
}

Query& Query::Bind(std::string_view text) {
  if (stmt_ != nullptr) {
    sqlite3_bind_text64(stmt_, next_param_, text.data(), text.size(),
                        SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  ++next_param_;
  return *this;
}

Query& Query::BindNull() {
  if (stmt_ != nullptr) sqlite3_bind_null(stmt_, next_param_);
  ++next_param_;
  return *this;
}

Query& Query::BindOrNull(std::int64_t value) {
  return value == 0 ? BindNull() : Bind(value);
}

StatusOr<bool> Query::Step() {
  if (!status_.ok()) return status_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  status_ = db_->Error(rc, Brief(sql_));
  return status_;
}

Status Query::Run() {
  for (;;) {
    StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status();
  }
}

std::int64_t Query::Int(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Query::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return std::string();
  return std::string(
      reinterpret_cast<const char*>(text),
      static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Query::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

}  // namespace store_internal
}  // namespace plugin
