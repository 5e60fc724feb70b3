#include "ingest/line_reader.hpp"

#include <algorithm>

namespace carewatch::ingest {
namespace {

constexpr std::size_t kBlockBytes = 256 * 1024;

}  // namespace

LineReader::LineReader(std::istream& in, std::size_t max_kept)
    : in_(&in), block_(kBlockBytes), max_kept_(max_kept) {}

LineReader::LineReader(std::string_view buffer, std::size_t max_kept) : buffer_(buffer), max_kept_(max_kept) {}

bool LineReader::next(InputLine& line) { return in_ ? next_from_stream(line) : next_from_buffer(line); }

bool LineReader::next_from_buffer(InputLine& line) {
  if (buffer_.empty()) return false;
  const std::size_t nl = buffer_.find('\n');
  std::string_view whole = buffer_.substr(0, nl);
  buffer_ = nl == std::string_view::npos ? std::string_view{} : buffer_.substr(nl + 1);
  if (!whole.empty() && whole.back() == '\r') whole.remove_suffix(1);
  line.number = ++number_;
  line.length = whole.size();
  line.text = whole.substr(0, max_kept_);
  return true;
}

bool LineReader::refill() {
  if (eof_) return false;
  in_->read(block_.data(), static_cast<std::streamsize>(block_.size()));
  const auto n = static_cast<std::size_t>(in_->gcount());
  if (in_->bad()) throw std::ios_base::failure("read error");
  if (in_->eof()) eof_ = true;
  if (n == 0) {
    eof_ = true;
    return false;
  }
  buffer_ = std::string_view(block_.data(), n);
  return true;
}

void LineReader::append(std::string_view segment, InputLine& line) {
  line.length += segment.size();
  if (pending_.size() < max_kept_)
    pending_.append(segment.substr(0, std::min(segment.size(), max_kept_ - pending_.size())));
}

bool LineReader::next_from_stream(InputLine& line) {
  pending_.clear();
  line.length = 0;
  bool any = false;
  char last = '\0';
  for (;;) {
    if (buffer_.empty() && !refill()) {
      if (!any) return false;
      break;
    }
    any = true;
    const std::size_t nl = buffer_.find('\n');
    std::string_view segment = buffer_.substr(0, nl);
    buffer_ = nl == std::string_view::npos ? std::string_view{} : buffer_.substr(nl + 1);
    if (nl != std::string_view::npos && line.length == 0) {
      // The common case: the whole line lies inside the block, so hand out a view of it.
      if (!segment.empty() && segment.back() == '\r') segment.remove_suffix(1);
      line.number = ++number_;
      line.length = segment.size();
      line.text = segment.substr(0, max_kept_);
      return true;
    }
    if (!segment.empty()) last = segment.back();
    append(segment, line);
    if (nl != std::string_view::npos) break;
  }
  if (last == '\r') {
    if (pending_.size() == line.length) pending_.pop_back();
    --line.length;
  }
  line.number = ++number_;
  line.text = pending_;
  return true;
}

}  // namespace carewatch::ingest
