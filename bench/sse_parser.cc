#include "bench/sse_parser.h"

#include <algorithm>
#include <cctype>

namespace qms::bench {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool SseParser::Feed(std::string_view bytes) {
  if (!started_) {
    // The stream may begin with a byte order mark, itself split over reads.
    line_.append(bytes.data(), bytes.size());
    const size_t n = std::min<size_t>(line_.size(), kByteOrderMark.size());
    if (line_.compare(0, n, kByteOrderMark.substr(0, n)) == 0 && n < kByteOrderMark.size()) return true;
    started_ = true;
    std::string first;
    first.swap(line_);
    if (first.compare(0, kByteOrderMark.size(), kByteOrderMark) == 0) first.erase(0, kByteOrderMark.size());
    return Feed(first);
  }
  size_t i = 0;
  while (i < bytes.size()) {
    if (skip_next_lf_) {
      skip_next_lf_ = false;
      if (bytes[i] == '\n') {
        ++i;
        continue;
      }
    }
    size_t end = bytes.find_first_of("\r\n", i);
    if (end == std::string_view::npos) {
      line_.append(bytes.data() + i, bytes.size() - i);
      break;
    }
    line_.append(bytes.data() + i, end - i);
    if (bytes[end] == '\r') {
      if (end + 1 == bytes.size()) {
        skip_next_lf_ = true;  // the LF of this CRLF may come with the next read
      } else if (bytes[end + 1] == '\n') {
        ++end;
      }
    }
    i = end + 1;
    OnLine(line_);
    line_.clear();
  }
  return line_.size() + data_.size() <= max_event_bytes_;
}

void SseParser::OnLine(std::string_view line) {
  if (line.empty()) return Dispatch();
  if (line.front() == ':') {
    ++comments_;
    return;
  }
  const size_t colon = line.find(':');
  const std::string_view field = line.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "data") {
    data_.append(value.data(), value.size());
    data_.push_back('\n');
    data_seen_ = true;
  } else if (field == "event") {
    type_.assign(value.data(), value.size());
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) {
      last_event_id_.assign(value.data(), value.size());
      id_seen_ = true;
    }
  } else if (field == "retry") {
    if (AllDigits(value) && value.size() <= 12) retry_ms_ = std::stoll(std::string(value));
  }
}

void SseParser::Dispatch() {
  if (!data_seen_) {
    type_.clear();
    id_seen_ = false;
    return;
  }
  SseEvent event;
  if (!type_.empty()) event.type = type_;
  data_.pop_back();  // the '\n' after the last data line
  event.data.swap(data_);
  event.id = last_event_id_;
  event.has_id = id_seen_;
  data_.clear();
  type_.clear();
  data_seen_ = false;
  id_seen_ = false;
  ++events_;
  on_event_(event);
}

}  // namespace qms::bench
