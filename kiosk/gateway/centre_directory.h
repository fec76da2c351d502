// CentreDirectory: what the gateway knows of each centre it serves (name,
// fields, counters, hours), read from the server with GetCentre and kept,
// so pages load and tickets print with names even while the server is
// briefly away. Refreshed every `period` and on demand. Thread-safe.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/gateway/server_link.h"

namespace qms::gateway {

class CentreDirectory {
 public:
  CentreDirectory(const ServerLink* link, std::vector<std::string> centres, boost::asio::io_context* io,
                  std::chrono::seconds period = std::chrono::seconds(30));

  // Starts fetching, and again every period (every 2 s while one is missing).
  void Start();
  void Stop();
  // Fetches one centre now; `done` runs on a gRPC thread.
  void Refresh(const std::string& centre, std::function<void(const grpc::Status&)> done = nullptr);

  const std::vector<std::string>& served() const { return served_; }
  bool Serves(const std::string& centre) const;
  std::optional<v1::Centre> Find(const std::string& centre) const;

  // Names for printing and speech; the id itself when unknown.
  std::string CentreName(const std::string& centre) const;
  std::string CounterName(const std::string& centre, const std::string& counter) const;
  const v1::FieldInfo* FindField(const v1::Centre& centre, const std::string& field) const;

 private:
  void Tick();

  const ServerLink* link_;
  const std::vector<std::string> served_;
  boost::asio::steady_timer timer_;
  const std::chrono::seconds period_;
  mutable std::mutex mu_;
  std::map<std::string, v1::Centre> known_;
  bool stopped_ = false;
};

}  // namespace qms::gateway
