// SIGTERM, black box: the real qms-server stopped the way a service manager
// stops it, with a board's watch stream open and issuing clients in flight.
// The stream must end with a status (not a broken connection); every unary
// call must succeed, or fail UNAVAILABLE (refused: the server was stopping)
// or CANCELLED (gRPC's shutdown cancels calls that arrived but had not
// started), and a retry of a failed one with its request id must then give
// one ticket; the process must exit 0, the stores must be closed with their
// memtables flushed (the next start has no WAL to replay) and every
// acknowledged ticket must be there after it.
#include <atomic>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include "tests/blackbox/blackbox_fixture.h"

namespace qms::blackbox {
namespace {

constexpr int kIssuers = 4;
constexpr int kMaxIssuesPerThread = 5000;

struct Issuers {
  std::mutex mu;
  std::vector<std::string> acked;   // ticket numbers, centre 10001
  std::vector<std::string> failed;  // request ids of the calls that failed
  std::vector<std::string> bad_failures;
  std::atomic<int> acked_count{0};
};

// Issues until the first failure (the server stopping), at most
// kMaxIssuesPerThread times.
void IssueUntilRefused(v1::IntakeService::Stub* intake, int thread, Issuers* out) {
  for (int n = 0; n < kMaxIssuesPerThread; ++n) {
    v1::IssueTicketRequest request;
    request.set_centre_id("10001");
    request.set_field_id("chung_thuc");
    request.set_priority(v1::NORMAL);
    request.set_request_id("t" + std::to_string(thread) + "-" + std::to_string(n));
    v1::IssueTicketResponse response;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    const grpc::Status s = intake->IssueTicket(&ctx, request, &response);
    std::lock_guard<std::mutex> lock(out->mu);
    if (s.ok()) {
      out->acked.push_back(response.ticket().number());
      out->acked_count++;
      continue;
    }
    out->failed.push_back(request.request_id());
    if (s.error_code() != grpc::StatusCode::UNAVAILABLE && s.error_code() != grpc::StatusCode::CANCELLED) {
      out->bad_failures.push_back(std::to_string(s.error_code()) + " " + s.error_message());
    }
    return;
  }
}

class ShutdownTest : public BlackBoxTest {};

TEST_F(ShutdownTest, SigtermEndsStreamsWithAStatusAndClosesTheStoresCleanly) {
  // A board watching centre 10001: its first message is the snapshot.
  auto watch = v1::WatchService::NewStub(channel_);
  grpc::ClientContext watch_ctx;
  watch_ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  v1::WatchCentreRequest watch_request;
  watch_request.set_centre_id("10001");
  auto reader = watch->WatchCentre(&watch_ctx, watch_request);
  v1::CentreEvent first;
  ASSERT_TRUE(reader->Read(&first));
  ASSERT_TRUE(first.has_snapshot());
  std::atomic<int> events{0};
  std::thread board([&] {
    v1::CentreEvent event;
    while (reader->Read(&event)) events++;
  });

  Issuers issuers;
  std::vector<std::thread> threads;
  for (int t = 0; t < kIssuers; ++t) threads.emplace_back(IssueUntilRefused, intake_.get(), t, &issuers);
  // SIGTERM lands among calls in flight: after some acknowledgements.
  for (int i = 0; i < 1000 && issuers.acked_count < 200; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_GE(issuers.acked_count, 1) << server_->log();

  EXPECT_EQ(server_->Terminate(std::chrono::seconds(30)), 0) << server_->log();
  for (auto& t : threads) t.join();
  board.join();
  const grpc::Status ended = reader->Finish();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAVAILABLE) << ended.error_message();
  EXPECT_NE(ended.error_message().find("shutting down"), std::string::npos) << ended.error_message();
  EXPECT_GT(events, 0) << "the board saw none of the tickets issued";
  EXPECT_TRUE(issuers.bad_failures.empty()) << issuers.bad_failures.front();
  const std::string stopped_log = server_->log();
  EXPECT_NE(stopped_log.find("qms-server: stopped"), std::string::npos) << stopped_log;

  // The next start replays no WAL: the stop flushed every memtable.
  std::string error;
  ASSERT_TRUE(StartServer(&error)) << error;
  std::smatch wal;
  const std::string log = server_->log();
  ASSERT_TRUE(std::regex_search(
      log, wal, std::regex("queue: store opened in [0-9]+ ms, WAL to replay: ([0-9]+) bytes")))
      << log;
  EXPECT_EQ(wal[1].str(), "0") << log;

  // Nothing acknowledged is lost.
  int missing = 0;
  for (const std::string& number : issuers.acked) {
    v1::GetTicketRequest request;
    request.set_centre_id("10001");
    request.set_number(number);
    v1::GetTicketResponse response;
    if (!intake_->GetTicket(Ctx().get(), request, &response).ok() && ++missing <= 5)
      ADD_FAILURE() << "acknowledged " << number << " missing after the restart";
  }
  EXPECT_EQ(missing, 0) << "of " << issuers.acked.size();

  // A retry of each failed call gives one ticket, never an acknowledged
  // one's number.
  std::set<std::string> numbers(issuers.acked.begin(), issuers.acked.end());
  for (const std::string& request_id : issuers.failed) {
    v1::IssueTicketRequest request;
    request.set_centre_id("10001");
    request.set_field_id("chung_thuc");
    request.set_priority(v1::NORMAL);
    request.set_request_id(request_id);
    v1::IssueTicketResponse response;
    const grpc::Status s = intake_->IssueTicket(Ctx().get(), request, &response);
    ASSERT_TRUE(s.ok()) << request_id << ": " << s.error_message();
    EXPECT_TRUE(numbers.insert(response.ticket().number()).second)
        << request_id << " got " << response.ticket().number() << ", a number already given out";
  }
}

}  // namespace
}  // namespace qms::blackbox
