#include "plugin/intake/line_reader.h"

namespace plugin {

LineReader::LineReader(std::istream* in, std::size_t max_line_bytes)
    : in_(in), max_(max_line_bytes) {}

LineReader::Result LineReader::Next(std::string* line) {
  std::streambuf* buf = in_->rdbuf();
  while (true) {
    line->clear();
    bool too_long = false;
    bool any = false;
    int c;
    while ((c = buf->sbumpc()) != std::char_traits<char>::eof()) {
      any = true;
      if (c == '\n') break;
      if (too_long) continue;
      if (line->size() >= max_) {
        too_long = true;
        line->clear();
        line->shrink_to_fit();
        continue;
      }
      line->push_back(static_cast<char>(c));
    }
    if (!any) return Result::kEnd;
    ++line_number_;
    if (too_long) return Result::kTooLong;
    if (!line->empty() && line->back() == '\r') line->pop_back();
    if (line_number_ == 1 && line->compare(0, 3, "\xEF\xBB\xBF") == 0) {
      line->erase(0, 3);
    }
    if (line->find_first_not_of(" \t") == std::string::npos) continue;
    return Result::kLine;
  }
}

}  // namespace plugin
