#include "fhir/http/redact.h"

#include <array>
#include <cctype>

namespace fhir {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSecretParam(std::string_view name) {
  // Not "code": FHIR searches use it for clinical codes.
  static constexpr std::array<std::string_view, 7> kNames = {
      "access_token", "refresh_token", "id_token", "client_secret",
      "password",     "api_key",       "apikey"};
  std::string lower = Lower(name);
  for (std::string_view n : kNames) {
    if (lower == n) return true;
  }
  return lower.find("token") != std::string::npos ||
         lower.find("secret") != std::string::npos;
}

bool IsSeparator(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' ||
         c == '&' || c == ',' || c == ';' || c == '<' || c == '>' || c == '}';
}

}  // namespace

bool IsSecretHeader(std::string_view name) {
  std::string lower = Lower(name);
  return lower == "authorization" || lower == "proxy-authorization" ||
         lower == "cookie" || lower == "set-cookie" || lower == "x-api-key" ||
         lower == "api-key" || lower.find("token") != std::string::npos ||
         lower.find("secret") != std::string::npos;
}

std::string RedactHeaderValue(std::string_view name, std::string_view value) {
  if (!IsSecretHeader(name)) return std::string(value);
  std::string lower_name = Lower(name);
  if (lower_name == "authorization" || lower_name == "proxy-authorization") {
    std::size_t space = value.find(' ');
    if (space != std::string_view::npos && space > 0 && space < 16) {
      return std::string(value.substr(0, space)) + " " + std::string(kRedacted);
    }
  }
  return std::string(kRedacted);
}

std::string FormatHeaders(const HttpHeaders& headers) {
  std::string out;
  for (const auto& [name, value] : headers) {
    if (!out.empty()) out.push_back('\n');
    out += name + ": " + RedactHeaderValue(name, value);
  }
  return out;
}

std::string RedactUrl(std::string_view url) {
  std::size_t q = url.find('?');
  if (q == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, q + 1));
  std::string_view query = url.substr(q + 1);
  bool first = true;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view()
                                          : query.substr(amp + 1);
    if (!first) out.push_back('&');
    first = false;
    std::size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    if (eq != std::string_view::npos && IsSecretParam(name)) {
      out += std::string(name) + "=" + std::string(kRedacted);
    } else {
      out += std::string(pair);
    }
  }
  return out;
}

std::string RedactSecrets(std::string_view text) {
  static constexpr std::array<std::string_view, 10> kMarkers = {
      "bearer ",       "basic ",   "access_token",  "refresh_token", "id_token",
      "client_secret", "password", "authorization", "api_key",       "apikey"};
  std::string lower = Lower(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t marker_len = 0;
    for (std::string_view m : kMarkers) {
      if (lower.compare(i, m.size(), m) == 0) {
        marker_len = m.size();
        break;
      }
    }
    if (marker_len == 0) {
      out.push_back(text[i++]);
      continue;
    }
    out.append(text.substr(i, marker_len));
    i += marker_len;
    // Skip what joins a name to its value: quotes, ':', '=' and spaces.
    while (i < text.size() &&
           (text[i] == '"' || text[i] == '\'' || text[i] == ':' ||
            text[i] == '=' || text[i] == ' ')) {
      out.push_back(text[i++]);
    }
    // "Authorization: Bearer xyz": keep the scheme, the marker loop redacts
    // what follows it.
    if (lower.compare(i, 7, "bearer ") == 0 ||
        lower.compare(i, 6, "basic ") == 0) {
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && !IsSeparator(text[i])) ++i;
    if (i > start) out.append(kRedacted);
  }
  return out;
}

std::string DescribeRequest(const HttpRequest& request) {
  std::string out = request.method + " " + RedactUrl(request.url);
  for (const auto& [name, value] : request.headers) {
    out += " | " + name + ": " + RedactHeaderValue(name, value);
  }
  if (!request.body.empty()) {
    out += " | body " + std::to_string(request.body.size()) + " bytes";
  }
  return out;
}

}  // namespace fhir
