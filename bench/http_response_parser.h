#ifndef QMS_BENCH_HTTP_RESPONSE_PARSER_H_
#define QMS_BENCH_HTTP_RESPONSE_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace qms::bench {

// An incremental parser of one HTTP/1.1 response, fed whatever a read
// returned: a response may arrive one byte at a time or several in one read.
// It understands what the gateway (and HTTP/1.1 servers in general) send:
//   - the status line and headers, lines ended by CRLF or a bare LF;
//   - a body framed by Content-Length, by chunked transfer coding (chunk
//     extensions and trailers are skipped), or, with neither, by the
//     connection closing (an event stream is such a body);
//   - 1xx interim responses are skipped; 204 and 304 have no body.
// Body bytes go to the sink when one is set (an event stream), otherwise
// they collect in body(). Header names are kept in lower case.
//
// Thread safety: none; one connection's thread owns it.
class HttpResponseParser {
 public:
  struct Limits {
    size_t max_header_bytes = 64 * 1024;
    size_t max_body_bytes = 64 * 1024 * 1024;  // collected bodies only
  };

  HttpResponseParser() = default;
  explicit HttpResponseParser(Limits limits) : limits_(limits) {}

  // Streams body bytes to `sink` instead of collecting them.
  void SetBodySink(std::function<void(std::string_view)> sink) { sink_ = std::move(sink); }

  // Forgets the last response (the next one on a keep-alive connection).
  void Reset();

  // Consumes bytes of the response. Returns how many were used: fewer than
  // given only once the response is complete (the rest is not part of it)
  // or the parser failed.
  size_t Feed(std::string_view bytes);
  // The connection closed. Completes a body framed by the close; any other
  // unfinished response becomes an error.
  void FeedEnd();

  // Whether any byte of this response arrived (a keep-alive connection the
  // server closed before answering got none: the request may be retried).
  bool received_any() const { return bytes_seen_ > 0; }
  bool headers_done() const { return state_ > State::kHeaders && state_ != State::kError; }
  bool done() const { return state_ == State::kDone; }
  bool failed() const { return state_ == State::kError; }
  const std::string& error() const { return error_; }

  int status() const { return status_; }
  // A header's value ("" when absent); `lower_name` in lower case.
  const std::string& Header(const std::string& lower_name) const;
  // Whether the connection may carry another request after this response.
  bool keep_alive() const { return keep_alive_; }
  bool chunked() const { return framing_ == Framing::kChunked; }
  bool body_until_close() const { return framing_ == Framing::kUntilClose; }
  const std::string& body() const { return body_; }

 private:
  enum class State {
    kStatusLine,
    kHeaders,
    kBody,
    kChunkSize,
    kChunkData,
    kChunkDataEnd,
    kTrailers,
    kDone,
    kError
  };
  enum class Framing { kNone, kLength, kChunked, kUntilClose };

  // Takes one line from `bytes` at `*used` into line_ when complete.
  bool TakeLine(std::string_view bytes, size_t* used);
  void OnStatusLine();
  void OnHeaderLine();
  void OnHeadersEnd();
  void OnChunkSizeLine();
  size_t TakeBody(std::string_view bytes, size_t limit);
  void Fail(std::string why);

  Limits limits_;
  std::function<void(std::string_view)> sink_;
  State state_ = State::kStatusLine;
  Framing framing_ = Framing::kNone;
  std::string line_;
  size_t header_bytes_ = 0;
  int status_ = 0;
  bool http10_ = false;
  bool keep_alive_ = true;
  std::map<std::string, std::string> headers_;
  uint64_t remaining_ = 0;  // Content-Length or the current chunk
  std::string body_;
  std::string error_;
  uint64_t bytes_seen_ = 0;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_HTTP_RESPONSE_PARSER_H_
