// LineReader: streams a JSON Lines input one line at a time, in constant
// memory (one line buffer, reused). Handles "\n" and "\r\n" line ends, skips
// blank lines, drops a UTF-8 byte-order mark at the start, and refuses a line
// longer than a limit without reading it whole.
#ifndef ALLIANCE_PLUGIN_INTAKE_LINE_READER_H_
#define ALLIANCE_PLUGIN_INTAKE_LINE_READER_H_

#include <cstddef>
#include <istream>
#include <string>

namespace plugin {

class LineReader {
 public:
  enum class Result { kLine, kTooLong, kEnd };

  // `in` must outlive the reader.
  LineReader(std::istream* in, std::size_t max_line_bytes);

  // Reads the next non-blank line into `line` (without its line end).
  // kTooLong: the line exceeded the limit; it was skipped to its end and
  // `line` is empty. line_number() is the 1-based number of that line.
  Result Next(std::string* line);
  std::size_t line_number() const { return line_number_; }

 private:
  std::istream* in_;
  std::size_t max_;
  std::size_t line_number_ = 0;
};

}  // namespace plugin

#endif  // ALLIANCE_PLUGIN_INTAKE_LINE_READER_H_
