#ifndef QMS_BENCH_CALL_MATCHER_H_
#define QMS_BENCH_CALL_MATCHER_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/bench_clock.h"
#include "bench/histogram.h"
#include "bench/run_stats.h"

namespace qms::bench {

// gateway-pages' "call to page": matches the clerk console's call-next
// requests with the CALLED_EVENT frames every page receives, by ticket
// number (unique per centre and day). A frame may arrive before the
// call-next reply that names its ticket (the gateway fans the event out
// while the reply is still on its way); it waits here until the reply
// comes. One sample per page per call: the frame's arrival minus the
// moment the call-next request was sent. A second frame of the same
// ticket on one page is a duplicate, not a sample.
//
// Thread safety: every method may be called from any thread.
class CallMatcher {
 public:
  explicit CallMatcher(size_t pages) : pages_(pages) {}

  // The console sent a call-next at `sent`; returns the call's id.
  uint64_t CallSent(TimePoint sent);
  // The reply of call `call` named ticket `number`.
  void CallAnswered(uint64_t call, const std::string& number);
  // The call failed or found nobody to call: no page should see it.
  void CallFailed(uint64_t call);
  // Page `page` (< pages) received a CALLED_EVENT for `number`.
  void CalledFrame(size_t page, const std::string& number, TimePoint received);

  // Every answered call has reached every page.
  bool AllDelivered() const;

  struct Totals {
    LatencyHistogram call_to_page;       // one sample per page per call
    LatencyHistogram call_to_all_pages;  // per call, to the last page
    uint64_t calls_sent = 0;
    uint64_t calls_answered = 0;
    uint64_t calls_failed = 0;
    uint64_t calls_reached_all = 0;
    uint64_t samples = 0;
    uint64_t duplicate_frames = 0;
    uint64_t unmatched_frames = 0;  // a ticket no answered call named
    uint64_t missed_total = 0;      // (answered call, page) pairs without a frame
    std::vector<uint64_t> missed_by_page;
  };
  Totals Summarise() const;

  // The samples since the last call, for the progress line.
  IntervalStats TakeInterval();

 private:
  enum class CallState { kSent, kAnswered, kFailed };
  struct Call {
    TimePoint sent;
    CallState state = CallState::kSent;
    uint32_t reached = 0;
    uint64_t slowest_micros = 0;
    std::vector<bool> pages;  // which pages have it; sized once answered
  };
  struct EarlyFrame {
    size_t page;
    TimePoint received;
  };

  void Match(uint64_t call, size_t page, TimePoint received);  // REQUIRES: mu_ held

  const size_t pages_;
  mutable std::mutex mu_;
  std::vector<Call> calls_;
  std::unordered_map<std::string, uint64_t> call_by_number_;
  std::unordered_map<std::string, std::vector<EarlyFrame>> early_;
  LatencyHistogram call_to_page_;
  LatencyHistogram call_to_all_pages_;
  uint64_t samples_ = 0;
  uint64_t duplicates_ = 0;
  IntervalStats interval_;
};

// The seq order of one page's event stream, across its reconnects. Seqs are
// per centre and consecutive (docs/queue.md), so after a snapshot or change
// at seq s the next change must be s + 1: a larger seq means events were
// missed, a smaller or equal one that an event came again.
class SequenceCheck {
 public:
  void Snapshot(uint64_t seq);
  void Change(uint64_t seq);

  uint64_t changes() const { return changes_; }
  uint64_t missed() const { return missed_; }
  uint64_t repeated() const { return repeated_; }
  uint64_t snapshots() const { return snapshots_; }
  // Snapshots after the first that moved the page forward past events it
  // had not seen (the gateway no longer kept them when it reconnected).
  uint64_t resyncs() const { return resyncs_; }
  uint64_t last_seq() const { return last_; }

 private:
  bool based_ = false;
  uint64_t last_ = 0;
  uint64_t changes_ = 0;
  uint64_t missed_ = 0;
  uint64_t repeated_ = 0;
  uint64_t snapshots_ = 0;
  uint64_t resyncs_ = 0;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_CALL_MATCHER_H_
