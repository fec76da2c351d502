#include "services/queue_service/queue_stack.h"

#include <filesystem>

namespace qms::service {

StatusOr<std::unique_ptr<QueueStack>> QueueStack::Open(const config::SystemConfig* config,
                                                       const std::string& data_dir, const Clock* clock,
                                                       const access::AccessGate* gate,
                                                       storage::StoreOptions store_options) {
  QueueStackOptions options;
  options.store = std::move(store_options);
  return Open(config, data_dir, clock, gate, std::move(options));
}

StatusOr<std::unique_ptr<QueueStack>> QueueStack::Open(const config::SystemConfig* config,
                                                       const std::string& data_dir, const Clock* clock,
                                                       const access::AccessGate* gate,
                                                       QueueStackOptions options) {
  std::unique_ptr<QueueStack> stack(new QueueStack());
  options.store.path = data_dir;
  auto store = storage::Store::Open(options.store);
  if (!store.ok()) return store.status();
  stack->store_ = std::move(*store);
  stack->writer_ = std::make_unique<storage::GroupCommitWriter>(stack->store_.get());
  stack->engine_ = std::make_unique<queue::QueueEngine>(
      config, stack->store_.get(), stack->writer_.get(), clock, 256,
      LoadLimits{config->load.max_in_flight, config->load.busy_in_flight, config->load.centre_floor});
  if (options.recover_while_serving) {
    if (Status s = stack->engine_->PrepareRecovery(); !s.ok()) return s;
    stack->background_recovery_ = std::thread([stack = stack.get(), done = std::move(options.on_recovered)] {
      auto totals =
          stack->engine_->RecoverCentres(std::thread::hardware_concurrency(), &stack->stop_recovery_,
                                         queue::QueueEngine::Pace::kWhileServing);
      if (done) done(totals);
    });
  } else {
    auto recovered = stack->engine_->Recover();
    if (!recovered.ok()) return recovered.status();
    stack->recovery_ = *recovered;
  }
  stack->intake_ = std::make_unique<IntakeServiceImpl>(stack->engine_.get(), gate);
  stack->counters_ = std::make_unique<CounterServiceImpl>(stack->engine_.get(), gate);
  stack->watch_ = std::make_unique<WatchServiceImpl>(stack->engine_.get(), gate);
  stack->directory_ = std::make_unique<DirectoryServiceImpl>(stack->engine_.get(), gate);
  stack->stats_ = std::make_unique<StatsServiceImpl>(stack->engine_.get(), gate);
  return stack;
}

QueueStack::~QueueStack() {
  stop_recovery_ = true;
  if (background_recovery_.joinable()) background_recovery_.join();
  // The writer drains (running every pending callback) before the engine
  // and store it points into go away.
  writer_.reset();
}

void QueueStack::EndStreams(const grpc::Status& status) { watch_->EndStreams(status); }

void QueueStack::RegisterServices(grpc::ServerBuilder* builder) {
  builder->RegisterService(intake_.get());
  builder->RegisterService(counters_.get());
  builder->RegisterService(watch_.get());
  builder->RegisterService(directory_.get());
  builder->RegisterService(stats_.get());
}

}  // namespace qms::service
