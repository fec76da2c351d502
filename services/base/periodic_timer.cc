#include "services/base/periodic_timer.h"

#include <utility>

namespace qms {

PeriodicTimer::PeriodicTimer(boost::asio::io_context& io, std::chrono::milliseconds period,
                             std::function<void()> on_tick)
    : timer_(io), period_(period), on_tick_(std::move(on_tick)) {}

void PeriodicTimer::Start() {
  stopped_ = false;
  Arm();
}

void PeriodicTimer::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void PeriodicTimer::Arm() {
  timer_.expires_after(period_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    on_tick_();
    ++ticks_;
    Arm();
  });
}

}  // namespace qms
