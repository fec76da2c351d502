// Centre: issuing and cancelling tickets, demand control and caps.
#include <algorithm>

#include "services/queue/centre.h"
#include "services/queue/opening_hours.h"

namespace qms::queue {

namespace {
std::string FieldName(const config::FieldConfig& f) { return f.name_vi + " / " + f.name_en; }
}  // namespace

Status Centre::CheckIssueAllowed(int field, const IssueRequest& r, MicrosUtc now) const {
  const config::FieldConfig& cfg = config_->fields[field];
  const config::QueuePolicy& policy = config_->policy;
  const bool open = AcceptsIssue(config_->hours, now);
  if (!open && !policy.accept_outside_hours) {
    return FailedPrecondition("Trung tâm đang ngoài giờ nhận số / The centre is not issuing tickets now");
  }
  if (cfg.daily_cap > 0 && fields_[field].issued >= cfg.daily_cap) {
    return ResourceExhausted("Lĩnh vực " + cfg.name_vi + " đã hết số hôm nay (" +
                             std::to_string(cfg.daily_cap) + " số) / No more tickets today for " +
                             cfg.name_en);
  }
  if (policy.stop_when_wait_past_closing && open) {
    const auto closing = LastClosingOfDay(config_->hours, now);
    const FieldLines& lines = fields_[field];
    const uint32_t ahead = static_cast<uint32_t>(lines.preferred.size() + lines.normal.size());
    // The new ticket must be served, not only called, before closing.
    const MicrosUtc served_by =
        now + static_cast<MicrosUtc>(EstimateWaitMinutes(field, ahead + 1)) * kMicrosPerMinute;
    if (closing && served_by > *closing) {
      return ResourceExhausted(
          "Lĩnh vực " + cfg.name_vi +
          " không thể phục vụ thêm trước giờ đóng cửa, mời quay lại ngày làm việc sau / " + FieldName(cfg) +
          ": the wait would run past closing time, please come back on the "
          "next working day");
    }
  }
  if (!r.citizen_hash.empty() && r.priority != v1::PRIORITY) {
    auto it = citizens_.find(r.citizen_hash);
    if (it != citizens_.end()) {
      if (policy.citizen_daily_cap > 0 && it->second.total >= policy.citizen_daily_cap) {
        return ResourceExhausted("Mỗi người được lấy tối đa " + std::to_string(policy.citizen_daily_cap) +
                                 " số mỗi ngày / At most " + std::to_string(policy.citizen_daily_cap) +
                                 " tickets a day per person");
      }
      if (policy.citizen_field_cap > 0 && it->second.by_field[field] >= policy.citizen_field_cap) {
        return ResourceExhausted("Mỗi người được lấy tối đa " + std::to_string(policy.citizen_field_cap) +
                                 " số mỗi lĩnh vực mỗi ngày / At most " +
                                 std::to_string(policy.citizen_field_cap) + " ticket(s) a day per field");
      }
    }
  }
  return Status::Ok();
}

Status Centre::Issue(const IssueRequest& r, MicrosUtc now, Change* change) {
  const int field = FieldIndex(r.field_id);
  if (field < 0) return NotFound("field " + r.field_id + " does not exist at centre " + config_->id);
  if (auto it = request_ids_.find(r.request_id); it != request_ids_.end()) {
    const Ticket& earlier = ticket(it->second);
    if (earlier.original_field != field || earlier.priority != r.priority) {
      return AlreadyExists("request id " + r.request_id + " was already used today for ticket " +
                           DisplayNumber(earlier) + " of another field or class");
    }
    change->primary_ticket = earlier.seq;
    change->replayed = true;
    return Status::Ok();
  }
  if (Status s = CheckIssueAllowed(field, r, now); !s.ok()) return s;

  Ticket t;
  t.seq = static_cast<uint32_t>(tickets_.size() + 1);
  t.number = fields_[field].next_number;
  t.original_field = t.field = static_cast<uint8_t>(field);
  t.priority = r.priority;
  t.channel = r.channel;
  t.state = v1::WAITING;
  t.issued_at = t.queued_since = now;
  t.request_id = r.request_id;
  t.citizen_hash = r.citizen_hash;
  const Ticket& stored = Admit(std::move(t));
  change->primary_ticket = stored.seq;
  Touch(change, stored);
  EmitTicketEvent(v1::ISSUED, stored, now, change);
  return Status::Ok();
}

Status Centre::Cancel(const std::string& number, const std::string& reason, MicrosUtc now, Change* change) {
  auto seq = FindTicket(number);
  if (!seq.ok()) return seq.status();
  Ticket& t = tickets_[*seq - 1];
  if (t.state != v1::WAITING && t.state != v1::PARKED) {
    return FailedPrecondition("ticket " + number + " is " + v1::TicketState_Name(t.state) +
                              "; only a WAITING or PARKED ticket can be cancelled");
  }
  if (t.state == v1::WAITING) Dequeue(t);
  t.state = v1::CANCELLED;
  t.finished_at = now;
  change->primary_ticket = t.seq;
  Touch(change, t);
  EmitTicketEvent(v1::CANCELLED_EVENT, t, now, change, reason);
  return Status::Ok();
}

// ---------------------------------------------------------------- admission

const Ticket& Centre::Admit(Ticket t) {
  tickets_.push_back(std::move(t));
  Ticket& stored = tickets_.back();
  FieldLines& origin = fields_[stored.original_field];
  origin.issued++;
  origin.next_number = std::max(origin.next_number, stored.number + 1);
  const uint32_t slot = stored.number - config_->policy.number_start;
  if (origin.seq_by_number.size() <= slot) origin.seq_by_number.resize(slot + 1, 0);
  origin.seq_by_number[slot] = stored.seq;
  request_ids_.emplace(stored.request_id, stored.seq);
  if (!stored.citizen_hash.empty()) {
    auto& c = citizens_[stored.citizen_hash];
    c.by_field.resize(fields_.size(), 0);
    c.total++;
    c.by_field[stored.original_field]++;
  }
  if (stored.state == v1::WAITING) Enqueue(stored);
  return stored;
}

// ---------------------------------------------------------------- lines

void Centre::Enqueue(Ticket& t) {
  const QueueKey key{t.queued_since, t.seq};
  if (t.directed_counter != kNoCounter) {
    directed_[t.directed_counter].insert(key);
  } else if (IsPreferred(t.priority)) {
    fields_[t.field].preferred.insert(key);
  } else {
    fields_[t.field].normal.insert(key);
  }
}

void Centre::Dequeue(const Ticket& t) {
  const QueueKey key{t.queued_since, t.seq};
  if (t.directed_counter != kNoCounter) {
    directed_[t.directed_counter].erase(key);
  } else if (IsPreferred(t.priority)) {
    fields_[t.field].preferred.erase(key);
  } else {
    fields_[t.field].normal.erase(key);
  }
}

}  // namespace qms::queue
