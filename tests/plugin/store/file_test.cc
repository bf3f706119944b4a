// Store on a file: WAL, reopen, locks, corrupt files, migrations, and crash
// safety (a child process SIGKILLed in the middle of writing).
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "plugin/store/migrations.h"
#include "plugin/store/sqlite_store.h"
#include "plugin/store/store.h"
#include "tests/plugin/store/store_test_util.h"

using fhir::StatusCode;
using plugin::RecordKey;
using plugin::StoreOptions;
using plugin::SyncState;
using plugin::Transaction;
using plugin::store_internal::Migration;
using plugin::store_internal::OpenSqliteStore;
using plugin::store_internal::StoreMigrations;
using store_test::OpenFile;
using store_test::Put;
using store_test::Rating;
using store_test::State;
using store_test::TempDir;

namespace {

std::vector<Migration> WithTestVersion2(const std::string& sql) {
  std::vector<Migration> list = StoreMigrations();
  list.push_back(Migration{static_cast<int>(list.size()) + 1, "test", sql});
  return list;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("file store: WAL file, data survives reopening") {
  TempDir dir;
  const std::string path = dir.File("store.db");
  {
    auto store = OpenFile(path);
    CHECK(store->path() == path);
    CHECK(store->schema_version() ==
          static_cast<int>(StoreMigrations().size()));
    Put(store.get(), Rating("r1"), 1, 10);
    REQUIRE_OK(store->Enqueue(Rating("r1"), 1, 11));
    REQUIRE_OK(store->SetCursor("Goal", "2026-01-01T00:00:00Z", 12));
    CHECK(std::filesystem::exists(path + "-wal"));  // write-ahead log in use
  }
  auto store = OpenFile(path);
  plugin::RecordState r1 = State(store.get(), Rating("r1"));
  CHECK(r1.state == SyncState::kPending);
  CHECK(store->GetRevision(Rating("r1"))->canonical_json ==
        store_test::Json("r1", 1));
  CHECK(store->GetCursor("Goal")->value().last_updated ==
        "2026-01-01T00:00:00Z");
  // Reopening changes nothing: an identical import is still unchanged.
  auto again =
      store->PutRecord(Rating("r1"), "MRN1", store_test::Json("r1", 1), 20);
  REQUIRE(again.ok());
  CHECK_FALSE(again->changed);
}

TEST_CASE("in flight survives a restart as an unknown outcome") {
  TempDir dir;
  const std::string path = dir.File("store.db");
  {
    auto store = OpenFile(path);
    Put(store.get(), Rating("a"));
    Put(store.get(), Rating("b"));
    REQUIRE_OK(store->Enqueue(Rating("a"), 1, 10));
    REQUIRE_OK(store->Enqueue(Rating("b"), 1, 10));
    REQUIRE_OK(store->MarkInFlight(Rating("a"), 1, 20));
  }  // "crash": the answer for a was never recorded
  auto store = OpenFile(path);
  auto in_flight = store->ListInFlight();
  REQUIRE(in_flight.ok());
  REQUIRE(in_flight->size() == 1);
  CHECK((*in_flight)[0].key == Rating("a"));
  auto due = store->ClaimDue(100, 0);
  REQUIRE(due.ok());
  REQUIRE(due->size() == 1);
  CHECK((*due)[0].key == Rating("b"));
  // Resolved by identifier: not on the server, so retry now.
  REQUIRE_OK(store->MarkFailed(Rating("a"), 1, 100, "outcome unknown", 100));
  CHECK(store->ClaimDue(100, 0)->size() == 2);
}

TEST_CASE("options: missing file, unusable path, PostgreSQL, empty path") {
  TempDir dir;
  StoreOptions no_create;
  no_create.create_if_missing = false;
  auto missing = plugin::Store::Open(dir.File("absent.db"), no_create);
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(Contains(missing.status().message(), "absent.db"));

  auto no_folder = plugin::Store::Open(dir.File("no/such/folder/x.db"));
  CHECK(no_folder.status().code() == StatusCode::kFailedPrecondition);
  CHECK(Contains(no_folder.status().message(), "cannot open"));

  CHECK(plugin::Store::Open("postgresql://db/alliance").status().code() ==
        StatusCode::kUnimplemented);
  CHECK(plugin::Store::Open("").status().code() ==
        StatusCode::kInvalidArgument);
}

TEST_CASE("a corrupt file is refused with its path") {
  TempDir dir;
  const std::string path = dir.File("garbage.db");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 1000; ++i) out << "this is not a database ";
  }
  auto store = plugin::Store::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == StatusCode::kInternal);
  CHECK(Contains(store.status().message(), "store " + path));
  CHECK(Contains(store.status().message(), "corrupt"));
}

