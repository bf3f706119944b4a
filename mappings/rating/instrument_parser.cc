#include "mappings/rating/instrument_parser.h"

#include <cmath>
#include <set>

#include "fhir/json_fields.h"
#include "fhir/primitives.h"
#include "mappings/rating/instrument_scores.h"

namespace mappings {

using fhir::Fields;
using fhir::Issues;
using fhir::Json;

namespace {

constexpr int kMaxScalePoints = 101;

bool IsInstrumentId(const std::string& s) {  // [a-z0-9][a-z0-9-]*
  if (s.empty() || s.size() > 40 || s[0] == '-') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

bool IsVersion(const std::string& s) {
  return s.size() <= 20 && fhir::IsFhirId(s);
}

bool IsComputableName(const std::string& s) {  // [A-Z][A-Za-z0-9_]{0,254}
  if (s.empty() || s.size() > 255 || !(s[0] >= 'A' && s[0] <= 'Z')) {
    return false;
  }
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

bool HasWhitespace(const std::string& s) {
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

// A required number member: its value and its text.
bool Number(Fields& f, const char* key, double* value, std::string* text) {
  const Json* v = f.Get(key);
  if (!v) {
    f.issues()->Error("required", f.PathOf(key), "is required");
    return false;
  }
  std::optional<double> d = v->AsDouble();
  if (!v->is_number() || !d || !std::isfinite(*d)) {
    f.issues()->Error("structure", f.PathOf(key), "must be a number");
    return false;
  }
  *value = *d;
  *text = v->str();
  return true;
}

std::optional<Scale> ParseScale(const Json& json, const std::string& path,
                                Issues* issues) {
  Fields f(json, path, issues);
  if (!f.ok()) return std::nullopt;
  std::size_t errors = issues->error_count();
  Scale scale;
  std::optional<std::string> type =
      f.Code("type", fhir::kRequired, {"choice", "visual-analogue"});
  scale.kind = type && *type == "visual-analogue" ? ScaleKind::kVisualAnalogue
                                                  : ScaleKind::kChoice;
  bool have_min = Number(f, "min", &scale.min, &scale.min_text);
  bool have_max = Number(f, "max", &scale.max, &scale.max_text);
  if (have_min && have_max && !(scale.min < scale.max)) {
    issues->Error("value", f.PathOf("max"), "must be greater than min");
    have_max = false;
  }
  if (scale.kind == ScaleKind::kVisualAnalogue) {
    std::optional<std::string> at =
        f.Code("answerType", fhir::kOptional, {"decimal", "integer"});
    scale.integer = at && *at == "integer";
    if (f.Get("anchors")) {
      issues->Error("structure", f.PathOf("anchors"),
                    "not allowed on a visual-analogue scale");
    }
  }
  bool whole = scale.kind == ScaleKind::kChoice || scale.integer;
  if (whole) {
    if (have_min && scale.min != std::floor(scale.min)) {
      issues->Error("value", f.PathOf("min"), "must be a whole number");
      have_min = false;
    }
    if (have_max && scale.max != std::floor(scale.max)) {
      issues->Error("value", f.PathOf("max"), "must be a whole number");
      have_max = false;
    }
  }
  if (scale.kind == ScaleKind::kChoice) {
    const Json* anchors = f.Object("anchors", fhir::kRequired);
    if (anchors && have_min && have_max) {
      std::int64_t lo = static_cast<std::int64_t>(scale.min);
      std::int64_t hi = static_cast<std::int64_t>(scale.max);
      std::string apath = f.PathOf("anchors");
      if (hi - lo + 1 > kMaxScalePoints) {
        issues->Error("value", f.PathOf("max"),
                      "a choice scale has at most " +
                          std::to_string(kMaxScalePoints) + " points");
      } else {
        std::vector<const std::string*> labels(hi - lo + 1, nullptr);
        for (std::size_t i = 0; i < anchors->size(); ++i) {
          const std::string& key = anchors->key(i);
          std::string kpath = fhir::JoinPath(apath, key);
          Json number = Json::Decimal(key);
          std::optional<std::int64_t> v = number.AsInt();
          if (!v) {
            issues->Error("value", kpath, "anchor key must be a whole number");
          } else if (*v < lo || *v > hi) {
            issues->Error(
                "value", kpath,
                key + " is outside " + scale.min_text + ".." + scale.max_text);
          } else if (!anchors->at(i).is_string() ||
                     !fhir::IsFhirString(anchors->at(i).str())) {
            issues->Error("structure", kpath, "must be a non-empty label");
          } else {
            labels[*v - lo] = &anchors->at(i).str();
          }
        }
        for (std::int64_t v = lo; v <= hi; ++v) {
          if (labels[v - lo]) {
            scale.anchors.push_back({v, *labels[v - lo]});
          } else {
            issues->Error("required", apath,
                          "has no label for " + std::to_string(v));
          }
        }
      }
    }
  }
  f.RejectUnknown({"type", "min", "max", "anchors", "answerType"});
  if (issues->error_count() != errors) return std::nullopt;
  return scale;
}

void ParseItems(const Json& items, const std::optional<Scale>& default_scale,
                bool default_scale_bad, Instrument* in, Issues* issues) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string path = fhir::IndexPath("items", i);
    Fields f(items.at(i), path, issues);
    if (!f.ok()) continue;
    Item item;
    if (std::optional<std::string> id = f.String("linkId", fhir::kRequired)) {
      if (id->size() > 255 || HasWhitespace(*id)) {
        issues->Error("value", f.PathOf("linkId"),
                      "must be at most 255 characters without spaces");
      } else if (!seen.insert(*id).second) {
        issues->Error("duplicate", f.PathOf("linkId"),
                      "\"" + *id + "\" is used by another item");
      }
      item.link_id = *id;
    }
    item.label = f.String("label", fhir::kRequired).value_or("");
    item.reverse_scored =
        f.Bool("reverseScored", fhir::kOptional).value_or(false);
    if (const Json* s = f.Object("scale", fhir::kOptional)) {
      if (std::optional<Scale> sc = ParseScale(*s, f.PathOf("scale"), issues)) {
        item.scale = std::move(*sc);
      }
    } else if (default_scale) {
      item.scale = *default_scale;
    } else if (!default_scale_bad) {
      issues->Error("required", path,
                    "has no scale (give one here or a default \"scale\" for "
                    "all items)");
    }
    f.RejectUnknown({"linkId", "label", "reverseScored", "scale"});
    in->items.push_back(std::move(item));
  }
}

void ParseHeader(Fields& f, Instrument* in, Issues* issues) {
  if (std::optional<std::string> id = f.String("id", fhir::kRequired)) {
    if (!IsInstrumentId(*id)) {
      issues->Error("value", "id",
                    "\"" + *id +
                        "\" must be 1-40 of a-z, 0-9 and '-', not starting "
                        "with '-'");
    }
    in->id = *id;
  }
  if (std::optional<std::string> v = f.String("version", fhir::kRequired)) {
    if (!IsVersion(*v)) {
      issues->Error("value", "version",
                    "\"" + *v + "\" must be 1-20 of A-Z, a-z, 0-9, '.', '-'");
    }
    in->version = *v;
  }
  in->title = f.String("title", fhir::kRequired).value_or("");
  in->abbreviation = f.String("abbreviation", fhir::kOptional).value_or("");
  if (std::optional<std::string> n = f.String("name", fhir::kOptional)) {
    if (!IsComputableName(*n)) {
      issues->Error("value", "name",
                    "must start with A-Z and hold only letters, digits, '_'");
    }
    in->name = *n;
  }
  in->description = f.String("description", fhir::kOptional).value_or("");
  if (std::optional<std::string> url = f.String("url", fhir::kOptional)) {
    if (!fhir::IsFhirUrl(*url) || url->find('|') != std::string::npos ||
        url->find("://") == std::string::npos) {
      issues->Error("value", "url",
                    "\"" + *url + "\" must be an absolute URL without '|'");
    }
    in->url = *url;
  }
  in->copyright = f.String("copyright", fhir::kRequired).value_or("");
  if (auto list = f.StringList("respondents", fhir::kRequired)) {
    if (list->empty()) {
      issues->Error("required", "respondents", "must name at least one");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::uint8_t bit = RespondentFromName((*list)[i]);
      if (bit == 0) {
        issues->Error(
            "code-invalid", fhir::IndexPath("respondents", i),
            "\"" + (*list)[i] + "\" is not one of client, therapist, observer");
      } else if (in->respondents & bit) {
        issues->Error("duplicate", fhir::IndexPath("respondents", i),
                      "\"" + (*list)[i] + "\" is listed twice");
      }
      in->respondents |= bit;
    }
  }
}

}  // namespace

std::optional<Instrument> ParseInstrument(const Json& doc, Issues* issues) {
  std::size_t errors = issues->error_count();
  Fields f(doc, "", issues);
  if (!f.ok()) return std::nullopt;
  Instrument in;
  ParseHeader(f, &in, issues);

  std::optional<Scale> default_scale;
  bool default_scale_bad = false;
  if (const Json* s = f.Object("scale", fhir::kOptional)) {
    default_scale = ParseScale(*s, "scale", issues);
    default_scale_bad = !default_scale;
  }
  if (const Json* items = f.Array("items", fhir::kRequired)) {
    if (items->empty()) issues->Error("required", "items", "has no items");
    ParseItems(*items, default_scale, default_scale_bad, &in, issues);
  }
  ParseScores(f, &in, issues);
  f.RejectUnknown({"id", "version", "title", "abbreviation", "name",
                   "description", "url", "copyright", "respondents", "scale",
                   "items", "scoring", "subscales", "total", "cutoffs"});
  if (issues->error_count() != errors) return std::nullopt;
  PrepareInstrument(&in);
  return in;
}

}  // namespace mappings
