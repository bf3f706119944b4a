// Store: record revisions, content hashes, reading states and queries.
#include <string>
#include <vector>

#include "fhir/crypto.h"
#include "plugin/store/store.h"
#include "tests/plugin/store/store_test_util.h"

using plugin::PutResult;
using plugin::RecordKey;
using plugin::RecordQuery;
using plugin::SyncState;
using store_test::Json;
using store_test::OpenMemory;
using store_test::Put;
using store_test::Rating;
using store_test::State;

TEST_CASE(
    "PutRecord: identical re-import is unchanged, a change is a new revision") {
  struct Step {
    const char* what;
    std::string json;
    std::string mrn;
    bool changed;
    std::int64_t revision;
  };
  const std::vector<Step> steps = {
      {"first import", "{\"a\":1}", "M1", true, 1},
      {"identical re-import", "{\"a\":1}", "M1", false, 1},
      {"again identical", "{\"a\":1}", "M1", false, 1},
      {"changed content", "{\"a\":2}", "M1", true, 2},
      {"identical to the new latest", "{\"a\":2}", "M1", false, 2},
      {"back to the first content", "{\"a\":1}", "M1", true, 3},
      {"same JSON, other MRN", "{\"a\":1}", "M2", true, 4},
  };
  auto store = OpenMemory();
  std::int64_t now = 1000;
  for (const Step& step : steps) {
    INFO(step.what);
    auto put = store->PutRecord(Rating("r1"), step.mrn, step.json, ++now);
    REQUIRE(put.ok());
    CHECK(put->changed == step.changed);
    CHECK(put->revision == step.revision);
  }
  auto history = store->ListRevisions(Rating("r1"));
  REQUIRE(history.ok());
  REQUIRE(history->size() == 4);
  CHECK((*history)[0].canonical_json == "{\"a\":1}");
  CHECK((*history)[1].canonical_json == "{\"a\":2}");
  CHECK((*history)[3].mrn == "M2");
  CHECK((*history)[0].received_at_ms == 1001);
  CHECK((*history)[1].received_at_ms == 1004);  // not the unchanged ones
  CHECK(State(store.get(), Rating("r1")).mrn == "M2");
}

TEST_CASE("GetRevision: latest, by number, content hash, not found") {
  auto store = OpenMemory();
  Put(store.get(), Rating("r1"), 1, 100);
  Put(store.get(), Rating("r1"), 2, 200);

  auto latest = store->GetRevision(Rating("r1"));
  REQUIRE(latest.ok());
  CHECK(latest->revision == 2);
  CHECK(latest->canonical_json == Json("r1", 2));
  CHECK(latest->content_hash == fhir::HexEncode(fhir::Sha256(Json("r1", 2))));
  CHECK(latest->content_hash == plugin::ContentHash(Json("r1", 2)));
  CHECK(latest->received_at_ms == 200);
  CHECK(latest->key == Rating("r1"));

  auto first = store->GetRevision(Rating("r1"), 1);
  REQUIRE(first.ok());
  CHECK(first->canonical_json == Json("r1", 1));

  auto missing_revision = store->GetRevision(Rating("r1"), 3);
  CHECK(missing_revision.status().code() == fhir::StatusCode::kNotFound);
  auto missing_record = store->GetRevision(Rating("nope"));
  CHECK(missing_record.status().code() == fhir::StatusCode::kNotFound);
  CHECK(missing_record.status().message().find("rating/nope") !=
        std::string::npos);
  CHECK(store->ListRevisions(Rating("nope")).status().code() ==
        fhir::StatusCode::kNotFound);
  CHECK(store->GetState(Rating("nope")).status().code() ==
        fhir::StatusCode::kNotFound);
}

TEST_CASE("PutRecord rejects empty kind, id or JSON") {
  auto store = OpenMemory();
  struct Case {
    RecordKey key;
    std::string json;
  };
  for (const Case& c : std::vector<Case>{{{"", "r1"}, "{}"},
                                         {{"rating", ""}, "{}"},
                                         {{"rating", "r1"}, ""}}) {
    auto put = store->PutRecord(c.key, "M", c.json, 1);
    CHECK(put.status().code() == fhir::StatusCode::kInvalidArgument);
  }
}

TEST_CASE(
    "a new record is new and unprocessed; a new revision keeps the state") {
  auto store = OpenMemory();
  Put(store.get(), Rating("r1"), 1, 100);
  plugin::RecordState s = State(store.get(), Rating("r1"));
  CHECK(s.state == SyncState::kNew);
  CHECK(s.state_revision == 0);
  CHECK(s.latest_revision == 1);
  CHECK(s.unprocessed());
  CHECK(s.state_changed_at_ms == 100);

  REQUIRE_OK(store->Enqueue(Rating("r1"), 1, 110));
  CHECK_FALSE(State(store.get(), Rating("r1")).unprocessed());
  Put(store.get(), Rating("r1"), 2, 120);
  s = State(store.get(), Rating("r1"));
  CHECK(s.state == SyncState::kPending);
  CHECK(s.state_revision == 1);
  CHECK(s.latest_revision == 2);
  CHECK(s.unprocessed());
}

TEST_CASE("ListRecords filters by state, kind, patient, unprocessed; pages") {
  auto store = OpenMemory();
  Put(store.get(), Rating("r1"), 1, 1, "A");
  Put(store.get(), Rating("r2"), 1, 1, "B");
  Put(store.get(), RecordKey{"goal", "g1"}, 1, 1, "A");
  Put(store.get(), Rating("r3"), 1, 1, "A");
  REQUIRE_OK(store->SetWaiting(Rating("r2"), 1, "patient not found", 2));
  REQUIRE_OK(store->Enqueue(Rating("r3"), 1, 2));

  auto ids = [&](const RecordQuery& q) {
    auto list = store->ListRecords(q);
    REQUIRE(list.ok());
    std::vector<std::string> out;
    for (const auto& s : *list) out.push_back(s.key.ToString());
    return out;
  };
  using V = std::vector<std::string>;
  RecordQuery all;
  CHECK(ids(all) == V{"rating/r1", "rating/r2", "goal/g1", "rating/r3"});
  RecordQuery waiting;
  waiting.state = SyncState::kWaiting;
  CHECK(ids(waiting) == V{"rating/r2"});
  RecordQuery goals;
  goals.kind = "goal";
  CHECK(ids(goals) == V{"goal/g1"});
  RecordQuery patient_a;
  patient_a.mrn = "A";
  CHECK(ids(patient_a) == V{"rating/r1", "goal/g1", "rating/r3"});
  RecordQuery unprocessed;
  unprocessed.unprocessed_only = true;
  CHECK(ids(unprocessed) == V{"rating/r1", "goal/g1"});

  // Paging: limit, then continue after the last position.
  RecordQuery page;
  page.limit = 3;
  auto first = store->ListRecords(page);
  REQUIRE(first.ok());
  REQUIRE(first->size() == 3);
  page.after = first->back().position;
  CHECK(ids(page) == V{"rating/r3"});
}
