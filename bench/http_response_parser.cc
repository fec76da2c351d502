#include "bench/http_response_parser.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace qms::bench {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Whether the comma-separated list `value` holds `token` (case-insensitive).
bool HasToken(const std::string& value, std::string_view token) {
  std::string_view rest(value);
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    if (Lower(Trim(rest.substr(0, comma))) == token) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

// The last coding of a Transfer-Encoding list.
std::string LastCoding(const std::string& value) {
  const size_t comma = value.rfind(',');
  return Lower(
      Trim(comma == std::string::npos ? std::string_view(value) : std::string_view(value).substr(comma + 1)));
}

bool ParseDecimal(std::string_view text, uint64_t* out) {
  if (text.empty() || text.size() > 18) return false;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = value;
  return true;
}

bool ParseHex(std::string_view text, uint64_t* out) {
  if (text.empty() || text.size() > 15) return false;
  uint64_t value = 0;
  for (char c : text) {
    const int digit = std::isdigit(static_cast<unsigned char>(c))
                          ? c - '0'
                          : (std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10 : -1);
    if (digit < 0) return false;
    value = value * 16 + static_cast<uint64_t>(digit);
  }
  *out = value;
  return true;
}

}  // namespace

void HttpResponseParser::Reset() {
  state_ = State::kStatusLine;
  framing_ = Framing::kNone;
  line_.clear();
  header_bytes_ = 0;
  status_ = 0;
  http10_ = false;
  keep_alive_ = true;
  headers_.clear();
  remaining_ = 0;
  body_.clear();
  error_.clear();
  bytes_seen_ = 0;
}

const std::string& HttpResponseParser::Header(const std::string& lower_name) const {
  static const std::string kEmpty;
  auto it = headers_.find(lower_name);
  return it == headers_.end() ? kEmpty : it->second;
}

void HttpResponseParser::Fail(std::string why) {
  state_ = State::kError;
  error_ = std::move(why);
  keep_alive_ = false;
}

bool HttpResponseParser::TakeLine(std::string_view bytes, size_t* used) {
  const std::string_view rest = bytes.substr(*used);
  const size_t newline = rest.find('\n');
  const size_t take = newline == std::string_view::npos ? rest.size() : newline + 1;
  header_bytes_ += take;
  if (header_bytes_ > limits_.max_header_bytes) {
    Fail("response header or chunk line longer than " + std::to_string(limits_.max_header_bytes) + " bytes");
    *used = bytes.size();
    return false;
  }
  line_.append(rest.data(), newline == std::string_view::npos ? rest.size() : newline);
  *used += take;
  if (newline == std::string_view::npos) return false;
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  return true;
}

void HttpResponseParser::OnStatusLine() {
  // "HTTP/1.1 200 OK"; the reason phrase may be empty. Blank lines before
  // it are skipped (RFC 9112 2.2).
  if (line_.empty()) return;
  std::string_view line(line_);
  if (line.size() < 12 || line.compare(0, 7, "HTTP/1.") != 0 || line[8] != ' ')
    return Fail("bad status line: " + line_.substr(0, 80));
  http10_ = line[7] == '0';
  uint64_t status = 0;
  if (!ParseDecimal(line.substr(9, 3), &status) || status < 100 || status > 999 ||
      (line.size() > 12 && line[12] != ' '))
    return Fail("bad status code: " + line_.substr(0, 80));
  status_ = static_cast<int>(status);
  keep_alive_ = !http10_;
  line_.clear();
  state_ = State::kHeaders;
}

void HttpResponseParser::OnHeaderLine() {
  const size_t colon = line_.find(':');
  if (colon == std::string::npos || colon == 0) return Fail("bad header line: " + line_.substr(0, 80));
  const std::string name = Lower(std::string_view(line_).substr(0, colon));
  const std::string value(Trim(std::string_view(line_).substr(colon + 1)));
  std::string& slot = headers_[name];
  slot = slot.empty() ? value : slot + ", " + value;
  line_.clear();
}

