// The table of configuration keys ("section.key") and how a raw text value
// becomes a typed Options member. Internal to config/.
#ifndef ALLIANCE_CONFIG_SETTINGS_H_
#define ALLIANCE_CONFIG_SETTINGS_H_

#include <map>
#include <string>
#include <vector>

#include "config/options.h"
#include "fhir/status.h"

namespace config {

struct Setting {
  const char* key;   // "identifiers.record_system"
  const char* help;  // one line for --help
  // Sets the member from `value`; returns an error reason or "".
  std::string (*apply)(const std::string& value, Options* options);
};

const std::vector<Setting>& Settings();
bool IsSettingKey(const std::string& key);

struct RawValue {
  std::string text;
  std::string origin;  // "command line" or "FILE:LINE"
};

// Values as given, before conversion; the first writer of a key wins
// (the command line is read before the file).
struct RawSettings {
  std::string file;
  std::map<std::string, RawValue> values;
};

fhir::Status ReadConfigFile(const std::string& path, RawSettings* raw);
// Converts every raw value; an error names origin, key and reason.
fhir::Status ApplySettings(const RawSettings& raw, Options* options);

}  // namespace config

#endif  // ALLIANCE_CONFIG_SETTINGS_H_
