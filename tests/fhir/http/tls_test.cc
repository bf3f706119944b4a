// The transport over HTTPS: certificate verification on by default, an extra
// CA file, host name checks, client certificates (mutual TLS). Certificates
// are made for each run with the openssl command line tool.
#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "fhir/http/http_transport.h"
#include "tests/fhir/http/test_server.h"

using fhir::HttpRequest;
using fhir::HttpResponse;
using fhir::StatusCode;
using fhir::StatusOr;
using fhir::TransportOptions;
using fhir::testing::TestFhirServer;

namespace {

// A throw-away CA, a server certificate for IP 127.0.0.1 and a client
// certificate, in a temporary directory removed at exit.
struct Pki {
  std::string dir;
  std::string File(const char* name) const { return dir + "/" + name; }
};

const Pki& TestPki() {
  static Pki* pki = [] {
    auto* p = new Pki();
    char tmpl[] = "/tmp/alliance-tls-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    p->dir = tmpl;
    std::ofstream(p->File("server.ext")) << "subjectAltName=IP:127.0.0.1\n";
    std::ofstream(p->File("client.ext")) << "extendedKeyUsage=clientAuth\n";
    const std::string key =
        " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    const std::string script =
        "cd " + p->dir + " && " + "openssl req -x509" + key +
        " -keyout ca.key -out ca.pem -days 2 -subj /CN=TestCA" +
        " && openssl req" + key +
        " -keyout server.key -out server.csr -subj /CN=server" +
        " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key "
        "-CAcreateserial"
        " -out server.pem -days 2 -extfile server.ext" +
        " && openssl req" + key +
        " -keyout client.key -out client.csr -subj /CN=client" +
        " && openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key "
        "-CAcreateserial"
        " -out client.pem -days 2 -extfile client.ext";
    int rc = std::system(
        ("(" + script + ") > " + p->dir + "/openssl.log 2>&1").c_str());
    if (rc != 0) FAIL("openssl failed; see " << p->dir << "/openssl.log");
    std::atexit([] { std::system(("rm -rf " + TestPki().dir).c_str()); });
    return p;
  }();
  return *pki;
}

std::unique_ptr<TestFhirServer> HttpsServer(bool require_client_cert) {
  const Pki& pki = TestPki();
  TestFhirServer::Options o;
  o.script =
      std::string(ALLIANCE_SOURCE_DIR) + "/tests/fhir/http/echo_server.js";
  o.args = {"--tls-cert", pki.File("server.pem"), "--tls-key",
            pki.File("server.key")};
  if (require_client_cert) {
    o.args.insert(o.args.end(),
                  {"--tls-ca", pki.File("ca.pem"), "--require-client-cert"});
  }
  o.start_timeout_ms = 15000;
  auto s = TestFhirServer::Start(o);
  if (!s.ok()) FAIL("https echo server: " << s.status().ToString());
  return std::move(s).value();
}

StatusOr<HttpResponse> Get(const TransportOptions& options,
                           const std::string& url) {
  HttpRequest r;
  r.method = "GET";
  r.url = url;
  return fhir::NewHttpTransport(options)->Send(r);
}

}  // namespace

TEST_CASE("transport: HTTPS verifies the server unless told not to") {
  auto server = HttpsServer(false);
  const std::string url = server->origin() + "/echo";
  REQUIRE(url.rfind("https://127.0.0.1:", 0) == 0);

  TransportOptions system_cas;  // the test CA is not among them
  StatusOr<HttpResponse> untrusted = Get(system_cas, url);
  CHECK(untrusted.status().code() == StatusCode::kUnavailable);
  CHECK(untrusted.status().message().find("handshake") != std::string::npos);

  TransportOptions with_ca;
  with_ca.ca_file = TestPki().File("ca.pem");
  StatusOr<HttpResponse> trusted = Get(with_ca, url);
  REQUIRE(trusted.ok());
  CHECK(trusted->status == 200);

  // The certificate names 127.0.0.1 only: "localhost" is another host.
  StatusOr<HttpResponse> wrong_name = Get(
      with_ca, "https://localhost:" + std::to_string(server->port()) + "/echo");
  CHECK_FALSE(wrong_name.ok());

  TransportOptions unverified;
  unverified.verify_tls = false;
  StatusOr<HttpResponse> insecure = Get(unverified, url);
  REQUIRE(insecure.ok());
  CHECK(insecure->status == 200);
}

TEST_CASE("transport: mutual TLS with a client certificate") {
  auto server = HttpsServer(true);
  const std::string url = server->origin() + "/echo";
  TransportOptions no_cert;
  no_cert.ca_file = TestPki().File("ca.pem");
  CHECK(Get(no_cert, url).status().code() == StatusCode::kUnavailable);

  TransportOptions with_cert = no_cert;
  with_cert.client_cert_file = TestPki().File("client.pem");
  with_cert.client_key_file = TestPki().File("client.key");
  StatusOr<HttpResponse> r = Get(with_cert, url);
  REQUIRE(r.ok());
  CHECK(r->status == 200);

  TransportOptions mismatched = with_cert;
  mismatched.client_key_file = TestPki().File("server.key");
  StatusOr<HttpResponse> bad = Get(mismatched, url);
  CHECK(bad.status().code() == StatusCode::kFailedPrecondition);
  CHECK(bad.status().message().find("client_key_file") != std::string::npos);
}
