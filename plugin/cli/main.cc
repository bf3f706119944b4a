// alliance-fhir: the command-line front end. Parses the command line
// (config/), then hands over to one command; nothing here throws.
#include <iostream>

#include "config/command_line.h"
#include "plugin/cli/commands.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  fhir::StatusOr<config::Invocation> inv = config::ParseCommandLine(argc, argv);
  if (!inv.ok()) {
    std::cerr << "alliance-fhir: " << inv.status().message() << "\n";
    return plugin::kExitUsage;
  }
  if (inv->help) {
    std::cout << inv->help_text;
    return plugin::kExitOk;
  }
  const std::string& cmd = inv->command;
  if (cmd == "import") return plugin::RunImport(*inv);
  if (cmd == "validate") return plugin::RunValidate(*inv);
  if (cmd == "sync") return plugin::RunSync(*inv);
  if (cmd == "status") return plugin::RunStatus(*inv);
  if (cmd.rfind("parked ", 0) == 0) return plugin::RunParked(*inv);
  if (cmd.rfind("conflicts ", 0) == 0) return plugin::RunConflicts(*inv);
  if (cmd == "instruments list") return plugin::RunInstrumentsList(*inv);
  if (cmd == "instruments show") return plugin::RunInstrumentsShow(*inv);
  if (cmd == "version") {
    std::cout << "alliance-fhir " << ALLIANCE_VERSION << "\n";
    return plugin::kExitOk;
  }
  std::cerr << "alliance-fhir: command \"" << cmd << "\" is not implemented\n";
  return plugin::kExitUsage;
}
