// Options: the plugin's whole configuration as plain structs. Filled by
// LoadOptions/ParseCommandLine (config/command_line.h) from defaults, the INI
// file and the command line; only plugin/ reads it.
#ifndef ALLIANCE_CONFIG_OPTIONS_H_
#define ALLIANCE_CONFIG_OPTIONS_H_

#include <cstddef>
#include <map>
#include <string>

namespace config {

struct IdentifierOptions {
  // Identifier system of the clinic's record ids (value = record id).
  // Default: "urn:alliance-fhir:clinic:record". Set it to a URI the hospital
  // assigns to the clinic: it is what makes every sync idempotent.
  std::string record_system = "urn:alliance-fhir:clinic:record";
  // System of the hospital's medical record numbers.
  // Default: "urn:alliance-fhir:hospital:mrn".
  std::string mrn_system = "urn:alliance-fhir:hospital:mrn";
  // System of staff ids. Default: "urn:alliance-fhir:clinic:staff".
  std::string staff_system = "urn:alliance-fhir:clinic:staff";
};

struct ClinicOptions {
  // The clinic as an Organization identifier. Default: urn:alliance-fhir:clinic:org|clinic.
  std::string org_system = "urn:alliance-fhir:clinic:org";
  std::string org_value = "clinic";
  std::string name = "Clinic";  // Default: "Clinic"
  // meta.source of every resource. Default: "urn:alliance-fhir:clinic".
  std::string source = "urn:alliance-fhir:clinic";
};

// A consent recipient key (as in records: "hospital") -> Organization.
// INI: [recipients] hospital = <system>|<value>|<display>
struct Recipient {
  std::string system;
  std::string value;
  std::string display;
};

struct InstrumentOptions {
  // Folder of instrument files. Default: empty = the folder shipped with
  // the build (mappings/instruments).
  std::string dir;
  // Cutoff overrides, "<instrument>:<score>" -> value.
  // INI: [cutoffs] srs:total = 36. Default: the instrument files' cutoffs.
  std::map<std::string, double> cutoffs;
};

struct IntakeOptions {
  // Longest accepted record line in bytes. Default: 16 MiB.
  std::size_t max_line_bytes = 16u << 20;
  // Consent documents up to this size travel inline in the Consent.
  // Default: 1 MiB.
  std::size_t inline_document_max_bytes = 1u << 20;
};

struct ServerOptions {
  // The hospital's FHIR R4 base URL, e.g. https://ehr.example.org/fhir/R4.
  // Default: none (sync refuses to run without it).
  std::string base_url;
  int connect_timeout_ms = 10000;  // Default: 10 s
  int request_timeout_ms = 60000;  // Default: 60 s
};

struct StoreOptions {
  // The SQLite file holding records, the outbox and the server mapping.
  // Default: "alliance-fhir.db" in the working directory.
  std::string path = "alliance-fhir.db";
};

struct SyncConfig {
  // Entries per transaction Bundle. Default: 100.
  std::size_t bundle_size = 100;
  // server-wins | local-wins | manual. Default: server-wins.
  std::string conflict_policy = "server-wins";
  // Longest wait for transient server failures in one sync. Default: 60 s.
  long long max_wait_ms = 60000;
};

struct Options {
  std::string config_file;  // the INI file read, if any
  ServerOptions server;
  StoreOptions store;
  SyncConfig sync;
  IdentifierOptions identifiers;
  ClinicOptions clinic;
  std::map<std::string, Recipient> recipients;
  InstrumentOptions instruments;
  IntakeOptions intake;
};

}  // namespace config

#endif  // ALLIANCE_CONFIG_OPTIONS_H_