TEST_CASE("a write locked by another connection fails as unavailable") {
  TempDir dir;
  const std::string path = dir.File("store.db");
  auto holder = OpenFile(path);
  StoreOptions impatient;
  impatient.busy_timeout_ms = 50;
  auto other = OpenFile(path, impatient);
  Put(holder.get(), Rating("r0"));
  {
    Transaction txn(holder.get());
    REQUIRE_OK(txn.status());
    Put(holder.get(), Rating("r1"));
    auto blocked = other->PutRecord(Rating("r2"), "M", "{}", 1);
    CHECK(blocked.status().code() == StatusCode::kUnavailable);
    CHECK(
        Contains(blocked.status().message(),
                 "store " + path + ": database is locked by another process"));
    // Readers are not blocked by a writer (WAL), and see the committed state.
    auto seen = other->GetState(Rating("r0"));
    CHECK(seen.ok());
    CHECK(other->GetState(Rating("r1")).status().code() ==
          StatusCode::kNotFound);
    REQUIRE_OK(txn.Commit());
  }
  CHECK(other->PutRecord(Rating("r2"), "M", "{}", 1).ok());
  CHECK(State(other.get(), Rating("r1")).latest_revision == 1);
}

TEST_CASE("migrations: an older file is upgraded, data kept") {
  TempDir dir;
  const std::string path = dir.File("store.db");
  {
    auto store = OpenFile(path);  // current schema only
    Put(store.get(), Rating("r1"));
  }
  auto upgraded = OpenSqliteStore(
      path, StoreOptions(),
      WithTestVersion2("ALTER TABLE record ADD COLUMN note TEXT NOT NULL "
                       "DEFAULT ''; CREATE TABLE extra (x INTEGER);"));
  REQUIRE(upgraded.ok());
  CHECK((*upgraded)->schema_version() ==
        static_cast<int>(StoreMigrations().size()) + 1);
  CHECK(State(upgraded->get(), Rating("r1")).latest_revision == 1);
  Put(upgraded->get(), Rating("r2"));
}

TEST_CASE("migrations: a failed migration leaves the file as it was") {
  TempDir dir;
  const std::string path = dir.File("store.db");
  {
    auto store = OpenFile(path);
    Put(store.get(), Rating("r1"));
  }
  // The first statement works, the second fails: neither may remain.
  auto failed = OpenSqliteStore(
      path, StoreOptions(),
      WithTestVersion2("CREATE TABLE extra (x); CREATE TABLE record (x);"));
  REQUIRE_FALSE(failed.ok());
  CHECK(Contains(failed.status().message(), "store " + path));
  CHECK(Contains(failed.status().message(), "migration to schema version 2"));

  auto retried = OpenSqliteStore(path, StoreOptions(),
                                 WithTestVersion2("CREATE TABLE extra (x);"));
  INFO(retried.status().ToString());
  REQUIRE(retried.ok());  // "extra" was rolled back, so it can be created
  CHECK((*retried)->schema_version() == 2);
  CHECK(State(retried->get(), Rating("r1")).latest_revision == 1);
}

TEST_CASE("migrations: a file newer than the program is refused") {
  TempDir dir;
  const std::string path = dir.File("store.db");
  {
    auto newer = OpenSqliteStore(path, StoreOptions(),
                                 WithTestVersion2("CREATE TABLE later (x);"));
    REQUIRE(newer.ok());
    Put(newer->get(), Rating("r1"));
  }
  auto store = plugin::Store::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == StatusCode::kFailedPrecondition);
  CHECK(Contains(store.status().message(), "store " + path));
  CHECK(Contains(store.status().message(), "schema version 2 is newer"));
}

TEST_CASE("migrations: the list must be in order") {
  std::vector<Migration> gap = StoreMigrations();
  gap.push_back(Migration{5, "gap", "SELECT 1"});
  auto store = OpenSqliteStore(":memory:", StoreOptions(), gap);
  CHECK(store.status().code() == StatusCode::kInternal);
}

