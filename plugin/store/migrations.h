// Internal to plugin/store: the schema as an ordered list of migrations, and
// the code that brings a database up to date.
//
// The file's version is PRAGMA user_version (0 = empty file). Migration N
// turns a version N-1 database into version N; the list is append-only: a
// released migration is never edited, a change is a new one (issue 5 adds
// the consent decisions and the audit log as version 2, 3...).
#ifndef ALLIANCE_PLUGIN_STORE_MIGRATIONS_H_
#define ALLIANCE_PLUGIN_STORE_MIGRATIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "fhir/status.h"

namespace plugin {
namespace store_internal {

class Db;

struct Migration {
  int version;              // 1, 2, 3... in order, no gaps
  std::string description;  // for error messages
  std::string sql;          // one or more statements
};

// PRAGMA application_id of store files: "ALF1".
constexpr std::int32_t kApplicationId = 0x414C4631;

// The store's schema, version 1 first.
const std::vector<Migration>& StoreMigrations();

// Brings `db` to the last version of `migrations` in one transaction
// (foreign keys are checked before it commits) and returns that version.
// An empty file is initialized. Refuses (kFailedPrecondition) a file whose
// version is newer than the list, or a SQLite file of another program.
// Foreign key enforcement must be off while this runs.
fhir::StatusOr<int> Migrate(Db* db, const std::vector<Migration>& migrations);

}  // namespace store_internal
}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_STORE_MIGRATIONS_H_
