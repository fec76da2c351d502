// A bounded map from string keys to shared values, least recently used
// evicted first. Thread-safe: one mutex guards every call, and no call runs
// user code under it (values are shared_ptr copies). Values stay alive for
// whoever holds them after eviction.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace qms::voice {

template <typename Value>
class LruCache {
 public:
  // `capacity` 0 keeps nothing: Find always misses, Insert returns its value.
  explicit LruCache(size_t capacity) : capacity_(capacity) {}

  // The value under `key`, now the most recently used; null if absent.
  std::shared_ptr<const Value> Find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
  }

  // Stores `value` under `key` unless a value is there already, and returns
  // the one now stored: two threads that rendered the same phrase at once
  // both get the first one's value. Evicts the least recently used entry
  // beyond the capacity.
  std::shared_ptr<const Value> Insert(const std::string& key, std::shared_ptr<const Value> value) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (capacity_ == 0) return value;
    auto it = index_.find(key);
    if (it != index_.end()) {
      order_.splice(order_.begin(), order_, it->second);
      return it->second->second;
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
    if (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    return order_.front().second;
  }

  size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return order_.size();
  }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Value>>;

  const size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
};

}  // namespace qms::voice
