// Deterministic generator of realistic clinic records (the import contract)
// for benchmarks: a mix of ratings (SRS, WAI-SR, HAq-II), consents, goals
// and plans over a population of patients.
#ifndef ALLIANCE_TESTS_BENCH_RECORD_GENERATOR_H_
#define ALLIANCE_TESTS_BENCH_RECORD_GENERATOR_H_

#include <cstddef>
#include <ostream>
#include <string>

namespace bench {

struct Mix {
  int ratings = 70;  // percent
  int consents = 10;
  int goals = 10;
  int plans = 10;
};

// Writes `count` JSON Lines records. Consents name `document` (a path
// relative to the output file) as their signed form. Same seed, same output.
void GenerateRecords(std::ostream* out, std::size_t count, unsigned seed,
                     const Mix& mix, const std::string& document);

}  // namespace bench

#endif  // ALLIANCE_TESTS_BENCH_RECORD_GENERATOR_H_
