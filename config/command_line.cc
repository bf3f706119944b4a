#include "config/command_line.h"

#include <boost/program_options.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config/commands.h"
#include "config/settings.h"

namespace po = boost::program_options;

namespace config {
namespace {

using fhir::InvalidArgumentError;
using fhir::Status;

// Keys that name a member of a map section: "recipients.<key>", "cutoffs.<key>".
bool IsMapKey(const std::string& key) {
  return key.rfind("recipients.", 0) == 0 || key.rfind("cutoffs.", 0) == 0;
}

po::options_description SettingsDescription() {
  po::options_description desc("Configuration (INI [section] key, or --section.key=VALUE)");
  for (const Setting& s : Settings()) {
    desc.add_options()(s.key, po::value<std::string>(), s.help);
  }
  return desc;
}

// Records where each INI key is, so errors can name the line; also rejects
// lines that are not "key = value", "[section]", comments or blank.
Status ScanIni(const std::string& path, std::map<std::string, int>* lines) {
  std::ifstream in(path);
  if (!in) return fhir::NotFoundError("cannot read config file " + path);
  std::string line, section;
  for (int n = 1; std::getline(in, line); ++n) {
    auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos || line[b] == '#' || line[b] == ';') continue;
    auto e = line.find_last_not_of(" \t\r");
    std::string t = line.substr(b, e - b + 1);
    if (t.front() == '[') {
      if (t.back() != ']' || t.size() < 3) {
        return InvalidArgumentError(path + ":" + std::to_string(n) +
                                    ": malformed section header");
      }
      section = t.substr(1, t.size() - 2);
      continue;
    }
    auto eq = t.find('=');
    if (eq == std::string::npos || eq == 0) {
      return InvalidArgumentError(path + ":" + std::to_string(n) +
                                  ": expected key = value");
    }
    std::string key = t.substr(0, t.find_last_not_of(" \t", eq - 1) + 1);
    (*lines)[section.empty() ? key : section + "." + key] = n;
  }
  return fhir::OkStatus();
}

}  // namespace

Status LoadConfigFile(const std::string& path, Options* options) {
  RawSettings raw;
  raw.file = path;
  Status st = ReadConfigFile(path, &raw);
  if (!st.ok()) return st;
  return ApplySettings(raw, options);
}

Status ReadConfigFile(const std::string& path, RawSettings* raw) {
  std::map<std::string, int> lines;
  Status st = ScanIni(path, &lines);
  if (!st.ok()) return st;
  std::ifstream in(path);
  try {
    po::parsed_options parsed =
        po::parse_config_file(in, SettingsDescription(), /*allow_unregistered=*/true);
    for (const po::option& o : parsed.options) {
      std::string where = path + ":" + std::to_string(lines[o.string_key]);
      if (o.unregistered && !IsMapKey(o.string_key)) {
        return InvalidArgumentError(where + ": unknown key " + o.string_key);
      }
      if (o.value.empty()) continue;
      if (!raw->values.count(o.string_key)) {  // the command line wins
        raw->values[o.string_key] = {o.value.front(), where};
      }
    }
  } catch (const std::exception& e) {
    return InvalidArgumentError(path + ": " + e.what());
  }
  return fhir::OkStatus();
}

fhir::StatusOr<Invocation> ParseCommandLine(int argc, const char* const* argv) {
  Invocation inv;
  std::vector<std::string> words(argv + 1, argv + argc);
  const CommandSpec* spec = FindCommand(words, &inv.command);
  if (!spec) {
    if (words.empty() || words[0] == "--help" || words[0] == "-h" ||
        words[0] == "help") {
      const CommandSpec* about =
          words.size() > 1 ? FindCommand({words.begin() + 1, words.end()},
                                         &inv.command)
                           : nullptr;
      inv.help = true;
      inv.help_text = about ? CommandHelp(*about, SettingsDescription())
                            : GeneralHelp();
      if (words.empty()) return InvalidArgumentError(GeneralHelp());
      return inv;
    }
    return InvalidArgumentError("unknown command \"" + words[0] +
                                "\"; see alliance-fhir --help");
  }
  std::size_t command_words = spec->words;
  std::vector<std::string> rest(words.begin() + command_words, words.end());

  po::options_description flags = CommandFlags(*spec);
  po::options_description all;
  all.add(flags).add(SettingsDescription());
  all.add_options()("args", po::value<std::vector<std::string>>(), "operands");
  po::positional_options_description positional;
  positional.add("args", -1);

  RawSettings raw;
  try {
    po::parsed_options parsed = po::command_line_parser(rest)
                                    .options(all)
                                    .positional(positional)
                                    .allow_unregistered()
                                    .run();
    po::variables_map vm;
    for (const po::option& o : parsed.options) {
      if (o.unregistered) {
        std::string key = o.string_key;
        if (!IsMapKey(key) || o.value.empty()) {
          return InvalidArgumentError("unknown option " + o.original_tokens.front() +
                                      " for \"" + inv.command +
                                      "\"; see alliance-fhir " + inv.command +
                                      " --help");
        }
        raw.values[key] = {o.value.front(), "command line"};
      }
    }
    po::store(parsed, vm);
    po::notify(vm);
    if (vm.count("help")) {
      inv.help = true;
      inv.help_text = CommandHelp(*spec, SettingsDescription());
      return inv;
    }
    for (const auto& [name, value] : vm) {
      if (name == "args") {
        inv.args = value.as<std::vector<std::string>>();
      } else if (IsSettingKey(name)) {
        raw.values[name] = {value.as<std::string>(), "command line"};
      } else if (name != "config") {
        const auto* s = boost::any_cast<std::string>(&value.value());
        inv.flags[name] = s ? *s : "true";
      }
    }
    if (vm.count("config")) raw.file = vm["config"].as<std::string>();
  } catch (const std::exception& e) {
    return InvalidArgumentError(std::string(e.what()) + "; see alliance-fhir " +
                                inv.command + " --help");
  }
  if (raw.file.empty()) {
    if (const char* env = std::getenv("ALLIANCE_FHIR_CONFIG")) raw.file = env;
  }
  if (!raw.file.empty()) {
    Status st = ReadConfigFile(raw.file, &raw);
    if (!st.ok()) return st;
    inv.options.config_file = raw.file;
  }
  Status st = ApplySettings(raw, &inv.options);
  if (!st.ok()) return st;
  st = CheckOperands(*spec, inv.args);
  if (!st.ok()) return st;
  return inv;
}

}  // namespace config
