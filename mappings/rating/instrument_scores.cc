#include "mappings/rating/instrument_scores.h"

#include <cmath>
#include <set>

namespace mappings {

using fhir::Fields;
using fhir::Issues;
using fhir::Json;

namespace {

bool IsScoreId(const std::string& s) {  // [a-z0-9][a-z0-9-]*
  if (s.empty() || s.size() > 40 || s[0] == '-') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

std::optional<ScoringMethod> Method(Fields& f, fhir::Presence p) {
  std::optional<std::string> m = f.Code("method", p, {"sum", "mean"});
  if (!m) return std::nullopt;
  return *m == "sum" ? ScoringMethod::kSum : ScoringMethod::kMean;
}

// Reads the members shared by subscales and the total: items, maxMissing,
// method. `all_items` (the total without "items") takes every item.
void ParseScoreBody(Fields& f, bool all_items, const Instrument& in,
                    ScoringMethod default_method, ScoreDef* score,
                    Issues* issues) {
  const Json* list =
      f.Array("items", all_items ? fhir::kOptional : fhir::kRequired);
  if (list) {
    std::set<int> seen;
    if (list->empty()) {
      issues->Error("required", f.PathOf("items"), "names no items");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string path = fhir::IndexPath(f.PathOf("items"), i);
      const Json& e = list->at(i);
      if (!e.is_string()) {
        issues->Error("structure", path, "must be an item linkId (a string)");
        continue;
      }
      int index = -1;  // item_index is built after parsing: scan
      for (std::size_t k = 0; k < in.items.size() && index < 0; ++k) {
        if (in.items[k].link_id == e.str()) index = static_cast<int>(k);
      }
      if (index < 0) {
        issues->Error("not-found", path,
                      "no item has linkId \"" + e.str() + "\"");
      } else if (!seen.insert(index).second) {
        issues->Error("duplicate", path, "\"" + e.str() + "\" is listed twice");
      } else {
        score->items.push_back(index);
      }
    }
  } else if (all_items) {
    for (std::size_t k = 0; k < in.items.size(); ++k) {
      score->items.push_back(static_cast<int>(k));
    }
  }
  score->method = Method(f, fhir::kOptional).value_or(default_method);
  if (std::optional<std::int64_t> m =
          f.Integer("maxMissing", fhir::kOptional)) {
    if (*m < 0 || (!score->items.empty() &&
                   *m >= static_cast<std::int64_t>(score->items.size()))) {
      issues->Error("value", f.PathOf("maxMissing"),
                    "must be 0 or more and less than the number of items (" +
                        std::to_string(score->items.size()) + ")");
    } else {
      score->max_missing = static_cast<int>(*m);
    }
  }
}

void ParseCutoffs(const Json& cutoffs, Instrument* in, Issues* issues) {
  for (std::size_t i = 0; i < cutoffs.size(); ++i) {
    const std::string& score_id = cutoffs.key(i);
    std::string path = fhir::JoinPath("cutoffs", score_id);
    ScoreDef* score = nullptr;
    for (ScoreDef& s : in->scores) {
      if (s.id == score_id) score = &s;
    }
    if (!score) {
      issues->Error("not-found", path, "no score has id \"" + score_id + "\"");
      continue;
    }
    Fields f(cutoffs.at(i), path, issues);
    if (!f.ok()) continue;
    Cutoff cutoff;
    const Json* v = f.Get("value");
    std::optional<double> d = v ? v->AsDouble() : std::nullopt;
    if (!v) {
      issues->Error("required", f.PathOf("value"), "is required");
    } else if (!v->is_number() || !d || !std::isfinite(*d)) {
      issues->Error("structure", f.PathOf("value"), "must be a number");
    } else {
      cutoff.value = *d;
    }
    std::optional<std::string> dir =
        f.Code("direction", fhir::kOptional, {"below", "above"});
    cutoff.direction = dir && *dir == "above" ? Cutoff::Direction::kAbove
                                              : Cutoff::Direction::kBelow;
    cutoff.source = f.String("source", fhir::kOptional).value_or("");
    f.RejectUnknown({"value", "direction", "source"});
    score->cutoff = std::move(cutoff);
  }
}

}  // namespace

void ParseScores(Fields& top, Instrument* in, Issues* issues) {
  ScoringMethod method = ScoringMethod::kMean;
  if (const Json* scoring = top.Object("scoring", fhir::kRequired)) {
    Fields f(*scoring, "scoring", issues);
    method = Method(f, fhir::kRequired).value_or(ScoringMethod::kMean);
    in->rule_id = f.String("rule", fhir::kRequired).value_or("");
    in->rule_version = f.String("ruleVersion", fhir::kRequired).value_or("");
    if (std::optional<std::int64_t> d =
            f.Integer("decimals", fhir::kOptional)) {
      if (*d < 0 || *d > 6) {
        issues->Error("value", f.PathOf("decimals"), "must be 0..6");
      } else {
        in->decimals = static_cast<int>(*d);
      }
    }
    f.RejectUnknown({"method", "rule", "ruleVersion", "decimals"});
  }

  if (const Json* subs = top.Array("subscales", fhir::kOptional)) {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < subs->size(); ++i) {
      Fields f(subs->at(i), fhir::IndexPath("subscales", i), issues);
      if (!f.ok()) continue;
      ScoreDef score;
      if (std::optional<std::string> id = f.String("id", fhir::kRequired)) {
        if (!IsScoreId(*id) || *id == "total") {
          issues->Error("value", f.PathOf("id"),
                        "\"" + *id +
                            "\" must be 1-40 of a-z, 0-9, '-' and not "
                            "\"total\"");
        } else if (!ids.insert(*id).second) {
          issues->Error("duplicate", f.PathOf("id"),
                        "\"" + *id + "\" is used by another subscale");
        }
        score.id = *id;
      }
      score.title = f.String("title", fhir::kRequired).value_or("");
      ParseScoreBody(f, false, *in, method, &score, issues);
      f.RejectUnknown({"id", "title", "items", "maxMissing", "method"});
      in->scores.push_back(std::move(score));
    }
  }

  ScoreDef total;
  total.id = "total";
  total.is_total = true;
  if (const Json* t = top.Object("total", fhir::kRequired)) {
    Fields f(*t, "total", issues);
    total.title = f.String("title", fhir::kRequired).value_or("");
    ParseScoreBody(f, true, *in, method, &total, issues);
    f.RejectUnknown({"title", "items", "maxMissing", "method"});
  }
  in->scores.push_back(std::move(total));

  if (const Json* cutoffs = top.Object("cutoffs", fhir::kOptional)) {
    ParseCutoffs(*cutoffs, in, issues);
  }
}

}  // namespace mappings
