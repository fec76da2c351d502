// FeedHub: the live state of each centre the gateway serves, fanned out to
// every open page as server-sent events.
//
// For each centre it keeps the last snapshot from the server (its `seq` is
// the last event it covers) and every event after it, in order, as ready
// SSE frames. A page that connects gets the snapshot and those events; a
// page that reconnects with Last-Event-ID gets only the events after it
// when they are kept, else the snapshot again. So a page misses nothing and
// sees nothing twice (it ignores events at or below the seq it has). Frames:
//   id: <seq>  event: snapshot  data: <CentreEvent JSON, with snapshot>
//   id: <seq>  event: change    data: <CentreEvent JSON>
//              event: link      data: {"live": bool, "state": ..., "since_us": ...}
//
// Each page has a bounded queue (EventStream); one that falls behind is
// dropped and reconnects, so a slow browser never slows the others. One
// whose client stopped reading is closed by its stream (HttpLimits::
// stream_write_stall) and forgotten here; pages_dropped counts both, and
// every page that went away.
//
// When more than `refresh_after` events are kept, NeedsSnapshot turns true:
// the feed fetches a fresh snapshot (OnMessage with from_refresh), which
// replaces the kept one and lets the older events go. Should `keep_at_most`
// be reached first, the oldest events go and the kept snapshot with them:
// a page that connects then waits, with the link state only, until a
// snapshot comes, rather than get a state with a hole in it. The same holds
// before the first snapshot. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kiosk/gateway/http_types.h"
#include "qms/v1/queue.pb.h"

namespace qms::gateway {

class FeedHub {
 public:
  // `refresh_after` must stay well below a page's frame bound
  // (HttpLimits::stream_frames, 512): a page that connects gets the
  // snapshot and every kept event at once, and one given more than its
  // bound is dropped on the spot, so with 1024 every new page of a busy
  // centre was dropped until the next refresh (bench/stalled-watchers.sh
  // found it).
  explicit FeedHub(size_t refresh_after = 128, size_t keep_at_most = 8192);

  void AddCentre(const std::string& centre);
  bool Serves(const std::string& centre) const;

  // A message of the centre's WatchCentre stream, in stream order. A
  // snapshot on the live stream (first connect, or a resume the server could
  // not replay) replaces everything and is sent to every page; one from a
  // refresh only replaces the kept snapshot.
  void OnMessage(const std::string& centre, const v1::CentreEvent& message, bool from_refresh);
  // The state of the link to the server for that centre.
  void OnLinkState(const std::string& centre, bool live, const std::string& state, int64_t since_us);

  // Starts feeding `stream`: kept frames after `after_seq` (0: from the
  // snapshot), then every new one. Returns false for an unknown centre.
  bool Subscribe(const std::string& centre, const std::shared_ptr<EventStream>& stream, uint64_t after_seq);

  struct CentreState {
    bool live = false;
    std::string state;  // "connecting", "live", "reconnecting: <why>"
    int64_t since_us = 0;
    uint64_t last_seq = 0;
    uint64_t snapshot_seq = 0;
    bool has_snapshot = false;
    size_t kept_events = 0;
    size_t pages = 0;            // synced pages
    size_t waiting_pages = 0;    // connected, waiting for a snapshot
    uint64_t pages_dropped = 0;  // fell behind or went away since start
  };
  CentreState State(const std::string& centre) const;
  bool NeedsSnapshot(const std::string& centre) const;
  // The last seq seen, for resuming the feed (0 before any snapshot).
  uint64_t LastSeq(const std::string& centre) const;

 private:
  using Frame = std::shared_ptr<const std::string>;
  struct Kept {
    uint64_t seq;
    Frame frame;
  };
  struct Centre {
    Frame snapshot;
    uint64_t snapshot_seq = 0;
    std::deque<Kept> events;  // seq > snapshot_seq, ascending
    uint64_t last_seq = 0;
    bool live = false;
    std::string state = "connecting";
    int64_t since_us = 0;
    Frame link;
    std::vector<std::shared_ptr<EventStream>> pages;    // have the snapshot and every event since
    std::vector<std::shared_ptr<EventStream>> waiting;  // wait for a snapshot
    uint64_t pages_dropped = 0;
  };

  static Frame MakeFrame(const char* kind, uint64_t seq, const v1::CentreEvent& message);
  void Broadcast(Centre* c, const Frame& frame);
  // Gives the waiting pages the snapshot and the kept events.
  void Release(Centre* c);
  static void Deliver(std::vector<std::shared_ptr<EventStream>>* pages, const Frame& frame,
                      uint64_t* dropped);
  void Remove(const std::string& centre, const EventStream* stream);

  const size_t refresh_after_;
  const size_t keep_at_most_;
  mutable std::mutex mu_;
  std::map<std::string, Centre> centres_;
};

}  // namespace qms::gateway
