#include "plugin/sync/importer.h"

#include <fstream>
#include <memory>
#include <sstream>

#include "mappings/records/record_writer.h"
#include "plugin/intake/line_reader.h"

namespace plugin {

fhir::Status StoreRecord(const mappings::Record& record, Store* store,
                         std::int64_t now_ms, StoreImportSummary* summary) {
  mappings::Record stored = record;
  if (auto* consent = std::get_if<mappings::ConsentRecord>(&stored)) {
    // Keep the signed form itself: written as "data" from now on.
    if (consent->document && consent->document->bytes) {
      consent->document->inline_data = true;
      consent->document->path.clear();
    }
  }
  const mappings::RecordBase& base = mappings::Base(stored);
  RecordKey key{mappings::RecordKind(stored), base.id};
  std::string json = mappings::RecordToJson(stored).SerializeCanonical();
  Transaction tx(store);
  fhir::StatusOr<PutResult> put = store->PutRecord(key, base.mrn, json, now_ms);
  if (!put.ok()) return put.status();
  if (!put->changed) {
    ++summary->unchanged;
    return fhir::OkStatus();
  }
  (put->revision == 1 ? summary->new_records : summary->new_revisions)++;
  fhir::Status st = store->Enqueue(key, put->revision, now_ms);
  if (!st.ok()) return st;
  return tx.Commit();
}

fhir::Status ImportFile(const std::string& path, const IntakeContext& base_intake,
                        std::size_t max_line_bytes, Store* store,
                        std::int64_t now_ms, std::ostream* messages,
                        StoreImportSummary* summary) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fhir::NotFoundError("cannot open " + path);
  IntakeContext intake = base_intake;
  intake.base_dir = ".";
  if (auto slash = path.rfind('/'); slash != std::string::npos) {
    intake.base_dir = slash == 0 ? "/" : path.substr(0, slash);
  }
  LineReader reader(&in, max_line_bytes);
  std::string line;
  // Records are committed in groups (one disk sync per group, not per
  // record). A crash loses at most the open group, which a re-import of the
  // same file brings back (unchanged records change nothing).
  constexpr std::size_t kGroup = 500;
  std::unique_ptr<Transaction> group;
  std::size_t in_group = 0;
  for (LineReader::Result r; (r = reader.Next(&line)) != LineReader::Result::kEnd;) {
    ++summary->lines;
    if (r == LineReader::Result::kTooLong) {
      ++summary->rejected;
      *messages << path << ":" << reader.line_number() << ": line is longer than "
                << max_line_bytes << " bytes (intake.max_line_bytes)\n";
      continue;
    }
    fhir::Issues issues;
    std::optional<mappings::Record> record = TakeRecord(line, intake, &issues);
    for (const fhir::Issue& i : issues.list()) {
      if (!i.is_error()) ++summary->warnings;
      *messages << FormatIssue(path, reader.line_number(), i) << "\n";
    }
    if (!record) {
      ++summary->rejected;
      continue;
    }
    if (!group) group = std::make_unique<Transaction>(store);
    fhir::Status st = StoreRecord(*record, store, now_ms, summary);
    if (!st.ok()) return st;
    if (++in_group == kGroup) {
      st = group->Commit();
      group.reset();
      in_group = 0;
      if (!st.ok()) return st;
    }
  }
  if (group) return group->Commit();
  return fhir::OkStatus();
}

fhir::Json StoreImportSummary::ToJson() const {
  fhir::Json j = fhir::Json::Object();
  j.Set("lines", static_cast<std::int64_t>(lines));
  j.Set("new", static_cast<std::int64_t>(new_records));
  j.Set("changed", static_cast<std::int64_t>(new_revisions));
  j.Set("unchanged", static_cast<std::int64_t>(unchanged));
  j.Set("rejected", static_cast<std::int64_t>(rejected));
  j.Set("warnings", static_cast<std::int64_t>(warnings));
  return j;
}

std::string StoreImportSummary::ToText() const {
  std::ostringstream out;
  out << "records: " << lines << " read, " << new_records << " new, "
      << new_revisions << " changed, " << unchanged << " unchanged, "
      << rejected << " rejected; " << warnings << " warnings\n";
  return out.str();
}

}  // namespace plugin
