#include "mappings/rating/rating_check.h"

#include <cmath>
#include <vector>

namespace mappings {

namespace {

std::string LoadedVersions(const InstrumentCatalog& catalog,
                           const std::string& id) {
  std::string out;
  for (const Instrument* v : catalog.Versions(id)) {
    if (!out.empty()) out += ", ";
    out += v->version;
  }
  return out;
}

}  // namespace

const Instrument* CheckRatingAgainstInstrument(const RatingRecord& rating,
                                               const InstrumentCatalog& catalog,
                                               fhir::Issues* issues) {
  const Instrument* in = catalog.Find(rating.instrument);
  if (!in) {
    issues->Error("not-found", "instrument",
                  "unknown instrument \"" + rating.instrument + "\"");
    return nullptr;
  }
  if (!rating.instrument_version.empty()) {
    in = catalog.Find(rating.instrument, rating.instrument_version);
    if (!in) {
      issues->Error("not-found", "instrumentVersion",
                    rating.instrument + " has no version \"" +
                        rating.instrument_version + "\" (loaded: " +
                        LoadedVersions(catalog, rating.instrument) + ")");
      return nullptr;
    }
  }
  if (!in->Allows(rating.respondent)) {
    issues->Error("code-invalid", "respondent",
                  rating.respondent + " is not a respondent of " + in->id +
                      " (allowed: " + RespondentNames(in->respondents) + ")");
  }
  // Seen flags per item; small instruments, so a plain vector.
  std::vector<char> seen(in->items.size(), 0);
  for (const Answer& a : rating.answers) {
    int index = in->ItemIndex(a.link_id);
    auto path = [&a] { return "answers." + a.link_id; };
    if (index < 0) {
      issues->Error(
          "not-found", path(),
          "unknown item (not in " + in->id + " version " + in->version + ")");
      continue;
    }
    if (seen[index]) {
      issues->Error("duplicate", path(), "answered twice");
      continue;
    }
    seen[index] = 1;
    if (!a.value_text) continue;  // skipped
    const Scale& s = in->items[index].scale;
    if (!(a.value >= s.min && a.value <= s.max)) {
      issues->Error(
          "value", path(),
          *a.value_text + " is outside " + s.min_text + ".." + s.max_text);
    } else if (s.integer && a.value != std::floor(a.value)) {
      issues->Error("value", path(), *a.value_text + " is not a whole number");
    }
  }
  return in;
}

}  // namespace mappings
