#include "mappings/rating/instrument_catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "fhir/json.h"
#include "mappings/rating/instrument_parser.h"

namespace mappings {

namespace fs = std::filesystem;
using fhir::Issues;
using fhir::Status;

namespace {

// Copies `from` into `to`, each path becoming "<name>: <path>".
void PrefixInto(const Issues& from, const std::string& name, Issues* to) {
  for (const fhir::Issue& i : from.list()) {
    to->Add(i.severity, i.code, i.path.empty() ? name : name + ": " + i.path,
            i.message);
  }
}

}  // namespace

Status InstrumentCatalog::LoadText(const std::string& name,
                                   std::string_view text, Issues* issues) {
  fhir::StatusOr<fhir::Json> doc = fhir::Json::Parse(text);
  if (!doc.ok()) {
    issues->Error("structure", name,
                  "not valid JSON: " + doc.status().message());
    return fhir::InvalidArgumentError(name + ": not valid JSON");
  }
  Issues local;
  std::optional<Instrument> parsed = ParseInstrument(*doc, &local);
  PrefixInto(local, name, issues);
  if (!parsed) return fhir::InvalidArgumentError(name + ": invalid instrument");

  if (const Instrument* existing = Find(parsed->id, parsed->version)) {
    issues->Error("duplicate", name,
                  "instrument " + parsed->id + " version " + parsed->version +
                      " is already loaded from " + existing->source_name);
    return fhir::InvalidArgumentError(name + ": duplicate instrument");
  }
  parsed->source_name = name;
  auto owned = std::make_unique<Instrument>(std::move(*parsed));
  ApplyOverrides(owned.get());
  std::vector<Instrument*>& versions = by_id_[owned->id];
  auto pos =
      std::find_if(versions.begin(), versions.end(), [&](const Instrument* v) {
        return CompareVersions(v->version, owned->version) < 0;
      });
  versions.insert(pos, owned.get());
  owned_.push_back(std::move(owned));
  return fhir::OkStatus();
}

Status InstrumentCatalog::LoadDirectory(const std::string& dir,
                                        Issues* issues) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    issues->Error("not-found", dir, "instrument folder not found");
    return fhir::NotFoundError("instrument folder not found: " + dir);
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().extension() == ".json" && it->is_regular_file(ec)) {
      files.push_back(it->path());
    }
  }
  if (ec) {
    issues->Error("exception", dir, "cannot list folder: " + ec.message());
    return fhir::NotFoundError("cannot list instrument folder: " + dir);
  }
  std::sort(files.begin(), files.end());
  int failed = 0;
  for (const fs::path& path : files) {
    std::string name = path.filename().string();
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) {
      issues->Error("exception", name, "cannot read file");
      ++failed;
      continue;
    }
    if (!LoadText(name, text.str(), issues).ok()) {
      ++failed;
      continue;
    }
    const Instrument* loaded = owned_.back().get();
    std::string expected = loaded->id + "-" + loaded->version + ".json";
    if (name != expected) {
      issues->Warning(
          "invariant", name,
          "file name should be " + expected + " (instrument id and version)");
    }
  }
  if (failed > 0) {
    return fhir::InvalidArgumentError(
        std::to_string(failed) + " of " + std::to_string(files.size()) +
        " instrument files in " + dir + " failed to load");
  }
  return fhir::OkStatus();
}

const Instrument* InstrumentCatalog::Find(std::string_view id,
                                          std::string_view version) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end() || it->second.empty()) return nullptr;
  if (version.empty()) return it->second.front();
  for (const Instrument* v : it->second) {
    if (v->version == version) return v;
  }
  return nullptr;
}

std::vector<const Instrument*> InstrumentCatalog::Versions(
    std::string_view id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

std::vector<const Instrument*> InstrumentCatalog::All() const {
  std::vector<const Instrument*> out;
  out.reserve(owned_.size());
  for (const auto& in : owned_) out.push_back(in.get());
  std::sort(out.begin(), out.end(),
            [](const Instrument* a, const Instrument* b) {
              if (a->id != b->id) return a->id < b->id;
              return CompareVersions(a->version, b->version) < 0;
            });
  return out;
}

const ScoreDef* InstrumentCatalog::FindScore(std::string_view instrument_id,
                                             std::string_view score_id) const {
  const Instrument* in = Find(instrument_id);
  return in ? in->FindScore(score_id) : nullptr;
}

bool InstrumentCatalog::SetCutoff(const std::string& instrument,
                                  const std::string& score, double value) {
  overrides_[{instrument, score}] = value;
  bool found = false;
  auto it = by_id_.find(instrument);
  if (it == by_id_.end()) return false;
  for (Instrument* in : it->second) {
    ApplyOverrides(in);
    found = found || in->FindScore(score) != nullptr;
  }
  return found;
}

void InstrumentCatalog::ApplyOverrides(Instrument* in) const {
  for (ScoreDef& s : in->scores) {
    auto it = overrides_.find({in->id, s.id});
    if (it == overrides_.end()) continue;
    Cutoff c = s.cutoff.value_or(Cutoff{});
    c.value = it->second;
    c.source = "configuration";
    s.cutoff = c;
  }
}

}  // namespace mappings
