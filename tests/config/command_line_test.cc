#include "config/command_line.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

fhir::StatusOr<config::Invocation> Parse(std::vector<std::string> words) {
  std::vector<const char*> argv{"alliance-fhir"};
  for (const std::string& w : words) argv.push_back(w.c_str());
  return config::ParseCommandLine(static_cast<int>(argv.size()), argv.data());
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
                     "/alliance-config-test-" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("commands, operands and flags are recognised") {
  auto inv = Parse({"import", "a.jsonl", "b.jsonl", "--dry-run", "--out", "x.json"});
  REQUIRE(inv.ok());
  CHECK(inv->command == "import");
  CHECK(inv->args == std::vector<std::string>{"a.jsonl", "b.jsonl"});
  CHECK(inv->Flag("dry-run"));
  CHECK(inv->Value("out") == "x.json");
  CHECK_FALSE(inv->Flag("json"));

  auto show = Parse({"instruments", "show", "srs", "--questionnaire"});
  REQUIRE(show.ok());
  CHECK(show->command == "instruments show");
  CHECK(show->args == std::vector<std::string>{"srs"});
}

TEST_CASE("usage errors name what is wrong") {
  struct Case { std::vector<std::string> words; const char* needle; };
  const std::vector<Case> cases = {
      {{"frobnicate"}, "unknown command \"frobnicate\""},
      {{"import"}, "usage: alliance-fhir import FILE..."},
      {{"import", "a", "--bogus"}, "unknown option --bogus"},
      {{"instruments", "show"}, "usage: alliance-fhir instruments show ID"},
      {{"import", "a", "--identifiers.record_system=not a uri"},
       "command line: identifiers.record_system: \"not a uri\" is not an absolute URI"},
      {{"import", "a", "--intake.max_line_bytes=12kb"}, "is not a whole number of bytes"},
      {{"import", "a", "--config", "/nonexistent/alliance.conf"},
       "cannot read config file /nonexistent/alliance.conf"},
  };
  for (const Case& c : cases) {
    auto inv = Parse(c.words);
    INFO(c.words.front() << " ... expecting " << c.needle);
    REQUIRE_FALSE(inv.ok());
    CHECK(inv.status().message().find(c.needle) != std::string::npos);
  }
}

TEST_CASE("--help gives the command's usage, options and exit codes") {
  auto inv = Parse({"import", "--help"});
  REQUIRE(inv.ok());
  CHECK(inv->help);
  CHECK(inv->help_text.find("Usage: alliance-fhir import FILE...") != std::string::npos);
  CHECK(inv->help_text.find("--dry-run") != std::string::npos);
  CHECK(inv->help_text.find("--identifiers.record_system") != std::string::npos);
  CHECK(inv->help_text.find("Exit codes: 0 ok, 1") != std::string::npos);
  auto general = Parse({"--help"});
  REQUIRE(general.ok());
  CHECK(general->help_text.find("instruments show") != std::string::npos);
}

TEST_CASE("INI file values apply; the command line wins; map sections parse") {
  std::string path = WriteTemp("good.conf",
                               "# comment\n"
                               "[identifiers]\n"
                               "record_system = https://clinic.example/ids\n"
                               "mrn_system = urn:oid:1.2.3\n"
                               "[recipients]\n"
                               "hospital = urn:oid:9.9|HOSP-1|City Hospital\n"
                               "[cutoffs]\n"
                               "srs:total = 35.5\n");
  auto inv = Parse({"import", "a", "--config", path,
                    "--identifiers.mrn_system=urn:oid:7.7"});
  REQUIRE(inv.ok());
  const config::Options& o = inv->options;
  CHECK(o.identifiers.record_system == "https://clinic.example/ids");
  CHECK(o.identifiers.mrn_system == "urn:oid:7.7");  // command line wins
  REQUIRE(o.recipients.count("hospital") == 1);
  CHECK(o.recipients.at("hospital").system == "urn:oid:9.9");
  CHECK(o.recipients.at("hospital").value == "HOSP-1");
  CHECK(o.recipients.at("hospital").display == "City Hospital");
  CHECK(o.instruments.cutoffs.at("srs:total") == Approx(35.5));
  std::remove(path.c_str());
}

TEST_CASE("INI errors name the file and the line") {
  struct Case { const char* text; const char* needle; };
  const Case cases[] = {
      {"[identifiers]\nrecord_system = urn:x\n[tls]\nfoo = 1\n", ":4: unknown key tls.foo"},
      {"[identifiers]\nrecord_system\n", ":2: expected key = value"},
      {"[recipients]\nhospital = nobar\n", ":2: recipients.hospital: expected <system>|<value>|<display>"},
      {"[cutoffs]\nsrs:total = high\n", ":2: cutoffs.srs:total: \"high\" is not a number"},
      {"[identifiers\n", ":1: malformed section header"},
  };
  int n = 0;
  for (const Case& c : cases) {
    std::string path = WriteTemp("bad" + std::to_string(n++) + ".conf", c.text);
    auto inv = Parse({"import", "a", "--config", path});
    INFO(c.text);
    REQUIRE_FALSE(inv.ok());
    CHECK(inv.status().message() .find(path + c.needle) != std::string::npos);
    std::remove(path.c_str());
  }
}
