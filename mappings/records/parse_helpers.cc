#include "mappings/records/parse_helpers.h"

#include <algorithm>
#include <set>

#include "fhir/primitives.h"

namespace mappings {
namespace records_internal {
namespace {

constexpr const char kDateFormat[] = "(YYYY-MM-DD)";
constexpr const char kDateTimeFormat[] =
    "(YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss with a UTC offset, e.g. "
    "2026-03-02T15:00:00-05:00)";

// Purpose-of-use codes of HL7 v3 ActReason that a clinic is likely to use.
// The code system is open; others matching [A-Z]+ are accepted with a warning.
constexpr std::string_view kKnownPurposes[] = {
    "TREAT",    "ETREAT",    "BTG",      "ERTREAT",  "CAREMGT",   "COC",
    "POPHLTH",  "HPAYMT",    "CLMATTCH", "COVAUT",   "COVERAGE",  "ELIGVER",
    "HOPERAT",  "HDIRECT",   "HLEGAL",   "HQUALIMP", "HSYSADMIN", "PATADMIN",
    "PATSFTY",  "RECORDMGT", "TRAIN",    "HRESCH",   "CLINTRCH",  "PUBHLTH",
    "DISASTER", "THREAT",    "HMARKT",   "PATRQT",   "FAMRQT",    "PWATRNY",
    "SUPNWK",   "DECEASED"};

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Reports repeated values of a list; returns false when there was one.
bool NoRepeats(const std::vector<std::string>& values, const std::string& path,
               fhir::Issues* issues) {
  std::set<std::string> seen;
  bool ok = true;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!seen.insert(values[i]).second) {
      issues->Error("value", fhir::IndexPath(path, i),
                    Quote(values[i]) + " is listed twice");
      ok = false;
    }
  }
  return ok;
}

bool CheckToken(const std::string& value, const std::string& path,
                fhir::Issues* issues) {
  if (IsSpace(value.front()) || IsSpace(value.back())) {
    issues->Error("value", path,
                  Quote(value) + " has leading or trailing spaces");
    return false;
  }
  for (char c : value) {
    if (IsControl(static_cast<unsigned char>(c))) {
      issues->Error("value", path,
                    Quote(value) + " contains control characters");
      return false;
    }
  }
  return true;
}

bool CheckText(const std::string& value, const std::string& path,
               fhir::Issues* issues) {
  if (!fhir::IsFhirString(value)) {
    issues->Error("value", path, "must not be blank");
    return false;
  }
  return true;
}

// Reads a list member whose elements are strings; `check` validates each.
template <typename Check>
std::optional<std::vector<std::string>> CheckedList(fhir::Fields& f,
                                                    std::string_view key,
                                                    fhir::Presence p,
                                                    bool allow_empty,
                                                    Check check) {
  std::size_t errors = f.issues()->error_count();
  std::optional<std::vector<std::string>> list = f.StringList(key, p);
  if (!list) return std::nullopt;
  std::string path = f.PathOf(key);
  if (list->empty() && !allow_empty) {
    f.issues()->Error(
        "value", path,
        "must not be an empty list (leave the field out instead)");
    return std::nullopt;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    check((*list)[i], fhir::IndexPath(path, i));
  }
  NoRepeats(*list, path, f.issues());
  if (f.issues()->error_count() != errors) return std::nullopt;
  return list;
}

}  // namespace

std::string Quote(std::string_view value) {
  constexpr std::size_t kMax = 80;
  if (value.size() <= kMax) return fhir::Json(value).Serialize();
  std::size_t cut = kMax;
  // Step back over UTF-8 continuation bytes so the cut is on a boundary.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return fhir::Json(value.substr(0, cut)).Serialize() + "...";
}

std::optional<std::string> Token(fhir::Fields& f, std::string_view key,
                                 fhir::Presence p) {
  std::optional<std::string> s = f.String(key, p);
  if (s && !CheckToken(*s, f.PathOf(key), f.issues())) return std::nullopt;
  return s;
}

std::optional<std::string> Text(fhir::Fields& f, std::string_view key,
                                fhir::Presence p) {
  std::optional<std::string> s = f.String(key, p);
  if (s && !CheckText(*s, f.PathOf(key), f.issues())) return std::nullopt;
  return s;
}

bool CheckId(const std::string& value, const std::string& path,
             fhir::Issues* issues) {
  if (fhir::IsFhirId(value)) return true;
  issues->Error(
      "value", path,
      Quote(value) + " is not a valid id (1-64 letters, digits, '-' or '.')");
  return false;
}

std::optional<std::string> Id(fhir::Fields& f, std::string_view key,
                              fhir::Presence p) {
  std::optional<std::string> s = f.String(key, p);
  if (s && !CheckId(*s, f.PathOf(key), f.issues())) return std::nullopt;
  return s;
}

std::optional<std::string> Date(fhir::Fields& f, std::string_view key,
                                fhir::Presence p) {
  std::optional<std::string> s = f.String(key, p);
  if (s && !fhir::IsFhirDate(*s)) {
    std::string hint = fhir::IsFhirDateTime(*s) ? "; leave out the time" : "";
    f.issues()->Error("value", f.PathOf(key),
                      Quote(*s) + " is not a valid date " + kDateFormat + hint);
    return std::nullopt;
  }
  return s;
}

