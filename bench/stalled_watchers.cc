// qms-stalled-watchers: opens watch streams that stop reading, holds them for
// a bounded time, and reports what the servers did with them (bench/README.md,
// "Stalled watchers"; bench/stalled-watchers.sh runs it beside qms-bench).
//
//   - --grpc N WatchCentre streams to qms-server, spread round-robin over the
//     centres and over --channels connections (qms-server allows
//     load.max_streams_per_connection streams on one). Each reads its first
//     message (the snapshot) and then reads nothing until the hold is over.
//     The client's receive window is
//     --window-bytes per stream, without BDP probing, as a small board's.
//   - --sse N event streams to qms-gateway (GET /api/c/CENTRE/events) on raw
//     sockets with SO_RCVBUF --rcvbuf-bytes, set before connect. Each reads
//     its first bytes (the response head) and then never reads again.
//
// After --hold-seconds it closes the sockets, reads each gRPC stream again
// until no stream has ended for 3 s, and prints how many had been ended (by status and message: a
// stream the server cancelled ends as soon as its client reads what it had
// received), cancels the rest, and exits. Loopback only.
#include <arpa/inet.h>
#include <grpc/grpc.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "qms/v1/queue.grpc.pb.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Tally {
  std::mutex mu;
  int first_message = 0;
  std::map<std::string, int> ended;  // by status code and message
  uint64_t drained = 0;              // messages read after the hold
};

std::string CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "CANCELLED";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    default: return "code_" + std::to_string(static_cast<int>(code));
  }
}

// One stream: StartCall and one Read (the snapshot), then nothing until the
// hold is over. Then Drain reads what it had received and, when the server
// ended the stream, learns the status: a client sees a server's cancel only
// after the messages it had already received.
class StalledStream {
 public:
  StalledStream(qms::v1::WatchService::Stub* stub, grpc::CompletionQueue* cq, const std::string& centre) {
    qms::v1::WatchCentreRequest request;
    request.set_centre_id(centre);
    reader_ = stub->PrepareAsyncWatchCentre(&ctx_, request, cq);
    reader_->StartCall(this);
  }
  // On the completion queue's thread. Returns true when the stream is done
  // and may be deleted.
  bool OnComplete(bool ok, Tally* tally) {
    std::lock_guard<std::mutex> lock(mu_);
    switch (step_) {
      case Step::kStarting:
        step_ = ok ? Step::kFirst : Step::kFinishing;
        if (ok) {
          reader_->Read(&event_, this);
        } else {
          reader_->Finish(&status_, this);
        }
        return false;
      case Step::kFirst:
        if (ok) {
          std::lock_guard<std::mutex> tally_lock(tally->mu);
          ++tally->first_message;
          step_ = Step::kHeld;  // and no Read until Drain
        } else {
          step_ = Step::kFinishing;
          reader_->Finish(&status_, this);
        }
        return false;
      case Step::kDraining:
        if (ok) {
          ++drained_;
          reader_->Read(&event_, this);
        } else {
          step_ = Step::kFinishing;
          reader_->Finish(&status_, this);
        }
        return false;
      default: {
        std::lock_guard<std::mutex> tally_lock(tally->mu);
        ++tally->ended[CodeName(status_.error_code()) + " \"" + status_.error_message() + "\""];
        tally->drained += drained_;
        return true;
      }
    }
  }
  // Starts reading again (a held stream only).
  void Drain() {
    std::lock_guard<std::mutex> lock(mu_);
    if (step_ != Step::kHeld) return;
    step_ = Step::kDraining;
    reader_->Read(&event_, this);
  }
  void Cancel() { ctx_.TryCancel(); }

 private:
  enum class Step { kStarting, kFirst, kHeld, kDraining, kFinishing };
  std::mutex mu_;
  grpc::ClientContext ctx_;
  std::unique_ptr<grpc::ClientAsyncReader<qms::v1::CentreEvent>> reader_;
  qms::v1::CentreEvent event_;
  grpc::Status status_;
  Step step_ = Step::kStarting;
  uint64_t drained_ = 0;
};

// Opens a socket to host:port with a small receive buffer, sends the GET,
// reads its first bytes; returns the fd (kept open, never read again) or -1.
int OpenStalledSse(const std::string& host, int port, const std::string& centre, int rcvbuf) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  timeval timeout{5, 0};  // connect, send and the first read: at most 5 s each
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const std::string request =
      "GET /api/c/" + centre + "/events HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n\r\n";
  char head[64];
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1 ||
      connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size()) ||
      recv(fd, head, sizeof head, 0) <= 0 || std::string(head, 12) != "HTTP/1.1 200") {
    close(fd);
    return -1;
  }
  return fd;
}

