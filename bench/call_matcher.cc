#include "bench/call_matcher.h"

#include <algorithm>

namespace qms::bench {

uint64_t CallMatcher::CallSent(TimePoint sent) {
  std::lock_guard<std::mutex> lock(mu_);
  Call call;
  call.sent = sent;
  calls_.push_back(std::move(call));
  return calls_.size() - 1;
}

void CallMatcher::CallAnswered(uint64_t call, const std::string& number) {
  std::lock_guard<std::mutex> lock(mu_);
  if (call >= calls_.size() || calls_[call].state != CallState::kSent) return;
  Call& c = calls_[call];
  c.state = CallState::kAnswered;
  c.pages.assign(pages_, false);
  call_by_number_[number] = call;
  auto early = early_.find(number);
  if (early == early_.end()) return;
  for (const EarlyFrame& frame : early->second) Match(call, frame.page, frame.received);
  early_.erase(early);
}

void CallMatcher::CallFailed(uint64_t call) {
  std::lock_guard<std::mutex> lock(mu_);
  if (call < calls_.size() && calls_[call].state == CallState::kSent) calls_[call].state = CallState::kFailed;
}

void CallMatcher::CalledFrame(size_t page, const std::string& number, TimePoint received) {
  std::lock_guard<std::mutex> lock(mu_);
  if (page >= pages_) return;
  auto it = call_by_number_.find(number);
  if (it == call_by_number_.end()) {
    early_[number].push_back({page, received});
    return;
  }
  Match(it->second, page, received);
}

void CallMatcher::Match(uint64_t call, size_t page, TimePoint received) {
  Call& c = calls_[call];
  if (c.pages[page]) {
    ++duplicates_;
    return;
  }
  c.pages[page] = true;
  ++c.reached;
  const uint64_t micros = MicrosBetween(c.sent, received);
  call_to_page_.Record(micros);
  ++samples_;
  ++interval_.operations_ok;
  interval_.operation_latency.Record(micros);
  // Early frames are matched in a batch, not in arrival order: the call's
  // time to all pages is its largest sample, not its last.
  c.slowest_micros = std::max(c.slowest_micros, micros);
  if (c.reached == pages_) call_to_all_pages_.Record(c.slowest_micros);
}

bool CallMatcher::AllDelivered() const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const Call& c : calls_) {
    if (c.state == CallState::kSent) return false;  // not answered yet
    if (c.state == CallState::kAnswered && c.reached < pages_) return false;
  }
  return true;
}

CallMatcher::Totals CallMatcher::Summarise() const {
  std::lock_guard<std::mutex> lock(mu_);
  Totals totals;
  totals.call_to_page = call_to_page_;
  totals.call_to_all_pages = call_to_all_pages_;
  totals.calls_sent = calls_.size();
  totals.samples = samples_;
  totals.duplicate_frames = duplicates_;
  totals.missed_by_page.assign(pages_, 0);
  for (const Call& c : calls_) {
    if (c.state == CallState::kFailed) ++totals.calls_failed;
    if (c.state != CallState::kAnswered) continue;
    ++totals.calls_answered;
    if (c.reached == pages_) ++totals.calls_reached_all;
    for (size_t page = 0; page < pages_; ++page) {
      if (!c.pages[page]) ++totals.missed_by_page[page];
    }
  }
  for (uint64_t missed : totals.missed_by_page) totals.missed_total += missed;
  for (const auto& [number, frames] : early_) totals.unmatched_frames += frames.size();
  return totals;
}

IntervalStats CallMatcher::TakeInterval() {
  std::lock_guard<std::mutex> lock(mu_);
  IntervalStats taken = interval_;
  interval_.Reset();
  return taken;
}

void SequenceCheck::Snapshot(uint64_t seq) {
  ++snapshots_;
  if (based_ && seq > last_) ++resyncs_;
  if (!based_ || seq > last_) last_ = seq;
  based_ = true;
}

void SequenceCheck::Change(uint64_t seq) {
  ++changes_;
  if (!based_) {
    // A stream that began without a snapshot: its first change is the base.
    based_ = true;
    last_ = seq;
    return;
  }
  if (seq <= last_) {
    ++repeated_;
    return;
  }
  missed_ += seq - last_ - 1;
  last_ = seq;
}

}  // namespace qms::bench
