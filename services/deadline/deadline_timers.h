// DeadlineTimers: drives DossierEngine::Tick from an Asio steady timer, so
// that each centre rolls to the new local day and the figures of the day
// that ended are closed (open overdue at its end) without any request.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>

#include "services/deadline/dossier_engine.h"

namespace qms::deadline {

class DeadlineTimers {
 public:
  // `engine` must outlive this object. Runs on `io`'s threads.
  DeadlineTimers(boost::asio::io_context& io, DossierEngine* engine,
                 std::chrono::milliseconds period = std::chrono::seconds(5));
  void Start();
  void Stop();  // no Tick starts after it returns on the io thread

 private:
  void Arm();

  boost::asio::steady_timer timer_;
  DossierEngine* engine_;
  std::chrono::milliseconds period_;
  bool stopped_ = false;
};

}  // namespace qms::deadline
