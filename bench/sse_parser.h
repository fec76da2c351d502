#ifndef QMS_BENCH_SSE_PARSER_H_
#define QMS_BENCH_SSE_PARSER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace qms::bench {

// One server-sent event as an EventSource dispatches it.
struct SseEvent {
  std::string type = "message";  // the `event:` field, "message" when absent
  std::string data;              // `data:` lines joined with '\n'
  std::string id;                // the last event id after this event
  bool has_id = false;           // this event carried an `id:` field
};

// An incremental parser of a text/event-stream body, after the WHATWG
// "server-sent events" interpretation rules: lines end with CRLF, LF or CR
// (a CR at the end of one read and the LF at the start of the next are one
// line end); a blank line dispatches the event; lines starting with ':' are
// comments (the gateway's ": ping" heartbeats); "field: value" loses one
// space after the colon; a line without a colon is a field with an empty
// value; unknown fields are ignored; an event without data is not
// dispatched; a leading UTF-8 byte order mark is skipped. Events may be
// split across reads anywhere, even inside a CRLF.
//
// Thread safety: none; one stream's thread owns it.
class SseParser {
 public:
  using EventCallback = std::function<void(const SseEvent&)>;

  explicit SseParser(EventCallback on_event, size_t max_event_bytes = 16 * 1024 * 1024)
      : on_event_(std::move(on_event)), max_event_bytes_(max_event_bytes) {}

  // Feeds body bytes; dispatches every event they complete. Returns false
  // (and stops) when an event grows past max_event_bytes.
  bool Feed(std::string_view bytes);

  uint64_t comments() const { return comments_; }
  uint64_t events() const { return events_; }
  // The reconnection time the server asked for (`retry:`), -1 if none.
  int64_t retry_ms() const { return retry_ms_; }
  // What an EventSource would send as Last-Event-ID.
  const std::string& last_event_id() const { return last_event_id_; }

 private:
  void OnLine(std::string_view line);
  void Dispatch();

  EventCallback on_event_;
  size_t max_event_bytes_;
  std::string line_;
  bool started_ = false;       // past the optional byte order mark
  bool skip_next_lf_ = false;  // the last read ended with CR
  std::string data_;
  std::string type_;
  bool data_seen_ = false;
  bool id_seen_ = false;
  std::string last_event_id_;
  int64_t retry_ms_ = -1;
  uint64_t comments_ = 0;
  uint64_t events_ = 0;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_SSE_PARSER_H_
