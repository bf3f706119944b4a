// Store: Transaction (commit, rollback, nesting), threads, and a sync-sized
// batch (10,000 ratings, 50,000 resources).
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "plugin/store/store.h"
#include "tests/plugin/store/store_test_util.h"

using fhir::StatusCode;
using plugin::RecordKey;
using plugin::StoreOptions;
using plugin::SyncState;
using plugin::Transaction;
using store_test::Mapping;
using store_test::OpenMemory;
using store_test::Put;
using store_test::Rating;
using store_test::State;
using store_test::TempDir;

TEST_CASE("Transaction: commit keeps, destruction without commit undoes") {
  auto store = OpenMemory();
  {
    Transaction txn(store.get());
    REQUIRE_OK(txn.status());
    Put(store.get(), Rating("kept"));
    REQUIRE_OK(store->Enqueue(Rating("kept"), 1, 1));
    REQUIRE_OK(txn.Commit());
    CHECK(txn.Commit().code() == StatusCode::kFailedPrecondition);
  }
  {
    Transaction txn(store.get());
    REQUIRE_OK(txn.status());
    Put(store.get(), Rating("undone"));
    REQUIRE_OK(store->MarkSent(Rating("kept"), 1, 2));
    CHECK(State(store.get(), Rating("kept")).state == SyncState::kSent);
  }
  CHECK(store->GetState(Rating("undone")).status().code() ==
        StatusCode::kNotFound);
  CHECK(State(store.get(), Rating("kept")).state == SyncState::kPending);

  {
    Transaction txn(store.get());
    Put(store.get(), Rating("rolled"));
    txn.Rollback();
    CHECK(txn.Commit().code() == StatusCode::kFailedPrecondition);
  }
  CHECK(store->GetState(Rating("rolled")).status().code() ==
        StatusCode::kNotFound);
}

TEST_CASE("Transaction: a failed call undoes only its own part") {
  auto store = OpenMemory();
  Transaction txn(store.get());
  REQUIRE_OK(txn.status());
  Put(store.get(), Rating("a"));
  Put(store.get(), Rating("b"));
  REQUIRE_OK(store->PutServerResource(
      Mapping(Rating("a"), "Observation", "i", "o1"), 1));
  // Fails after its check; nothing of it may remain, the rest stays.
  CHECK(
      store
          ->PutServerResource(Mapping(Rating("b"), "Observation", "j", "o1"), 1)
          .code() == StatusCode::kAlreadyExists);
  CHECK(store->Enqueue(Rating("b"), 7, 1).code() ==
        StatusCode::kInvalidArgument);
  REQUIRE_OK(store->Enqueue(Rating("b"), 1, 1));
  REQUIRE_OK(txn.Commit());
  CHECK(store->GetServerResources(Rating("b"))->empty());
  CHECK(State(store.get(), Rating("b")).state == SyncState::kPending);
  CHECK(store->Counts()->records.total == 2);
}

TEST_CASE("Transaction: nested ones are savepoints") {
  auto store = OpenMemory();
  Transaction outer(store.get());
  REQUIRE_OK(outer.status());
  Put(store.get(), Rating("outer"));
  {
    Transaction inner(store.get());
    REQUIRE_OK(inner.status());
    Put(store.get(), Rating("inner-undone"));
  }
  {
    Transaction inner(store.get());
    Put(store.get(), Rating("inner-kept"));
    REQUIRE_OK(inner.Commit());
  }
  REQUIRE_OK(outer.Commit());
  CHECK(store->GetState(Rating("outer")).ok());
  CHECK(store->GetState(Rating("inner-kept")).ok());
  CHECK_FALSE(store->GetState(Rating("inner-undone")).ok());
}

