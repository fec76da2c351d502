#include "services/queue/closed_days.h"

#include "services/queue/centre.h"
#include "services/queue/day_stats.h"
#include "storage/keys.h"

namespace qms::queue {

MicrosUtc DayEnd(uint32_t day) {
  const int64_t days = DaysFromCivil(LocalDate::FromYyyymmdd(day));
  return LocalMoment(CivilFromDays(days + 1), 0);
}

Status ComputeClosedDay(const config::CentreConfig& centre_config, storage::Store* store, uint32_t day,
                        v1::DayStats* out, bool* found) {
  out->Clear();
  *found = false;
  Centre centre(&centre_config);
  centre.StartDay(day);
  const std::string prefix = storage::CentreDayPrefix(centre_config.key, day);
  storage::TicketRecord record;
  auto it = store->Scan(storage::Cf::kTickets, prefix, storage::PrefixUpperBound(prefix), /*bulk=*/true);
  for (; it->Valid(); it->Next()) {
    if (!record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status(StatusCode::kDataLoss, "unreadable ticket record at centre " + centre_config.id);
    }
    centre.RestoreTicket(record);
    *found = true;
  }
  if (Status s = it->status(); !s.ok()) return s;
  if (*found) ComputeDayStats(centre, DayEnd(day), out);
  return Status::Ok();
}

void FiguresOfEndedDay(const Centre& ended, v1::DayStats* out, bool* found) {
  out->Clear();
  *found = ended.ticket_count() > 0;
  if (!*found) return;
  Centre restored(&ended.config());
  restored.StartDay(ended.service_day());
  restored.ReserveTickets(ended.ticket_count());
  storage::TicketRecord record;
  for (uint32_t seq = 1; seq <= ended.ticket_count(); ++seq) {
    record.Clear();
    ended.TicketRecordOf(seq, &record);
    restored.RestoreTicket(record);
  }
  ComputeDayStats(restored, DayEnd(ended.service_day()), out);
}

Status ReadClosedDay(const config::CentreConfig& centre, storage::Store* store, uint32_t day,
                     v1::DayStats* out) {
  std::string value;
  Status s = store->Get(storage::Cf::kDayStats, storage::DayStatsKey(centre.key, day), &value);
  if (s.ok()) {
    if (!out->ParseFromString(value))
      return Status(StatusCode::kDataLoss, "unreadable figures of day " + std::to_string(day));
    return s;
  }
  if (s.code() != StatusCode::kNotFound) return s;
  bool found = false;
  if (Status c = ComputeClosedDay(centre, store, day, out, &found); !c.ok()) return c;
  if (!found) return NotFound("centre " + centre.id + " has no figures of day " + std::to_string(day));
  return Status::Ok();
}

}  // namespace qms::queue
