#include "services/deadline_service/deadline_stack.h"

#include <filesystem>

#include "services/deadline/calendar_overrides.h"

namespace qms::service {

StatusOr<DeadlineInputs> LoadDeadlineInputs(const std::string& procedures_csv,
                                            const std::string& calendar_overrides_yaml) {
  auto procedures = deadline::ProcedureCatalogue::Load(procedures_csv);
  if (!procedures.ok()) return procedures.status();
  auto overrides = deadline::LoadCalendarOverrides(calendar_overrides_yaml);
  if (!overrides.ok()) return overrides.status();
  deadline::CalendarConfig calendar_config;
  calendar_config.overrides = std::move(*overrides);
  auto calendar = deadline::WorkingCalendar::Create(std::move(calendar_config));
  if (!calendar.ok()) return calendar.status();
  DeadlineInputs inputs;
  inputs.procedures = std::move(*procedures);
  inputs.calendar = std::move(*calendar);
  return inputs;
}

StatusOr<std::unique_ptr<DeadlineStack>> DeadlineStack::Open(const queue::SystemConfig* config,
                                                             DeadlineInputs inputs,
                                                             const std::string& data_dir, const Clock* clock,
                                                             boost::asio::io_context* io) {
  std::unique_ptr<DeadlineStack> stack(new DeadlineStack());
  stack->inputs_ = std::move(inputs);
  storage::StoreOptions options;
  options.path = data_dir;
  auto store = storage::Store::Open(options);
  if (!store.ok()) return store.status();
  stack->store_ = std::move(*store);
  stack->writer_ = std::make_unique<storage::GroupCommitWriter>(stack->store_.get());
  std::vector<deadline::DossierCentre> centres;
  for (const auto& c : config->centres)
    centres.push_back({c.id, c.key, c.name_vi, c.province, c.agency_code});
  auto engine = deadline::DossierEngine::Create(std::move(centres), &stack->inputs_.procedures,
                                                stack->inputs_.calendar.get(), stack->store_.get(),
                                                stack->writer_.get(), clock);
  if (!engine.ok()) return engine.status();
  stack->engine_ = std::move(*engine);
  auto recovered = stack->engine_->Recover();
  if (!recovered.ok()) return recovered.status();
  stack->recovery_ = *recovered;
  stack->watch_ = std::make_unique<deadline::DeadlineWatch>(*io, stack->engine_.get());
  stack->timers_ = std::make_unique<deadline::DeadlineTimers>(*io, stack->engine_.get());
  stack->service_ =
      std::make_unique<DeadlineServiceImpl>(stack->engine_.get(), stack->watch_.get(), &stack->gate_);
  return stack;
}

DeadlineStack::~DeadlineStack() {
  // Queued reads finish (they may still submit), then the writer drains
  // (running every pending callback) before the engine and store it points
  // into go away; the watch is told nothing more once the engine forgets it.
  if (engine_) engine_->Shutdown();
  writer_.reset();
  watch_.reset();
}

void DeadlineStack::RegisterServices(grpc::ServerBuilder* builder) {
  builder->RegisterService(service_.get());
}

void DeadlineStack::StartTimers() { timers_->Start(); }

void DeadlineStack::Stop() {
  timers_->Stop();
  watch_->Stop();
}

}  // namespace qms::service
