#include "services/queue/queue_timers.h"

namespace qms::queue {

QueueTimers::QueueTimers(boost::asio::io_context& io, QueueEngine* engine, std::chrono::milliseconds period)
    : timer_(io), engine_(engine), period_(period) {}

void QueueTimers::Start() {
  stopped_ = false;
  Arm();
}

void QueueTimers::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void QueueTimers::Arm() {
  timer_.expires_after(period_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    engine_->Tick();
    ++ticks_;
    Arm();
  });
}

}  // namespace qms::queue
