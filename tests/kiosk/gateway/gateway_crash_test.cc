// Crash loop at the gateway (issue 13): a scripted kiosk taps for tickets
// through qms-gateway while the test SIGKILLs qms-gateway and qms-server in
// turns. The kiosk sends each tap's request id again until it gets a
// ticket, as the kiosk page does. Afterwards: every request id holds one
// number, no number went to two request ids, the server counts no ticket
// nobody was given, and after each restart the board's event stream
// answers again with a snapshot.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "qms/v1/queue.grpc.pb.h"
#include "tests/blackbox/child_process.h"
#include "tests/kiosk/gateway/http_test_client.h"

namespace qms::gateway {
namespace {

using blackbox::TempDir;
using test::BodyOf;
using test::RawConnection;
using test::StatusOf;

constexpr int kTurns = 6;            // kills: gateway, server, gateway, ...
constexpr size_t kTapsPerTurn = 15;  // tickets given between two kills
constexpr int kRetriesPerTap = 400;  // 50 ms apart: 20 s for one tap at most
constexpr int kWaitSteps = 400;      // 50 ms apart

struct Tap {
  int status = 0;
  nlohmann::json body;
};

Tap PostIssue(int port, const std::string& request_id) {
  RawConnection c(port);
  if (!c.connected()) return {};
  const std::string body = R"({"field_id":"ho_tich","request_id":")" + request_id + "\"}";
  c.Send(
      "POST /api/c/10001/tickets HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  const std::string response = c.ReadResponse(std::chrono::seconds(5));
  return {StatusOf(response), nlohmann::json::parse(BodyOf(response), nullptr, false)};
}

// The board page's stream: true once it opens with a snapshot.
bool FeedAnswers(int port) {
  RawConnection page(port);
  if (!page.connected()) return false;
  page.Send("GET /api/c/10001/events HTTP/1.1\r\nHost: t\r\n\r\n");
  const std::string seen =
      page.ReadUntil([](const std::string& s) { return s.find("event: snapshot") != std::string::npos; },
                     std::chrono::seconds(2));
  return seen.find("event: snapshot") != std::string::npos;
}

// What the kiosk was told: request id -> number, and the replays.
struct KioskRecord {
  std::mutex mu;
  std::map<std::string, std::string> numbers;
  std::vector<std::string> problems;
  std::atomic<size_t> given{0};
  std::atomic<size_t> failed_taps{0};  // answers other than a ticket, then retried
  std::atomic<size_t> landed_unanswered{0};
  std::atomic<int> last_status{0};
  std::string last_body;
};

class GatewayCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Tickets belong to a service day: across local midnight they expire.
    const long local_second = static_cast<long>((std::time(nullptr) + 7 * 3600) % 86400);
    if (local_second > 86400 - 300) GTEST_SKIP() << "within 5 minutes of midnight in Asia/Ho_Chi_Minh";
    // The black-box config: issuing at any hour, no demand stop (demo.yaml
    // stops a field whose wait would run past closing).
    const std::string config = dir_.path() + "/centres.yaml";
    blackbox::WriteFile(config, blackbox::TwoCentreConfigYaml());
    server_ =
        std::make_unique<blackbox::ServerProcess>(config, dir_.path() + "/data", dir_.path() + "/server.log");
    std::string error;
    ASSERT_TRUE(server_->Start(std::chrono::seconds(60), &error)) << error;
    gateway_ = std::make_unique<blackbox::GatewayProcess>(
        std::vector<std::string>{"--server", server_->address(), "--centres", "10001", "--no-voice"},
        dir_.path() + "/gateway.log");
    ASSERT_TRUE(gateway_->Start(std::chrono::seconds(30), &error)) << error;
    port_ = gateway_->port();
  }

