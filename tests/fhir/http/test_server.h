// TestFhirServer: the project's real FHIR test server
// (tests/fhir-server/server.js: Medplum's FhirRouter over an in-memory
// repository, with a fault layer) run as a child process on a free loopback
// port, for integration tests.
//
//   auto server = TestFhirServer::Start({.args = {"--latency-ms", "5"}});
//   REQUIRE(server.ok());
//   FhirClient client((*server)->base_url(), transport.get());
//
// Start() spawns `node server.js --port 0 ARGS...`, reads the
// "READY http://127.0.0.1:PORT/fhir/R4" line from its stdout within a
// timeout, and fails with the server's stderr when it does not come. The
// destructor stops the server (SIGTERM, then SIGKILL after 5 s). The child
// also gets SIGTERM when the thread that started it dies (PR_SET_PDEATHSIG),
// so an aborted test leaves no server behind: start servers from the test's
// main thread. The admin helpers speak plain HTTP over their own socket,
// independent of the transport under test.
#ifndef ALLIANCE_TESTS_FHIR_HTTP_TEST_SERVER_H_
#define ALLIANCE_TESTS_FHIR_HTTP_TEST_SERVER_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "fhir/json.h"
#include "fhir/status.h"

namespace fhir {
namespace testing {

class TestFhirServer {
 public:
  struct Options {
    // Extra server.js flags, e.g. {"--fault-rate", "0.3", "--seed", "7"}.
    std::vector<std::string> args;
    // Default: <repository>/tests/fhir-server/server.js. Any script that
    // prints "READY <url>" on stdout works (tests use small ones too).
    std::string script;
    // Default: $ALLIANCE_NODE when set, else "node" found on PATH.
    std::string node;
    // Default: 30000 (start-up is 1.5-2.5 s idle, several seconds while a
    // build keeps the cores busy).
    int start_timeout_ms = 30000;
  };

  static StatusOr<std::unique_ptr<TestFhirServer>> Start(Options options);
  static StatusOr<std::unique_ptr<TestFhirServer>> Start() {
    return Start(Options());
  }

  // One default server per test process, started on first use and stopped
  // at exit; nullptr when it could not start (the reason: SharedError()).
  // Tests sharing it call Reset() (and SetFaults) first.
  static TestFhirServer* Shared();
  static const std::string& SharedError();

  ~TestFhirServer();
  TestFhirServer(const TestFhirServer&) = delete;
  TestFhirServer& operator=(const TestFhirServer&) = delete;

  // The URL from the READY line, e.g. "http://127.0.0.1:40123/fhir/R4".
  const std::string& base_url() const { return base_url_; }
  // "http://127.0.0.1:40123".
  const std::string& origin() const { return origin_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  // POST /__admin/reset: empty repository and zeroed stats (fault settings
  // are kept; clear them with SetFaults).
  Status Reset();
  // POST /__admin/faults with any of {rate, kinds, retryAfter, latencyMs,
  // seed, next}; e.g. {"next": ["503"], "retryAfter": 1}.
  Status SetFaults(const Json& settings);
  // Back to no faults: rate 0, no latency, empty next queue, retryAfter 1.
  Status ClearFaults();
  // GET /__admin/stats: {requests, byMethod, byStatus, processed, faults,
  // resources, faultSettings}.
  StatusOr<Json> Stats();

  // Stops the server now (SIGTERM, then SIGKILL); true when it exited 0.
  bool Stop();

  // One admin request; the answer's HTTP status and body.
  struct AdminAnswer {
    int status = 0;
    std::string body;
  };
  StatusOr<AdminAnswer> Admin(const std::string& method,
                              const std::string& path, const std::string& body);

 private:
  TestFhirServer() = default;

  pid_t pid_ = -1;
  int stdout_fd_ = -1;  // kept open: the server must never hit a closed pipe
  std::string stderr_path_;
  std::string base_url_;
  std::string origin_;
  int port_ = 0;
};

}  // namespace testing
}  // namespace fhir

#endif  // ALLIANCE_TESTS_FHIR_HTTP_TEST_SERVER_H_
