// Helpers shared by the store tests.
#ifndef ALLIANCE_TESTS_PLUGIN_STORE_STORE_TEST_UTIL_H_
#define ALLIANCE_TESTS_PLUGIN_STORE_STORE_TEST_UTIL_H_

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "plugin/store/store.h"

#define REQUIRE_OK(expr)                              \
  do {                                                \
    const ::fhir::Status require_ok_status_ = (expr); \
    INFO(require_ok_status_.ToString());              \
    REQUIRE(require_ok_status_.ok());                 \
  } while (false)

namespace store_test {

inline std::unique_ptr<plugin::Store> OpenMemory() {
  auto store = plugin::Store::Open(":memory:");
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(store).value();
}

inline std::unique_ptr<plugin::Store> OpenFile(
    const std::string& path,
    const plugin::StoreOptions& options = plugin::StoreOptions()) {
  auto store = plugin::Store::Open(path, options);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(store).value();
}

inline plugin::RecordKey Rating(const std::string& id) {
  return plugin::RecordKey{"rating", id};
}

// A record's canonical JSON (content varies with `value`).
inline std::string Json(const std::string& id, int value = 1) {
  return "{\"id\":\"" + id + "\",\"value\":" + std::to_string(value) + "}";
}

// Puts a record (revision 1 when new) and returns its revision.
inline std::int64_t Put(plugin::Store* store, const plugin::RecordKey& key,
                        int value = 1, std::int64_t now = 1000,
                        const std::string& mrn = "MRN1") {
  auto put = store->PutRecord(key, mrn, Json(key.id, value), now);
  INFO(put.status().ToString());
  REQUIRE(put.ok());
  return put->revision;
}

// A server mapping with only the required fields set.
inline plugin::ServerResource Mapping(const plugin::RecordKey& key,
                                      const std::string& type,
                                      const std::string& identifier,
                                      const std::string& server_id) {
  plugin::ServerResource r;
  r.key = key;
  r.resource_type = type;
  r.identifier = identifier;
  r.server_id = server_id;
  return r;
}

inline plugin::RecordState State(plugin::Store* store,
                                 const plugin::RecordKey& key) {
  auto state = store->GetState(key);
  INFO(state.status().ToString());
  REQUIRE(state.ok());
  return *state;
}

// A fresh folder under the system temp dir, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "store_test.XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const {
    return (std::filesystem::path(path_) / name).string();
  }

 private:
  std::string path_;
};

}  // namespace store_test

#endif  // ALLIANCE_TESTS_PLUGIN_STORE_STORE_TEST_UTIL_H_
