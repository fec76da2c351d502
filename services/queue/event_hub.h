// EventHub: fans out each centre's committed events to its watchers, and
// keeps the most recent ones so that a watcher that reconnects can resume
// from a sequence number without a new snapshot.
//
// Events are published in sequence order, after they are durable (the
// group-commit writer runs callbacks in submission order). A subscriber's
// OnEvent runs under the hub's lock for that centre: it must only queue the
// event and return; a slow watcher must never slow the queue.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "qms/v1/queue.pb.h"

namespace qms::queue {

using EventPtr = std::shared_ptr<const v1::CentreEvent>;

class EventSubscriber {
 public:
  virtual ~EventSubscriber() = default;
  virtual void OnEvent(const EventPtr& event) = 0;
};

class EventHub {
 public:
  // `centre_keys` are every centre's storage key; `keep` events are kept per
  // centre for resumption.
  EventHub(const std::vector<uint32_t>& centre_keys, size_t keep);

  void Publish(uint32_t centre, EventPtr event);
  // At start: the last sequence number already durable for a centre, so that
  // a watcher resuming from before it gets a snapshot, not a silent gap.
  void SetRecoveredSeq(uint32_t centre, uint64_t seq);

  // Registers `subscriber` for events with seq > after_seq. When
  // `replay_from` is set, first delivers the kept events with seq >
  // *replay_from; returns false (and registers nothing) when they are no
  // longer all kept, so the caller must start from a snapshot instead.
  bool Subscribe(uint32_t centre, EventSubscriber* subscriber, uint64_t after_seq,
                 const uint64_t* replay_from);
  // After it returns, `subscriber` gets no more calls.
  void Unsubscribe(uint32_t centre, EventSubscriber* subscriber);
  size_t subscriber_count(uint32_t centre);

 private:
  struct Watched {
    std::mutex mu;
    std::deque<EventPtr> recent;
    uint64_t last_seq = 0;  // newest published or recovered
    struct Entry {
      EventSubscriber* subscriber;
      uint64_t after_seq;
    };
    std::vector<Entry> subscribers;
  };
  Watched* Find(uint32_t centre);

  const size_t keep_;
  std::unordered_map<uint32_t, std::unique_ptr<Watched>> centres_;  // fixed after construction
};

}  // namespace qms::queue
