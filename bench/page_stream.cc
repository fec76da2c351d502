#include "bench/page_stream.h"

#include <nlohmann/json.hpp>

namespace qms::bench {
namespace {

bool ParseSeq(const std::string& id, uint64_t* seq) {
  if (id.empty() || id.size() > 19 || id.find_first_not_of("0123456789") != std::string::npos) return false;
  *seq = std::stoull(id);
  return true;
}

}  // namespace

bool ParseChangeFields(const std::string& json, ChangeFields* out) {
  const nlohmann::json event = nlohmann::json::parse(json, nullptr, false);
  if (event.is_discarded() || !event.is_object()) return false;
  const auto kind = event.find("kind");
  if (kind == event.end() || !kind->is_string()) return false;
  out->kind = kind->get<std::string>();
  out->number.clear();
  const auto ticket = event.find("ticket");
  if (ticket != event.end() && ticket->is_object()) {
    const auto number = ticket->find("number");
    if (number != ticket->end() && number->is_string()) out->number = number->get<std::string>();
  }
  out->at_us = 0;
  const auto at = event.find("at_us");  // 64-bit: a string in protobuf's JSON
  if (at != event.end() && at->is_string()) {
    const std::string text = at->get<std::string>();
    if (!text.empty() && text.size() < 20 && text.find_first_not_of("0123456789") == std::string::npos)
      out->at_us = std::stoll(text);
  } else if (at != event.end() && at->is_number_integer()) {
    out->at_us = at->get<int64_t>();
  }
  return true;
}

PageStream::PageStream(PageRunShared* shared, boost::asio::io_context* io, size_t index)
    : shared_(shared), index_(index), retry_(*io) {
  EventStreamClient::Callbacks callbacks;
  // The stream belongs to this page, which outlives it; callbacks run on
  // the page's own thread and stop with Stop().
  callbacks.on_event = [this](const SseEvent& event, TimePoint received) { OnEvent(event, received); };
  callbacks.on_end = [this](const std::string& why, const std::string&) { OnEnd(why); };
  stream_ = std::make_shared<EventStreamClient>(io, shared->address, shared->open_timeout,
                                                shared->idle_timeout, std::move(callbacks));
}

void PageStream::Start() {
  opened_at_ = BenchClock::now();
  Open();
}

void PageStream::Open() {
  if (stopped_) return;
  stream_->Start(shared_->events_path, last_event_id_);
}

void PageStream::Stop() {
  stopped_ = true;
  retry_.cancel();
  stream_->Stop();
}

void PageStream::OnEvent(const SseEvent& event, TimePoint received) {
  if (stream_->parser() != nullptr && stream_->parser()->retry_ms() >= 0)
    retry_ms_ = stream_->parser()->retry_ms();
  if (event.type == "link") {
    ++link_events_;
    return;
  }
  uint64_t seq = 0;
  if (!ParseSeq(event.id, &seq)) return;
  last_event_id_ = event.id;
  if (event.type == "snapshot") {
    sequence_.Snapshot(seq);
    if (!had_snapshot_) {
      had_snapshot_ = true;
      shared_->recorder->Record(shared_->stream_open_metric, MicrosBetween(opened_at_, received));
      ++shared_->pages_ready;
    }
    return;
  }
  if (event.type == "change") OnChange(event, received);
}

void PageStream::OnChange(const SseEvent& event, TimePoint received) {
  uint64_t seq = 0;
  ParseSeq(event.id, &seq);
  sequence_.Change(seq);
  ++shared_->frames;
  // Only a call needs the JSON read; "CALLED_EVENT" in quotes is no other kind.
  if (!shared_->measuring.load() || event.data.find("\"CALLED_EVENT\"") == std::string::npos) return;
  ChangeFields fields;
  if (!ParseChangeFields(event.data, &fields) || fields.kind != "CALLED_EVENT" || fields.number.empty())
    return;
  shared_->matcher->CalledFrame(index_, fields.number, received);
  const int64_t age = UnixMicrosNow() - fields.at_us;
  if (fields.at_us > 0 && age >= 0)
    shared_->recorder->Record(shared_->event_age_metric, static_cast<uint64_t>(age));
}

void PageStream::OnEnd(const std::string& why) {
  ++ends_[why];
  ++shared_->stream_ends;
  if (stopped_) return;
  // As an EventSource: wait the server's retry time, then resume after the
  // last event id this page has.
  ++reconnects_;
  retry_.expires_after(std::chrono::milliseconds(retry_ms_));
  retry_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->Open();
  });
}

}  // namespace qms::bench
