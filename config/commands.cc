#include "config/commands.h"

#include <sstream>

namespace po = boost::program_options;

namespace config {
namespace {

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> kCommands = {
      {"import", 1, "FILE...", 1, -1,
       "Read clinic records (JSON Lines), check them and keep them in the store "
       "for sync (with --dry-run: map and validate only).",
       {{"dry-run", nullptr,
         "do not store or send: write the transaction Bundle that would be sent"},
        {"out", "FILE", "with --dry-run: write the Bundle to FILE ('-' = stdout)"},
        {"json", nullptr, "print the summary as JSON"},
        {"now", "INSTANT", "the time of the run (default: the clock), for reproducible output"}}},
      {"sync", 1, "", 0, 0,
       "Push stored records to the FHIR server, then pull what the EHR changed.",
       {{"push-only", nullptr, "only push"},
        {"pull-only", nullptr, "only pull"},
        {"json", nullptr, "print the summary as JSON"}}},
      {"status", 1, "", 0, 0,
       "What the store holds: pending, waiting and parked records (with reasons), "
       "conflicts, counts, last sync.",
       {{"json", nullptr, "print as JSON"}}},
      {"parked list", 2, "", 0, 0,
       "Records the server or validation refused, with the reason.",
       {{"json", nullptr, "print as JSON"}}},
      {"parked retry", 2, "[KIND/ID...]", 0, -1,
       "Queue parked records again (all of them without KIND/ID).", {}},
      {"parked drop", 2, "KIND/ID...", 1, -1,
       "Give up on parked records: they are never sent (kept for the audit).", {}},
      {"conflicts list", 2, "", 0, 0,
       "Records changed both here and on the server, waiting for a decision.",
       {{"json", nullptr, "print as JSON"}}},
      {"conflicts resolve", 2, "ID", 1, 1,
       "Settle a conflict: --take local re-sends the clinic's version; --take "
       "server keeps the server's.",
       {{"take", "local|server", "which version wins"}}},
      {"validate", 1, "FILE...", 1, -1,
       "Validate FHIR R4 JSON resources or Bundles; OperationOutcome-style report.",
       {{"json", nullptr, "print one OperationOutcome per file as JSON"}}},
      {"instruments list", 2, "", 0, 0,
       "List the loaded alliance instruments.",
       {{"json", nullptr, "print as JSON"}}},
      {"instruments show", 2, "ID", 1, 1,
       "Show one instrument: items, scales, subscales, scoring, cutoffs.",
       {{"version", "VERSION", "a given version (default: the newest)"},
        {"questionnaire", nullptr, "print the FHIR Questionnaire instead"}}},
      {"version", 1, "", 0, 0, "Print the version.", {}},
  };
  return kCommands;
}

}  // namespace

const CommandSpec* FindCommand(const std::vector<std::string>& words,
                               std::string* name) {
  for (const CommandSpec& c : Commands()) {
    std::istringstream parts(c.name);
    std::string part;
    std::size_t i = 0;
    bool match = true;
    while (parts >> part) {
      if (i >= words.size() || words[i] != part) match = false;
      ++i;
    }
    if (match) {
      *name = c.name;
      return &c;
    }
  }
  return nullptr;
}

po::options_description CommandFlags(const CommandSpec& spec) {
  po::options_description desc("Options");
  desc.add_options()("help,h", "show this help");
  desc.add_options()("config", po::value<std::string>()->value_name("FILE"),
                     "configuration file (INI); default: $ALLIANCE_FHIR_CONFIG");
  for (const FlagSpec& f : spec.flags) {
    if (f.value) {
      desc.add_options()(f.name, po::value<std::string>()->value_name(f.value),
                         f.help);
    } else {
      desc.add_options()(f.name, f.help);
    }
  }
  return desc;
}

std::string CommandHelp(const CommandSpec& spec,
                        const po::options_description& settings) {
  std::ostringstream out;
  out << "Usage: alliance-fhir " << spec.name;
  if (*spec.operands) out << " " << spec.operands;
  out << " [options]\n\n" << spec.summary << "\n\n" << CommandFlags(spec)
      << "\n" << settings << "\n"
      << "Map sections: [recipients] KEY = SYSTEM|VALUE|DISPLAY, "
         "[cutoffs] INSTRUMENT:SCORE = NUMBER\n\n"
      << "Exit codes: 0 ok, 1 some records rejected or invalid, 2 usage or "
         "configuration error, 3 server or transport failure.\n";
  return out.str();
}

std::string GeneralHelp() {
  std::ostringstream out;
  out << "alliance-fhir: therapeutic-alliance records <-> FHIR R4\n\n"
      << "Usage: alliance-fhir COMMAND [options]\n\nCommands:\n";
  for (const CommandSpec& c : Commands()) {
    std::string head = std::string(c.name) + " " + c.operands;
    out << "  " << head;
    out << std::string(head.size() < 28 ? 28 - head.size() : 1, ' ')
        << c.summary << "\n";
  }
  out << "\n'alliance-fhir COMMAND --help' shows a command's options.\n"
      << "Exit codes: 0 ok, 1 some records rejected or invalid, 2 usage or "
         "configuration error, 3 server or transport failure.\n";
  return out.str();
}

fhir::Status CheckOperands(const CommandSpec& spec,
                           const std::vector<std::string>& args) {
  int n = static_cast<int>(args.size());
  if (n < spec.min_operands || (spec.max_operands >= 0 && n > spec.max_operands)) {
    return fhir::InvalidArgumentError(
        std::string("usage: alliance-fhir ") + spec.name + " " + spec.operands +
        " [options]; see alliance-fhir " + spec.name + " --help");
  }
  return fhir::OkStatus();
}

}  // namespace config
