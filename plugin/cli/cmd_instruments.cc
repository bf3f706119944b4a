#include <iomanip>
#include <iostream>

#include "mappings/rating/instrument_catalog.h"
#include "mappings/rating/questionnaire.h"
#include "plugin/cli/commands.h"
#include "plugin/setup.h"

namespace plugin {
namespace {

std::string ScaleText(const mappings::Scale& s) {
  std::string out = s.min_text + ".." + s.max_text;
  if (s.kind == mappings::ScaleKind::kVisualAnalogue) out += " (visual analogue)";
  return out;
}

bool Load(const config::Invocation& inv, mappings::InstrumentCatalog* catalog) {
  fhir::Status st = LoadInstruments(inv.options, catalog, &std::cerr);
  if (!st.ok()) {
    std::cerr << "alliance-fhir: " << st.message() << "\n";
    return false;
  }
  return true;
}

}  // namespace

int RunInstrumentsList(const config::Invocation& inv) {
  mappings::InstrumentCatalog catalog;
  if (!Load(inv, &catalog)) return kExitUsage;
  if (inv.Flag("json")) {
    fhir::Json list = fhir::Json::Array();
    for (const mappings::Instrument* i : catalog.All()) {
      fhir::Json e = fhir::Json::Object();
      e.Set("id", i->id);
      e.Set("version", i->version);
      e.Set("title", i->title);
      e.Set("items", static_cast<std::int64_t>(i->items.size()));
      e.Set("respondents", mappings::RespondentNames(i->respondents));
      e.Set("url", i->url);
      list.Append(std::move(e));
    }
    std::cout << list.SerializePretty() << "\n";
    return kExitOk;
  }
  std::cout << std::left << std::setw(12) << "ID" << std::setw(9) << "VERSION"
            << std::setw(7) << "ITEMS" << std::setw(22) << "RESPONDENTS"
            << "TITLE\n";
  for (const mappings::Instrument* i : catalog.All()) {
    std::cout << std::setw(12) << i->id << std::setw(9) << i->version
              << std::setw(7) << i->items.size() << std::setw(22)
              << mappings::RespondentNames(i->respondents) << i->title << "\n";
  }
  return kExitOk;
}

int RunInstrumentsShow(const config::Invocation& inv) {
  mappings::InstrumentCatalog catalog;
  if (!Load(inv, &catalog)) return kExitUsage;
  const std::string& id = inv.args.front();
  const mappings::Instrument* ins = catalog.Find(id, inv.Value("version"));
  if (!ins) {
    std::cerr << "alliance-fhir: no instrument \"" << id << "\""
              << (inv.Flag("version") ? " version " + inv.Value("version") : "")
              << "; see alliance-fhir instruments list\n";
    return kExitUsage;
  }
  if (inv.Flag("questionnaire")) {
    std::cout << mappings::BuildQuestionnaire(*ins).SerializePretty() << "\n";
    return kExitOk;
  }
  std::cout << ins->title << " (" << ins->id << " version " << ins->version
            << ")\n"
            << "canonical:   " << ins->canonical << "\n"
            << "respondents: " << mappings::RespondentNames(ins->respondents)
            << "\nscoring:     " << ins->rule_id << " " << ins->rule_version
            << "\n\nItems:\n";
  for (const mappings::Item& item : ins->items) {
    std::cout << "  " << std::left << std::setw(5) << item.link_id
              << std::setw(26) << ScaleText(item.scale)
              << (item.reverse_scored ? "reverse  " : "         ")
              << item.label << "\n";
  }
  std::cout << "\nScores:\n";
  for (const mappings::ScoreDef& s : ins->scores) {
    std::cout << "  " << std::setw(10) << s.id << " "
              << mappings::ScoringMethodName(s.method) << " of "
              << s.items.size() << " items, prorated when at most "
              << s.max_missing << " missing";
    if (s.cutoff) {
      std::cout << "; flagged when "
                << (s.cutoff->direction == mappings::Cutoff::Direction::kBelow
                        ? "below "
                        : "above ")
                << s.cutoff->value << " (" << s.cutoff->source << ")";
    }
    std::cout << "\n";
  }
  if (!ins->copyright.empty()) std::cout << "\n" << ins->copyright << "\n";
  return kExitOk;
}

}  // namespace plugin
