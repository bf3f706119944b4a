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

// Patients are drawn from PatientMrn(0) .. PatientMrn(patients - 1).
// Default 50,000: MRN-1000 .. MRN-50999.
constexpr int kDefaultPatients = 50000;

// Staff (therapists, plan authors) are drawn from StaffId(1) .. StaffId(kStaff).
constexpr int kStaff = 40;

// The i-th patient's MRN: "MRN-" + (1000 + i).
std::string PatientMrn(int i);
// "T-" + i.
std::string StaffId(int i);

// Writes `count` JSON Lines records. Consents name `document` (a path
// relative to the output file) as their signed form. Same seed, same output
// (and with the default `patients`, the same output as before it existed).
void GenerateRecords(std::ostream* out, std::size_t count, unsigned seed,
                     const Mix& mix, const std::string& document,
                     int patients = kDefaultPatients);

}  // namespace bench

#endif  // ALLIANCE_TESTS_BENCH_RECORD_GENERATOR_H_
