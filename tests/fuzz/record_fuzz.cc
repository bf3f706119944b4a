// libFuzzer target for the record reader: arbitrary bytes as a JSON Lines
// file go through the line reader and record intake (parse, contract
// checks, instrument checks), and accepted records through mapping. Nothing
// may crash, and a rejected line must come with at least one error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "mappings/map_record.h"
#include "mappings/rating/instrument_catalog.h"
#include "plugin/intake/line_reader.h"
#include "plugin/intake/record_intake.h"

namespace {

const mappings::InstrumentCatalog& Catalog() {
  static mappings::InstrumentCatalog* catalog = [] {
    auto* c = new mappings::InstrumentCatalog();
    fhir::Issues issues;
    if (!c->LoadDirectory(ALLIANCE_INSTRUMENTS_DIR, &issues).ok()) std::abort();
    return c;
  }();
  return *catalog;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  plugin::LineReader reader(&in, 1 << 16);
  plugin::IntakeContext ctx;  // no base_dir: documents by path are refused
  ctx.instruments = &Catalog();
  mappings::MappingContext mctx;
  mctx.now = "2026-03-02T20:00:00Z";
  mctx.instruments = &Catalog();
  std::string line;
  while (reader.Next(&line) == plugin::LineReader::Result::kLine) {
    fhir::Issues issues;
    auto record = plugin::TakeRecord(line, ctx, &issues);
    if (!record) {
      if (!issues.HasErrors()) std::abort();
      continue;
    }
    mappings::MappingResult mapped = mappings::MapRecord(*record, mctx);
    (void)mapped;
  }
  return 0;
}
