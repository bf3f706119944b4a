#include "fhir/bundle.h"

namespace fhir {
namespace {

std::string EscapeSearchValue(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == ',' || c == '$' || c == '|') out += '\\';
    out += c;
  }
  return out;
}

// Percent-encodes what a URL query must not carry raw; keeps ':' '/' '|'
// and '=' readable, as servers accept them in query values.
std::string PercentEncode(const std::string& v) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : v) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                c == '~' || c == ':' || c == '/' || c == '|' || c == '=';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string IdentifierQuery(const std::string& system, const std::string& value) {
  return "identifier=" + PercentEncode(EscapeSearchValue(system) + "|" +
                                       EscapeSearchValue(value));
}

Json TransactionEntry(const std::string& full_url, Json resource,
                      EntryMethod method, const std::string& identifier_query) {
  std::string type = resource.Find("resourceType")
                         ? resource.Find("resourceType")->str()
                         : std::string();
  Json entry = Json::Object();
  entry.Set("fullUrl", full_url);
  entry.Set("resource", std::move(resource));
  Json& request = entry.Set("request", Json::Object());
  if (method == EntryMethod::kConditionalCreate) {
    request.Set("method", "POST");
    request.Set("url", type);
    request.Set("ifNoneExist", identifier_query);
  } else {
    request.Set("method", "PUT");
    request.Set("url", type + "?" + identifier_query);
  }
  return entry;
}

int RewriteReferences(Json* node, const ReferenceTargets& targets) {
  int n = 0;
  if (node->is_object()) {
    for (std::size_t i = 0; i < node->size(); ++i) {
      Json& v = node->at(i);
      if (v.is_string()) {
        if (node->key(i) != "reference") continue;
        for (const auto& [from, to] : targets) {
          if (v.str() == from) {
            v = Json(to);
            ++n;
            break;
          }
        }
      } else if (v.is_object() || v.is_array()) {
        n += RewriteReferences(&v, targets);
      }
    }
  } else if (node->is_array()) {
    for (std::size_t i = 0; i < node->size(); ++i) {
      n += RewriteReferences(&node->at(i), targets);
    }
  }
  return n;
}

BundleWriter::BundleWriter(std::ostream* out, const char* type) : out_(out) {
  *out_ << "{\"resourceType\":\"Bundle\",\"type\":\"" << type << "\"";
}

BundleWriter::~BundleWriter() { Finish(); }

void BundleWriter::Add(const Json& entry) {
  if (finished_) return;
  // FHIR forbids an empty array, so "entry" opens with the first entry.
  buffer_.assign(entries_++ > 0 ? ",\n" : ",\"entry\":[\n");
  entry.AppendSerialized(&buffer_);
  out_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
}

void BundleWriter::Finish() {
  if (finished_) return;
  finished_ = true;
  *out_ << (entries_ > 0 ? "\n]}\n" : "}\n");
}

}  // namespace fhir
