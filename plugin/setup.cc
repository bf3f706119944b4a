#include "plugin/setup.h"

#include <ctime>

namespace plugin {

std::string InstrumentsDir(const config::Options& options) {
  if (!options.instruments.dir.empty()) return options.instruments.dir;
  return ALLIANCE_INSTRUMENTS_DIR;
}

fhir::Status LoadInstruments(const config::Options& options,
                             mappings::InstrumentCatalog* catalog,
                             std::ostream* messages) {
  fhir::Issues issues;
  fhir::Status st = catalog->LoadDirectory(InstrumentsDir(options), &issues);
  for (const fhir::Issue& i : issues.list()) {
    *messages << (i.path.empty() ? "" : i.path + ": ") << i.message << "\n";
  }
  if (st.code() == fhir::StatusCode::kNotFound) return st;
  if (catalog->All().empty()) {
    return fhir::FailedPreconditionError("no instruments loaded from " +
                                         InstrumentsDir(options));
  }
  for (const auto& [key, value] : options.instruments.cutoffs) {
    auto colon = key.find(':');
    std::string instrument = key.substr(0, colon);
    std::string score = key.substr(colon + 1);
    if (!catalog->FindScore(instrument, score)) {
      return fhir::InvalidArgumentError("cutoffs." + key +
                                        ": no such instrument score");
    }
    catalog->SetCutoff(instrument, score, value);
  }
  return fhir::OkStatus();
}

std::string NowInstant() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

mappings::MappingContext MakeMappingContext(
    const config::Options& options, const mappings::InstrumentCatalog* catalog,
    const std::string& now) {
  mappings::MappingContext ctx;
  ctx.now = now;
  ctx.record_system = options.identifiers.record_system;
  ctx.mrn_system = options.identifiers.mrn_system;
  ctx.staff_system = options.identifiers.staff_system;
  ctx.source = options.clinic.source;
  ctx.clinic = {options.clinic.org_system, options.clinic.org_value,
                options.clinic.name, ""};
  for (const auto& [key, r] : options.recipients) {
    ctx.recipients[key] = {r.system, r.value, r.display, ""};
  }
  ctx.inline_document_max_bytes = options.intake.inline_document_max_bytes;
  ctx.instruments = catalog;
  return ctx;
}

}  // namespace plugin
