#include <fstream>
#include <iostream>
#include <memory>

#include "fhir/primitives.h"
#include "plugin/cli/commands.h"
#include "plugin/pipeline/dry_run.h"
#include "plugin/runtime.h"
#include "plugin/setup.h"
#include "plugin/sync/importer.h"

namespace plugin {

namespace {

// import without --dry-run: records into the store, queued for sync.
int ImportToStore(const config::Invocation& inv) {
  fhir::StatusOr<std::unique_ptr<Runtime>> rt = OpenRuntime(inv.options, false, &std::cerr);
  if (!rt.ok()) {
    std::cerr << "alliance-fhir import: " << rt.status().message() << "\n";
    return kExitUsage;
  }
  IntakeContext intake;
  intake.instruments = &(*rt)->catalog;
  StoreImportSummary summary;
  bool missing = false;
  for (const std::string& path : inv.args) {
    fhir::Status st = ImportFile(path, intake, inv.options.intake.max_line_bytes,
                                 (*rt)->store.get(), WallClockMs(), &std::cerr, &summary);
    if (st.code() == fhir::StatusCode::kNotFound) {
      std::cerr << "alliance-fhir import: " << st.message() << "\n";
      missing = true;
    } else if (!st.ok()) {
      std::cerr << "alliance-fhir import: store: " << st.message() << "\n";
      return kExitUsage;
    }
  }
  if (inv.Flag("json")) {
    std::cout << summary.ToJson().SerializePretty() << "\n";
  } else {
    std::cout << summary.ToText();
  }
  if (missing) return kExitUsage;
  return summary.rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

int RunImport(const config::Invocation& inv) {
  if (!inv.Flag("dry-run")) {
    if (inv.Flag("out")) {
      std::cerr << "alliance-fhir import: --out goes with --dry-run\n";
      return kExitUsage;
    }
    return ImportToStore(inv);
  }
  if (inv.Flag("out") && inv.Value("out").empty()) {
    std::cerr << "alliance-fhir import: --out needs a file name\n";
    return kExitUsage;
  }
  std::string now = inv.Value("now", NowInstant());
  if (!fhir::IsFhirInstant(now)) {
    std::cerr << "alliance-fhir import: --now: \"" << now
              << "\" is not a FHIR instant (e.g. 2026-03-02T20:00:00Z)\n";
    return kExitUsage;
  }
  mappings::InstrumentCatalog catalog;
  fhir::Status st = LoadInstruments(inv.options, &catalog, &std::cerr);
  if (!st.ok()) {
    std::cerr << "alliance-fhir import: " << st.message() << "\n";
    return kExitUsage;
  }
  DryRunOptions options;
  options.mapping = MakeMappingContext(inv.options, &catalog, now);
  options.max_line_bytes = inv.options.intake.max_line_bytes;
  options.messages = &std::cerr;

  std::ofstream file;
  std::ostream* out = nullptr;
  if (inv.Flag("out")) {
    if (inv.Value("out") == "-") {
      out = &std::cout;
    } else {
      file.open(inv.Value("out"), std::ios::binary | std::ios::trunc);
      if (!file) {
        std::cerr << "alliance-fhir import: cannot write " << inv.Value("out") << "\n";
        return kExitUsage;
      }
      out = &file;
    }
  }
  std::unique_ptr<fhir::BundleWriter> writer;
  if (out) writer = std::make_unique<fhir::BundleWriter>(out);
  DryRun run(options, writer.get());
  bool missing = false;
  for (const std::string& path : inv.args) {
    fhir::Status fs = run.ProcessFile(path);
    if (!fs.ok()) {
      std::cerr << "alliance-fhir import: " << fs.message() << "\n";
      missing = true;
    }
  }
  if (writer) writer->Finish();
  if (file.is_open()) {
    file.close();
    if (!file) {
      std::cerr << "alliance-fhir import: writing " << inv.Value("out") << " failed\n";
      return kExitUsage;
    }
  }
  // With the Bundle on stdout, the summary goes to stderr.
  std::ostream& report = out == &std::cout ? std::cerr : std::cout;
  if (inv.Flag("json")) {
    report << run.summary().ToJson().SerializePretty() << "\n";
  } else {
    report << run.summary().ToText();
  }
  if (missing) return kExitUsage;
  const ImportSummary& s = run.summary();
  return (s.rejected > 0 || s.parked > 0) ? kExitRejected : kExitOk;
}

}  // namespace plugin
