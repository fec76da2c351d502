#include "services/deadline/deadline_timers.h"

namespace qms::deadline {

DeadlineTimers::DeadlineTimers(boost::asio::io_context& io, DossierEngine* engine,
                               std::chrono::milliseconds period)
    : timer_(io), engine_(engine), period_(period) {}

void DeadlineTimers::Start() {
  stopped_ = false;
  Arm();
}

void DeadlineTimers::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void DeadlineTimers::Arm() {
  timer_.expires_after(period_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    engine_->Tick();
    Arm();
  });
}

}  // namespace qms::deadline
