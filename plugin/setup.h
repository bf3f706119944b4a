// Turns Options into the runtime pieces every command needs: the loaded
// instrument catalog and the MappingContext. Reads the clock (only here).
#ifndef ALLIANCE_PLUGIN_SETUP_H_
#define ALLIANCE_PLUGIN_SETUP_H_

#include <ostream>
#include <string>

#include "config/options.h"
#include "fhir/status.h"
#include "mappings/context.h"
#include "mappings/rating/instrument_catalog.h"

namespace plugin {

// The folder of instrument files: options.instruments.dir, else the folder
// shipped with the build.
std::string InstrumentsDir(const config::Options& options);

// Loads the instruments and applies cutoff overrides. Problems in files are
// written to `messages`; the Status is not OK when nothing usable loaded or
// an override names an unknown score.
fhir::Status LoadInstruments(const config::Options& options,
                             mappings::InstrumentCatalog* catalog,
                             std::ostream* messages);

// The current time as a FHIR instant in UTC, e.g. "2026-11-22T04:10:00Z".
std::string NowInstant();

// `catalog` must outlive the returned context.
mappings::MappingContext MakeMappingContext(
    const config::Options& options, const mappings::InstrumentCatalog* catalog,
    const std::string& now);

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_SETUP_H_
