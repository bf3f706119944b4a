#include "tests/fhir/http/test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#ifndef ALLIANCE_SOURCE_DIR
#error "ALLIANCE_SOURCE_DIR must be defined (the repository root)"
#endif

namespace fhir {
namespace testing {
namespace {

using Clock = std::chrono::steady_clock;

// The executable `name` on PATH (or `name` itself when it has a '/').
std::string FindExecutable(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path
                                         : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::string ReadFile(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  if (text.size() > max_bytes)
    text = "..." + text.substr(text.size() - max_bytes);
  return text;
}

// Waits for `pid` to exit for up to `timeout`; true with *status when it did.
bool WaitExit(pid_t pid, std::chrono::milliseconds timeout, int* status) {
  auto deadline = Clock::now() + timeout;
  while (true) {
    pid_t r = ::waitpid(pid, status, WNOHANG);
    if (r == pid || (r < 0 && errno == ECHILD)) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Status Errno(const std::string& what) {
  return InternalError(what + ": " + std::strerror(errno));
}

}  // namespace

StatusOr<std::unique_ptr<TestFhirServer>> TestFhirServer::Start(
    Options options) {
  if (options.script.empty()) {
    options.script =
        std::string(ALLIANCE_SOURCE_DIR) + "/tests/fhir-server/server.js";
  }
  if (options.node.empty()) {
    const char* env = std::getenv("ALLIANCE_NODE");
    options.node = env != nullptr && *env != '\0' ? env : "node";
  }
  std::string node = FindExecutable(options.node);
  if (node.empty()) {
    return FailedPreconditionError("test server: \"" + options.node +
                                   "\" not found on PATH (set ALLIANCE_NODE)");
  }
  if (::access(options.script.c_str(), R_OK) != 0) {
    return FailedPreconditionError("test server: cannot read " +
                                   options.script);
  }

  std::unique_ptr<TestFhirServer> server(new TestFhirServer());
  char stderr_template[] = "/tmp/alliance-fhir-server-XXXXXX";
  int stderr_fd = ::mkstemp(stderr_template);
  if (stderr_fd < 0) return Errno("test server: mkstemp");
  server->stderr_path_ = stderr_template;
  int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    ::close(stderr_fd);
    if (devnull >= 0) ::close(devnull);
    return Errno("test server: pipe");
  }

  std::vector<std::string> args = {node, options.script, "--port", "0"};
  args.insert(args.end(), options.args.begin(), options.args.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return Errno("test server: fork");
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(stderr_fd, STDERR_FILENO);
    for (int fd = 3; fd < 1024; ++fd) ::close(fd);  // no inherited sockets
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(stderr_fd);
  if (devnull >= 0) ::close(devnull);
  server->pid_ = pid;
  server->stdout_fd_ = out[0];

  // Read stdout until the READY line.
  std::string buffer;
  auto deadline =
      Clock::now() + std::chrono::milliseconds(options.start_timeout_ms);
  std::string failure;
  while (true) {
    std::size_t nl = buffer.find('\n');
    if (nl != std::string::npos) {
      std::string line = buffer.substr(0, nl);
      buffer.erase(0, nl + 1);
      if (line.rfind("READY ", 0) == 0) {
        server->base_url_ = line.substr(6);
        break;
      }
      continue;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - Clock::now());
    if (left.count() <= 0) {
      failure = "no READY line within " +
                std::to_string(options.start_timeout_ms) + " ms";
      break;
    }
    pollfd pfd{server->stdout_fd_, POLLIN, 0};
    int r = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    char chunk[512];
    ssize_t n = ::read(server->stdout_fd_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int status = 0;
      WaitExit(pid, std::chrono::milliseconds(2000), &status);
      server->pid_ = -1;
      failure =
          "server exited before READY (status " + std::to_string(status) + ")";
      break;
    }
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  if (!failure.empty()) {
    std::string log = ReadFile(server->stderr_path_, 2000);
    return FailedPreconditionError("test server (" + options.script +
                                   "): " + failure + "; its stderr:\n" + log);
  }
  // "http://127.0.0.1:PORT/fhir/R4" (or without a path) -> origin and port.
  const std::string& url = server->base_url_;
  std::size_t host_start = url.find("://");
  std::size_t path_start = host_start == std::string::npos
                               ? std::string::npos
                               : url.find('/', host_start + 3);
  if (path_start == std::string::npos) path_start = url.size();
  std::size_t colon = url.rfind(':', path_start);
  if (host_start == std::string::npos || colon == std::string::npos ||
      colon < host_start + 3) {
    return InternalError("test server: cannot parse READY URL " + url);
  }
  server->origin_ = url.substr(0, path_start);
  server->port_ =
      std::atoi(url.substr(colon + 1, path_start - colon - 1).c_str());
  return server;
}

TestFhirServer::~TestFhirServer() {
  Stop();
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  if (!stderr_path_.empty()) ::unlink(stderr_path_.c_str());
}

bool TestFhirServer::Stop() {
  if (pid_ <= 0) return false;
  int status = 0;
  ::kill(pid_, SIGTERM);
  bool exited = WaitExit(pid_, std::chrono::milliseconds(5000), &status);
  if (!exited) {
    ::kill(pid_, SIGKILL);
    WaitExit(pid_, std::chrono::milliseconds(5000), &status);
  }
  pid_ = -1;
  return exited && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

namespace {

struct SharedServer {
  std::once_flag once;
  std::unique_ptr<TestFhirServer> server;
  std::string error;
};

SharedServer& SharedInstance() {
  static SharedServer shared;
  return shared;
}

}  // namespace

TestFhirServer* TestFhirServer::Shared() {
  SharedServer& shared = SharedInstance();
  std::call_once(shared.once, [&shared] {
    StatusOr<std::unique_ptr<TestFhirServer>> s = Start();
    if (s.ok()) {
      shared.server = std::move(s).value();
    } else {
      shared.error = s.status().ToString();
    }
  });
  return shared.server.get();
}

const std::string& TestFhirServer::SharedError() {
  return SharedInstance().error;
}

StatusOr<TestFhirServer::AdminAnswer> TestFhirServer::Admin(
    const std::string& method, const std::string& path,
    const std::string& body) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Errno("admin: socket");
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port_));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    Status s = Errno("admin: connect to port " + std::to_string(port_));
    ::close(fd);
    return s;
  }
  std::string request =
      method + " " + path +
      " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
      "\r\nContent-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  std::size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n =
        ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Status s = Errno("admin: send");
      ::close(fd);
      return s;
    }
    sent += static_cast<std::size_t>(n);
  }
  std::string response;
  char chunk[4096];
  while (true) {
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status s = Errno("admin: recv");
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    response.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fd);
  std::size_t head_end = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.", 0) != 0 || head_end == std::string::npos) {
    return InternalError("admin: malformed response to " + method + " " + path);
  }
  AdminAnswer answer;
  answer.status = std::atoi(response.c_str() + response.find(' ') + 1);
  answer.body = response.substr(head_end + 4);
  return answer;
}

