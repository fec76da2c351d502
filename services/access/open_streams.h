// OpenStreams: the watch streams a service has open, so that a shutdown can
// end every one of them with a status (UNAVAILABLE, "reconnect") instead of
// leaving them to be cut when gRPC's shutdown deadline passes, and so that a
// periodic sweep (EndStalled) can drop the streams whose client stopped
// reading (docs/queue.md, "Stalled watchers").
//
// Thread safety: every method may be called from any thread. EndAll calls
// each stream's End under this object's lock, so a stream must never call
// Add or Remove while holding a lock that its End takes; Remove blocks while
// EndAll runs, so a stream is never destroyed under it.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <mutex>
#include <unordered_set>

namespace qms::access {

// A stream that can be ended from outside its own callbacks.
class EndableStream {
 public:
  // Ends the stream with `status`; once: later calls do nothing.
  virtual void End(const grpc::Status& status) = 0;
  // When the stream has had one write in flight since before
  // `written_before` (its client stopped reading, and HTTP/2 flow control
  // holds the write), ends it with `status` if it has not ended yet and
  // cancels the call, so that the write fails and the stream's memory is
  // freed; returns true. Else does nothing and returns false.
  virtual bool EndIfStalled(std::chrono::steady_clock::time_point written_before,
                            const grpc::Status& status) = 0;

 protected:
  ~EndableStream() = default;
};

class OpenStreams {
 public:
  // Registers `stream` until Remove. After EndAll it registers nothing and
  // ends `stream` at once with EndAll's status (a stream that opened while
  // the server was stopping).
  void Add(EndableStream* stream) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!closing_) {
      open_.insert(stream);
      return;
    }
    const grpc::Status status = closing_status_;
    lock.unlock();
    stream->End(status);
  }

  // REQUIRES: called once per Add, before `stream` is destroyed.
  void Remove(EndableStream* stream) {
    std::lock_guard<std::mutex> lock(mu_);
    open_.erase(stream);
  }

  // Ends every open stream with `status`, and every one added later.
  void EndAll(const grpc::Status& status) {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    closing_status_ = status;
    for (EndableStream* stream : open_) stream->End(status);
  }

  // Ends, as EndIfStalled, every stream whose write has been in flight for
  // `limit` or longer; returns how many. Called every second by qms-server
  // (load.watch_stall_ms), so a stalled watcher is gone at most `limit` +
  // 1 s after its write stopped moving.
  size_t EndStalled(std::chrono::steady_clock::duration limit, const grpc::Status& status) {
    const auto written_before = std::chrono::steady_clock::now() - limit;
    std::lock_guard<std::mutex> lock(mu_);
    size_t ended = 0;
    for (EndableStream* stream : open_) ended += stream->EndIfStalled(written_before, status) ? 1 : 0;
    return ended;
  }

  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return open_.size();
  }

 private:
  std::mutex mu_;
  std::unordered_set<EndableStream*> open_;
  bool closing_ = false;
  grpc::Status closing_status_;
};

}  // namespace qms::access
