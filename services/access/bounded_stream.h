// BoundedStreamReactor: the server side of a watch stream (WatchCentre,
// WatchDeadlines). Messages come from another thread (the writer's callback
// thread, a timer strand) and are only queued here, one write in flight at a
// time. The queue is bounded: a slow or dead screen can never slow the
// service; one that falls `max_queued` messages behind is ended with
// RESOURCE_EXHAUSTED and must reconnect. Its queue is freed at once.
//
// A client that stops reading (a frozen board, a process that never calls
// Read) leaves one write in flight for ever: HTTP/2 flow control holds it,
// OnWriteDone never comes, and a Finish would wait behind it. So the
// overflow above cannot end such a stream. OpenStreams::EndStalled does:
// once a write has been in flight longer than the limit, EndIfStalled
// finishes the stream with the given status and cancels the call
// (CallbackServerContext::TryCancel), which fails the write, and gRPC
// calls OnDone, which frees everything. The client sees CANCELLED (an
// RST_STREAM: the status cannot pass the unread data) and reconnects.
// Memory per stalled stream is bounded meanwhile: at most `max_queued`
// shared messages, plus the one in flight.
//
// A subclass queues with Push, starts writing with Open (messages pushed
// before it wait, so a subscription can be set up before the first write),
// ends the stream with End, and cleans up in OnStreamDone, called once when
// gRPC is done with the stream, just before the reactor deletes itself.
// Track registers the stream in an OpenStreams, so that a shutdown can end
// it with a status and a sweep can end it when stalled (open_streams.h).
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include "services/access/open_streams.h"

namespace qms::access {

template <typename Message>
class BoundedStreamReactor : public grpc::ServerWriteReactor<Message>, public EndableStream {
 public:
  using Ptr = std::shared_ptr<const Message>;

  BoundedStreamReactor(std::string overflow_message, size_t max_queued)
      : overflow_message_(std::move(overflow_message)), max_queued_(max_queued) {}

  void OnWriteDone(bool ok) final {
    std::lock_guard<std::mutex> lock(mu_);
    writing_ = false;
    current_.reset();
    if (!ok) return EndLocked(grpc::Status(grpc::StatusCode::CANCELLED, "stream broken"));
    if (overflowed_) return EndLocked(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, overflow_message_));
    WriteNextLocked();
  }

  void OnCancel() final {
    std::lock_guard<std::mutex> lock(mu_);
    EndLocked(grpc::Status::CANCELLED);
  }

  void OnDone() final {
    if (streams_ != nullptr) streams_->Remove(this);
    OnStreamDone();
    delete this;
  }

  // Ends the stream with `status` (once; later calls do nothing).
  void End(const grpc::Status& status) final {
    std::lock_guard<std::mutex> lock(mu_);
    EndLocked(status);
  }

  // See OpenStreams::EndStalled. Safe under the OpenStreams lock: TryCancel
  // runs no reaction inline, and OnDone (which deletes the reactor) first
  // waits in OpenStreams::Remove.
  bool EndIfStalled(std::chrono::steady_clock::time_point written_before, const grpc::Status& status) final {
    std::lock_guard<std::mutex> lock(mu_);
    if (!writing_ || cancelled_ || write_started_ > written_before || ctx_ == nullptr) return false;
    EndLocked(status);
    cancelled_ = true;
    ctx_->TryCancel();
    return true;
  }

  // Registers the stream in `streams` until it is done; `ctx` is the call's
  // context, which EndIfStalled cancels. REQUIRES: called at most once,
  // from the method handler that made the reactor.
  void Track(OpenStreams* streams, grpc::CallbackServerContext* ctx) {
    ctx_ = ctx;
    streams_ = streams;
    streams->Add(this);
  }

 protected:
  virtual void OnStreamDone() = 0;

  // Queues a message; it is written once the stream is open.
  void Push(Ptr message) {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_ || overflowed_) return;
    if (queue_.size() >= max_queued_) {
      // Ended with RESOURCE_EXHAUSTED once the write in flight is done (or
      // by the stall sweep if it never is); nothing queued is sent.
      overflowed_ = true;
      queue_.clear();
      return;
    }
    queue_.push_back(std::move(message));
    WriteNextLocked();
  }

  // Starts writing; `first`, if given, goes before everything queued.
  void Open(Ptr first = nullptr) {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) return;
    if (first) queue_.push_front(std::move(first));
    open_ = true;
    WriteNextLocked();
  }

  // Sends the initial metadata now, unless the stream has ended.
  void SendInitialMetadataNow() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!finished_) this->StartSendInitialMetadata();
  }

 private:
  void WriteNextLocked() {
    if (!open_ || finished_ || writing_ || queue_.empty()) return;
    current_ = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    write_started_ = std::chrono::steady_clock::now();
    this->StartWrite(current_.get());
  }

  void EndLocked(const grpc::Status& status) {
    if (finished_) return;
    finished_ = true;
    queue_.clear();
    this->Finish(status);
  }

  const std::string overflow_message_;
  const size_t max_queued_;
  OpenStreams* streams_ = nullptr;
  grpc::CallbackServerContext* ctx_ = nullptr;  // valid until OnDone
  std::mutex mu_;
  std::deque<Ptr> queue_;
  Ptr current_;  // the message being written
  bool open_ = false;
  bool writing_ = false;
  bool finished_ = false;
  bool overflowed_ = false;
  bool cancelled_ = false;  // by EndIfStalled
  std::chrono::steady_clock::time_point write_started_;
};

}  // namespace qms::access
