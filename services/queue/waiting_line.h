// WaitingLine: the tickets waiting in one line (a field's normal or preferred
// line, or one counter's directed line), in call order.
//
// Kept as a sorted std::deque of 16-byte keys. Almost every change is at the
// ends: IssueTicket appends (its key is the newest) and CallNext takes the
// front, both O(1). A ticket's place in line (asked on every IssueTicket and
// GetTicket) is a binary search, O(log n). Leaving from the middle (cancel,
// a called ticket that is not the first, a transfer that keeps its time)
// shifts the shorter side: O(n) moves of contiguous memory, cheap at the few
// hundred a centre's line holds.
//
// Measured: a std::set walked with std::distance for the place in line took
// a fifth of the server's CPU with ~1,000 waiting a centre; an
// order-statistics tree removed the walk, but its insert still missed the
// cache on every level (4% of the server's CPU with 3.3 million tickets
// stored, 3,321 centres).
#pragma once

#include <algorithm>
#include <cstddef>
#include <deque>

#include "services/queue/ticket.h"

namespace qms::queue {

class WaitingLine {
 public:
  using const_iterator = std::deque<QueueKey>::const_iterator;

  void insert(const QueueKey& key) {
    if (keys_.empty() || keys_.back() < key) {
      keys_.push_back(key);
    } else {
      keys_.insert(std::upper_bound(keys_.begin(), keys_.end(), key), key);
    }
  }
  // Does nothing when `key` is not in the line.
  void erase(const QueueKey& key) {
    auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
    if (it != keys_.end() && !(key < *it)) keys_.erase(it);
  }
  // How many keys come before `key` (whether or not it is in the line).
  size_t count_before(const QueueKey& key) const {
    return static_cast<size_t>(std::lower_bound(keys_.begin(), keys_.end(), key) - keys_.begin());
  }

  bool empty() const { return keys_.empty(); }
  size_t size() const { return keys_.size(); }
  const_iterator begin() const { return keys_.begin(); }
  const_iterator end() const { return keys_.end(); }

 private:
  std::deque<QueueKey> keys_;
};

}  // namespace qms::queue
