// The alliance-fhir command line: which command, its operands and flags, and
// the effective Options (defaults < INI file < command line).
//
// Every configuration key can be given in the INI file ([section] key = v)
// or on the command line as --section.key=v. Errors name the option and,
// for the file, the file and line: "alliance.conf:12: unknown key tls.foo".
#ifndef ALLIANCE_CONFIG_COMMAND_LINE_H_
#define ALLIANCE_CONFIG_COMMAND_LINE_H_

#include <map>
#include <string>
#include <vector>

#include "config/options.h"
#include "fhir/status.h"

namespace config {

struct Invocation {
  std::string command;            // "import", "instruments show", ...
  std::vector<std::string> args;  // positional operands
  // Command flags by long name: "dry-run" -> "true", "out" -> "b.json".
  std::map<std::string, std::string> flags;
  bool help = false;      // --help was given: print help_text, exit 0
  std::string help_text;  // usage of the command (or of all commands)
  Options options;

  bool Flag(const std::string& name) const { return flags.count(name) > 0; }
  std::string Value(const std::string& name, const std::string& def = "") const {
    auto it = flags.find(name);
    return it == flags.end() ? def : it->second;
  }
};

// Parses argv. Returns InvalidArgument for usage and configuration errors
// with a message for the user (the caller exits with code 2).
fhir::StatusOr<Invocation> ParseCommandLine(int argc, const char* const* argv);

// Reads an INI file into `options` (command-line values already set win).
fhir::Status LoadConfigFile(const std::string& path, Options* options);

}  // namespace config

#endif  // ALLIANCE_CONFIG_COMMAND_LINE_H_
