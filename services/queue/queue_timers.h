// QueueTimers: drives QueueEngine::Tick from an Asio steady timer, so that
// automatic no-shows and day-end expiry happen without any request.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>

#include "services/queue/queue_engine.h"

namespace qms::queue {

class QueueTimers {
 public:
  // `engine` must outlive this object. Runs on `io`'s threads.
  QueueTimers(boost::asio::io_context& io, QueueEngine* engine,
              std::chrono::milliseconds period = std::chrono::seconds(1));
  void Start();
  void Stop();  // no Tick starts after it returns on the io thread
  uint64_t ticks() const { return ticks_; }

 private:
  void Arm();

  boost::asio::steady_timer timer_;
  QueueEngine* engine_;
  std::chrono::milliseconds period_;
  bool stopped_ = false;
  uint64_t ticks_ = 0;
};

}  // namespace qms::queue
