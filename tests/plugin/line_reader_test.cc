#include "plugin/intake/line_reader.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <utility>
#include <vector>

using plugin::LineReader;

namespace {

// (line number, text or "<too long>") for every line the reader yields.
std::vector<std::pair<std::size_t, std::string>> ReadAll(const std::string& text,
                                                         std::size_t max) {
  std::istringstream in(text);
  LineReader reader(&in, max);
  std::vector<std::pair<std::size_t, std::string>> out;
  std::string line;
  for (LineReader::Result r; (r = reader.Next(&line)) != LineReader::Result::kEnd;) {
    out.emplace_back(reader.line_number(),
                     r == LineReader::Result::kTooLong ? "<too long>" : line);
  }
  return out;
}

using Lines = std::vector<std::pair<std::size_t, std::string>>;

}  // namespace

TEST_CASE("line ends, blank lines and numbering") {
  CHECK(ReadAll("a\nb\r\n\n  \r\nc", 100) == Lines{{1, "a"}, {2, "b"}, {5, "c"}});
  CHECK(ReadAll("", 100).empty());
  CHECK(ReadAll("\n\n", 100).empty());
  CHECK(ReadAll("x\n", 100) == Lines{{1, "x"}});
}

TEST_CASE("a byte-order mark on the first line is dropped, not elsewhere") {
  CHECK(ReadAll("\xEF\xBB\xBF{}\n\xEF\xBB\xBF{}", 100) ==
        Lines{{1, "{}"}, {2, "\xEF\xBB\xBF{}"}});
}

TEST_CASE("an over-long line is reported once and reading goes on") {
  std::string text = "short\n" + std::string(50, 'x') + "\nnext\n";
  CHECK(ReadAll(text, 10) == Lines{{1, "short"}, {2, "<too long>"}, {3, "next"}});
  // Exactly at the limit is fine.
  CHECK(ReadAll(std::string(10, 'y'), 10) == Lines{{1, std::string(10, 'y')}});
}