bool CheckDateTime(const std::string& value, const std::string& path,
                   fhir::Issues* issues) {
  if (fhir::IsFhirDateTime(value)) return true;
  if (value.find('T') != std::string::npos &&
      fhir::IsFhirDateTime(value + "Z")) {
    issues->Error(
        "value", path,
        Quote(value) + " has a time but no UTC offset (add e.g. -05:00 or Z)");
  } else {
    issues->Error("value", path,
                  Quote(value) + " is not a valid dateTime " + kDateTimeFormat);
  }
  return false;
}

std::optional<std::string> DateTime(fhir::Fields& f, std::string_view key,
                                    fhir::Presence p) {
  std::optional<std::string> s = f.String(key, p);
  if (s && !CheckDateTime(*s, f.PathOf(key), f.issues())) return std::nullopt;
  return s;
}

bool IsBefore(const std::string& a, const std::string& b) {
  if (fhir::HasTimeAndZone(a) && fhir::HasTimeAndZone(b)) {
    bool ok = false;
    return fhir::CompareFhirDateTimes(a, b, &ok) < 0 && ok;
  }
  std::string da = a.substr(0, a.find('T'));
  std::string db = b.substr(0, b.find('T'));
  std::size_t n = std::min(da.size(), db.size());
  return da.compare(0, n, db, 0, n) < 0;
}

std::optional<std::vector<std::string>> CodeList(
    fhir::Fields& f, std::string_view key, fhir::Presence p,
    std::initializer_list<std::string_view> allowed) {
  return CheckedList(
      f, key, p, /*allow_empty=*/false,
      [&](const std::string& v, const std::string& path) {
        if (std::find(allowed.begin(), allowed.end(), v) != allowed.end()) {
          return;
        }
        std::string list;
        for (std::string_view a : allowed) {
          if (!list.empty()) list += ", ";
          list += a;
        }
        f.issues()->Error("code-invalid", path,
                          Quote(v) + " is not one of " + list);
      });
}

std::optional<std::vector<std::string>> TokenList(fhir::Fields& f,
                                                  std::string_view key,
                                                  fhir::Presence p) {
  return CheckedList(f, key, p, /*allow_empty=*/false,
                     [&](const std::string& v, const std::string& path) {
                       CheckToken(v, path, f.issues());
                     });
}

std::optional<std::vector<std::string>> IdList(fhir::Fields& f,
                                               std::string_view key,
                                               fhir::Presence p) {
  return CheckedList(f, key, p, /*allow_empty=*/true,
                     [&](const std::string& v, const std::string& path) {
                       CheckId(v, path, f.issues());
                     });
}

std::optional<std::vector<std::string>> TextList(fhir::Fields& f,
                                                 std::string_view key,
                                                 fhir::Presence p) {
  std::size_t errors = f.issues()->error_count();
  std::optional<std::vector<std::string>> list = f.StringList(key, p);
  if (!list) return std::nullopt;
  for (std::size_t i = 0; i < list->size(); ++i) {
    CheckText((*list)[i], fhir::IndexPath(f.PathOf(key), i), f.issues());
  }
  if (f.issues()->error_count() != errors) return std::nullopt;
  return list;
}

std::optional<std::vector<std::string>> PurposeList(fhir::Fields& f,
                                                    std::string_view key) {
  return CheckedList(
      f, key, fhir::kOptional, /*allow_empty=*/false,
      [&](const std::string& v, const std::string& path) {
        bool upper = std::all_of(v.begin(), v.end(),
                                 [](char c) { return c >= 'A' && c <= 'Z'; });
        if (!upper) {
          f.issues()->Error("code-invalid", path,
                            Quote(v) +
                                " is not an HL7 v3 ActReason code (upper-case "
                                "letters, e.g. TREAT)");
          return;
        }
        if (std::find(std::begin(kKnownPurposes), std::end(kKnownPurposes),
                      v) == std::end(kKnownPurposes)) {
          f.issues()->Warning("code-invalid", path,
                              Quote(v) +
                                  " is not a purpose-of-use code alliance-fhir "
                                  "knows; check the spelling");
        }
      });
}

bool ParsePeriod(fhir::Fields& f, std::string_view key, bool allow_time,
                 Period* out) {
  const fhir::Json* object = f.Object(key, fhir::kOptional);
  if (!object) return false;
  std::size_t errors = f.issues()->error_count();
  fhir::Fields pf(*object, f.PathOf(key), f.issues());
  auto read = allow_time ? DateTime : Date;
  std::optional<std::string> start = read(pf, "start", fhir::kOptional);
  std::optional<std::string> end = read(pf, "end", fhir::kOptional);
  pf.RejectUnknown({"start", "end"});
  if (!pf.Get("start") && !pf.Get("end")) {
    f.issues()->Error("required", pf.path(), "needs a start or an end");
  }
  if (start && end && IsBefore(*end, *start)) {
    f.issues()->Error("invariant", pf.PathOf("end"),
                      Quote(*end) + " is before the start " + Quote(*start));
  }
  if (f.issues()->error_count() != errors) return false;
  out->start = start.value_or("");
  out->end = end.value_or("");
  return true;
}

}  // namespace records_internal
}  // namespace mappings
