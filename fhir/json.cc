#include "fhir/json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numeric>

#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace fhir {

Json::Json(std::int64_t v) : type_(Type::kNumber) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  text_.assign(buf, res.ptr);
}

bool IsJsonNumber(std::string_view s) {
  std::size_t i = 0, n = s.size();
  if (i < n && s[i] == '-') ++i;
  if (i >= n) return false;
  if (s[i] == '0') {
    ++i;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
  } else {
    return false;
  }
  if (i < n && s[i] == '.') {
    ++i;
    std::size_t start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  return i == n;
}

Json Json::Decimal(std::string_view text) {
  Json j;
  if (!IsJsonNumber(text)) return j;
  j.type_ = Type::kNumber;
  j.text_.assign(text);
  return j;
}

Json Json::Decimal(double value, int places) {
  if (!std::isfinite(value)) return Json();
  places = std::clamp(places, 0, 12);
  double scale = std::pow(10.0, places);
  // Round half away from zero on the scaled value; the small epsilon keeps
  // 7.25 (stored as 7.2499999...) rounding the way a person expects.
  double scaled = std::round(value * scale + (value >= 0 ? 1e-9 : -1e-9));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", places, scaled / scale);
  std::string text(buf);
  if (text == "-0" || text.rfind("-0.", 0) == 0) {
    if (text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  }
  return Decimal(text);
}

std::optional<std::int64_t> Json::AsInt() const {
  if (type_ != Type::kNumber) return std::nullopt;
  std::int64_t v = 0;
  const char* b = text_.data();
  const char* e = b + text_.size();
  auto res = std::from_chars(b, e, v);
  if (res.ec != std::errc() || res.ptr != e) return std::nullopt;
  return v;
}

std::optional<double> Json::AsDouble() const {
  if (type_ != Type::kNumber) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(text_.c_str(), &end);
  if (end != text_.c_str() + text_.size()) return std::nullopt;
  return v;
}

const std::vector<Json>& Json::items() const {
  static const std::vector<Json> kNone;
  return node_ ? node_->values : kNone;
}

Json::Node& Json::Mutable() {
  if (!node_) {
    node_ = std::make_shared<Node>();
    // Most FHIR objects have a handful of members.
    if (type_ == Type::kObject) node_->keys.reserve(4);
    node_->values.reserve(4);
  } else if (node_.use_count() > 1) {
    node_ = std::make_shared<Node>(*node_);
  }
  return *node_;
}

const Json* Json::Find(std::string_view key) const {
  if (type_ != Type::kObject || !node_) return nullptr;
  const std::vector<std::string>& keys = node_->keys;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &node_->values[i];
  }
  return nullptr;
}

Json* Json::Find(std::string_view key) {
  if (type_ != Type::kObject || !node_) return nullptr;
  const std::vector<std::string>& keys = node_->keys;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &Mutable().values[i];
  }
  return nullptr;
}

Json& Json::Set(std::string_view key, Json value) {
  if (type_ == Type::kNull) type_ = Type::kObject;
  if (Json* existing = Find(key)) {
    *existing = std::move(value);
    return *existing;
  }
  Node& node = Mutable();
  node.keys.emplace_back(key);
  node.values.push_back(std::move(value));
  return node.values.back();
}

