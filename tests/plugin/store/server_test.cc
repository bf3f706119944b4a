// Store: server mapping, cursors, resolution cache, sync log and counts.
#include <string>
#include <vector>

#include "plugin/store/store.h"
#include "tests/plugin/store/store_test_util.h"

using fhir::StatusCode;
using plugin::RecordKey;
using plugin::ServerResource;
using plugin::SyncState;
using store_test::OpenMemory;
using store_test::Put;
using store_test::Rating;

namespace {

ServerResource Resource(const RecordKey& key, const std::string& type,
                        const std::string& identifier,
                        const std::string& server_id,
                        const std::string& version = "1") {
  ServerResource r;
  r.key = key;
  r.resource_type = type;
  r.identifier = identifier;
  r.server_id = server_id;
  r.version_id = version;
  r.etag = "W/\"" + version + "\"";
  r.last_updated = "2026-01-02T03:04:05.678Z";
  r.sent_hash = plugin::ContentHash(type + identifier + version);
  return r;
}

}  // namespace

TEST_CASE("server mapping: round trip, lookups by record and by server id") {
  auto store = OpenMemory();
  Put(store.get(), Rating("r1"));
  Put(store.get(), Rating("r2"));
  const std::string sys = "urn:alliance|";
  REQUIRE_OK(store->PutServerResource(
      Resource(Rating("r1"), "QuestionnaireResponse", sys + "r1", "qr1"), 10));
  REQUIRE_OK(store->PutServerResource(
      Resource(Rating("r1"), "Observation", sys + "r1-total", "o1"), 10));
  REQUIRE_OK(store->PutServerResource(
      Resource(Rating("r1"), "Observation", sys + "r1-bond", "o2"), 10));

  auto mine = store->GetServerResources(Rating("r1"));
  REQUIRE(mine.ok());
  REQUIRE(mine->size() == 3);
  // By type, then identifier.
  CHECK((*mine)[0].identifier == sys + "r1-bond");
  CHECK((*mine)[1].identifier == sys + "r1-total");
  CHECK((*mine)[2].resource_type == "QuestionnaireResponse");
  const ServerResource& qr = (*mine)[2];
  CHECK(qr.key == Rating("r1"));
  CHECK(qr.server_id == "qr1");
  CHECK(qr.version_id == "1");
  CHECK(qr.etag == "W/\"1\"");
  CHECK(qr.last_updated == "2026-01-02T03:04:05.678Z");
  CHECK(qr.sent_hash ==
        plugin::ContentHash("QuestionnaireResponse" + sys + "r11"));
  CHECK(qr.updated_at_ms == 10);
  CHECK(store->GetServerResources(Rating("r2"))->empty());

  auto found = store->FindServerResource("Observation", "o2");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->key == Rating("r1"));
  CHECK((*found)->identifier == sys + "r1-bond");
  CHECK_FALSE(store->FindServerResource("Observation", "o9")->has_value());
  CHECK_FALSE(store->FindServerResource("Goal", "o2")->has_value());

  // An update replaces the row: new version and ETag.
  REQUIRE_OK(store->PutServerResource(
      Resource(Rating("r1"), "Observation", sys + "r1-bond", "o2", "2"), 20));
  found = store->FindServerResource("Observation", "o2");
  CHECK((*found)->version_id == "2");
  CHECK((*found)->etag == "W/\"2\"");
  CHECK((*found)->updated_at_ms == 20);
  CHECK(store->GetServerResources(Rating("r1"))->size() == 3);

  // A server id belongs to one row only.
  auto taken = store->PutServerResource(
      Resource(Rating("r2"), "Observation", sys + "r2-bond", "o2"), 30);
  CHECK(taken.code() == StatusCode::kAlreadyExists);
  CHECK(taken.message().find("rating/r1") != std::string::npos);

  REQUIRE_OK(store->RemoveServerResource(Rating("r1"), "Observation",
                                         sys + "r1-bond"));
  CHECK_FALSE(store->FindServerResource("Observation", "o2")->has_value());
  REQUIRE_OK(
      store->RemoveServerResource(Rating("r1"), "Observation", "absent"));
  CHECK(store->GetServerResources(Rating("r1"))->size() == 2);
}