  // The kiosk: taps until `stop`, each tap retried with its request id
  // until a ticket comes back.
  void RunKiosk(const std::atomic<bool>* stop, KioskRecord* record) {
    for (int tap = 0; tap < 100000 && !stop->load(); ++tap) {
      const std::string id = "kiosk-tap-" + std::to_string(tap);
      Tap answer;
      for (int attempt = 0; attempt < kRetriesPerTap; ++attempt) {
        answer = PostIssue(port_, id);
        record->last_status = answer.status;
        if (answer.status == 200) break;
        record->failed_taps++;
        {
          std::lock_guard<std::mutex> lock(record->mu);
          record->last_body = answer.body.dump();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      std::lock_guard<std::mutex> lock(record->mu);
      if (answer.status != 200) {
        record->problems.push_back(id + " got no ticket: " + std::to_string(answer.status));
        return;
      }
      record->numbers[id] = answer.body["issued"]["ticket"]["number"].get<std::string>();
      // A tap whose first try landed but whose answer the kill took.
      if (answer.body["issued"]["replayed"].get<bool>()) record->landed_unanswered++;
      record->given++;
    }
  }

  // Each request id one number, no number twice, a retry of every tap the
  // same ticket (replayed), and on the server no ticket the kiosk did not
  // show. Returns the retries checked.
  int ExpectEachTapOneTicket(const KioskRecord& record) {
    std::set<std::string> numbers;
    for (const auto& [id, number] : record.numbers) {
      EXPECT_TRUE(numbers.insert(number).second) << number << " given twice (" << id << ")";
    }
    int retried = 0;
    for (const auto& [id, number] : record.numbers) {
      const Tap again = PostIssue(port_, id);
      EXPECT_EQ(again.status, 200) << id;
      if (again.status != 200) continue;
      EXPECT_EQ(again.body["issued"]["ticket"]["number"], number) << id;
      EXPECT_TRUE(again.body["issued"]["replayed"].get<bool>()) << id;
      retried++;
    }
    auto channel = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    auto stats = v1::StatsService::NewStub(channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::DayStatsRequest request;
    request.set_centre_id("10001");
    v1::DayStats day;
    const grpc::Status s = stats->GetDayStats(&ctx, request, &day);
    EXPECT_TRUE(s.ok()) << s.error_message();
    uint32_t issued = 0;
    for (const auto& f : day.fields()) {
      if (f.field_id() == "ho_tich") issued = f.tickets().issued();
    }
    EXPECT_EQ(issued, record.numbers.size()) << "tickets on the server that no kiosk showed";
    return retried;
  }

  bool WaitUntil(const std::function<bool()>& done) {
    for (int i = 0; i < kWaitSteps; ++i) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  TempDir dir_;
  std::unique_ptr<blackbox::ServerProcess> server_;
  std::unique_ptr<blackbox::GatewayProcess> gateway_;
  int port_ = 0;
};

TEST_F(GatewayCrashTest, KillsInTurnsGiveNoDoubleTicketAndTheFeedComesBack) {
  KioskRecord record;
  std::atomic<bool> stop{false};
  std::thread kiosk([&] { RunKiosk(&stop, &record); });
  // An assertion below returns early: the kiosk still stops and is joined.
  struct Joiner {
    std::atomic<bool>* stop;
    std::thread* thread;
    ~Joiner() {
      *stop = true;
      if (thread->joinable()) thread->join();
    }
  } joiner{&stop, &kiosk};
  int feed_recovered = 0;
  for (int turn = 0; turn < kTurns; ++turn) {
    const size_t before = record.given.load();
    ASSERT_TRUE(WaitUntil([&] { return record.given.load() >= before + kTapsPerTurn; }))
        << "turn " << turn << ": the kiosk got no tickets; last answer " << record.last_status.load() << " "
        << record.last_body << "\n"
        << gateway_->log();
    std::string error;
    if (turn % 2 == 0) {
      gateway_->Kill();
      ASSERT_TRUE(gateway_->Start(std::chrono::seconds(30), &error)) << error;
      ASSERT_EQ(gateway_->port(), port_);
    } else {
      server_->Kill();
      ASSERT_TRUE(server_->Start(std::chrono::seconds(60), &error)) << error;
    }
    const bool feed = WaitUntil([&] { return FeedAnswers(port_); });
    EXPECT_TRUE(feed) << "turn " << turn << ": no snapshot";
    feed_recovered += feed;
  }
  const size_t before = record.given.load();
  EXPECT_TRUE(WaitUntil([&] { return record.given.load() >= before + kTapsPerTurn; }));
  stop = true;
  kiosk.join();
  ASSERT_TRUE(record.problems.empty()) << record.problems.front();

  const int retried = ExpectEachTapOneTicket(record);
  std::cout << "[   INFO   ] " << kTurns << " kills (gateway and server in turns), " << record.numbers.size()
            << " tickets, " << record.failed_taps.load() << " taps retried ("
            << record.landed_unanswered.load() << " had landed unanswered), " << retried
            << " replays checked, feed back after " << feed_recovered << " restarts" << std::endl;
}

}  // namespace
}  // namespace qms::gateway
