// Json: the project's JSON value. RapidJSON stays behind json.cc.
//
// Numbers keep the exact text they were parsed or built from, so a FHIR
// decimal such as 1.50 round-trips as 1.50 (FHIR requires precision to be
// kept). Object members keep insertion order; Serialize() writes them in that
// order, SerializeCanonical() sorts them (for hashing and comparisons).
//
// Arrays and objects are copy-on-write: copying a Json shares its members
// until one side is changed (mappings copy precomputed fragments per record,
// and that copy was a fifth of the mapping time). So a reference obtained
// from at()/Find()/Set() must not be used to change a value after the
// container holding it has been copied.
//
// Accessors never assert on a type mismatch: they return null pointers,
// empty strings or empty optionals. For reading records with error reports
// see fhir/json_fields.h. Parse() rejects invalid UTF-8, duplicate keys and
// nesting deeper than kMaxDepth with a Status that says where.
#ifndef ALLIANCE_FHIR_JSON_H_
#define ALLIANCE_FHIR_JSON_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "fhir/status.h"

namespace fhir {

class Json {
 public:
  enum class Type : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  static constexpr int kMaxDepth = 64;

  Json() = default;  // null
  Json(const char* s) : type_(Type::kString), text_(s) {}         // NOLINT
  Json(std::string s) : type_(Type::kString), text_(std::move(s)) {}  // NOLINT
  Json(std::string_view s) : type_(Type::kString), text_(s) {}    // NOLINT
  Json(int v) : Json(static_cast<std::int64_t>(v)) {}             // NOLINT
  Json(std::int64_t v);                                          // NOLINT
  // Only a real bool converts; pointers do not silently become booleans.
  template <typename B,
            typename = std::enable_if_t<std::is_same<B, bool>::value>>
  Json(B b) : type_(Type::kBool), bool_(b) {}  // NOLINT

  static Json Object() { Json j; j.type_ = Type::kObject; return j; }
  static Json Array() { Json j; j.type_ = Type::kArray; return j; }
  // A number from its decimal text, kept verbatim. Returns null Json when
  // `text` is not a JSON number.
  static Json Decimal(std::string_view text);
  // A number rounded to `places` decimal places, trailing zeros kept
  // (Decimal(7.25, 1) -> 7.3 with round-half-away-from-zero).
  static Json Decimal(double value, int places);

  static StatusOr<Json> Parse(std::string_view text);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  // String value, or a number's text; empty for other types.
  const std::string& str() const { return text_; }
  bool boolean() const { return type_ == Type::kBool && bool_; }
  // The number as an integer when its text is an integer that fits.
  std::optional<std::int64_t> AsInt() const;
  std::optional<double> AsDouble() const;

  // Arrays and objects: number of elements / members; 0 for scalars.
  std::size_t size() const;
  bool empty() const { return size() == 0; }
  // Array element or object member value by position (i < size()).
  const Json& at(std::size_t i) const;
  Json& at(std::size_t i);
  // Object member name by position (objects only, i < size()).
  const std::string& key(std::size_t i) const;
  // Array elements (object member values); empty for scalars.
  const std::vector<Json>& items() const;

  // Object member by name, or nullptr (also when this is not an object).
  const Json* Find(std::string_view key) const;
  Json* Find(std::string_view key);
  // Object: sets a member (replacing one of the same name, else appending)
  // and returns it. Turns a null value into an object first.
  Json& Set(std::string_view key, Json value);
  bool Remove(std::string_view key);
  // Array: appends and returns the element. Turns null into an array first.
  Json& Append(Json value);

  std::string Serialize() const;           // compact, insertion order
  // Appends the compact form to `out` (no allocation when it has room).
  void AppendSerialized(std::string* out) const;
  std::string SerializePretty() const;     // two-space indent
  std::string SerializeCanonical() const;  // compact, keys sorted by bytes

  bool operator==(const Json& other) const;
  bool operator!=(const Json& other) const { return !(*this == other); }

 private:
  friend class JsonBuilder;
  struct Node;
  // Makes node_ exist and be owned by this value alone (copy-on-write).
  Node& Mutable();

  Type type_ = Type::kNull;
  bool bool_ = false;
  std::string text_;            // string value or number text
  std::shared_ptr<Node> node_;  // array/object members; null when empty
};

struct Json::Node {
  std::vector<std::string> keys;  // object member names
  std::vector<Json> values;       // array elements or object member values
};

inline std::size_t Json::size() const { return node_ ? node_->values.size() : 0; }
inline const Json& Json::at(std::size_t i) const { return node_->values[i]; }
inline Json& Json::at(std::size_t i) { return Mutable().values[i]; }
inline const std::string& Json::key(std::size_t i) const { return node_->keys[i]; }

// True when `text` matches the JSON number grammar.
bool IsJsonNumber(std::string_view text);

}  // namespace fhir

#endif  // ALLIANCE_FHIR_JSON_H_
