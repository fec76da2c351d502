#include "services/qmsctl/labels.h"

#include <ctime>
#include <iostream>

#include "services/qmsctl/session.h"

namespace qms::ctl {

namespace {

constexpr int64_t kVietnamOffsetSeconds = 7 * 3600;

// The event kind without the "_EVENT" suffix some names carry to stay unique
// in the proto package: CALLED_EVENT -> CALLED.
std::string KindName(v1::EventKind kind) {
  std::string name = v1::EventKind_Name(kind);
  const std::string suffix = "_EVENT";
  if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    name.resize(name.size() - suffix.size());
  }
  if (kind == v1::SERVING_STARTED) return "SERVING";
  if (kind == v1::MARKED_NO_SHOW) return "NO_SHOW";
  return name;
}

std::string CounterRef(const std::string& counter_id) { return "quầy " + counter_id; }

std::string EventDetail(const v1::CentreEvent& e, const CentreNames& names) {
  const v1::Ticket& t = e.ticket();
  switch (e.kind()) {
    case v1::ISSUED: {
      std::string out = t.number() + " " + names.Field(t.field_id());
      if (t.priority() != v1::NORMAL) out += " (" + PriorityLabel(t.priority()) + ")";
      return out;
    }
    case v1::CALLED_EVENT: return t.number() + " -> " + CounterRef(e.counter_id());
    case v1::RECALLED:
      return t.number() + " -> " + CounterRef(e.counter_id()) + " (gọi lại lần " +
             std::to_string(t.recall_count()) + ")";
    case v1::RATED: return t.number() + " @ " + CounterRef(e.counter_id()) + " · " + RatingLabel(t.rating());
    case v1::SERVING_STARTED:
    case v1::COMPLETED:
    case v1::MARKED_NO_SHOW:
    case v1::PARKED_EVENT: return t.number() + " @ " + CounterRef(e.counter_id());
    case v1::TRANSFERRED_EVENT: {
      std::string out = t.number();
      if (!e.from_field_id().empty())
        out += " " + names.Field(e.from_field_id()) + " -> " + names.Field(t.field_id());
      if (!t.directed_counter_id().empty()) out += " -> " + CounterRef(t.directed_counter_id());
      return out;
    }
    case v1::COUNTER_OPENED:
    case v1::COUNTER_PAUSED:
    case v1::COUNTER_CLOSED: {
      std::string out = CounterRef(e.counter_id());
      if (!e.clerk_id().empty()) out += " · cán bộ " + e.clerk_id();
      return out;
    }
    default: return t.number();
  }
}

}  // namespace

std::string StateLabel(v1::TicketState state) {
  switch (state) {
    case v1::WAITING: return "đang chờ";
    case v1::CALLED: return "đã gọi";
    case v1::SERVING: return "đang phục vụ";
    case v1::DONE: return "đã xong";
    case v1::NO_SHOW: return "vắng mặt";
    case v1::CANCELLED: return "đã huỷ";
    case v1::PARKED: return "tạm gác";
    case v1::TRANSFERRED: return "đã chuyển";
    case v1::EXPIRED: return "hết hạn";
    default: return "không rõ";
  }
}

std::string PriorityLabel(v1::PriorityClass priority) {
  switch (priority) {
    case v1::PRIORITY: return "ưu tiên";
    case v1::APPOINTMENT: return "đặt lịch hẹn";
    default: return "thường";
  }
}

std::string CounterStateLabel(v1::CounterState state) {
  switch (state) {
    case v1::OPEN: return "mở";
    case v1::PAUSED: return "tạm dừng";
    default: return "đóng";
  }
}

std::string RatingLabel(v1::Rating rating) {
  switch (rating) {
    case v1::VERY_SATISFIED: return "Rất hài lòng";
    case v1::SATISFIED: return "Hài lòng";
    case v1::DISSATISFIED: return "Không hài lòng";
    default: return "chưa đánh giá";
  }
}

