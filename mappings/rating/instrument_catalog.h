// InstrumentCatalog: the loaded instruments, by id and version.
//
//   InstrumentCatalog catalog;
//   fhir::Issues issues;
//   fhir::Status s = catalog.LoadDirectory("mappings/instruments", &issues);
//   const Instrument* srs = catalog.Find("srs");  // newest version
//
// The catalog owns its Instruments; the pointers it hands out stay valid
// until it is destroyed (loading more files does not move them). Loading and
// SetCutoff are not thread-safe; once configured, concurrent const use
// (Find, scoring, mapping) is.
//
// Every problem in a file is reported as an error whose path starts with the
// file name: `srs-1.json: items[2].scale.max` / "must be greater than min".
// A file with any error is not loaded at all.
#ifndef ALLIANCE_MAPPINGS_RATING_INSTRUMENT_CATALOG_H_
#define ALLIANCE_MAPPINGS_RATING_INSTRUMENT_CATALOG_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fhir/issues.h"
#include "fhir/status.h"
#include "mappings/rating/instrument.h"

namespace mappings {

class InstrumentCatalog {
 public:
  InstrumentCatalog() = default;
  InstrumentCatalog(const InstrumentCatalog&) = delete;
  InstrumentCatalog& operator=(const InstrumentCatalog&) = delete;

  // Loads every "*.json" file of `dir` (not recursive), in file-name order.
  // Returns NotFound when `dir` is not a readable directory,
  // InvalidArgument when any file failed (the others are still loaded),
  // else OK. A file whose name is not "<id>-<version>.json" loads with a
  // warning.
  fhir::Status LoadDirectory(const std::string& dir, fhir::Issues* issues);

  // Loads one instrument from JSON text; `name` (a file name) prefixes the
  // issue paths. InvalidArgument when the text has errors or the id and
  // version are already loaded.
  fhir::Status LoadText(const std::string& name, std::string_view text,
                        fhir::Issues* issues);

  // The instrument with this id and version; an empty version means the
  // newest loaded (CompareVersions). nullptr when not loaded.
  const Instrument* Find(std::string_view id,
                         std::string_view version = "") const;
  // Loaded versions of `id`, newest first (empty when unknown).
  std::vector<const Instrument*> Versions(std::string_view id) const;
  // Every instrument, ordered by id, then version (oldest first).
  std::vector<const Instrument*> All() const;
  // A score of the newest version of an instrument ("srs", "total"), or
  // nullptr.
  const ScoreDef* FindScore(std::string_view instrument_id,
                            std::string_view score_id) const;

  // Overrides the cutoff of a score in every loaded version of the
  // instrument, and in versions loaded later. Keeps the direction of the
  // file's cutoff (default "below"); the source becomes "configuration".
  // Returns false when no loaded version has that score (the override is
  // still kept for files loaded later).
  bool SetCutoff(const std::string& instrument, const std::string& score,
                 double value);

  std::size_t size() const { return owned_.size(); }

 private:
  void ApplyOverrides(Instrument* in) const;

  std::vector<std::unique_ptr<Instrument>> owned_;
  // id -> versions, newest first. Transparent comparator: lookups by
  // string_view do not allocate.
  std::map<std::string, std::vector<Instrument*>, std::less<>> by_id_;
  // (instrument, score) -> cutoff value set by configuration.
  std::map<std::pair<std::string, std::string>, double> overrides_;
};

}  // namespace mappings

#endif  // ALLIANCE_MAPPINGS_RATING_INSTRUMENT_CATALOG_H_