Status TestFhirServer::Reset() {
  StatusOr<AdminAnswer> a = Admin("POST", "/__admin/reset", "");
  if (!a.ok()) return a.status();
  if (a->status != 200)
    return InternalError("admin reset: HTTP " + std::to_string(a->status));
  return OkStatus();
}

Status TestFhirServer::SetFaults(const Json& settings) {
  StatusOr<AdminAnswer> a =
      Admin("POST", "/__admin/faults", settings.Serialize());
  if (!a.ok()) return a.status();
  if (a->status != 200) {
    return InvalidArgumentError("admin faults: HTTP " +
                                std::to_string(a->status) + ": " + a->body);
  }
  return OkStatus();
}

Status TestFhirServer::ClearFaults() {
  Json settings = Json::Object();
  settings.Set("rate", 0);
  settings.Set("latencyMs", 0);
  settings.Set("retryAfter", 1);
  settings.Set("next", Json::Array());
  return SetFaults(settings);
}

StatusOr<Json> TestFhirServer::Stats() {
  StatusOr<AdminAnswer> a = Admin("GET", "/__admin/stats", "");
  if (!a.ok()) return a.status();
  if (a->status != 200)
    return InternalError("admin stats: HTTP " + std::to_string(a->status));
  return Json::Parse(a->body);
}

}  // namespace testing
}  // namespace fhir
