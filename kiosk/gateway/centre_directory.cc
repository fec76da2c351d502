#include "kiosk/gateway/centre_directory.h"

#include <algorithm>

namespace qms::gateway {

CentreDirectory::CentreDirectory(const ServerLink* link, std::vector<std::string> centres,
                                 boost::asio::io_context* io, std::chrono::seconds period)
    : link_(link), served_(std::move(centres)), timer_(*io), period_(period) {}

void CentreDirectory::Start() { Tick(); }

void CentreDirectory::Stop() {
  std::lock_guard<std::mutex> lock(mu_);
  stopped_ = true;
  timer_.cancel();
}

void CentreDirectory::Tick() {
  bool missing = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return;
    for (const auto& c : served_) missing = missing || !known_.count(c);
  }
  for (const auto& c : served_) Refresh(c);
  std::lock_guard<std::mutex> lock(mu_);
  timer_.expires_after(missing ? std::chrono::seconds(2) : period_);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) Tick();
  });
}

void CentreDirectory::Refresh(const std::string& centre, std::function<void(const grpc::Status&)> done) {
  v1::GetCentreRequest request;
  request.set_centre_id(centre);
  link_->Call(PageRole::kKiosk, centre, link_->directory(),
              &v1::DirectoryService::Stub::async_interface::GetCentre, std::move(request),
              [this, centre, done = std::move(done)](const grpc::Status& status, v1::Centre* found) {
                if (status.ok()) {
                  std::lock_guard<std::mutex> lock(mu_);
                  known_[centre] = *found;
                }
                if (done) done(status);
              });
}

bool CentreDirectory::Serves(const std::string& centre) const {
  return std::find(served_.begin(), served_.end(), centre) != served_.end();
}

std::optional<v1::Centre> CentreDirectory::Find(const std::string& centre) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = known_.find(centre);
  if (it == known_.end()) return std::nullopt;
  return it->second;
}

std::string CentreDirectory::CentreName(const std::string& centre) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = known_.find(centre);
  return it == known_.end() || it->second.name_vi().empty() ? centre : it->second.name_vi();
}

std::string CentreDirectory::CounterName(const std::string& centre, const std::string& counter) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = known_.find(centre);
  if (it != known_.end()) {
    for (const auto& c : it->second.counters()) {
      if (c.counter_id() == counter) return c.name();
    }
  }
  return "Quầy " + counter;
}

const v1::FieldInfo* CentreDirectory::FindField(const v1::Centre& centre, const std::string& field) const {
  for (const auto& f : centre.fields()) {
    if (f.field_id() == field) return &f;
  }
  return nullptr;
}

}  // namespace qms::gateway
