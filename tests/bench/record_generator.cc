#include "tests/bench/record_generator.h"

#include <random>

namespace bench {
namespace {

struct Instrument {
  const char* id;
  int items;
  int min;
  int max;
};

const Instrument kInstruments[] = {
    {"srs", 4, 0, 10}, {"wai-sr", 12, 1, 5}, {"haq-ii", 19, 1, 6}};

}  // namespace

std::string PatientMrn(int i) { return "MRN-" + std::to_string(1000 + i); }
std::string StaffId(int i) { return "T-" + std::to_string(i); }

void GenerateRecords(std::ostream* out, std::size_t count, unsigned seed,
                     const Mix& mix, const std::string& document, int patients) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (std::size_t i = 0; i < count; ++i) {
    int roll = pick(100);
    std::string mrn = PatientMrn(pick(patients));
    std::string staff = StaffId(1 + pick(kStaff));
    std::string day = "2026-0" + std::to_string(1 + pick(9)) + "-1" +
                      std::to_string(pick(10));
    std::string id = std::to_string(i);
    std::string line;
    if (roll < mix.ratings) {
      const Instrument& ins = kInstruments[pick(3)];
      line = "{\"kind\":\"rating\",\"id\":\"r-" + id + "\",\"patient\":{\"mrn\":\"" + mrn +
             "\"},\"instrument\":\"" + ins.id +
             "\",\"respondent\":\"client\",\"therapist\":\"" + staff +
             "\",\"session\":{\"date\":\"" + day + "T15:00:00-05:00\",\"number\":" +
             std::to_string(1 + pick(30)) + "},\"answers\":{";
      for (int k = 1; k <= ins.items; ++k) {
        if (k > 1) line += ",";
        line += "\"" + std::to_string(k) + "\":";
        line += pick(50) == 0 ? "null"
                              : std::to_string(ins.min + pick(ins.max - ins.min + 1));
      }
      line += "}}";
    } else if (roll < mix.ratings + mix.consents) {
      line = "{\"kind\":\"consent\",\"id\":\"c-" + id + "\",\"patient\":{\"mrn\":\"" + mrn +
             "\"},\"status\":\"active\",\"scope\":\"patient-privacy\",\"category\":"
             "[\"release-of-information\"],\"decision\":\"permit\",\"signedAt\":\"" +
             day + "T10:12:00-05:00\",\"signer\":{\"role\":\"patient\",\"name\":\"A. Client\"},"
             "\"period\":{\"start\":\"" + day + "\",\"end\":\"2027-12-31\"},"
             "\"recipients\":[\"hospital\"],\"purposes\":[\"TREAT\"],"
             "\"data\":[\"alliance-ratings\",\"goals\",\"plans\"],\"policy\":\"hipaa\","
             "\"document\":{\"path\":\"" + document +
             "\",\"contentType\":\"application/pdf\",\"title\":\"Release of information\"}}";
    } else if (roll < mix.ratings + mix.consents + mix.goals) {
      line = "{\"kind\":\"goal\",\"id\":\"g-" + id + "\",\"patient\":{\"mrn\":\"" + mrn +
             "\"},\"plan\":\"tp-" + id + "\",\"description\":\"Speak up about my needs "
             "once a week\",\"lifecycle\":\"active\",\"achievement\":\"in-progress\","
             "\"priority\":\"high\",\"expressedBy\":\"patient\",\"start\":\"" + day +
             "\",\"targets\":[{\"measure\":\"srs:total\",\"detail\":{\"low\":36},"
             "\"due\":\"2026-12-01\"}]}";
    } else {
      line = "{\"kind\":\"plan\",\"id\":\"tp-" + id + "\",\"patient\":{\"mrn\":\"" + mrn +
             "\"},\"status\":\"active\",\"title\":\"Alliance-informed treatment plan\","
             "\"author\":\"" + staff + "\",\"period\":{\"start\":\"" + day +
             "\"},\"goals\":[\"g-" + id + "\"]}";
    }
    *out << line << '\n';
  }
}

}  // namespace bench
