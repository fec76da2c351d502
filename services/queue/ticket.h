// The queue's in-memory model of one service day at one centre. Compact on
// purpose: a go-live day holds millions of these.
#pragma once

#include <cstdint>
#include <string>

#include "qms/v1/queue.pb.h"
#include "services/base/clock.h"

namespace qms::queue {

using v1::Channel;
using v1::PriorityClass;
using v1::TicketState;

constexpr int16_t kNoCounter = -1;

// PRIORITY and APPOINTMENT are served before NORMAL, within the fairness
// limits of the call policy.
inline bool IsPreferred(PriorityClass p) { return p == v1::PRIORITY || p == v1::APPOINTMENT; }

inline bool IsFinal(TicketState s) {
  return s == v1::DONE || s == v1::CANCELLED || s == v1::EXPIRED || s == v1::NO_SHOW;
}

struct Ticket {
  uint32_t seq = 0;     // issue order in the day, 1-based
  uint32_t number = 0;  // display number without prefix
  uint8_t original_field = 0;
  uint8_t field = 0;
  uint8_t rating = v1::RATING_UNSPECIFIED;  // a v1::Rating, in a byte: set once, on DONE
  PriorityClass priority = v1::NORMAL;
  Channel channel = v1::KIOSK;
  TicketState state = v1::WAITING;
  int16_t counter = kNoCounter;           // calling or serving counter
  int16_t directed_counter = kNoCounter;  // only this counter may call it
  uint16_t recall_count = 0;
  MicrosUtc issued_at = 0;
  MicrosUtc queued_since = 0;
  MicrosUtc called_at = 0;        // the latest call or recall
  MicrosUtc first_called_at = 0;  // the first call; 0 while never called
  MicrosUtc serving_since = 0;
  MicrosUtc finished_at = 0;
  MicrosUtc rated_at = 0;
  std::string clerk_id;
  std::string request_id;    // idempotency key of the issuing call
  std::string citizen_hash;  // salted hash for the daily cap, or empty
};

// When the service that finished (or is under way) began: StartServing, or
// the call when the clerk completed without it. A serving_since older than
// the latest call belongs to an earlier turn at a counter (the ticket was
// parked while serving and called again), so the call counts then.
inline MicrosUtc ServiceStart(const Ticket& t) {
  return t.serving_since >= t.called_at ? t.serving_since : t.called_at;
}

// Where a waiting ticket sits: ordered by time in the queue, then issue order.
struct QueueKey {
  MicrosUtc queued_since;
  uint32_t seq;
  bool operator<(const QueueKey& o) const {
    return queued_since != o.queued_since ? queued_since < o.queued_since : seq < o.seq;
  }
};

}  // namespace qms::queue
