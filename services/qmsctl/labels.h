// Human-readable lines for tickets, counters, queues and events. Vietnamese
// labels come first because clerks read them; the English enum names are in
// docs/qmsctl.md. Times are shown in Asia/Ho_Chi_Minh (UTC+7, no DST).
#pragma once

#include <google/protobuf/message.h>

#include <cstdint>
#include <string>

#include "qms/v1/queue.pb.h"
#include "services/qmsctl/centre_names.h"

namespace qms::ctl {

std::string StateLabel(v1::TicketState state);          // "đang chờ"
std::string PriorityLabel(v1::PriorityClass priority);  // "ưu tiên"
std::string CounterStateLabel(v1::CounterState state);  // "mở"
std::string RatingLabel(v1::Rating rating);             // "Rất hài lòng"
// "08:03:11" local time; "--:--:--" for 0.
std::string LocalClock(int64_t micros_utc);

// "Số B023 · Hộ tịch · đang chờ · 4 người phía trước · ~12 phút"; position and
// wait are shown only while the ticket is WAITING, the rating only once given
// ("· đánh giá: Hài lòng").
std::string TicketLine(const v1::Ticket& ticket, const CentreNames& names, uint32_t position_ahead,
                       uint32_t wait_minutes);
// With --json prints `response`; else the TicketLine of `ticket`, with the
// names of `centre_id` fetched first (GetCentre). Returns kExitOk.
int ShowTicket(Session& session, const std::string& centre_id, const google::protobuf::Message& response,
               const v1::Ticket& ticket, uint32_t position_ahead = 0, uint32_t wait_minutes = 0);
// "Quầy 5 · mở · cán bộ nv01 · đang phục vụ B023"
std::string CounterLine(const v1::Counter& counter);
// "Hộ tịch: 4 chờ (1 ưu tiên) · ~12 phút"
std::string QueueLine(const v1::FieldQueue& queue, const CentreNames& names);
// "#12 08:03:11 CALLED B023 -> quầy 5"; the first message of a stream (the
// snapshot) reads "#12 08:03:11 SNAPSHOT ...".
std::string EventLine(const v1::CentreEvent& event, const CentreNames& names);

}  // namespace qms::ctl