void HttpResponseParser::OnHeadersEnd() {
  line_.clear();
  if (status_ >= 100 && status_ < 200) {
    if (status_ == 101) return Fail("the server switched protocols");
    // An interim response (100 Continue): the real one follows.
    state_ = State::kStatusLine;
    headers_.clear();
    status_ = 0;
    return;
  }
  const std::string& connection = Header("connection");
  if (HasToken(connection, "close")) keep_alive_ = false;
  if (http10_ && HasToken(connection, "keep-alive")) keep_alive_ = true;
  if (status_ == 204 || status_ == 304) {
    state_ = State::kDone;
    return;
  }
  const std::string& coding = Header("transfer-encoding");
  if (!coding.empty()) {
    framing_ = LastCoding(coding) == "chunked" ? Framing::kChunked : Framing::kUntilClose;
  } else if (!Header("content-length").empty()) {
    if (!ParseDecimal(Header("content-length"), &remaining_)) return Fail("bad Content-Length");
    framing_ = Framing::kLength;
  } else {
    framing_ = Framing::kUntilClose;
  }
  if (framing_ == Framing::kUntilClose) keep_alive_ = false;
  if (framing_ == Framing::kLength && remaining_ > limits_.max_body_bytes && !sink_)
    return Fail("body larger than " + std::to_string(limits_.max_body_bytes) + " bytes");
  header_bytes_ = 0;  // from here on it bounds chunk-size and trailer lines
  if (framing_ == Framing::kChunked) {
    state_ = State::kChunkSize;
  } else {
    state_ = framing_ == Framing::kLength && remaining_ == 0 ? State::kDone : State::kBody;
  }
}

void HttpResponseParser::OnChunkSizeLine() {
  std::string_view size = std::string_view(line_).substr(0, line_.find(';'));  // extensions skipped
  if (!ParseHex(Trim(size), &remaining_)) return Fail("bad chunk size: " + line_.substr(0, 40));
  line_.clear();
  header_bytes_ = 0;
  state_ = remaining_ == 0 ? State::kTrailers : State::kChunkData;
}

size_t HttpResponseParser::TakeBody(std::string_view bytes, size_t limit) {
  const size_t take = std::min(bytes.size(), limit);
  if (take == 0) return 0;
  if (sink_) {
    sink_(bytes.substr(0, take));
  } else {
    if (body_.size() + take > limits_.max_body_bytes) {
      Fail("body larger than " + std::to_string(limits_.max_body_bytes) + " bytes");
      return take;
    }
    body_.append(bytes.data(), take);
  }
  return take;
}

size_t HttpResponseParser::Feed(std::string_view bytes) {
  bytes_seen_ += bytes.size();
  size_t used = 0;
  while (used < bytes.size() && state_ != State::kDone && state_ != State::kError) {
    switch (state_) {
      case State::kStatusLine:
        if (TakeLine(bytes, &used)) OnStatusLine();
        break;
      case State::kHeaders:
        if (!TakeLine(bytes, &used)) break;
        if (line_.empty()) {
          OnHeadersEnd();
        } else {
          OnHeaderLine();
        }
        break;
      case State::kBody:
        if (framing_ == Framing::kLength) {
          const size_t taken = TakeBody(bytes.substr(used), static_cast<size_t>(remaining_));
          used += taken;
          remaining_ -= taken;
          if (remaining_ == 0 && state_ != State::kError) state_ = State::kDone;
        } else {
          used += TakeBody(bytes.substr(used), std::numeric_limits<size_t>::max());
        }
        break;
      case State::kChunkSize:
        if (TakeLine(bytes, &used)) OnChunkSizeLine();
        break;
      case State::kChunkData: {
        const size_t taken = TakeBody(bytes.substr(used), static_cast<size_t>(remaining_));
        used += taken;
        remaining_ -= taken;
        if (remaining_ == 0 && state_ != State::kError) state_ = State::kChunkDataEnd;
        break;
      }
      case State::kChunkDataEnd:
        if (!TakeLine(bytes, &used)) break;
        if (!line_.empty()) return Fail("chunk not followed by CRLF"), used;
        state_ = State::kChunkSize;
        break;
      case State::kTrailers:
        if (!TakeLine(bytes, &used)) break;
        if (line_.empty()) state_ = State::kDone;
        line_.clear();
        break;
      case State::kDone:
      case State::kError: break;
    }
  }
  return used;
}

void HttpResponseParser::FeedEnd() {
  if (state_ == State::kBody && framing_ == Framing::kUntilClose) {
    state_ = State::kDone;
    return;
  }
  if (state_ != State::kDone && state_ != State::kError) {
    Fail(state_ == State::kStatusLine && line_.empty() ? "connection closed before any response"
                                                       : "connection closed in the middle of the response");
  }
}

}  // namespace qms::bench
