// PeriodicTimer: runs a callback every `period` on an Asio io_context, so that
// work driven by time alone (a queue's automatic no-shows and day-end expiry,
// a dossier centre's roll to the new local day) happens without any request.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>

namespace qms {

class PeriodicTimer {
 public:
  // `on_tick` runs on `io`'s threads; whatever it uses must outlive the timer.
  PeriodicTimer(boost::asio::io_context& io, std::chrono::milliseconds period, std::function<void()> on_tick);
  void Start();
  void Stop();  // no tick starts after it returns on the io thread
  uint64_t ticks() const { return ticks_; }

 private:
  void Arm();

  boost::asio::steady_timer timer_;
  std::chrono::milliseconds period_;
  std::function<void()> on_tick_;
  bool stopped_ = false;
  uint64_t ticks_ = 0;
};

}  // namespace qms
