// Helpers shared by the rating tests: the shipped instrument catalog, a
// compact way to write a RatingRecord, the fixed MappingContext, and golden
// file comparison (tests/testdata/rating/golden/; ALLIANCE_UPDATE_GOLDEN=1
// rewrites the files instead of comparing).
#ifndef ALLIANCE_TESTS_MAPPINGS_RATING_RATING_TEST_UTIL_H_
#define ALLIANCE_TESTS_MAPPINGS_RATING_RATING_TEST_UTIL_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fhir/json.h"
#include "mappings/context.h"
#include "mappings/rating/instrument_catalog.h"
#include "mappings/records/record.h"

namespace rating_test {

std::string SourcePath(const std::string& relative);

// The instruments shipped in mappings/instruments (loaded once; the test
// fails if they do not load cleanly).
const mappings::InstrumentCatalog& Shipped();

// Answers as {linkId, text}; std::nullopt text = skipped (null).
using AnswerList =
    std::vector<std::pair<std::string, std::optional<std::string>>>;
mappings::RatingRecord MakeRating(const std::string& instrument,
                                  const std::string& respondent,
                                  const AnswerList& answers);

// now = 2026-03-02T20:00:00Z, default systems, the shipped catalog.
mappings::MappingContext FixedContext();

// Compares `actual` with golden/<name> by Json::SerializeCanonical; on a
// mismatch fails with a line diff of both (keys sorted, pretty printed).
void CheckGolden(const std::string& name, const fhir::Json& actual);

}  // namespace rating_test

#endif  // ALLIANCE_TESTS_MAPPINGS_RATING_RATING_TEST_UTIL_H_
