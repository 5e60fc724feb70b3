#pragma once
// LineReader: splits NDJSON input into physical lines without copying what it does not have to, and
// without letting one enormous line take unbounded memory.

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace carewatch::ingest {

// One physical line, without its terminator ("\n" or "\r\n").
struct InputLine {
  std::int64_t number = 0;   // 1-based, counting blank lines too (what an editor shows)
  std::string_view text;     // the line's first `max_kept` bytes: all of it unless truncated
  std::uint64_t length = 0;  // the whole line's length in bytes
  bool truncated() const noexcept { return text.size() < length; }
};

class LineReader {
 public:
  // Reads `in` in blocks. A line longer than `max_kept` bytes is read through to its end, but only its
  // first `max_kept` bytes are kept. Throws std::ios_base::failure when the stream reports a read error.
  LineReader(std::istream& in, std::size_t max_kept);
  // Splits a buffer that is already in memory; `text` views into it (the buffer must outlive the reader).
  LineReader(std::string_view buffer, std::size_t max_kept);

  // The next line; false at the end of the input. `line.text` stays valid until the next call.
  bool next(InputLine& line);

 private:
  bool next_from_buffer(InputLine& line);
  bool next_from_stream(InputLine& line);
  bool refill();
  void append(std::string_view segment, InputLine& line);

  std::istream* in_ = nullptr;
  std::string_view buffer_;  // buffer mode: what is left; stream mode: unread part of block_
  std::vector<char> block_;
  std::string pending_;  // a line that spans blocks
  std::size_t max_kept_;
  std::int64_t number_ = 0;
  bool eof_ = false;
};

}  // namespace carewatch::ingest
