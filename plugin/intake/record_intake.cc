#include "plugin/intake/record_intake.h"

#include <fstream>

#include "fhir/json.h"
#include "mappings/rating/instrument_catalog.h"
#include "mappings/rating/rating_check.h"
#include "mappings/records/record_parser.h"

namespace plugin {
namespace {

// Reads a consent document named by path into doc->bytes.
void LoadDocument(const IntakeContext& ctx, mappings::ConsentDocument* doc,
                  fhir::Issues* issues) {
  if (doc->bytes) return;
  const std::string field = "document.path";
  if (ctx.base_dir.empty()) {
    issues->Error("not-supported", field,
                  "documents by path are accepted only from files; send "
                  "\"data\" (base64) instead");
    return;
  }
  if (!doc->path.empty() && doc->path.front() == '/') {
    issues->Error("value", field, "must be relative to the record file");
    return;
  }
  std::string full = ctx.base_dir + "/" + doc->path;
  std::ifstream in(full, std::ios::binary);
  if (!in) {
    issues->Error("not-found", field, "cannot read " + full);
    return;
  }
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0 || static_cast<std::size_t>(size) > ctx.max_document_bytes) {
    issues->Error("too-long", field,
                  full + " is larger than " +
                      std::to_string(ctx.max_document_bytes) + " bytes");
    return;
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  in.read(bytes.data(), size);
  if (!in) {
    issues->Error("exception", field, "cannot read " + full);
    return;
  }
  doc->bytes = std::move(bytes);
}

}  // namespace

std::optional<mappings::Record> TakeRecord(std::string_view json_text,
                                           const IntakeContext& ctx,
                                           fhir::Issues* issues) {
  fhir::StatusOr<fhir::Json> json = fhir::Json::Parse(json_text);
  if (!json.ok()) {
    issues->Error("structure", "", json.status().message());
    return std::nullopt;
  }
  std::optional<mappings::Record> record = mappings::ParseRecord(*json, issues);
  if (!record) return std::nullopt;
  if (auto* rating = std::get_if<mappings::RatingRecord>(&*record)) {
    if (!ctx.instruments) {
      issues->Error("not-supported", "instrument", "no instruments are loaded");
      return std::nullopt;
    }
    mappings::CheckRatingAgainstInstrument(*rating, *ctx.instruments, issues);
  } else if (auto* consent = std::get_if<mappings::ConsentRecord>(&*record)) {
    // An inline ("data") document was decoded and checked by the parser;
    // one named by path is read and checked here.
    if (consent->document && !consent->document->inline_data) {
      LoadDocument(ctx, &*consent->document, issues);
      mappings::VerifyDocument(*consent->document, "document", issues);
    }
  }
  if (issues->HasErrors()) return std::nullopt;
  return record;
}

std::string FormatIssue(const std::string& file, std::size_t line,
                        const fhir::Issue& issue) {
  std::string out = file + ":" + std::to_string(line) + ": ";
  if (!issue.is_error()) out += std::string(fhir::SeverityName(issue.severity)) + ": ";
  if (!issue.path.empty()) out += issue.path + ": ";
  out += issue.message;
  return out;
}

}  // namespace plugin