TEST_CASE("server mapping: unknown record and missing fields are refused") {
  auto store = OpenMemory();
  Put(store.get(), Rating("r1"));
  CHECK(store
            ->PutServerResource(Resource(Rating("zz"), "Observation", "i", "1"),
                                1)
            .code() == StatusCode::kNotFound);
  for (ServerResource r : {Resource(Rating("r1"), "", "i", "1"),
                           Resource(Rating("r1"), "Observation", "", "1"),
                           Resource(Rating("r1"), "Observation", "i", "")}) {
    CHECK(store->PutServerResource(r, 1).code() ==
          StatusCode::kInvalidArgument);
  }
}

TEST_CASE("cursors: absent, set, overwritten, listed") {
  auto store = OpenMemory();
  auto none = store->GetCursor("Goal");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  REQUIRE_OK(store->SetCursor("Goal", "2026-01-01T00:00:00Z", 10));
  REQUIRE_OK(store->SetCursor("Consent", "2026-01-01T00:00:01.5+01:00", 11));
  REQUIRE_OK(store->SetCursor("Goal", "2026-02-01T00:00:00Z", 12));
  auto goal = store->GetCursor("Goal");
  REQUIRE(goal->has_value());
  CHECK((*goal)->last_updated == "2026-02-01T00:00:00Z");
  CHECK((*goal)->updated_at_ms == 12);
  auto all = store->ListCursors();
  REQUIRE(all.ok());
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].resource_type == "Consent");
  CHECK((*all)[0].last_updated == "2026-01-01T00:00:01.5+01:00");
  CHECK(store->SetCursor("", "x", 1).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("resolution cache: found, not found, and re-resolved") {
  auto store = OpenMemory();
  struct Step {
    std::string type, identifier, reference;
    std::int64_t now;
  };
  for (const Step& s : std::vector<Step>{
           {"Patient", "MRN1", "Patient/p1", 10},
           {"Patient", "MRN2", "", 11},  // searched, not found
           {"Practitioner", "T7", "Practitioner/x", 12},
           {"Practitioner", "MRN1", "", 13},  // same value, other type
       }) {
    REQUIRE_OK(store->PutResolution(s.type, s.identifier, s.reference, s.now));
  }
  auto p1 = store->GetResolution("Patient", "MRN1");
  REQUIRE(p1.ok());
  REQUIRE(p1->has_value());
  CHECK((*p1)->found());
  CHECK((*p1)->reference == "Patient/p1");
  CHECK((*p1)->resolved_at_ms == 10);

  auto p2 = store->GetResolution("Patient", "MRN2");
  REQUIRE(p2->has_value());
  CHECK_FALSE((*p2)->found());
  CHECK((*p2)->resolved_at_ms ==
        11);  // the engine retries entries older than its sync

  CHECK_FALSE(store->GetResolution("Practitioner", "MRN1")->value().found());
  CHECK(store->GetResolution("Practitioner", "T7")->value().reference ==
        "Practitioner/x");
  CHECK_FALSE(store->GetResolution("Patient", "MRN3")->has_value());

  // The patient appears on the server later.
  REQUIRE_OK(store->PutResolution("Patient", "MRN2", "Patient/p2", 20));
  p2 = store->GetResolution("Patient", "MRN2");
  CHECK((*p2)->reference == "Patient/p2");
  CHECK((*p2)->resolved_at_ms == 20);
  CHECK(store->PutResolution("", "x", "", 1).code() ==
        StatusCode::kInvalidArgument);
}

TEST_CASE("sync log: last run") {
  auto store = OpenMemory();
  CHECK_FALSE(store->LastSyncRun()->has_value());
  auto first = store->AddSyncRun(100, 200, R"({"sent":3})");
  auto second = store->AddSyncRun(300, 400, R"({"sent":0})");
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(*second > *first);
  auto last = store->LastSyncRun();
  REQUIRE(last->has_value());
  CHECK((*last)->run_id == *second);
  CHECK((*last)->started_at_ms == 300);
  CHECK((*last)->finished_at_ms == 400);
  CHECK((*last)->summary_json == R"({"sent":0})");
}

TEST_CASE("Counts: states per kind, reasons, in flight, resources, last sync") {
  auto store = OpenMemory();
  auto counts = store->Counts();
  REQUIRE(counts.ok());
  CHECK(counts->records.total == 0);
  CHECK_FALSE(counts->last_sync.has_value());

  const RecordKey goal{"goal", "g1"};
  for (const char* id :
       {"new", "w1", "w2", "w3", "p1", "p2", "s1", "k1", "d1"}) {
    Put(store.get(), Rating(id));
  }
  Put(store.get(), goal);
  Put(store.get(), Rating("s1"), 2);  // sent at 1, revision 2 undecided
  REQUIRE_OK(store->SetWaiting(Rating("w1"), 1, "patient not found", 1));
  REQUIRE_OK(store->SetWaiting(Rating("w2"), 1, "patient not found", 1));
  REQUIRE_OK(store->SetWaiting(Rating("w3"), 1, "waiting for consent", 1));
  REQUIRE_OK(store->Enqueue(Rating("p1"), 1, 1));
  REQUIRE_OK(store->Enqueue(Rating("p2"), 1, 1));
  REQUIRE_OK(store->MarkInFlight(Rating("p2"), 1, 1));
  REQUIRE_OK(store->MarkSent(Rating("s1"), 1, 1));
  REQUIRE_OK(store->Park(Rating("k1"), 1, "HTTP 422", "{}", 1));
  REQUIRE_OK(store->Park(Rating("d1"), 1, "HTTP 400", "{}", 1));
  REQUIRE_OK(store->DropParked(Rating("d1"), 1));
  REQUIRE_OK(store->Enqueue(goal, 1, 1));
  REQUIRE_OK(store->MarkSent(goal, 1, 1));
  auto conflict = store->MarkConflict(goal, 1, {"Goal", "g", "2", "{}"}, 2);
  REQUIRE(conflict.ok());
  REQUIRE_OK(store->PutServerResource(Resource(goal, "Goal", "i-g1", "g"), 1));
  REQUIRE_OK(store->PutServerResource(
      Resource(Rating("s1"), "Observation", "i1", "o1"), 1));
  REQUIRE_OK(store->PutServerResource(
      Resource(Rating("s1"), "Observation", "i2", "o2"), 1));
  REQUIRE(store->AddSyncRun(5, 6, "{}").ok());

  counts = store->Counts();
  REQUIRE(counts.ok());
  const plugin::StateCounts& all = counts->records;
  CHECK(all.total == 10);
  CHECK(all.new_records == 1);
  CHECK(all.waiting == 3);
  CHECK(all.pending == 2);
  CHECK(all.in_flight == 1);
  CHECK(all.sent == 1);
  CHECK(all.parked == 1);
  CHECK(all.dropped == 1);
  CHECK(all.conflict == 1);
  CHECK(all.unprocessed == 2);  // "new" and s1's revision 2
  CHECK(counts->by_kind.at("rating").total == 9);
  CHECK(counts->by_kind.at("goal").conflict == 1);
  CHECK(counts->waiting_reasons ==
        std::map<std::string, std::int64_t>{{"patient not found", 2},
                                            {"waiting for consent", 1}});
  CHECK(counts->parked_reasons ==
        std::map<std::string, std::int64_t>{{"HTTP 422", 1}});
  CHECK(counts->resources_by_type ==
        std::map<std::string, std::int64_t>{{"Goal", 1}, {"Observation", 2}});
  CHECK(counts->revisions == 11);
  CHECK(counts->open_conflicts == 1);
  REQUIRE(counts->last_sync.has_value());
  CHECK(counts->last_sync->finished_at_ms == 6);
}
