// The HTTP vocabulary of the gateway: a parsed request, a reply, and the
// exchange through which a handler answers one request, now or later, with a
// reply or with a stream of server-sent events.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace qms::gateway {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query
  std::map<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string last_event_id;  // the Last-Event-ID header of an EventSource
  std::string host;           // the Host header
  std::string peer;           // "127.0.0.1:53124"
  // TOKEN of an "Authorization: Bearer TOKEN" header: a clerk's own token,
  // sent by the console in place of the gateway's (docs/gateway.md,
  // "Tokens"). Never logged.
  std::string bearer;
};

struct HttpReply {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beside Content-Type and Content-Length

  static HttpReply Json(int status, std::string body) {
    return {status, "application/json; charset=utf-8", std::move(body), {}};
  }
};

// A stream of server-sent events on one connection. Thread-safe.
class EventStream {
 public:
  virtual ~EventStream() = default;
  // Queues one frame ("id: 7\nevent: change\ndata: {...}\n\n"). Returns
  // false, and closes the stream, when the client has fallen so far behind
  // that its queue is full (the browser reconnects and resumes), or when it
  // is closed. Push never runs the OnClose callbacks itself: a caller may
  // hold a lock those callbacks take.
  virtual bool Push(std::shared_ptr<const std::string> frame) = 0;
  virtual void Close() = 0;
  virtual bool closed() const = 0;
  // Runs once when the stream ends, whoever ends it.
  virtual void OnClose(std::function<void()> done) = 0;
};

// One request's answer. A handler calls exactly one of Reply or
// StartEventStream, once, from any thread.
class Exchange {
 public:
  virtual ~Exchange() = default;
  virtual void Reply(HttpReply reply) = 0;
  // Sends the event-stream headers; the connection then carries events
  // until either side closes it.
  virtual std::shared_ptr<EventStream> StartEventStream() = 0;
};

using ExchangePtr = std::shared_ptr<Exchange>;

}  // namespace qms::gateway
