#include "tests/support/in_process_server.h"

#include <boost/asio/post.hpp>
#include <future>
#include <map>

namespace qms::test {

StatusOr<service::DeadlineInputs> SourceTreeDeadlineInputs(const config::SystemConfig& config) {
  return service::LoadDeadlineInputs(
      std::string(QMS_SOURCE_DIR) + "/config/procedures.csv",
      std::string(QMS_SOURCE_DIR) + "/services/calendar/calendar_overrides.yaml", config);
}

Status InProcessServer::Start(const config::SystemConfig* config, const std::string& dir, const Clock* clock,
                              const access::AccessGate* gate, InProcessStores stores) {
  Stop();
  io_ = std::make_unique<boost::asio::io_context>();
  work_ = std::make_unique<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>(
      io_->get_executor());
  io_thread_ = std::thread([io = io_.get()] { io->run(); });
  service::QueueStackOptions queue_options;
  queue_options.store = std::move(stores.queue);
  auto queue = service::QueueStack::Open(config, dir + "/queue", clock, gate, std::move(queue_options));
  if (!queue.ok()) return queue.status();
  queue_ = std::move(*queue);
  auto inputs = SourceTreeDeadlineInputs(*config);
  if (!inputs.ok()) return inputs.status();
  auto deadline = service::DeadlineStack::Open(config, std::move(*inputs), dir + "/deadline", clock,
                                               io_.get(), gate, std::move(stores.deadline));
  if (!deadline.ok()) return deadline.status();
  deadline_ = std::move(*deadline);
  std::map<std::string, uint32_t> centre_keys;
  for (const auto& c : config->centres) centre_keys.emplace(c.id, c.key);
  audit_ = std::make_unique<service::AuditServiceImpl>(
      std::move(centre_keys), service::AuditStores{queue_->store(), deadline_->store()}, clock, gate);
  admin_ = std::make_unique<service::AdminServiceImpl>(
      service::AdminStores{queue_->store(), deadline_->store()}, gate);
  grpc::ServerBuilder builder;
  queue_->RegisterServices(&builder);
  deadline_->RegisterServices(&builder);
  builder.RegisterService(audit_.get());
  builder.RegisterService(admin_.get());
  server_ = builder.BuildAndStart();
  if (!server_) return Internal("the in-process server did not start");
  channel_ = server_->InProcessChannel(grpc::ChannelArguments());
  return Status::Ok();
}

void InProcessServer::Stop() {
  if (deadline_) {
    std::promise<void> stopped;
    boost::asio::post(*io_, [this, &stopped] {
      deadline_->Stop();
      stopped.set_value();
    });
    stopped.get_future().wait();
  }
  channel_.reset();
  if (server_) server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  server_.reset();
  if (io_) {
    work_.reset();
    io_->stop();
    if (io_thread_.joinable()) io_thread_.join();
  }
  audit_.reset();
  admin_.reset();
  deadline_.reset();
  queue_.reset();
  io_.reset();
}

}  // namespace qms::test
