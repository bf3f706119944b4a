// The cpprestsdk transport against real sockets: a small local HTTP server
// (echo_server.js), a refused port, a listener that never accepts.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <set>
#include <thread>

#include "fhir/http/bounded.h"
#include "fhir/http/http_transport.h"
#include "fhir/json.h"
#include "tests/fhir/http/test_server.h"

using fhir::HttpRequest;
using fhir::HttpResponse;
using fhir::HttpTransport;
using fhir::Json;
using fhir::StatusCode;
using fhir::StatusOr;
using fhir::TransportOptions;
using fhir::testing::TestFhirServer;

namespace {

using Clock = std::chrono::steady_clock;

long long MillisSince(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t)
      .count();
}

TestFhirServer* EchoServer() {
  static std::unique_ptr<TestFhirServer> server = [] {
    TestFhirServer::Options o;
    o.script =
        std::string(ALLIANCE_SOURCE_DIR) + "/tests/fhir/http/echo_server.js";
    o.start_timeout_ms = 15000;
    auto s = TestFhirServer::Start(o);
    if (!s.ok()) FAIL("echo server: " << s.status().ToString());
    return std::move(s).value();
  }();
  return server.get();
}

HttpRequest Request(std::string method, std::string url) {
  HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  return r;
}

Json Echo(const StatusOr<HttpResponse>& r) {
  REQUIRE(r.ok());
  REQUIRE(r->status == 200);
  auto j = Json::Parse(r->body);
  REQUIRE(j.ok());
  return *j;
}

// A loopback port nobody listens on.
int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

}  // namespace

TEST_CASE("transport: responses and headers and gzip and keep-alive") {
  TestFhirServer* server = EchoServer();
  const std::string origin = server->origin();

  SECTION("headers come back lower-case; gzip is asked for and decoded") {
    TransportOptions options;
    options.user_agent = "alliance-test/1";
    auto transport = fhir::NewHttpTransport(options);
    HttpRequest req = Request("POST", origin + "/echo?q=a|b c");
    req.headers = {{"Content-Type", "application/fhir+json"},
                   {"X-Custom", "1"}};
    req.body = R"({"resourceType":"Goal"})";
    StatusOr<HttpResponse> r = transport->Send(req);
    Json echo = Echo(r);
    CHECK(r->Header("X-Mixed-Case") == "yes");
    CHECK(r->Header("content-encoding") == "gzip");
    for (const auto& [name, value] : r->headers) {
      bool lower = true;
      for (char c : name) lower &= !(c >= 'A' && c <= 'Z');
      CHECK(lower);
    }
    const Json* headers = echo.Find("headers");
    CHECK(headers->Find("accept-encoding")->str().find("gzip") !=
          std::string::npos);
    CHECK(headers->Find("user-agent")->str() == "alliance-test/1");
    CHECK(headers->Find("content-type")->str() == "application/fhir+json");
    CHECK(headers->Find("x-custom")->str() == "1");
    CHECK(echo.Find("body")->str() == req.body);
    CHECK(echo.Find("url")->str() ==
          "/echo?q=a%7Cb%20c");  // escaped for the wire
  }

  SECTION("gzip off: no Accept-Encoding, plain body") {
    TransportOptions options;
    options.gzip = false;
    auto transport = fhir::NewHttpTransport(options);
    StatusOr<HttpResponse> r =
        transport->Send(Request("GET", origin + "/echo"));
    Json echo = Echo(r);
    CHECK(echo.Find("headers")->Find("accept-encoding") == nullptr);
    CHECK(r->Header("content-encoding").empty());
  }

  SECTION("GETs reuse kept-alive connections; plain POSTs get new ones") {
    auto transport = fhir::NewHttpTransport(TransportOptions());
    auto ports = [&](const char* method, bool replay_safe) {
      std::set<std::string> seen;
      for (int i = 0; i < 4; ++i) {
        HttpRequest req = Request(method, origin + "/echo");
        req.replay_safe = replay_safe;
        seen.insert(Echo(transport->Send(req)).Find("port")->str());
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
      }
      return seen.size();
    };
    CHECK(ports("GET", false) < 4);
    CHECK(ports("POST", true) < 4);
    CHECK(ports("POST", false) == 4);
  }

  SECTION("concurrent sends from many threads") {
    TransportOptions options;
    options.max_connections = 2;
    auto transport = fhir::NewHttpTransport(options);
    std::vector<int> statuses(16, 0);
    fhir::RunBounded(statuses.size(), 8, [&](std::size_t i) {
      StatusOr<HttpResponse> r = transport->Send(
          Request("GET", origin + "/slow?ms=20&i=" + std::to_string(i)));
      statuses[i] = r.ok() ? r->status : -1;
    });
    for (int s : statuses) CHECK(s == 200);
  }

  SECTION("a request timeout is kDeadlineExceeded, and the transport goes on") {
    auto transport = fhir::NewHttpTransport(TransportOptions());
    HttpRequest slow = Request("GET", origin + "/slow?ms=3000");
    slow.timeout_ms = 300;
    auto t0 = Clock::now();
    StatusOr<HttpResponse> r = transport->Send(slow);
    CHECK(r.status().code() == StatusCode::kDeadlineExceeded);
    CHECK(r.status().message().find("timed out after 300 ms") !=
          std::string::npos);
    CHECK(MillisSince(t0) < 2500);
    Echo(transport->Send(Request("GET", origin + "/echo")));
  }

  SECTION("a connection dropped before the answer is kUnavailable") {
    auto transport = fhir::NewHttpTransport(TransportOptions());
    StatusOr<HttpResponse> r =
        transport->Send(Request("POST", origin + "/drop"));
    CHECK(r.status().code() == StatusCode::kUnavailable);
    CHECK(r.status().message().find("lost before a complete response") !=
          std::string::npos);
  }
}

