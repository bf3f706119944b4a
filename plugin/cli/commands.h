// The alliance-fhir commands. Each returns the process exit code:
// 0 ok, 1 some records rejected or invalid, 2 usage or configuration error,
// 3 server or transport failure.
#ifndef ALLIANCE_PLUGIN_CLI_COMMANDS_H_
#define ALLIANCE_PLUGIN_CLI_COMMANDS_H_

#include "config/command_line.h"

namespace plugin {

enum ExitCode { kExitOk = 0, kExitRejected = 1, kExitUsage = 2, kExitServer = 3 };

int RunImport(const config::Invocation& inv);
int RunValidate(const config::Invocation& inv);
int RunSync(const config::Invocation& inv);
int RunStatus(const config::Invocation& inv);
int RunParked(const config::Invocation& inv);
int RunConflicts(const config::Invocation& inv);
int RunInstrumentsList(const config::Invocation& inv);
int RunInstrumentsShow(const config::Invocation& inv);

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_CLI_COMMANDS_H_
