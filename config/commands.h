// The table of alliance-fhir commands: names, operands, flags and help.
// Internal to config/ (it speaks Boost.Program_options).
#ifndef ALLIANCE_CONFIG_COMMANDS_H_
#define ALLIANCE_CONFIG_COMMANDS_H_

#include <boost/program_options/options_description.hpp>

#include <string>
#include <vector>

#include "fhir/status.h"

namespace config {

struct FlagSpec {
  const char* name;   // long name, e.g. "out"
  const char* value;  // value name for help ("FILE"), or nullptr for a switch
  const char* help;
};

struct CommandSpec {
  const char* name;      // "import", "instruments show"
  std::size_t words;     // how many argv words the name takes
  const char* operands;  // e.g. "FILE..." for help
  int min_operands;
  int max_operands;      // -1 = no limit
  const char* summary;
  std::vector<FlagSpec> flags;
};

// The command named by the first words of `words`, or nullptr.
const CommandSpec* FindCommand(const std::vector<std::string>& words,
                               std::string* name);
boost::program_options::options_description CommandFlags(const CommandSpec& spec);
std::string CommandHelp(const CommandSpec& spec,
                        const boost::program_options::options_description& settings);
std::string GeneralHelp();
fhir::Status CheckOperands(const CommandSpec& spec,
                           const std::vector<std::string>& args);

}  // namespace config

#endif  // ALLIANCE_CONFIG_COMMANDS_H_