TEST_CASE("transport: failures without a server are quick Statuses") {
  SECTION("connection refused") {
    auto transport = fhir::NewHttpTransport(TransportOptions());
    auto t0 = Clock::now();
    StatusOr<HttpResponse> r = transport->Send(Request(
        "GET", "http://127.0.0.1:" + std::to_string(FreePort()) + "/x"));
    CHECK(r.status().code() == StatusCode::kUnavailable);
    CHECK(r.status().message().find("cannot connect to http://127.0.0.1:") !=
          std::string::npos);
    CHECK(MillisSince(t0) < 2000);
  }

  SECTION("connect timeout: a listener whose backlog is full") {
    int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(listener, 0) == 0);
    socklen_t len = sizeof a;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len);
    std::vector<int> fillers;
    for (int i = 0; i < 4; ++i) {
      int c = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      ::connect(c, reinterpret_cast<sockaddr*>(&a), sizeof a);
      fillers.push_back(c);
    }
    TransportOptions options;
    options.connect_timeout_ms = 300;
    auto transport = fhir::NewHttpTransport(options);
    auto t0 = Clock::now();
    StatusOr<HttpResponse> r = transport->Send(Request(
        "GET", "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "/x"));
    CHECK(r.status().code() == StatusCode::kDeadlineExceeded);
    CHECK(r.status().message().find("connecting to") != std::string::npos);
    CHECK(MillisSince(t0) < 3000);
    for (int c : fillers) ::close(c);
    ::close(listener);
  }

  SECTION("unknown host") {
    TransportOptions options;
    options.connect_timeout_ms = 1000;
    auto transport = fhir::NewHttpTransport(options);
    StatusOr<HttpResponse> r =
        transport->Send(Request("GET", "http://no-such-host.invalid/x"));
    CHECK((r.status().code() == StatusCode::kUnavailable ||
           r.status().code() == StatusCode::kDeadlineExceeded));
    CHECK(r.status().message().find("no-such-host.invalid") !=
          std::string::npos);
  }

  SECTION("bad URLs and bad TLS files") {
    auto transport = fhir::NewHttpTransport(TransportOptions());
    CHECK(transport->Send(Request("GET", "ftp://h/x")).status().code() ==
          StatusCode::kInvalidArgument);
    CHECK(transport->Send(Request("GET", "no url")).status().code() ==
          StatusCode::kInvalidArgument);
    HttpRequest injected = Request("GET", "http://127.0.0.1:1/x");
    injected.headers = {{"If-Match", "W/\"1\"\r\nX-Evil: 1"}};
    CHECK(transport->Send(injected).status().code() ==
          StatusCode::kInvalidArgument);
    TransportOptions tls;
    tls.ca_file = "/nonexistent/ca.pem";
    auto bad = fhir::NewHttpTransport(tls);
    StatusOr<HttpResponse> r =
        bad->Send(Request("GET", "https://127.0.0.1:1/x"));
    CHECK(r.status().code() == StatusCode::kFailedPrecondition);
    CHECK(r.status().message().find("ca_file") != std::string::npos);
    TransportOptions key_only;
    key_only.client_key_file = "/nonexistent/key.pem";
    CHECK(fhir::NewHttpTransport(key_only)
              ->Send(Request("GET", "https://127.0.0.1:1/x"))
              .status()
              .code() == StatusCode::kFailedPrecondition);
  }
}
