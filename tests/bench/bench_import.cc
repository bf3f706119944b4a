// Benchmark of the offline import path (issue: foundation).
//
// Measures, in one run:
//  1. ratings read + checked + mapped + validated + serialized per CPU
//     second on one thread (target >= 50,000/s per core);
//  2. the same for a mixed file (ratings, consents, goals, plans);
//  3. peak memory (max RSS) of `alliance-fhir import --dry-run` on 100k and
//     1M mixed records, and their ratio (target < 64 MB and ~1.0).
// Usage: bench_import [--records N] [--ratings N] [--dir DIR]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>

#include <fstream>
#include <iostream>
#include <string>

#include "mappings/rating/instrument_catalog.h"
#include "plugin/pipeline/dry_run.h"
#include "tests/bench/record_generator.h"

namespace {

double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

struct Throughput {
  std::size_t records = 0;
  double cpu = 0;
  double wall = 0;
  std::size_t entries = 0;
};

// Runs the dry-run pipeline in this process. With `write_bundle` false the
// work is read + check + map + validate (the issue's target metric); with
// true the transaction Bundle is also built and serialized (to nowhere).
Throughput RunInProcess(const std::string& file, const mappings::InstrumentCatalog& catalog,
                        bool write_bundle) {
  NullBuffer null_buf;
  std::ostream null_out(&null_buf);
  plugin::DryRunOptions options;
  options.mapping.now = "2026-11-22T00:00:00Z";
  options.mapping.instruments = &catalog;
  options.mapping.recipients["hospital"] = {"urn:oid:2.16.840.1.113883.3.9999", "HOSP",
                                            "City Hospital", ""};
  options.messages = &null_out;
  fhir::BundleWriter writer(&null_out);
  plugin::DryRun run(options, write_bundle ? &writer : nullptr);
  double c0 = CpuSeconds();
  auto w0 = std::chrono::steady_clock::now();
  if (!run.ProcessFile(file).ok()) {
    std::cerr << "cannot read " << file << "\n";
    std::exit(1);
  }
  writer.Finish();
  Throughput t;
  t.cpu = CpuSeconds() - c0;
  t.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  t.records = run.summary().accepted;
  t.entries = writer.entries();
  if (run.summary().rejected || run.summary().parked) {
    std::cerr << "unexpected: " << run.summary().ToText();
    std::exit(1);
  }
  return t;
}

// Runs the command and returns its peak resident memory in KiB.
long PeakRssKib(const std::string& file) {
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", 1);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(ALLIANCE_CLI_PATH, "alliance-fhir", "import", file.c_str(), "--dry-run",
          "--out", "/dev/null", "--recipients.hospital=urn:oid:2.16.840.1.113883.3.9999|HOSP|City Hospital",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "alliance-fhir import failed on " << file << " (status " << status << ")\n";
    std::exit(1);
  }
  return ru.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t records = 1000000, ratings = 200000;
  std::string dir = "/tmp/alliance-bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--records")) records = std::strtoul(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--ratings")) ratings = std::strtoul(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  std::system(("mkdir -p '" + dir + "'").c_str());
  std::ofstream(dir + "/consent.pdf") << "%PDF-1.4 signed consent form (benchmark)\n";
  std::size_t tenth = records / 10;
  {
    std::ofstream r(dir + "/ratings.jsonl"), m(dir + "/mixed.jsonl"), s(dir + "/mixed-10pct.jsonl");
    bench::Mix only_ratings{100, 0, 0, 0};
    bench::GenerateRecords(&r, ratings, 1, only_ratings, "consent.pdf");
    bench::GenerateRecords(&m, records, 2, bench::Mix{}, "consent.pdf");
    bench::GenerateRecords(&s, tenth, 2, bench::Mix{}, "consent.pdf");
  }
  mappings::InstrumentCatalog catalog;
  fhir::Issues issues;
  if (!catalog.LoadDirectory(ALLIANCE_INSTRUMENTS_DIR, &issues).ok()) {
    std::cerr << issues.ToText();
    return 1;
  }
  Throughput tv = RunInProcess(dir + "/ratings.jsonl", catalog, false);
  Throughput tr = RunInProcess(dir + "/ratings.jsonl", catalog, true);
  Throughput tm = RunInProcess(dir + "/mixed.jsonl", catalog, true);
  long rss_small = PeakRssKib(dir + "/mixed-10pct.jsonl");
  long rss_large = PeakRssKib(dir + "/mixed.jsonl");

  std::printf("ratings, 1 thread (SRS, WAI-SR, HAq-II in equal parts):\n");
  std::printf("  read, check, map, validate:             %zu in %.2f s CPU: %.0f ratings/s per core (target >= 50000)\n",
              tv.records, tv.cpu, tv.records / tv.cpu);
  std::printf("  ... and write the Bundle (%zu entries): %zu in %.2f s CPU: %.0f ratings/s per core\n",
              tr.entries, tr.records, tr.cpu, tr.records / tr.cpu);
  std::printf("mixed records (70%% ratings, 10%% consents, goals, plans):\n");
  std::printf("  %zu records -> %zu bundle entries in %.2f s CPU: %.0f records/s per core\n",
              tm.records, tm.entries, tm.cpu, tm.records / tm.cpu);
  std::printf("import --dry-run peak memory (max RSS):\n");
  std::printf("  %zu records: %.1f MB\n  %zu records: %.1f MB (target < 64 MB)\n",
              tenth, rss_small / 1024.0, records, rss_large / 1024.0);
  std::printf("  ratio %zu/%zu records: %.3f (1.0 = no growth)\n", records, tenth,
              static_cast<double>(rss_large) / rss_small);
  return 0;
}
