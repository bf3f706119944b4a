#include "plugin/pipeline/dry_run.h"

#include <fstream>
#include <sstream>

#include "fhir/crypto.h"
#include "fhir/validation/validator.h"
#include "mappings/map_record.h"
#include "mappings/rating/instrument_catalog.h"
#include "mappings/rating/questionnaire.h"
#include "plugin/intake/line_reader.h"
#include "plugin/intake/record_intake.h"

namespace plugin {

using fhir::Json;

DryRun::DryRun(const DryRunOptions& options, fhir::BundleWriter* writer)
    : options_(options), writer_(writer) {}

fhir::Status DryRun::ProcessFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fhir::NotFoundError("cannot open " + path);
  std::string base_dir = ".";
  if (auto slash = path.rfind('/'); slash != std::string::npos) {
    base_dir = slash == 0 ? "/" : path.substr(0, slash);
  }
  LineReader reader(&in, options_.max_line_bytes);
  std::string line;
  while (true) {
    LineReader::Result r = reader.Next(&line);
    if (r == LineReader::Result::kEnd) break;
    ++summary_.lines;
    if (r == LineReader::Result::kTooLong) {
      ++summary_.rejected;
      *options_.messages << path << ":" << reader.line_number()
                         << ": line is longer than " << options_.max_line_bytes
                         << " bytes (intake.max_line_bytes)\n";
      continue;
    }
    ProcessLine(path, reader.line_number(), base_dir, line);
  }
  return fhir::OkStatus();
}

void DryRun::ProcessLine(const std::string& file, std::size_t line_no,
                         const std::string& base_dir, const std::string& text) {
  IntakeContext intake;
  intake.base_dir = base_dir;
  intake.instruments = options_.mapping.instruments;
  fhir::Issues issues;
  std::optional<mappings::Record> record = TakeRecord(text, intake, &issues);
  auto report = [&](const fhir::Issues& found, const char* suffix) {
    for (const fhir::Issue& i : found.list()) {
      if (!i.is_error()) ++summary_.warnings;
      *options_.messages << FormatIssue(file, line_no, i) << suffix << "\n";
    }
  };
  if (!record) {
    ++summary_.rejected;
    report(issues, "");
    return;
  }
  mappings::MappingResult mapped = mappings::MapRecord(*record, options_.mapping);
  issues.Merge(mapped.issues);
  for (const mappings::MappedResource& r : mapped.resources) {
    fhir::ValidateResource(r.resource, &issues);
  }
  if (issues.HasErrors()) {
    // Never sent: the record waits with its OperationOutcome.
    ++summary_.parked;
    report(issues, " (parked)");
    return;
  }
  report(issues, "");
  ++summary_.accepted;
  ++summary_.records_by_kind[mappings::RecordKind(*record)];
  if (auto* rating = std::get_if<mappings::RatingRecord>(&*record)) {
    AddQuestionnaire(rating->instrument, rating->instrument_version);
  }
  for (const mappings::MappedResource& r : mapped.resources) {
    ++summary_.resources_by_type[r.resource_type];
  }
  if (!writer_) return;
  // References between the resources of this record point at their entries.
  std::vector<std::string> queries;
  fhir::ReferenceTargets local;
  for (const mappings::MappedResource& r : mapped.resources) {
    queries.push_back(fhir::IdentifierQuery(options_.mapping.record_system,
                                            r.identifier_value));
    local.emplace_back(r.resource_type + "?" + queries.back(), r.full_url);
  }
  for (std::size_t i = 0; i < mapped.resources.size(); ++i) {
    mappings::MappedResource& r = mapped.resources[i];
    fhir::RewriteReferences(&r.resource, local);
    writer_->Add(fhir::TransactionEntry(r.full_url, std::move(r.resource),
                                        fhir::EntryMethod::kConditionalCreate,
                                        queries[i]));
  }
}

void DryRun::AddQuestionnaire(const std::string& instrument,
                              const std::string& version) {
  const mappings::Instrument* ins =
      options_.mapping.instruments->Find(instrument, version);
  if (!ins || !questionnaires_.insert(ins->id + "|" + ins->version).second) {
    return;
  }
  ++summary_.resources_by_type["Questionnaire"];
  if (!writer_) return;
  Json q = mappings::BuildQuestionnaire(*ins);
  std::string url = q.Find("url") ? q.Find("url")->str() : "";
  std::string full_url =
      "urn:uuid:" + fhir::NameBasedUuid("Questionnaire|" + url + "|" + ins->version);
  Json entry = Json::Object();
  entry.Set("fullUrl", full_url);
  entry.Set("resource", std::move(q));
  Json& req = entry.Set("request", Json::Object());
  req.Set("method", "POST");
  req.Set("url", "Questionnaire");
  req.Set("ifNoneExist", "url=" + url + "&version=" + ins->version);
  writer_->Add(entry);
}

Json ImportSummary::ToJson() const {
  Json j = Json::Object();
  j.Set("lines", static_cast<std::int64_t>(lines));
  j.Set("accepted", static_cast<std::int64_t>(accepted));
  j.Set("rejected", static_cast<std::int64_t>(rejected));
  j.Set("parked", static_cast<std::int64_t>(parked));
  j.Set("warnings", static_cast<std::int64_t>(warnings));
  Json& kinds = j.Set("records", Json::Object());
  for (const auto& [k, n] : records_by_kind) kinds.Set(k, static_cast<std::int64_t>(n));
  Json& types = j.Set("resources", Json::Object());
  for (const auto& [t, n] : resources_by_type) types.Set(t, static_cast<std::int64_t>(n));
  return j;
}

std::string ImportSummary::ToText() const {
  std::ostringstream out;
  out << "records: " << lines << " read, " << accepted << " accepted, "
      << rejected << " rejected, " << parked << " parked; " << warnings
      << " warnings\n";
  if (!records_by_kind.empty()) {
    out << "by kind:";
    for (const auto& [k, n] : records_by_kind) out << " " << k << " " << n;
    out << "\n";
  }
  if (!resources_by_type.empty()) {
    out << "resources:";
    for (const auto& [t, n] : resources_by_type) out << " " << t << " " << n;
    out << "\n";
  }
  return out.str();
}

}  // namespace plugin
