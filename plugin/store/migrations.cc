#include "plugin/store/migrations.h"

#include "plugin/store/sqlite_db.h"

namespace plugin {
namespace store_internal {

using fhir::Status;
using fhir::StatusCode;
using fhir::StatusOr;

namespace {

// Version 1: records, revisions, sync state + outbox, server mapping,
// cursors, sync log, resolution cache, conflicts. Times ending in _at are
// the plugin's clock in ms since the epoch; server times are TEXT verbatim.
constexpr char kSchemaV1[] = R"sql(
CREATE TABLE record (
  record_pk          INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL,
  record_id          TEXT NOT NULL,
  mrn                TEXT NOT NULL,
  latest_revision    INTEGER NOT NULL,
  -- Sync state; concerns state_revision (0 while 'new').
  state              TEXT NOT NULL CHECK (state IN
                       ('new','waiting','pending','sent','parked','conflict',
                        'dropped')),
  state_revision     INTEGER NOT NULL DEFAULT 0,
  state_reason       TEXT NOT NULL DEFAULT '',
  state_outcome      TEXT NOT NULL DEFAULT '',
  state_changed_at   INTEGER NOT NULL,
  sent_revision      INTEGER NOT NULL DEFAULT 0,
  -- Outbox, while state = 'pending': place in the queue, backoff.
  queue_seq          INTEGER,
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at    INTEGER,
  last_error         TEXT NOT NULL DEFAULT '',
  -- A write whose answer was not recorded yet (0: none).
  in_flight_revision INTEGER NOT NULL DEFAULT 0,
  in_flight_since    INTEGER,
  UNIQUE (kind, record_id),
  CHECK (state_revision <= latest_revision),
  CHECK ((state = 'pending') = (queue_seq IS NOT NULL))
);
CREATE INDEX record_by_mrn ON record (mrn);
CREATE INDEX record_outbox ON record (state, queue_seq);
CREATE INDEX record_unprocessed ON record (record_pk)
  WHERE state_revision < latest_revision;
CREATE INDEX record_in_flight ON record (record_pk)
  WHERE in_flight_revision > 0;

CREATE TABLE revision (
  record_pk      INTEGER NOT NULL REFERENCES record (record_pk),
  revision       INTEGER NOT NULL CHECK (revision >= 1),
  mrn            TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  canonical_json TEXT NOT NULL,
  received_at    INTEGER NOT NULL,
  UNIQUE (record_pk, revision)
);

CREATE TABLE server_resource (
  record_pk     INTEGER NOT NULL REFERENCES record (record_pk),
  resource_type TEXT NOT NULL,
  identifier    TEXT NOT NULL,
  server_id     TEXT NOT NULL,
  version_id    TEXT NOT NULL DEFAULT '',
  etag          TEXT NOT NULL DEFAULT '',
  last_updated  TEXT NOT NULL DEFAULT '',
  sent_hash     TEXT NOT NULL DEFAULT '',
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (record_pk, resource_type, identifier),
  UNIQUE (resource_type, server_id)
);

CREATE TABLE sync_cursor (
  resource_type TEXT PRIMARY KEY,
  last_updated  TEXT NOT NULL,
  updated_at    INTEGER NOT NULL
);

CREATE TABLE sync_run (
  run_id       INTEGER PRIMARY KEY,
  started_at   INTEGER NOT NULL,
  finished_at  INTEGER NOT NULL,
  summary_json TEXT NOT NULL
);

-- reference '' = searched and not found at resolved_at.
CREATE TABLE resolution (
  resource_type TEXT NOT NULL,
  identifier    TEXT NOT NULL,
  reference     TEXT NOT NULL,
  resolved_at   INTEGER NOT NULL,
  PRIMARY KEY (resource_type, identifier)
);

CREATE TABLE conflict (
  conflict_id     INTEGER PRIMARY KEY,
  record_pk       INTEGER NOT NULL REFERENCES record (record_pk),
  local_revision  INTEGER NOT NULL,
  resource_type   TEXT NOT NULL,
  server_id       TEXT NOT NULL,
  server_version  TEXT NOT NULL,
  server_json     TEXT NOT NULL,
  detected_at     INTEGER NOT NULL,
  resolved_at     INTEGER,
  resolution      TEXT CHECK (resolution IN ('local', 'server'))
);
CREATE UNIQUE INDEX conflict_open ON conflict (record_pk)
  WHERE resolved_at IS NULL;
)sql";

Status Refuse(const Db& db, const std::string& why) {
  return Status(StatusCode::kFailedPrecondition,
                "store " + db.path() + ": " + why);
}

Status CheckList(const Db& db, const std::vector<Migration>& migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Status(StatusCode::kInternal,
                    "store " + db.path() + ": migration list out of order at " +
                        std::to_string(i + 1));
    }
  }
  return Status();
}