namespace {

// Child side of the crash tests: never returns, never uses Catch.
[[noreturn]] void Fail(int code) { _exit(code); }

}  // namespace

TEST_CASE(
    "crash: a process killed inside a transaction leaves no trace of it") {
  TempDir dir;
  const std::string path = dir.File("store.db");
  {
    auto store = OpenFile(path);
    for (int i = 0; i < 10; ++i) {
      Put(store.get(), Rating("kept" + std::to_string(i)));
      REQUIRE_OK(store->Enqueue(Rating("kept" + std::to_string(i)), 1, 1));
    }
    REQUIRE_OK(store->MarkInFlight(Rating("kept0"), 1, 2));
  }
  int pipe_fd[2];
  REQUIRE(pipe(pipe_fd) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(pipe_fd[0]);
    auto store = plugin::Store::Open(path);
    if (!store.ok()) Fail(2);
    Transaction txn(store->get());
    if (!txn.status().ok()) Fail(3);
    // Large enough that pages spill into the WAL before the kill.
    const std::string big(4000, 'x');
    for (long i = 0;; ++i) {
      const RecordKey key = Rating("lost" + std::to_string(i));
      if (!(*store)->PutRecord(key, "M", "{\"pad\":\"" + big + "\"}", 5).ok())
        Fail(4);
      if (!(*store)->Enqueue(key, 1, 5).ok()) Fail(5);
      if (!(*store)->MarkSent(Rating("kept1"), 1, 5).ok()) Fail(6);
      if (i == 2000 && write(pipe_fd[1], "x", 1) != 1) Fail(7);
    }
  }
  close(pipe_fd[1]);
  char byte = 0;
  REQUIRE(read(pipe_fd[0], &byte, 1) == 1);  // the child is mid-transaction
  usleep(20 * 1000);
  REQUIRE(kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
  close(pipe_fd[0]);
  CHECK(std::filesystem::file_size(path + "-wal") > 2000u * 4000u);

  auto store = OpenFile(path);
  auto counts = store->Counts();
  REQUIRE(counts.ok());
  CHECK(counts->records.total == 10);
  CHECK(counts->revisions == 10);
  CHECK(counts->records.pending == 10);
  CHECK(counts->records.in_flight == 1);
  CHECK(store->GetState(Rating("lost0")).status().code() ==
        StatusCode::kNotFound);
  CHECK(State(store.get(), Rating("kept1")).state == SyncState::kPending);
  // The store works on.
  Put(store.get(), Rating("after"));
  CHECK(store->Counts()->records.total == 11);
}

TEST_CASE("crash: killed between committed batches, every batch is whole") {
  TempDir dir;
  const std::string path = dir.File("store.db");
  { OpenFile(path); }
  int pipe_fd[2];
  REQUIRE(pipe(pipe_fd) == 0);
  constexpr int kBatch = 50;
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(pipe_fd[0]);
    auto store = plugin::Store::Open(path);
    if (!store.ok()) Fail(2);
    for (int batch = 0;; ++batch) {
      Transaction txn(store->get());
      if (!txn.status().ok()) Fail(3);
      for (int i = 0; i < kBatch; ++i) {
        const RecordKey key =
            Rating("b" + std::to_string(batch) + "-" + std::to_string(i));
        if (!(*store)->PutRecord(key, "M", "{}", batch).ok()) Fail(4);
        if (!(*store)->Enqueue(key, 1, batch).ok()) Fail(5);
      }
      if (!txn.Commit().ok()) Fail(6);
      if (batch == 5 && write(pipe_fd[1], "x", 1) != 1) Fail(7);
    }
  }
  close(pipe_fd[1]);
  char byte = 0;
  REQUIRE(read(pipe_fd[0], &byte, 1) == 1);
  usleep(30 * 1000);
  REQUIRE(kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  close(pipe_fd[0]);

  auto store = OpenFile(path);
  auto counts = store->Counts();
  REQUIRE(counts.ok());
  const std::int64_t total = counts->records.total;
  INFO("records after the kill: " << total);
  CHECK(total >= 6 * kBatch);
  CHECK(total % kBatch == 0);
  CHECK(counts->records.pending == total);
  CHECK(counts->revisions == total);
  auto due = store->ClaimDue(1 << 30, 0);
  REQUIRE(due.ok());
  CHECK(static_cast<std::int64_t>(due->size()) == total);
}