std::vector<std::string> Split(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

bool Loopback(const std::string& host) { return host.rfind("127.", 0) == 0; }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"qms-stalled-watchers: watch streams that stop reading, held for a bounded time"};
  std::string server, gateway_host = "127.0.0.1", centres_list;
  int gateway_port = 0, grpc_count = 1000, sse_count = 1000, channels = 8, window_bytes = 65535;
  int rcvbuf = 4096, hold_seconds = 60;
  app.add_option("--server", server, "qms-server HOST:PORT (loopback); empty: no gRPC streams");
  app.add_option("--gateway-host", gateway_host, "qms-gateway's IPv4 loopback address")
      ->capture_default_str();
  app.add_option("--gateway-port", gateway_port, "qms-gateway's port; 0: no event streams");
  app.add_option("--centres", centres_list, "centre ids, comma-separated")->required();
  app.add_option("--grpc", grpc_count, "WatchCentre streams")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  app.add_option("--sse", sse_count, "gateway event streams")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  app.add_option("--channels", channels, "gRPC connections")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  app.add_option("--window-bytes", window_bytes, "each gRPC stream's receive window")->capture_default_str();
  app.add_option("--rcvbuf-bytes", rcvbuf, "SO_RCVBUF of each event-stream socket")->capture_default_str();
  app.add_option("--hold-seconds", hold_seconds, "how long to hold them")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  const auto centres = Split(centres_list);
  if (centres.empty() || (!server.empty() && !Loopback(server)) || !Loopback(gateway_host)) {
    std::fprintf(stderr, "qms-stalled-watchers: loopback addresses and at least one centre only\n");
    return 2;
  }

  Tally tally;
  grpc::CompletionQueue cq;
  std::vector<std::unique_ptr<qms::v1::WatchService::Stub>> stubs;
  std::vector<StalledStream*> streams;
  std::atomic<int> done{0};
  std::thread poller([&] {
    void* tag = nullptr;
    bool ok = false;
    while (cq.Next(&tag, &ok)) {
      if (static_cast<StalledStream*>(tag)->OnComplete(ok, &tally)) done.fetch_add(1);
    }
  });
  if (!server.empty()) {
    for (int i = 0; i < channels; ++i) {
      grpc::ChannelArguments args;
      args.SetInt("qms.stalled.channel_index", i);
      args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
      args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
      args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, window_bytes);
      stubs.push_back(qms::v1::WatchService::NewStub(
          grpc::CreateCustomChannel(server, grpc::InsecureChannelCredentials(), args)));
    }
    for (int i = 0; i < grpc_count; ++i) {
      streams.push_back(new StalledStream(stubs[static_cast<size_t>(i % channels)].get(), &cq,
                                          centres[static_cast<size_t>(i) % centres.size()]));
    }
  }
  std::vector<int> sockets;
  int sse_failed = 0;
  for (int i = 0; i < (gateway_port > 0 ? sse_count : 0); ++i) {
    const int fd =
        OpenStalledSse(gateway_host, gateway_port, centres[static_cast<size_t>(i) % centres.size()], rcvbuf);
    if (fd >= 0) {
      sockets.push_back(fd);
    } else {
      ++sse_failed;
    }
  }
  std::printf("sse: %zu open and stalled, %d failed to open\n", sockets.size(), sse_failed);
  std::fflush(stdout);

  const auto start = Clock::now();
  for (int second = 0; second <= hold_seconds; ++second) {
    std::this_thread::sleep_until(start + std::chrono::seconds(second));
    std::lock_guard<std::mutex> lock(tally.mu);
    std::printf("t=%d s holding: %d gRPC streams got their snapshot, %zu event-stream sockets\n", second,
                tally.first_message, sockets.size());
    std::fflush(stdout);
  }
  for (int fd : sockets) close(fd);
  // Read what each stream had received: those the server ended then end;
  // the others are cancelled once no stream has ended for 3 s (no traffic
  // runs by then), or after 60 s.
  for (StalledStream* s : streams) s->Drain();
  int ended_by_server = 0;
  for (int quiet = 0, i = 0; i < 600 && quiet < 30 && done.load() < static_cast<int>(streams.size()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const int now = done.load();
    quiet = now == ended_by_server ? quiet + 1 : 0;
    ended_by_server = now;
  }
  for (StalledStream* s : streams) s->Cancel();
  for (int i = 0; i < 100 && done.load() < static_cast<int>(streams.size()); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::lock_guard<std::mutex> lock(tally.mu);
  std::printf(
      "closed %zu event-stream sockets; gRPC: %d of %d streams had ended (seen on reading "
      "again, until 3 s passed without an end), %d finished in all, %llu held messages read\n",
      sockets.size(), ended_by_server, grpc_count, done.load(),
      static_cast<unsigned long long>(tally.drained));
  for (const auto& [status, count] : tally.ended) std::printf("  %d %s\n", count, status.c_str());
  std::fflush(stdout);
  std::_Exit(0);  // the streams' memory goes with the process
}
