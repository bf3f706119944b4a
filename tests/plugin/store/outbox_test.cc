// Store: decisions, the outbox (order, backoff, in flight), parked items and
// conflicts.
#include <functional>
#include <string>
#include <vector>

#include "plugin/store/store.h"
#include "tests/plugin/store/store_test_util.h"

using fhir::StatusCode;
using plugin::ConflictResolution;
using plugin::OutboxItem;
using plugin::RecordKey;
using plugin::ServerVersion;
using plugin::SyncState;
using plugin::Transaction;
using store_test::OpenMemory;
using store_test::Put;
using store_test::Rating;
using store_test::State;

namespace {

std::vector<std::string> Claim(plugin::Store* store, std::int64_t now,
                               std::size_t limit = 0) {
  auto items = store->ClaimDue(now, limit);
  INFO(items.status().ToString());
  REQUIRE(items.ok());
  std::vector<std::string> out;
  for (const OutboxItem& item : *items) {
    out.push_back(item.key.id + "@" + std::to_string(item.revision));
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("ClaimDue: oldest enqueued first, limit, only due items") {
  auto store = OpenMemory();
  for (const char* id : {"c", "a", "b", "d"}) Put(store.get(), Rating(id));
  REQUIRE_OK(store->Enqueue(Rating("c"), 1, 10));
  REQUIRE_OK(store->Enqueue(Rating("a"), 1, 11));
  REQUIRE_OK(store->Enqueue(Rating("b"), 1, 12));
  CHECK(Claim(store.get(), 5) == V{});  // nothing due yet
  CHECK(Claim(store.get(), 20) == V{"c@1", "a@1", "b@1"});
  CHECK(Claim(store.get(), 20, 2) == V{"c@1", "a@1"});
  CHECK(Claim(store.get(), 20) ==
        V{"c@1", "a@1", "b@1"});  // claiming is read-only
  REQUIRE_OK(store->Enqueue(Rating("d"), 1, 13));
  // Re-enqueueing the same revision keeps the place.
  REQUIRE_OK(store->Enqueue(Rating("c"), 1, 14));
  CHECK(Claim(store.get(), 20) == V{"c@1", "a@1", "b@1", "d@1"});
}

TEST_CASE("MarkFailed: backoff, attempts and the last error") {
  auto store = OpenMemory();
  Put(store.get(), Rating("a"));
  Put(store.get(), Rating("b"));
  REQUIRE_OK(store->Enqueue(Rating("a"), 1, 10));
  REQUIRE_OK(store->Enqueue(Rating("b"), 1, 11));
  REQUIRE_OK(store->MarkInFlight(Rating("a"), 1, 20));
  REQUIRE_OK(
      store->MarkFailed(Rating("a"), 1, 100, "503 Service Unavailable", 21));

  plugin::RecordState a = State(store.get(), Rating("a"));
  CHECK(a.attempts == 1);
  CHECK(a.next_attempt_at_ms == 100);
  CHECK(a.last_error == "503 Service Unavailable");
  CHECK(a.in_flight_revision == 0);
  CHECK(Claim(store.get(), 50) == V{"b@1"});
  CHECK(Claim(store.get(), 100) == V{"a@1", "b@1"});  // keeps its place

  REQUIRE_OK(store->MarkFailed(Rating("a"), 1, 300, "timeout", 101));
  a = State(store.get(), Rating("a"));
  CHECK(a.attempts == 2);
  CHECK(a.last_error == "timeout");

  // A newer revision replaces the entry in place and resets the backoff.
  Put(store.get(), Rating("a"), 2);
  CHECK(Claim(store.get(), 1000) == V{"b@1"});  // undecided newer revision
  REQUIRE_OK(store->Enqueue(Rating("a"), 2, 150));
  a = State(store.get(), Rating("a"));
  CHECK(a.state_revision == 2);
  CHECK(a.attempts == 0);
  CHECK(a.last_error.empty());
  CHECK(Claim(store.get(), 150) == V{"a@2", "b@1"});

  // Failing a record that is not pending is refused.
  Put(store.get(), Rating("w"));
  REQUIRE_OK(store->SetWaiting(Rating("w"), 1, "patient not found", 1));
  CHECK(store->MarkFailed(Rating("w"), 1, 5, "x", 1).code() ==
        StatusCode::kFailedPrecondition);
}

TEST_CASE(
    "in flight: not claimed, listed after a restart, resolved by MarkSent") {
  auto store = OpenMemory();
  Put(store.get(), Rating("a"));
  Put(store.get(), Rating("b"));
  REQUIRE_OK(store->Enqueue(Rating("a"), 1, 10));
  REQUIRE_OK(store->Enqueue(Rating("b"), 1, 10));
  REQUIRE_OK(store->MarkInFlight(Rating("a"), 1, 42));
  CHECK(Claim(store.get(), 100) == V{"b@1"});
  CHECK(store->MarkInFlight(Rating("a"), 1, 43).code() ==
        StatusCode::kFailedPrecondition);  // already in flight

  auto in_flight = store->ListInFlight();
  REQUIRE(in_flight.ok());
  REQUIRE(in_flight->size() == 1);
  CHECK((*in_flight)[0].key == Rating("a"));
  CHECK((*in_flight)[0].revision == 1);
  CHECK((*in_flight)[0].in_flight_since_ms == 42);

  REQUIRE_OK(store->MarkSent(Rating("a"), 1, 50));
  plugin::RecordState a = State(store.get(), Rating("a"));
  CHECK(a.state == SyncState::kSent);
  CHECK(a.sent_revision == 1);
  CHECK(a.in_flight_revision == 0);
  CHECK(store->ListInFlight()->empty());
  CHECK(Claim(store.get(), 100) == V{"b@1"});
}

TEST_CASE("a newer revision while one is in flight waits for its outcome") {
  auto store = OpenMemory();
  Put(store.get(), Rating("a"), 1);
  REQUIRE_OK(store->Enqueue(Rating("a"), 1, 10));
  REQUIRE_OK(store->MarkInFlight(Rating("a"), 1, 11));
  Put(store.get(), Rating("a"), 2);
  REQUIRE_OK(store->Enqueue(Rating("a"), 2, 12));
  plugin::RecordState a = State(store.get(), Rating("a"));
  CHECK(a.state == SyncState::kPending);
  CHECK(a.state_revision == 2);
  CHECK(a.in_flight_revision == 1);
  CHECK(Claim(store.get(), 100) == V{});  // outcome of revision 1 unknown

  // The answer for revision 1 arrives: superseded for the state, but the
  // server now holds revision 1 and revision 2 may go.
  REQUIRE_OK(store->MarkSent(Rating("a"), 1, 13));
  a = State(store.get(), Rating("a"));
  CHECK(a.state == SyncState::kPending);
  CHECK(a.state_revision == 2);
  CHECK(a.sent_revision == 1);
  CHECK(a.in_flight_revision == 0);
  CHECK(Claim(store.get(), 100) == V{"a@2"});
}

TEST_CASE("MarkInFlight refuses what must not be sent") {
  auto store = OpenMemory();
  Put(store.get(), Rating("a"), 1);
  CHECK(store->MarkInFlight(Rating("a"), 1, 1).code() ==
        StatusCode::kFailedPrecondition);  // not pending
  REQUIRE_OK(store->Enqueue(Rating("a"), 1, 1));
  Put(store.get(), Rating("a"), 2);
  auto s = store->MarkInFlight(Rating("a"), 1, 1);
  CHECK(s.code() == StatusCode::kFailedPrecondition);  // superseded
  CHECK(s.message().find("superseded by revision 2") != std::string::npos);
  CHECK(store->MarkInFlight(Rating("a"), 3, 1).code() ==
        StatusCode::kInvalidArgument);  // no such revision
  CHECK(store->MarkInFlight(Rating("zz"), 1, 1).code() ==
        StatusCode::kNotFound);
}

TEST_CASE("calls about an older revision are superseded: no state change") {
  struct Case {
    const char* what;
    std::function<fhir::Status(plugin::Store*)> call;
  };
  const std::vector<Case> cases = {
      {"SetWaiting",
       [](plugin::Store* s) {
         return s->SetWaiting(Rating("a"), 1, "waiting for consent", 99);
       }},
      {"Enqueue",
       [](plugin::Store* s) { return s->Enqueue(Rating("a"), 1, 99); }},
      {"Park",
       [](plugin::Store* s) {
         return s->Park(Rating("a"), 1, "invalid", "{}", 99);
       }},
      {"MarkFailed",
       [](plugin::Store* s) {
         return s->MarkFailed(Rating("a"), 1, 500, "x", 99);
       }},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto store = OpenMemory();
    Put(store.get(), Rating("a"), 1);
    Put(store.get(), Rating("a"), 2);
    REQUIRE_OK(store->SetWaiting(Rating("a"), 2, "patient not found", 10));
    REQUIRE_OK(c.call(store.get()));
    plugin::RecordState a = State(store.get(), Rating("a"));
    CHECK(a.state == SyncState::kWaiting);
    CHECK(a.state_revision == 2);
    CHECK(a.reason == "patient not found");
    CHECK(a.state_changed_at_ms == 10);
  }
  // MarkSent about an older revision still records what the server holds.
  auto store = OpenMemory();
  Put(store.get(), Rating("a"), 1);
  Put(store.get(), Rating("a"), 2);
  REQUIRE_OK(store->SetWaiting(Rating("a"), 2, "waiting for consent", 10));
  REQUIRE_OK(store->MarkSent(Rating("a"), 1, 11));
  plugin::RecordState a = State(store.get(), Rating("a"));
  CHECK(a.state == SyncState::kWaiting);
  CHECK(a.sent_revision == 1);
}

TEST_CASE("decisions: waiting, pending, parked, sent and their fields") {
  auto store = OpenMemory();
  Put(store.get(), Rating("a"));
  REQUIRE_OK(store->SetWaiting(Rating("a"), 1, "patient not found", 10));
  plugin::RecordState a = State(store.get(), Rating("a"));
  CHECK(a.state == SyncState::kWaiting);
  CHECK(a.reason == "patient not found");
  CHECK(Claim(store.get(), 100) == V{});

  REQUIRE_OK(store->Enqueue(Rating("a"), 1, 20));
  a = State(store.get(), Rating("a"));
  CHECK(a.state == SyncState::kPending);
  CHECK(a.reason.empty());
  CHECK(a.next_attempt_at_ms == 20);

  const std::string outcome = R"({"resourceType":"OperationOutcome"})";
  REQUIRE_OK(store->Park(Rating("a"), 1, "HTTP 422", outcome, 30));
  a = State(store.get(), Rating("a"));
  CHECK(a.state == SyncState::kParked);
  CHECK(a.reason == "HTTP 422");
  CHECK(a.outcome_json == outcome);
  CHECK(Claim(store.get(), 100) == V{});

  CHECK(store->SetWaiting(Rating("a"), 2, "x", 1).code() ==
        StatusCode::kInvalidArgument);
  CHECK(store->Enqueue(Rating("nope"), 1, 1).code() == StatusCode::kNotFound);
}

TEST_CASE("parked items: requeue one, requeue all, drop") {
  auto store = OpenMemory();
  for (const char* id : {"a", "b", "c", "d"}) {
    Put(store.get(), Rating(id));
    REQUIRE_OK(store->Park(Rating(id), 1, "invalid", "{}", 10));
  }
  REQUIRE_OK(store->RequeueParked(Rating("b"), 20));
  plugin::RecordState b = State(store.get(), Rating("b"));
  CHECK(b.state == SyncState::kPending);
  CHECK(b.attempts == 0);
  CHECK(Claim(store.get(), 20) == V{"b@1"});

  REQUIRE_OK(store->DropParked(Rating("c"), 21));
  plugin::RecordState c = State(store.get(), Rating("c"));
  CHECK(c.state == SyncState::kDropped);
  CHECK(c.reason == "invalid");

  CHECK(store->RequeueParked(Rating("c"), 22).code() ==
        StatusCode::kFailedPrecondition);
  CHECK(store->DropParked(Rating("b"), 22).code() ==
        StatusCode::kFailedPrecondition);

  auto requeued = store->RequeueAllParked(30);
  REQUIRE(requeued.ok());
  CHECK(*requeued == 2);
  CHECK(Claim(store.get(), 30) == V{"b@1", "a@1", "d@1"});

  // A new revision of a dropped record can be sent again.
  Put(store.get(), Rating("c"), 2);
  REQUIRE_OK(store->Enqueue(Rating("c"), 2, 31));
  CHECK(Claim(store.get(), 31) == V{"b@1", "a@1", "d@1", "c@2"});
}

TEST_CASE("conflicts: block decisions, update, resolve local or server") {
  auto store = OpenMemory();
  Put(store.get(), RecordKey{"goal", "g1"}, 1);
  REQUIRE_OK(store->Enqueue(RecordKey{"goal", "g1"}, 1, 1));
  REQUIRE_OK(store->MarkSent(RecordKey{"goal", "g1"}, 1, 2));
  Put(store.get(), RecordKey{"goal", "g1"}, 2);
  const ServerVersion server{"Goal", "77", "3", R"({"resourceType":"Goal"})"};
  auto id = store->MarkConflict(RecordKey{"goal", "g1"}, 2, server, 5);
  REQUIRE(id.ok());
  plugin::RecordState g = State(store.get(), RecordKey{"goal", "g1"});
  CHECK(g.state == SyncState::kConflict);
  CHECK(g.state_revision == 2);

  CHECK(store->Enqueue(RecordKey{"goal", "g1"}, 2, 6).code() ==
        StatusCode::kFailedPrecondition);
  CHECK(store->MarkSent(RecordKey{"goal", "g1"}, 2, 6).code() ==
        StatusCode::kFailedPrecondition);

  // Seen again with a newer server version: the same conflict, updated.
  const ServerVersion newer{"Goal", "77", "4", R"({"v":4})"};
  auto again = store->MarkConflict(RecordKey{"goal", "g1"}, 2, newer, 7);
  REQUIRE(again.ok());
  CHECK(*again == *id);
  auto open = store->ListConflicts(true);
  REQUIRE(open.ok());
  REQUIRE(open->size() == 1);
  CHECK((*open)[0].server.version_id == "4");
  CHECK((*open)[0].server.json == R"({"v":4})");
  CHECK((*open)[0].local_revision == 2);
  CHECK((*open)[0].detected_at_ms == 7);
  CHECK_FALSE((*open)[0].resolution.has_value());

  SECTION("take local: the latest revision goes to the outbox") {
    REQUIRE_OK(store->ResolveConflict(*id, ConflictResolution::kTakeLocal, 8));
    g = State(store.get(), RecordKey{"goal", "g1"});
    CHECK(g.state == SyncState::kPending);
    CHECK(g.state_revision == 2);
    CHECK(Claim(store.get(), 8) == V{"g1@2"});
    auto all = store->ListConflicts(false);
    REQUIRE(all->size() == 1);
    CHECK((*all)[0].resolution == ConflictResolution::kTakeLocal);
    CHECK((*all)[0].resolved_at_ms == 8);
    CHECK(store->ListConflicts(true)->empty());
  }
  SECTION("take server: the server's content, stored as a revision, is sent") {
    Transaction txn(store.get());
    REQUIRE_OK(txn.status());
    auto put =
        store->PutRecord(RecordKey{"goal", "g1"}, "MRN1", "{\"v\":4}", 8);
    REQUIRE(put.ok());
    REQUIRE_OK(store->ResolveConflict(*id, ConflictResolution::kTakeServer, 8));
    REQUIRE_OK(txn.Commit());
    g = State(store.get(), RecordKey{"goal", "g1"});
    CHECK(g.state == SyncState::kSent);
    CHECK(g.state_revision == 3);
    CHECK(g.sent_revision == 3);
    CHECK_FALSE(g.unprocessed());
  }
  CHECK(store->ResolveConflict(*id, ConflictResolution::kTakeLocal, 9).code() ==
        StatusCode::kFailedPrecondition);
  CHECK(store->ResolveConflict(999, ConflictResolution::kTakeLocal, 9).code() ==
        StatusCode::kNotFound);
}

TEST_CASE("MarkConflict refuses a revision the state has moved past") {
  auto store = OpenMemory();
  Put(store.get(), Rating("a"), 1);
  Put(store.get(), Rating("a"), 2);
  REQUIRE_OK(store->Enqueue(Rating("a"), 2, 1));
  auto old = store->MarkConflict(Rating("a"), 1, {"Goal", "1", "2", "{}"}, 2);
  CHECK(old.status().code() == StatusCode::kFailedPrecondition);
  CHECK(State(store.get(), Rating("a")).state == SyncState::kPending);
  CHECK(store->ListConflicts(false)->empty());
}
