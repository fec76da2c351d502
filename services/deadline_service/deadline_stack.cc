#include "services/deadline_service/deadline_stack.h"

#include <filesystem>
#include <map>
#include <vector>

#include "services/calendar/calendar_overrides.h"
#include "services/deadline/dossier_keys.h"

namespace qms::service {

namespace {

std::vector<deadline::WorkingPeriod> WorkingPeriods(const std::vector<config::Period>& periods) {
  std::vector<deadline::WorkingPeriod> out;
  out.reserve(periods.size());
  for (const config::Period& p : periods) out.push_back({p.opens, p.closes});
  return out;
}

std::map<std::string, deadline::WorkingWeek> WorkingWeeks(const config::SystemConfig& config) {
  std::map<std::string, deadline::WorkingWeek> weeks;
  for (const auto& [province, week] : config.provinces) {
    weeks[province] = {week.saturday_morning, WorkingPeriods(week.weekday_hours),
                       WorkingPeriods(week.saturday_hours)};
  }
  return weeks;
}

}  // namespace

StatusOr<DeadlineInputs> LoadDeadlineInputs(const std::string& procedures_csv,
                                            const std::string& calendar_overrides_yaml,
                                            const config::SystemConfig& config) {
  auto procedures = deadline::ProcedureCatalogue::Load(procedures_csv);
  if (!procedures.ok()) return procedures.status();
  auto overrides = deadline::LoadCalendarOverrides(calendar_overrides_yaml);
  if (!overrides.ok()) return overrides.status();
  deadline::CalendarConfig national;
  national.overrides = std::move(*overrides);
  auto calendars = deadline::ProvinceCalendars::Create(std::move(national), WorkingWeeks(config));
  if (!calendars.ok()) return InvalidArgument(config.source + ": provinces: " + calendars.status().message());
  DeadlineInputs inputs;
  inputs.procedures = std::move(*procedures);
  inputs.calendars = std::move(*calendars);
  return inputs;
}

StatusOr<std::unique_ptr<DeadlineStack>> DeadlineStack::Open(const config::SystemConfig* config,
                                                             DeadlineInputs inputs,
                                                             const std::string& data_dir, const Clock* clock,
                                                             boost::asio::io_context* io,
                                                             const access::AccessGate* gate,
                                                             storage::StoreOptions store_options) {
  std::unique_ptr<DeadlineStack> stack(new DeadlineStack());
  stack->inputs_ = std::move(inputs);
  store_options.path = data_dir;
  store_options.key_groups.merge(deadline::DossierKeyGroups());
  auto store = storage::Store::Open(store_options);
  if (!store.ok()) return store.status();
  stack->store_ = std::move(*store);
  stack->writer_ = std::make_unique<storage::GroupCommitWriter>(stack->store_.get());
  std::vector<deadline::DossierCentre> centres;
  const deadline::ProvinceCalendars& calendars = *stack->inputs_.calendars;
  for (const auto& c : config->centres) {
    centres.push_back({c.id, c.key, c.name_vi, c.province, c.agency_code, &calendars.Of(c.province), {}});
    for (const auto& f : c.fields) centres.back().field_ids.push_back(f.id);
  }
  deadline::DossierEngineOptions options;
  options.load =
      LoadLimits{config->load.max_in_flight, config->load.busy_in_flight, config->load.centre_floor};
  auto engine =
      deadline::DossierEngine::Create(std::move(centres), &stack->inputs_.procedures, &calendars.national(),
                                      stack->store_.get(), stack->writer_.get(), clock, options);
  if (!engine.ok()) return engine.status();
  stack->engine_ = std::move(*engine);
  auto recovered = stack->engine_->Recover();
  if (!recovered.ok()) return recovered.status();
  stack->recovery_ = *recovered;
  stack->watch_ = std::make_unique<deadline::DeadlineWatch>(*io, stack->engine_.get());
  stack->timers_ = std::make_unique<PeriodicTimer>(*io, std::chrono::seconds(5),
                                                   [engine = stack->engine_.get()] { engine->Tick(); });
  stack->service_ = std::make_unique<DeadlineServiceImpl>(stack->engine_.get(), stack->watch_.get(), gate);
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