// Refuses files that are not ours, or too new. Sets *version.
Status Inspect(Db* db, std::size_t latest, int* version) {
  StatusOr<std::int64_t> app = db->QueryInt("PRAGMA application_id");
  if (!app.ok()) return app.status();
  StatusOr<std::int64_t> user = db->QueryInt("PRAGMA user_version");
  if (!user.ok()) return user.status();
  StatusOr<std::int64_t> objects =
      db->QueryInt("SELECT count(*) FROM sqlite_master");
  if (!objects.ok()) return objects.status();
  const bool empty = *app == 0 && *user == 0 && *objects == 0;
  if (!empty && *app != kApplicationId) {
    return Refuse(*db,
                  "not an alliance-fhir store (a SQLite file of another "
                  "program)");
  }
  if (*user > static_cast<std::int64_t>(latest)) {
    return Refuse(*db, "schema version " + std::to_string(*user) +
                           " is newer than this alliance-fhir understands (" +
                           std::to_string(latest) +
                           "); use a newer alliance-fhir");
  }
  *version = static_cast<int>(*user);
  return Status();
}

}  // namespace

const std::vector<Migration>& StoreMigrations() {
  static const std::vector<Migration>* const kMigrations =
      new std::vector<Migration>{
          {1, "records, outbox, server mapping, cursors, resolution, conflicts",
           kSchemaV1},
      };
  return *kMigrations;
}

StatusOr<int> Migrate(Db* db, const std::vector<Migration>& migrations) {
  STORE_RETURN_IF_ERROR(CheckList(*db, migrations));
  const std::size_t latest = migrations.size();
  int version = 0;
  STORE_RETURN_IF_ERROR(Inspect(db, latest, &version));
  if (version == static_cast<int>(latest)) return version;

  STORE_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
  // Another process may have migrated between Inspect and BEGIN.
  Status s = Inspect(db, latest, &version);
  for (std::size_t i = version; s.ok() && i < latest; ++i) {
    s = db->Exec(migrations[i].sql);
    if (!s.ok()) {
      const std::string prefix = "store " + db->path() + ": ";
      std::string detail = s.message();
      if (detail.rfind(prefix, 0) == 0) detail.erase(0, prefix.size());
      s = Status(s.code(), prefix + "migration to schema version " +
                               std::to_string(migrations[i].version) + " (" +
                               migrations[i].description +
                               ") failed: " + detail);
    }
  }
  if (s.ok()) {
    StatusOr<std::int64_t> broken =
        db->QueryInt("SELECT count(*) FROM pragma_foreign_key_check");
    if (!broken.ok()) {
      s = broken.status();
    } else if (*broken != 0) {
      s = Status(StatusCode::kInternal,
                 "store " + db->path() + ": migration left " +
                     std::to_string(*broken) + " broken foreign keys");
    }
  }
  if (s.ok()) {
    s = db->Exec("PRAGMA application_id = " + std::to_string(kApplicationId) +
                 "; PRAGMA user_version = " + std::to_string(latest));
  }
  if (s.ok()) s = db->Exec("COMMIT");
  if (!s.ok()) {
    if (db->in_transaction()) db->Exec("ROLLBACK");
    return s;
  }
  return static_cast<int>(latest);
}

}  // namespace store_internal
}  // namespace plugin