bool Json::Remove(std::string_view key) {
  if (type_ != Type::kObject || !node_) return false;
  for (std::size_t i = 0; i < node_->keys.size(); ++i) {
    if (node_->keys[i] == key) {
      Node& node = Mutable();
      node.keys.erase(node.keys.begin() + static_cast<std::ptrdiff_t>(i));
      node.values.erase(node.values.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    }
  }
  return false;
}

Json& Json::Append(Json value) {
  if (type_ == Type::kNull) type_ = Type::kArray;
  Node& node = Mutable();
  node.values.push_back(std::move(value));
  return node.values.back();
}

bool Json::operator==(const Json& o) const {
  if (type_ != o.type_) return false;
  switch (type_) {
    case Type::kNull: return true;
    case Type::kBool: return bool_ == o.bool_;
    case Type::kNumber:
    case Type::kString: return text_ == o.text_;
    case Type::kArray:
      return node_ == o.node_ || items() == o.items();
    case Type::kObject: {
      if (node_ == o.node_) return true;
      if (size() != o.size()) return false;
      for (std::size_t i = 0; i < size(); ++i) {
        const Json* other = o.Find(key(i));
        if (!other || !(at(i) == *other)) return false;
      }
      return true;
    }
  }
  return false;
}

// ---- parsing: a RapidJSON SAX handler that builds our DOM -----------------

namespace {

// Well-formed UTF-8 (RFC 3629): no overlongs, no surrogates, <= U+10FFFF.
// RapidJSON checks the raw bytes, but decodes a lone low-surrogate escape
// ("\udc00") into surrogate bytes; found by tests/fuzz/json_fuzz.
bool IsValidUtf8(const char* s, std::size_t n) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  for (std::size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; }
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c == 0xED) { len = 3; hi = 0x9F; }
    else if (c >= 0xE1 && c <= 0xEF) { len = 3; }
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) { len = 4; }
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    else { return false; }
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

class JsonBuilder {
 public:
  bool Null() { return Put(Json()); }
  bool Bool(bool b) { return Put(Json(b)); }
  bool Int(int) { return false; }  // never called: numbers arrive raw
  bool Uint(unsigned) { return false; }
  bool Int64(std::int64_t) { return false; }
  bool Uint64(std::uint64_t) { return false; }
  bool Double(double) { return false; }
  bool RawNumber(const char* s, rapidjson::SizeType len, bool) {
    Json j;
    j.type_ = Json::Type::kNumber;
    j.text_.assign(s, len);
    return Put(std::move(j));
  }
  bool String(const char* s, rapidjson::SizeType len, bool) {
    if (!IsValidUtf8(s, len)) return Invalid();
    return Put(Json(std::string(s, len)));
  }
  bool StartObject() { return Open(Json::Object()); }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    if (!IsValidUtf8(s, len)) return Invalid();
    Json& top = stack_.back();
    std::string_view key(s, len);
    if (top.Find(key) != nullptr) {
      error_ = "duplicate key \"" + std::string(key) + "\"";
      return false;
    }
    pending_key_.assign(s, len);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(Json::Array()); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  Json TakeRoot() { return std::move(root_); }
  bool Invalid() {
    error_ = "invalid unicode escape (a lone surrogate)";
    return false;
  }
  const std::string& error() const { return error_; }

 private:
  bool Open(Json j) {
    if (static_cast<int>(stack_.size()) >= Json::kMaxDepth) {
      error_ = "nesting deeper than " + std::to_string(Json::kMaxDepth);
      return false;
    }
    stack_.push_back(std::move(j));
    keys_.push_back(std::move(pending_key_));
    pending_key_.clear();
    return true;
  }
  bool Close() {
    Json done = std::move(stack_.back());
    stack_.pop_back();
    pending_key_ = std::move(keys_.back());
    keys_.pop_back();
    return Put(std::move(done));
  }
  bool Put(Json j) {
    if (stack_.empty()) {
      root_ = std::move(j);
      return true;
    }
    Json::Node& top = stack_.back().Mutable();
    if (stack_.back().is_array()) {
      top.values.push_back(std::move(j));
    } else {
      top.keys.push_back(std::move(pending_key_));
      top.values.push_back(std::move(j));
      pending_key_.clear();
    }
    return true;
  }

  Json root_;
  std::vector<Json> stack_;
  std::vector<std::string> keys_;  // the key each open container sits under
  std::string pending_key_;
  std::string error_;
};

