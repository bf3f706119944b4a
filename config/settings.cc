#include "config/settings.h"

#include <charconv>
#include <cstdlib>

namespace config {
namespace {

std::string NonEmpty(const std::string& v, std::string* out) {
  if (v.empty()) return "must not be empty";
  *out = v;
  return "";
}

std::string Uri(const std::string& v, std::string* out) {
  if (v.empty() || v.find_first_of(" \t") != std::string::npos ||
      v.find(':') == std::string::npos) {
    return "\"" + v + "\" is not an absolute URI";
  }
  *out = v;
  return "";
}

std::string Bytes(const std::string& v, std::size_t* out) {
  std::size_t n = 0;
  auto r = std::from_chars(v.data(), v.data() + v.size(), n);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size()) {
    return "\"" + v + "\" is not a whole number of bytes";
  }
  *out = n;
  return "";
}

std::string Int(const std::string& v, long long lo, long long hi, long long* out) {
  long long n = 0;
  auto r = std::from_chars(v.data(), v.data() + v.size(), n);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size() || n < lo || n > hi) {
    return "\"" + v + "\" is not a whole number in " + std::to_string(lo) + ".." +
           std::to_string(hi);
  }
  *out = n;
  return "";
}

#define SETTING(KEY, HELP, BODY) \
  {KEY, HELP, [](const std::string& v, Options* o) -> std::string { BODY }}

const std::vector<Setting> kSettings = {
    SETTING("server.base_url", "the hospital's FHIR R4 base URL (http or https)",
            if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) {
              return "\"" + v + "\" is not an http(s) URL";
            }
            o->server.base_url = v;
            while (!o->server.base_url.empty() && o->server.base_url.back() == '/') {
              o->server.base_url.pop_back();
            }
            return "";),
    SETTING("server.connect_timeout_ms", "TCP/TLS connect timeout (ms)",
            long long n = 0; std::string e = Int(v, 1, 600000, &n);
            o->server.connect_timeout_ms = static_cast<int>(n); return e;),
    SETTING("server.request_timeout_ms", "whole-request timeout (ms)",
            long long n = 0; std::string e = Int(v, 1, 3600000, &n);
            o->server.request_timeout_ms = static_cast<int>(n); return e;),
    SETTING("store.path", "the SQLite store file",
            return NonEmpty(v, &o->store.path);),
    SETTING("sync.bundle_size", "entries per transaction Bundle (1..1000)",
            long long n = 0; std::string e = Int(v, 1, 1000, &n);
            o->sync.bundle_size = static_cast<std::size_t>(n); return e;),
    SETTING("sync.conflict_policy", "server-wins | local-wins | manual",
            if (v != "server-wins" && v != "local-wins" && v != "manual") {
              return "\"" + v + "\" is not server-wins, local-wins or manual";
            }
            o->sync.conflict_policy = v; return "";),
    SETTING("sync.max_wait_ms", "longest wait for transient failures in one sync (ms)",
            return Int(v, 0, 86400000, &o->sync.max_wait_ms);),
    SETTING("identifiers.record_system",
            "identifier system of record ids (absolute URI)",
            return Uri(v, &o->identifiers.record_system);),
    SETTING("identifiers.mrn_system",
            "identifier system of the hospital's MRNs (absolute URI)",
            return Uri(v, &o->identifiers.mrn_system);),
    SETTING("identifiers.staff_system",
            "identifier system of staff ids (absolute URI)",
            return Uri(v, &o->identifiers.staff_system);),
    SETTING("clinic.org_system", "the clinic Organization's identifier system",
            return Uri(v, &o->clinic.org_system);),
    SETTING("clinic.org_value", "the clinic Organization's identifier value",
            return NonEmpty(v, &o->clinic.org_value);),
    SETTING("clinic.name", "the clinic's name (display)",
            return NonEmpty(v, &o->clinic.name);),
    SETTING("clinic.source", "meta.source of every resource (URI)",
            return Uri(v, &o->clinic.source);),
    SETTING("instruments.dir", "folder of instrument files (*.json)",
            return NonEmpty(v, &o->instruments.dir);),
    SETTING("intake.max_line_bytes", "longest accepted record line (bytes)",
            return Bytes(v, &o->intake.max_line_bytes);),
    SETTING("intake.inline_document_max_bytes",
            "consent documents up to this size travel inline (bytes)",
            return Bytes(v, &o->intake.inline_document_max_bytes);),
};

#undef SETTING

std::string ApplyRecipient(const std::string& key, const std::string& v,
                           Options* o) {
  // <system>|<value>|<display>
  auto a = v.find('|');
  auto b = a == std::string::npos ? a : v.find('|', a + 1);
  if (a == std::string::npos || a == 0 || a + 1 == b) {
    return "expected <system>|<value>|<display>";
  }
  Recipient r;
  r.system = v.substr(0, a);
  r.value = v.substr(a + 1, b == std::string::npos ? b : b - a - 1);
  r.display = b == std::string::npos ? "" : v.substr(b + 1);
  o->recipients[key] = r;
  return "";
}

std::string ApplyCutoff(const std::string& key, const std::string& v,
                        Options* o) {
  if (key.find(':') == std::string::npos) {
    return "cutoff keys are <instrument>:<score>, e.g. srs:total";
  }
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (v.empty() || end != v.c_str() + v.size()) {
    return "\"" + v + "\" is not a number";
  }
  o->instruments.cutoffs[key] = d;
  return "";
}

}  // namespace

const std::vector<Setting>& Settings() { return kSettings; }

bool IsSettingKey(const std::string& key) {
  for (const Setting& s : kSettings) {
    if (key == s.key) return true;
  }
  return false;
}

fhir::Status ApplySettings(const RawSettings& raw, Options* options) {
  for (const auto& [key, value] : raw.values) {
    std::string why;
    if (key.rfind("recipients.", 0) == 0) {
      why = ApplyRecipient(key.substr(11), value.text, options);
    } else if (key.rfind("cutoffs.", 0) == 0) {
      why = ApplyCutoff(key.substr(8), value.text, options);
    } else {
      for (const Setting& s : kSettings) {
        if (key == s.key) why = s.apply(value.text, options);
      }
    }
    if (!why.empty()) {
      return fhir::InvalidArgumentError(value.origin + ": " + key + ": " + why);
    }
  }
  return fhir::OkStatus();
}

}  // namespace config
