#include "kiosk/gateway/feed_hub.h"

#include <nlohmann/json.hpp>

#include "kiosk/gateway/json_mapping.h"

namespace qms::gateway {

FeedHub::FeedHub(size_t refresh_after, size_t keep_at_most)
    : refresh_after_(refresh_after), keep_at_most_(keep_at_most) {}

void FeedHub::AddCentre(const std::string& centre) {
  std::lock_guard<std::mutex> lock(mu_);
  Centre& c = centres_[centre];
  c.link =
      std::make_shared<const std::string>("event: link\ndata: {\"live\":false,\"state\":\"connecting\"}\n\n");
}

bool FeedHub::Serves(const std::string& centre) const {
  std::lock_guard<std::mutex> lock(mu_);
  return centres_.count(centre) > 0;
}

FeedHub::Frame FeedHub::MakeFrame(const char* kind, uint64_t seq, const v1::CentreEvent& message) {
  return std::make_shared<const std::string>("id: " + std::to_string(seq) + "\nevent: " + kind +
                                             "\ndata: " + ToJson(message) + "\n\n");
}

void FeedHub::Deliver(std::vector<std::shared_ptr<EventStream>>* pages, const Frame& frame,
                      uint64_t* dropped) {
  for (size_t i = 0; i < pages->size();) {
    if ((*pages)[i]->Push(frame)) {
      ++i;
      continue;
    }
    ++*dropped;  // closed, or too far behind: it reconnects
    (*pages)[i] = pages->back();
    pages->pop_back();
  }
}

void FeedHub::Broadcast(Centre* c, const Frame& frame) { Deliver(&c->pages, frame, &c->pages_dropped); }

void FeedHub::Release(Centre* c) {
  for (auto& page : c->waiting) {
    bool ok = page->Push(c->snapshot);
    for (const Kept& k : c->events) {
      if (!ok) break;
      ok = page->Push(k.frame);
    }
    if (ok) {
      c->pages.push_back(page);
    } else {
      ++c->pages_dropped;
    }
  }
  c->waiting.clear();
}

void FeedHub::OnMessage(const std::string& centre, const v1::CentreEvent& message, bool from_refresh) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = centres_.find(centre);
  if (it == centres_.end()) return;
  Centre& c = it->second;
  const uint64_t seq = message.seq();
  if (message.has_snapshot()) {
    Frame frame = MakeFrame("snapshot", seq, message);
    if (from_refresh) {
      // Only a base for pages that connect later; it must not run ahead of
      // the live stream, or pages would get it before the events it covers.
      if (seq < c.snapshot_seq || seq > c.last_seq) return;
      c.snapshot = std::move(frame);
      c.snapshot_seq = seq;
      while (!c.events.empty() && c.events.front().seq <= seq) c.events.pop_front();
      Release(&c);
      return;
    }
    c.snapshot = frame;
    c.snapshot_seq = seq;
    c.last_seq = seq;
    c.events.clear();
    Broadcast(&c, frame);
    Release(&c);
    return;
  }
  if (from_refresh || (c.last_seq == 0 && !c.snapshot) || seq <= c.last_seq)
    return;  // a repeat after a resume
  Frame frame = MakeFrame("change", seq, message);
  c.events.push_back({seq, frame});
  c.last_seq = seq;
  if (c.events.size() > keep_at_most_) {
    // No refresh came in time: the kept snapshot no longer joins the kept
    // events; pages that connect now wait for the next snapshot.
    c.events.pop_front();
    c.snapshot = nullptr;
  }
  Broadcast(&c, frame);
}

void FeedHub::OnLinkState(const std::string& centre, bool live, const std::string& state, int64_t since_us) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = centres_.find(centre);
  if (it == centres_.end()) return;
  Centre& c = it->second;
  c.live = live;
  c.state = state;
  c.since_us = since_us;
  nlohmann::json data = {{"live", live}, {"state", state}, {"since_us", since_us}};
  c.link = std::make_shared<const std::string>(
      "event: link\ndata: " + data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n");
  Broadcast(&c, c.link);
  Deliver(&c.waiting, c.link, &c.pages_dropped);
}

bool FeedHub::Subscribe(const std::string& centre, const std::shared_ptr<EventStream>& stream,
                        uint64_t after_seq) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = centres_.find(centre);
    if (it == centres_.end()) return false;
    Centre& c = it->second;
    bool ok = stream->Push(c.link);
    const bool resumable = after_seq > 0 && after_seq <= c.last_seq &&
                           (c.snapshot ? after_seq >= c.snapshot_seq
                                       : !c.events.empty() && after_seq + 1 >= c.events.front().seq);
    if (!c.snapshot && !resumable) {
      if (ok) c.waiting.push_back(stream);
    } else {
      if (!resumable) ok = ok && stream->Push(c.snapshot);
      for (const Kept& k : c.events) {
        if (!ok) break;
        if (!resumable || k.seq > after_seq) ok = stream->Push(k.frame);
      }
      if (ok) c.pages.push_back(stream);  // else dropped at once: too much for its queue; it retries
    }
    if (!ok) ++c.pages_dropped;
  }
  stream->OnClose([this, centre, raw = stream.get()] { Remove(centre, raw); });
  return true;
}

void FeedHub::Remove(const std::string& centre, const EventStream* stream) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = centres_.find(centre);
  if (it == centres_.end()) return;
  for (auto* list : {&it->second.pages, &it->second.waiting}) {
    for (size_t i = 0; i < list->size(); ++i) {
      if ((*list)[i].get() == stream) {
        (*list)[i] = list->back();
        list->pop_back();
        ++it->second.pages_dropped;  // went away, or stalled (HttpLimits::stream_write_stall)
        return;
      }
    }
  }
}

FeedHub::CentreState FeedHub::State(const std::string& centre) const {
  std::lock_guard<std::mutex> lock(mu_);
  CentreState s;
  auto it = centres_.find(centre);
  if (it == centres_.end()) return s;
  const Centre& c = it->second;
  s.live = c.live;
  s.state = c.state;
  s.since_us = c.since_us;
  s.last_seq = c.last_seq;
  s.snapshot_seq = c.snapshot_seq;
  s.has_snapshot = c.snapshot != nullptr;
  s.kept_events = c.events.size();
  s.pages = c.pages.size();
  s.waiting_pages = c.waiting.size();
  s.pages_dropped = c.pages_dropped;
  return s;
}

bool FeedHub::NeedsSnapshot(const std::string& centre) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = centres_.find(centre);
  return it != centres_.end() && it->second.events.size() > refresh_after_;
}

uint64_t FeedHub::LastSeq(const std::string& centre) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = centres_.find(centre);
  return it == centres_.end() ? 0 : it->second.last_seq;
}

}  // namespace qms::gateway