std::string LocalClock(int64_t micros_utc) {
  if (micros_utc == 0) return "--:--:--";
  const std::time_t seconds = static_cast<std::time_t>(micros_utc / 1000000 + kVietnamOffsetSeconds);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

std::string TicketLine(const v1::Ticket& t, const CentreNames& names, uint32_t position_ahead,
                       uint32_t wait_minutes) {
  std::string out = "Số " + t.number() + " · " + names.Field(t.field_id());
  if (t.priority() != v1::NORMAL && t.priority() != v1::PRIORITY_CLASS_UNSPECIFIED) {
    out += " · " + PriorityLabel(t.priority());
  }
  out += " · " + StateLabel(t.state());
  switch (t.state()) {
    case v1::WAITING:
      out += " · " + std::to_string(position_ahead) + " người phía trước · ~" + std::to_string(wait_minutes) +
             " phút";
      if (!t.directed_counter_id().empty()) out += " · chờ " + CounterRef(t.directed_counter_id());
      break;
    case v1::CALLED:
      out += " · " + CounterRef(t.counter_id()) + " · gọi lúc " + LocalClock(t.called_at_us());
      break;
    case v1::SERVING:
      out += " · " + CounterRef(t.counter_id()) + " · từ " + LocalClock(t.serving_since_us());
      break;
    case v1::PARKED: break;
    default:
      if (t.finished_at_us()) out += " · lúc " + LocalClock(t.finished_at_us());
  }
  if (t.original_field_id() != t.field_id() && !t.original_field_id().empty()) {
    out += " · chuyển từ " + names.Field(t.original_field_id());
  }
  if (t.rating() != v1::RATING_UNSPECIFIED) out += " · đánh giá: " + RatingLabel(t.rating());
  return out;
}

int ShowTicket(Session& session, const std::string& centre_id, const google::protobuf::Message& response,
               const v1::Ticket& ticket, uint32_t position_ahead, uint32_t wait_minutes) {
  return session.Show(response, [&] {
    CentreNames names;
    names.Load(session, centre_id);
    std::cout << TicketLine(ticket, names, position_ahead, wait_minutes) << std::endl;
  });
}

std::string CounterLine(const v1::Counter& c) {
  std::string out = (c.name().empty() ? CounterRef(c.counter_id()) : c.name()) + " (" + c.counter_id() +
                    ") · " + CounterStateLabel(c.state());
  if (c.priority_counter()) out += " · quầy ưu tiên";
  if (!c.clerk_id().empty() && c.state() != v1::CLOSED) out += " · cán bộ " + c.clerk_id();
  if (!c.current_number().empty()) out += " · số " + c.current_number();
  if (!c.pause_reason().empty()) out += " · lý do: " + c.pause_reason();
  return out;
}

std::string QueueLine(const v1::FieldQueue& q, const CentreNames& names) {
  std::string out = names.Field(q.field_id()) + ": " + std::to_string(q.waiting()) + " chờ";
  if (q.priority_waiting() > 0) out += " (" + std::to_string(q.priority_waiting()) + " ưu tiên)";
  out += " · ~" + std::to_string(q.estimated_wait_minutes()) + " phút";
  if (q.issuing_stopped()) out += " · NGỪNG PHÁT SỐ: " + q.stop_reason();
  return out;
}

std::string EventLine(const v1::CentreEvent& e, const CentreNames& names) {
  std::string out = "#" + std::to_string(e.seq()) + " " + LocalClock(e.at_us()) + " ";
  if (e.has_snapshot()) {
    const v1::CentreSnapshot& s = e.snapshot();
    int open = 0;
    for (const auto& c : s.counters()) open += c.state() == v1::OPEN ? 1 : 0;
    out += "SNAPSHOT ngày " + std::to_string(s.service_day()) + " · " + std::to_string(open) + " quầy mở";
    for (const auto& q : s.queues())
      out += " · " + names.Field(q.field_id()) + " " + std::to_string(q.waiting());
    return out;
  }
  out += KindName(e.kind()) + " " + EventDetail(e, names);
  if (!e.reason().empty()) out += " · lý do: " + e.reason();
  for (const auto& q : e.queues()) {
    out += " [" + names.Field(q.field_id()) + ": " + std::to_string(q.waiting()) + " chờ]";
  }
  return out;
}

}  // namespace qms::ctl