TEST_CASE("threads: concurrent submits, and a Transaction holds the store") {
  auto store = OpenMemory();
  constexpr int kThreads = 4;
  constexpr int kEach = 200;
  std::atomic<int> failures{0};
  std::atomic<bool> committed{false};
  std::atomic<bool> saw_uncommitted{false};
  std::vector<std::thread> threads;
  {
    Transaction txn(store.get());
    REQUIRE_OK(txn.status());
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          const RecordKey key =
              Rating(std::to_string(t) + "-" + std::to_string(i));
          if (!store->PutRecord(key, "M", "{}", 1).ok()) ++failures;
          if (!store->Enqueue(key, 1, 1).ok()) ++failures;
          if (!committed && store->GetState(Rating("in-txn")).ok()) {
            saw_uncommitted = true;
          }
        }
      });
    }
    Put(store.get(), Rating("in-txn"));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    committed = true;  // other threads waited until here
    REQUIRE_OK(txn.Commit());
  }
  for (std::thread& t : threads) t.join();
  CHECK(failures == 0);
  CHECK_FALSE(saw_uncommitted);
  auto counts = store->Counts();
  REQUIRE(counts.ok());
  CHECK(counts->records.total == kThreads * kEach + 1);
  CHECK(counts->records.pending == kThreads * kEach);
}

TEST_CASE("a sync-sized batch: 10,000 records, 50,000 resources, on a file") {
  TempDir dir;
  auto store = store_test::OpenFile(dir.File("store.db"));
  constexpr int kRecords = 10000;
  constexpr int kBundle = 100;
  const auto start = std::chrono::steady_clock::now();
  {
    Transaction txn(store.get());
    REQUIRE_OK(txn.status());
    for (int i = 0; i < kRecords; ++i) {
      const RecordKey key = Rating("r" + std::to_string(i));
      auto put = store->PutRecord(key, "M" + std::to_string(i % 500),
                                  store_test::Json(key.id, i), 1);
      REQUIRE(put.ok());
      REQUIRE_OK(store->Enqueue(key, 1, 1));
    }
    REQUIRE_OK(txn.Commit());
  }
  const auto imported = std::chrono::steady_clock::now();
  int sent = 0;
  for (;;) {
    auto due = store->ClaimDue(10, kBundle);
    REQUIRE(due.ok());
    if (due->empty()) break;
    {
      Transaction txn(store.get());
      for (const auto& item : *due) {
        REQUIRE_OK(store->MarkInFlight(item.key, item.revision, 11));
      }
      REQUIRE_OK(txn.Commit());
    }
    Transaction txn(store.get());  // the bundle's answer
    for (const auto& item : *due) {
      for (int r = 0; r < 5; ++r) {
        const std::string id = item.key.id + "-" + std::to_string(r);
        REQUIRE_OK(store->PutServerResource(
            {item.key, "Observation", "urn:x|" + id, id, "1", "W/\"1\"",
             "2026-01-01T00:00:00Z", plugin::ContentHash(id)},
            12));
      }
      REQUIRE_OK(store->MarkSent(item.key, item.revision, 12));
      ++sent;
    }
    REQUIRE_OK(txn.Commit());
  }
  const auto synced = std::chrono::steady_clock::now();
  // No-op re-import and re-sync check: nothing changes.
  {
    Transaction txn(store.get());
    for (int i = 0; i < kRecords; ++i) {
      const RecordKey key = Rating("r" + std::to_string(i));
      auto put = store->PutRecord(key, "M" + std::to_string(i % 500),
                                  store_test::Json(key.id, i), 2);
      REQUIRE(put.ok());
      REQUIRE_FALSE(put->changed);
      auto mapped = store->GetServerResources(key);
      REQUIRE(mapped.ok());
      REQUIRE(mapped->size() == 5);
    }
    REQUIRE_OK(txn.Commit());
  }
  const auto rechecked = std::chrono::steady_clock::now();
  CHECK(sent == kRecords);
  auto counts = store->Counts();
  REQUIRE(counts.ok());
  CHECK(counts->records.sent == kRecords);
  CHECK(counts->resources_by_type.at("Observation") == 5 * kRecords);
  using ms = std::chrono::milliseconds;
  // Reported, not asserted (machines differ); see plugin/store/README.md.
  WARN("import " << std::chrono::duration_cast<ms>(imported - start).count()
                 << " ms, sync bookkeeping "
                 << std::chrono::duration_cast<ms>(synced - imported).count()
                 << " ms, no-op re-import + mapping lookups "
                 << std::chrono::duration_cast<ms>(rechecked - synced).count()
                 << " ms");
}
