#include "fhir/http/url.h"

#include <cctype>

namespace fhir {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

void AppendEscaped(std::string* out, unsigned char c) {
  static const char kHex[] = "0123456789ABCDEF";
  out->push_back('%');
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 15]);
}

}  // namespace

std::string Url::Origin() const {
  return scheme + "://" + host + ":" + std::to_string(port);
}

StatusOr<Url> ParseUrl(std::string_view url) {
  Url out;
  std::size_t colon = url.find("://");
  if (colon == std::string_view::npos) {
    return InvalidArgumentError("not an absolute URL");
  }
  out.scheme = Lower(url.substr(0, colon));
  if (out.scheme != "http" && out.scheme != "https") {
    return InvalidArgumentError("URL scheme must be http or https, not \"" +
                                out.scheme + "\"");
  }
  std::string_view rest = url.substr(colon + 3);
  std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  std::size_t path_start = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_start);
  std::string_view path = path_start == std::string_view::npos
                              ? std::string_view()
                              : rest.substr(path_start);
  if (authority.find('@') != std::string_view::npos) {
    return InvalidArgumentError(
        "URL must not carry user information (use a token provider)");
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return InvalidArgumentError("URL has an unterminated IPv6 address");
    }
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':')
        return InvalidArgumentError("bad URL authority");
      port = after.substr(1);
    }
  } else {
    std::size_t c = authority.rfind(':');
    if (c != std::string_view::npos) {
      host = authority.substr(0, c);
      port = authority.substr(c + 1);
    }
  }
  if (host.empty()) return InvalidArgumentError("URL has no host");
  out.host = Lower(host);
  if (port.empty()) {
    out.port = out.scheme == "https" ? 443 : 80;
  } else {
    if (port.size() > 5) return InvalidArgumentError("bad URL port");
    int p = 0;
    for (char c : port) {
      if (!std::isdigit(static_cast<unsigned char>(c))) {
        return InvalidArgumentError("bad URL port");
      }
      p = p * 10 + (c - '0');
    }
    if (p < 1 || p > 65535) return InvalidArgumentError("bad URL port");
    out.port = p;
  }
  if (path.empty()) {
    out.path_and_query = "/";
  } else if (path.front() == '?') {
    out.path_and_query = "/" + std::string(path);
  } else {
    out.path_and_query = std::string(path);
  }
  return out;
}

bool SameOrigin(std::string_view a, std::string_view b) {
  StatusOr<Url> ua = ParseUrl(a);
  StatusOr<Url> ub = ParseUrl(b);
  return ua.ok() && ub.ok() && ua->Origin() == ub->Origin();
}

std::string ResolveAgainstBase(std::string_view base, std::string_view link) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  if (link.find("://") != std::string_view::npos) {
    // Absolute when a scheme precedes "://" before any '/', '?' or '#'.
    std::size_t sep = link.find("://");
    if (link.substr(0, sep).find_first_of("/?#") == std::string_view::npos) {
      return std::string(link);
    }
  }
  std::size_t scheme_end = base.find("://");
  std::string scheme = scheme_end == std::string_view::npos
                           ? std::string("http")
                           : std::string(base.substr(0, scheme_end));
  if (link.size() >= 2 && link[0] == '/' && link[1] == '/') {
    return scheme + ":" + std::string(link);
  }
  if (!link.empty() && link.front() == '/') {
    std::size_t auth_start =
        scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
    std::size_t path_start = base.find('/', auth_start);
    std::string_view origin = base.substr(0, path_start);
    return std::string(origin) + std::string(link);
  }
  return std::string(base) + "/" + std::string(link);
}

std::string PercentEncode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c)) {
      out.push_back(ch);
    } else {
      AppendEscaped(&out, c);
    }
  }
  return out;
}

std::string EncodeQuery(const QueryParams& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out += PercentEncode(name);
    out.push_back('=');
    out += PercentEncode(value);
  }
  return out;
}

std::string EscapeUrlForWire(std::string_view url) {
  static const std::string_view kAllowed = "-._~:/?#[]@!$&'()*+,;=%";
  std::string out;
  out.reserve(url.size());
  for (char ch : url) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) ||
        (c < 0x80 && kAllowed.find(ch) != std::string_view::npos)) {
      out.push_back(ch);
    } else {
      AppendEscaped(&out, c);
    }
  }
  // A '%' not followed by two hex digits is escaped too.
  std::string fixed;
  fixed.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '%' &&
        !(i + 2 < out.size() &&
          std::isxdigit(static_cast<unsigned char>(out[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(out[i + 2])))) {
      fixed += "%25";
    } else {
      fixed.push_back(out[i]);
    }
  }
  return fixed;
}

}  // namespace fhir