StatusOr<Json> Json::Parse(std::string_view text) {
  JsonBuilder builder;
  rapidjson::Reader reader;
  rapidjson::MemoryStream ms(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> is(ms);
  // Recursive (not iterative) parsing is safe: the builder stops at
  // kMaxDepth, so RapidJSON's recursion is bounded too.
  constexpr unsigned kFlags = rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseValidateEncodingFlag;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(is, builder);
  if (!ok) {
    std::string why = builder.error().empty()
                          ? rapidjson::GetParseError_En(ok.Code())
                          : builder.error();
    return InvalidArgumentError("invalid JSON at offset " +
                                std::to_string(ok.Offset()) + ": " + why);
  }
  return builder.TakeRoot();
}

// ---- serialization ---------------------------------------------------------

namespace {

template <typename Writer>
void Write(const Json& j, Writer& w, bool sorted) {
  switch (j.type()) {
    case Json::Type::kNull: w.Null(); break;
    case Json::Type::kBool: w.Bool(j.boolean()); break;
    case Json::Type::kNumber:
      w.RawValue(j.str().data(), j.str().size(), rapidjson::kNumberType);
      break;
    case Json::Type::kString:
      w.String(j.str().data(), static_cast<rapidjson::SizeType>(j.str().size()));
      break;
    case Json::Type::kArray:
      w.StartArray();
      for (const Json& e : j.items()) Write(e, w, sorted);
      w.EndArray();
      break;
    case Json::Type::kObject: {
      w.StartObject();
      std::vector<std::size_t> order(j.size());
      std::iota(order.begin(), order.end(), 0);
      if (sorted) {
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
          return j.key(a) < j.key(b);
        });
      }
      for (std::size_t i : order) {
        const std::string& k = j.key(i);
        w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        Write(j.at(i), w, sorted);
      }
      w.EndObject();
      break;
    }
  }
}

}  // namespace

namespace {

// Compact and canonical output are written by hand (the hot path of every
// Bundle); escaping follows RFC 8259: '"', '\\' and control characters.
void AppendString(const std::string& s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  std::size_t start = 0;
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n; ++i) {
    // Skip 8 bytes at a time while none needs escaping (SWAR test for a
    // byte < 0x20, == '"' or == '\\').
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
      constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
      std::uint64_t lt20 = (w - kOnes * 0x20) & ~w;
      std::uint64_t q = w ^ (kOnes * '"');
      std::uint64_t b = w ^ (kOnes * '\\');
      std::uint64_t hit = (lt20 | ((q - kOnes) & ~q) | ((b - kOnes) & ~b)) & kHigh;
      if (hit) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s, start, i - start);
    start = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s, start, std::string::npos);
  out->push_back('"');
}

void AppendJson(const Json& j, bool sorted, std::string* out) {
  switch (j.type()) {
    case Json::Type::kNull: out->append("null"); return;
    case Json::Type::kBool: out->append(j.boolean() ? "true" : "false"); return;
    case Json::Type::kNumber: out->append(j.str()); return;
    case Json::Type::kString: AppendString(j.str(), out); return;
    case Json::Type::kArray:
      out->push_back('[');
      for (std::size_t i = 0; i < j.size(); ++i) {
        if (i) out->push_back(',');
        AppendJson(j.at(i), sorted, out);
      }
      out->push_back(']');
      return;
    case Json::Type::kObject: {
      out->push_back('{');
      if (!sorted) {
        for (std::size_t i = 0; i < j.size(); ++i) {
          if (i) out->push_back(',');
          AppendString(j.key(i), out);
          out->push_back(':');
          AppendJson(j.at(i), sorted, out);
        }
      } else {
        std::vector<std::size_t> order(j.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
          return j.key(a) < j.key(b);
        });
        for (std::size_t n = 0; n < order.size(); ++n) {
          if (n) out->push_back(',');
          AppendString(j.key(order[n]), out);
          out->push_back(':');
          AppendJson(j.at(order[n]), sorted, out);
        }
      }
      out->push_back('}');
      return;
    }
  }
}

}  // namespace

void Json::AppendSerialized(std::string* out) const { AppendJson(*this, false, out); }

std::string Json::Serialize() const {
  std::string out;
  AppendJson(*this, false, &out);
  return out;
}

std::string Json::SerializePretty() const {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 2);
  Write(*this, w, false);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string Json::SerializeCanonical() const {
  std::string out;
  AppendJson(*this, true, &out);
  return out;
}

}  // namespace fhir
