// OpenStreams: the watch streams a service has open, so that a shutdown can
// end every one of them with a status (UNAVAILABLE, "reconnect") instead of
// leaving them to be cut when gRPC's shutdown deadline passes.
//
// Thread safety: every method may be called from any thread. EndAll calls
// each stream's End under this object's lock, so a stream must never call
// Add or Remove while holding a lock that its End takes; Remove blocks while
// EndAll runs, so a stream is never destroyed under it.
#pragma once

#include <grpcpp/grpcpp.h>

#include <mutex>
#include <unordered_set>

namespace qms::access {

// A stream that can be ended from outside its own callbacks.
class EndableStream {
 public:
  // Ends the stream with `status`; once: later calls do nothing.
  virtual void End(const grpc::Status& status) = 0;

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
