// Centre's proto views: the one place queue state becomes v1 messages (and
// the storage records that wrap them). A ticket is converted once per
// operation, when its event is emitted; the reply and the stored record
// share that view (Change::TicketView).
#include "services/queue/centre.h"

namespace qms::queue {

void Centre::ToProto(const Ticket& t, v1::Ticket* out) const {
  out->set_centre_id(config_->id);
  out->set_number(DisplayNumber(t));
  out->set_field_id(config_->fields[t.field].id);
  out->set_original_field_id(config_->fields[t.original_field].id);
  out->set_priority(t.priority);
  out->set_channel(t.channel);
  out->set_state(t.state);
  out->set_service_day(service_day_);
  out->set_issued_at_us(t.issued_at);
  out->set_queued_since_us(t.queued_since);
  if (t.counter != kNoCounter) out->set_counter_id(config_->counters[t.counter].id);
  if (t.directed_counter != kNoCounter)
    out->set_directed_counter_id(config_->counters[t.directed_counter].id);
  out->set_clerk_id(t.clerk_id);
  out->set_recall_count(t.recall_count);
  out->set_called_at_us(t.called_at);
  out->set_serving_since_us(t.serving_since);
  out->set_finished_at_us(t.finished_at);
  out->set_rating(static_cast<v1::Rating>(t.rating));
  out->set_rated_at_us(t.rated_at);
  out->set_first_called_at_us(t.first_called_at);
}

void Centre::CounterToProto(int16_t counter, v1::Counter* out) const {
  const config::CounterConfig& cfg = config_->counters[counter];
  const CounterRuntime& rt = counters_[counter];
  out->set_counter_id(cfg.id);
  out->set_name(cfg.name);
  out->set_state(rt.state);
  out->set_clerk_id(rt.clerk_id);
  for (const auto& fw : cfg.field_weights) {
    auto* w = out->add_fields();
    w->set_field_id(fw.first);
    w->set_weight(fw.second);
  }
  if (rt.current_seq) out->set_current_number(DisplayNumber(ticket(rt.current_seq)));
  out->set_pause_reason(rt.pause_reason);
  out->set_priority_counter(cfg.priority_counter);
}

void Centre::FieldQueueToProto(uint8_t field, MicrosUtc now, v1::FieldQueue* out) const {
  const FieldLines& f = fields_[field];
  uint32_t directed = 0;
  uint32_t directed_preferred = 0;
  for (const auto& line : directed_) {
    for (const QueueKey& k : line) {
      const Ticket& t = ticket(k.seq);
      if (t.field != field) continue;
      directed++;
      if (IsPreferred(t.priority)) directed_preferred++;
    }
  }
  out->set_field_id(config_->fields[field].id);
  out->set_waiting(static_cast<uint32_t>(f.preferred.size() + f.normal.size()) + directed);
  out->set_priority_waiting(static_cast<uint32_t>(f.preferred.size()) + directed_preferred);
  out->set_estimated_wait_minutes(EstimateWaitMinutes(field, out->waiting()));
  IssueRequest probe;
  probe.field_id = config_->fields[field].id;
  Status s = CheckIssueAllowed(field, probe, now);
  if (!s.ok() && s.code() == StatusCode::kResourceExhausted) {
    out->set_issuing_stopped(true);
    out->set_stop_reason(s.message());
  }
}

void Centre::Snapshot(MicrosUtc now, v1::CentreSnapshot* out) const {
  out->set_service_day(service_day_);
  for (size_t f = 0; f < fields_.size(); ++f)
    FieldQueueToProto(static_cast<uint8_t>(f), now, out->add_queues());
  for (int16_t c = 0; c < static_cast<int16_t>(counters_.size()); ++c) {
    CounterToProto(c, out->add_counters());
    if (counters_[c].current_seq) ToProto(ticket(counters_[c].current_seq), out->add_active());
  }
}

void Centre::TicketRecordOf(uint32_t seq, storage::TicketRecord* out) const {
  const Ticket& t = ticket(seq);
  ToProto(t, out->mutable_ticket());
  out->set_seq(t.seq);
  out->set_request_id(t.request_id);
  out->set_citizen_hash(t.citizen_hash);
}

void Centre::TicketViewOf(uint32_t seq, const Change& change, v1::Ticket* out) const {
  if (const v1::Ticket* made = change.TicketView(seq)) {
    *out = *made;
  } else {
    out->Clear();
    ToProto(ticket(seq), out);
  }
}

void Centre::TicketRecordOf(uint32_t seq, const Change& change, storage::TicketRecord* out) const {
  const Ticket& t = ticket(seq);
  TicketViewOf(seq, change, out->mutable_ticket());
  out->set_seq(t.seq);
  out->set_request_id(t.request_id);
  out->set_citizen_hash(t.citizen_hash);
}

void Centre::CounterRecordOf(int16_t counter, storage::CounterRecord* out) const {
  CounterToProto(counter, out->mutable_counter());
  out->set_preferred_streak(counters_[counter].preferred_streak);
  out->set_service_day(service_day_);
}

}  // namespace qms::queue
