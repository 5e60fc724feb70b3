#include "ingest/line_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace carewatch::ingest {
namespace {

struct Seen {
  std::int64_t number;
  std::string text;
  std::uint64_t length;
  friend bool operator==(const Seen&, const Seen&) = default;
};

std::vector<Seen> read_all(LineReader& reader) {
  std::vector<Seen> out;
  InputLine line;
  while (reader.next(line)) out.push_back({line.number, std::string(line.text), line.length});
  return out;
}

std::vector<Seen> from_stream(const std::string& input, std::size_t max_kept) {
  std::istringstream in(input);
  LineReader reader(in, max_kept);
  return read_all(reader);
}

std::vector<Seen> from_buffer(const std::string& input, std::size_t max_kept) {
  LineReader reader(input, max_kept);
  return read_all(reader);
}

// LF and CRLF terminators are removed, a final line without terminator is kept, blank lines count.
TEST(LineReaderTest, SplitsLinesAndStripsTerminators) {
  const std::string input = "a\r\n\nbb\ncc\r";
  const std::vector<Seen> expected{{1, "a", 1}, {2, "", 0}, {3, "bb", 2}, {4, "cc", 2}};
  EXPECT_EQ(from_stream(input, 100), expected);
  EXPECT_EQ(from_buffer(input, 100), expected);
  EXPECT_TRUE(from_stream("", 100).empty());
  EXPECT_EQ(from_stream("x\n", 100), (std::vector<Seen>{{1, "x", 1}}));
}

// Lines that span the stream's read blocks, with the CR and LF of one terminator in different blocks,
// come out whole.
TEST(LineReaderTest, LinesSpanningBlocksComeOutWhole) {
  const std::size_t block = 256 * 1024;
  const std::string first(block - 1, 'p');  // its '\r' is the block's last byte, its '\n' the next's first
  const std::string second(3 * block + 17, 'q');
  const std::string input = first + "\r\n" + second + "\nend";
  const std::vector<Seen> expected{{1, first, first.size()}, {2, second, second.size()}, {3, "end", 3}};
  EXPECT_EQ(from_stream(input, 4 * block), expected);
  EXPECT_EQ(from_buffer(input, 4 * block), expected);
}

// A line longer than the limit keeps only its first bytes but reports its full length, and the
// lines after it are unaffected.
TEST(LineReaderTest, OverlongLineIsTruncatedButMeasured) {
  const std::string input = std::string(1000000, 'z') + "\r\nnext\n";
  for (const auto& seen : {from_stream(input, 1000), from_buffer(input, 1000)}) {
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].text, std::string(1000, 'z'));
    EXPECT_EQ(seen[0].length, 1000000u);
    EXPECT_EQ(seen[1], (Seen{2, "next", 4}));
  }
}

}  // namespace
}  // namespace carewatch::ingest
