#include "bench/watch_workload.h"

namespace qms::bench {

// One WatchCentre stream: StartCall, then Read after Read until the server or
// a cancel ends it, then Finish. Exactly one operation is outstanding at a
// time, so the stream itself is the tag.
class WatchStream final : public CompletionTag {
 public:
  WatchStream(WatchWorkload* owner, WorkerLoop* loop, v1::WatchService::Stub* stub,
              const CallSettings& settings, const std::string& centre_id)
      : owner_(owner), loop_(loop) {
    if (!settings.bearer_token.empty()) {
      context_.AddMetadata("authorization", "Bearer " + settings.bearer_token);
    }
    v1::WatchCentreRequest request;
    request.set_centre_id(centre_id);
    started_ = BenchClock::now();
    reader_ = stub->PrepareAsyncWatchCentre(&context_, request, loop->queue());
    reader_->StartCall(this);
    loop_->Track(this);
  }

  void OnComplete(bool ok) override {
    if (step_ == Step::kFinishing) {
      owner_->OnStreamEnded(this, had_first_message_, status_);
      delete this;
      return;
    }
    if (step_ == Step::kReading && ok) Deliver();
    if (ok) {
      step_ = Step::kReading;
      reader_->Read(&event_, this);
    } else {
      step_ = Step::kFinishing;
      reader_->Finish(&status_, this);
    }
    loop_->Track(this);
  }

  void Cancel() override { context_.TryCancel(); }

 private:
  enum class Step { kStarting, kReading, kFinishing };

  void Deliver() {
    if (!had_first_message_) {
      had_first_message_ = true;
      owner_->OnFirstMessage(this, MicrosBetween(started_, BenchClock::now()));
      if (event_.has_snapshot()) return;  // the snapshot is state, not a change
    }
    owner_->OnEvent(event_);
  }

  WatchWorkload* owner_;
  WorkerLoop* loop_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientAsyncReader<v1::CentreEvent>> reader_;
  v1::CentreEvent event_;
  grpc::Status status_;
  Step step_ = Step::kStarting;
  bool had_first_message_ = false;
  TimePoint started_;
};

WatchWorkload::WatchWorkload(std::unique_ptr<CallCycleWorkload> calls,
                             const std::vector<const CentreLayout*>& centres, int stream_count,
                             WorkerRecorder* recorder, std::shared_ptr<WatchTally> tally)
    : calls_(std::move(calls)),
      centres_(centres),
      stream_count_(centres.empty() ? 0 : stream_count),
      recorder_(recorder),
      tally_(std::move(tally)),
      stub_(v1::WatchService::NewStub(calls_->client()->channel())) {}

// Streams delete themselves when they finish, which the loop guarantees before
// the workload goes away.
WatchWorkload::~WatchWorkload() = default;

void WatchWorkload::Prepare(std::function<void()> ready) {
  ready_ = std::move(ready);
  // Queues are filled first, so the streams do not start with a flood of
  // ISSUED events.
  calls_->Prepare([this] { OpenStreams(); });
}

void WatchWorkload::OpenStreams() {
  for (int i = 0; i < stream_count_ && !stopped_; ++i) {
    const CentreLayout* centre = centres_[static_cast<size_t>(i) % centres_.size()];
    streams_.insert(new WatchStream(this, calls_->client()->loop(), stub_.get(), calls_->client()->settings(),
                                    centre->centre_id));
  }
  MaybeReady();
}

void WatchWorkload::MaybeReady() {
  if (ready_ && (settled_ >= stream_count_ || stopped_)) {
    auto ready = std::move(ready_);
    ready_ = nullptr;
    ready();
  }
}

void WatchWorkload::OnFirstMessage(WatchStream*, uint64_t open_micros) {
  tally_->streams_opened.fetch_add(1);
  recorder_->active()->Record(Metric::kWatchOpen, open_micros, grpc::StatusCode::OK);
  ++settled_;
  MaybeReady();
}

void WatchWorkload::OnEvent(const v1::CentreEvent& event) {
  tally_->events.fetch_add(1, std::memory_order_relaxed);
  const int64_t delay = event.at_us() > 0 ? UnixMicrosNow() - event.at_us() : 0;
  const uint64_t micros = delay > 0 ? static_cast<uint64_t>(delay) : 0;
  recorder_->active()->Record(Metric::kWatchEventDelay, micros, grpc::StatusCode::OK);
  if (event.kind() == v1::CALLED_EVENT) {
    tally_->called_events.fetch_add(1, std::memory_order_relaxed);
    recorder_->active()->Record(Metric::kCallToEvent, micros, grpc::StatusCode::OK);
  }
}

void WatchWorkload::OnStreamEnded(WatchStream* stream, bool had_first_message, const grpc::Status& status) {
  streams_.erase(stream);
  if (!stopped_) {
    tally_->streams_failed.fetch_add(1);
    recorder_->active()->Record(Metric::kWatchOpen, 0,
                                status.ok() ? grpc::StatusCode::UNKNOWN : status.error_code());
  }
  if (!had_first_message) {
    ++settled_;
    MaybeReady();
  }
}

void WatchWorkload::Stop() {
  stopped_ = true;
  calls_->Stop();
  for (WatchStream* stream : streams_) stream->Cancel();
  MaybeReady();
}

}  // namespace qms::bench
