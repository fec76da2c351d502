// Crash recovery, black box: tickets issued by qmsctl and by concurrent gRPC
// clients, the server SIGKILLed mid-load and restarted on the same data dir.
// DESIGN.md section 5: a reply that says "issued" means the ticket is on
// disk; section 3: a number is never issued twice in a day, also across
// crashes, and issuing is idempotent.
#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "tests/blackbox/blackbox_fixture.h"

namespace qms::blackbox {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr int kThreads = 8;
constexpr int kMaxIssuesPerThread = 2000;
constexpr size_t kKillAfterAcks = 800;
constexpr auto kLoadTimeLimit = std::chrono::seconds(90);

// A single-field NORMAL line and the counter that serves only that field.
struct Line {
  std::string centre, field, counter;
};
const Line kLines[] = {{"10001", "chung_thuc", "1"},
                       {"10001", "ho_tich", "2"},
                       {"10002", "chung_thuc", "1"},
                       {"10002", "ho_tich", "2"}};
constexpr int kLineCount = 4;

struct Issued {
  int line = 0;
  std::string request_id;
  std::string number;  // empty while unacknowledged
  int64_t queued_since_us = 0;
};

uint32_t NumberValue(const std::string& number) {
  return static_cast<uint32_t>(std::stoul(number.substr(1)));
}

uint32_t HighestNumber(const std::set<std::string>& numbers) {
  uint32_t highest = 0;
  for (const auto& n : numbers) highest = std::max(highest, NumberValue(n));
  return highest;
}

// Everything the load threads learned, under one mutex.
struct LoadRecord {
  std::mutex mu;
  std::vector<Issued> acked;
  std::vector<Issued> uncertain;  // failed after the kill: on disk or not
  std::vector<std::string> problems;
  std::atomic<size_t> acked_count{0};
  std::atomic<int> ended_without_failure{0};
};

v1::IssueTicketRequest IssueRequest(const Issued& i) {
  v1::IssueTicketRequest r;
  r.set_centre_id(kLines[i.line].centre);
  r.set_field_id(kLines[i.line].field);
  r.set_priority(v1::NORMAL);
  r.set_request_id(i.request_id);
  return r;
}

std::unique_ptr<grpc::ClientContext> Deadline(int seconds) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  return ctx;
}

// One load thread: issues round-robin over the lines until its first
// failure, which must come after the kill.
void IssueUntilFailure(int thread, v1::IntakeService::Stub* stub, const std::atomic<bool>* killed,
                       SteadyClock::time_point until, LoadRecord* record) {
  for (int k = 0; k < kMaxIssuesPerThread && SteadyClock::now() < until; ++k) {
    Issued issued;
    issued.line = (thread + k) % kLineCount;
    issued.request_id = "load-" + std::to_string(thread) + "-" + std::to_string(k);
    v1::IssueTicketResponse response;
    auto ctx = Deadline(5);
    const grpc::Status status = stub->IssueTicket(ctx.get(), IssueRequest(issued), &response);
    std::lock_guard<std::mutex> lock(record->mu);
    if (status.ok()) {
      issued.number = response.ticket().number();
      issued.queued_since_us = response.ticket().queued_since_us();
      if (response.replayed()) record->problems.push_back("fresh request " + issued.request_id + " replayed");
      record->acked.push_back(issued);
      record->acked_count++;
      continue;
    }
    if (!killed->load()) {
      record->problems.push_back("before the kill: " + issued.request_id + ": " + status.error_message());
    }
    record->uncertain.push_back(issued);
    return;
  }
  record->ended_without_failure++;
}

class CrashRecoveryTest : public BlackBoxTest {
 protected:
  // Three tickets on line 0 through qmsctl, checked by exit code and output.
  void IssueWithQmsctl(std::vector<Issued>* acked) {
    CommandResult r =
        Qmsctl({"issue", "--centre", "10001", "--field", "chung_thuc", "--request-id", "ctl-1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex("Số (A[0-9]{3,}) · Chứng thực · đang chờ · ")))
        << r.out;
    EXPECT_NE(r.out.find("request id: ctl-1"), std::string::npos) << r.out;
    acked->push_back({0, "ctl-1", m[1].str(), QueuedSince("10001", m[1].str())});
    for (const std::string id : {"ctl-2", "ctl-3"}) {
      r = Qmsctl({"--json", "issue", "--centre", "10001", "--field", "chung_thuc", "--request-id", id});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      const auto json = nlohmann::json::parse(r.out);
      EXPECT_FALSE(json["replayed"].get<bool>());
      EXPECT_EQ(json["ticket"]["state"], "WAITING");
      acked->push_back({0, id, json["ticket"]["number"].get<std::string>(),
                        std::stoll(json["ticket"]["queued_since_us"].get<std::string>())});
    }
    r = Qmsctl({"--json", "issue", "--centre", "10001", "--field", "chung_thuc", "--request-id", "ctl-2"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto replay = nlohmann::json::parse(r.out);
    EXPECT_TRUE(replay["replayed"].get<bool>());
    EXPECT_EQ(replay["ticket"]["number"], (*acked)[1].number);
  }

  int64_t QueuedSince(const std::string& centre, const std::string& number) {
    v1::GetTicketRequest request;
    request.set_centre_id(centre);
    request.set_number(number);
    v1::GetTicketResponse response;
    const grpc::Status s = intake_->GetTicket(Ctx().get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response.ticket().queued_since_us();
  }

  // Every acknowledged ticket is back, unchanged and still waiting.
  void ExpectAllPresent(const std::vector<Issued>& acked) {
    int missing = 0;
    for (const Issued& i : acked) {
      v1::GetTicketRequest request;
      request.set_centre_id(kLines[i.line].centre);
      request.set_number(i.number);
      v1::GetTicketResponse response;
      const grpc::Status s = intake_->GetTicket(Ctx().get(), request, &response);
      const bool same = s.ok() && response.ticket().field_id() == kLines[i.line].field &&
                        response.ticket().state() == v1::WAITING &&
                        response.ticket().queued_since_us() == i.queued_since_us;
      if (!same && ++missing <= 5) {
        ADD_FAILURE() << "acknowledged " << kLines[i.line].centre << "/" << i.number << " (" << i.request_id
                      << ") after restart: " << s.error_message() << " " << response.ShortDebugString();
      }
    }
    EXPECT_EQ(missing, 0) << "of " << acked.size() << " acknowledged tickets";
  }

  // A retry of an acknowledged request id answers the same ticket, replayed.
  void ExpectReplays(const std::vector<Issued>& acked) {
    int wrong = 0;
    for (const Issued& i : acked) {
      v1::IssueTicketResponse response;
      const grpc::Status s = intake_->IssueTicket(Ctx().get(), IssueRequest(i), &response);
      if ((!s.ok() || !response.replayed() || response.ticket().number() != i.number) && ++wrong <= 5) {
        ADD_FAILURE() << "retry of " << i.request_id << " (" << i.number << "): " << s.error_message() << " "
                      << response.ShortDebugString();
      }
    }
    EXPECT_EQ(wrong, 0);
    const CommandResult r =
        Qmsctl({"--json", "issue", "--centre", "10001", "--field", "chung_thuc", "--request-id", "ctl-1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto json = nlohmann::json::parse(r.out);
    EXPECT_TRUE(json["replayed"].get<bool>());
    EXPECT_EQ(json["ticket"]["number"], acked.front().number);
  }

  // Retries the requests whose fate the crash hid, then issues one fresh
  // ticket per line; none may take an acknowledged number. Returns the
  // number of tickets each line gained beyond the acknowledged ones.
  std::vector<size_t> RetryAndIssueFresh(const std::vector<Issued>& uncertain,
                                         std::vector<std::set<std::string>>* numbers) {
    std::vector<size_t> extra(kLineCount, 0);
    size_t durable_unacknowledged = 0;
    std::vector<Issued> more = uncertain;
    for (int line = 0; line < kLineCount; ++line)
      more.push_back({line, "fresh-" + std::to_string(line), "", 0});
    for (const Issued& i : more) {
      v1::IssueTicketResponse response;
      const grpc::Status s = intake_->IssueTicket(Ctx().get(), IssueRequest(i), &response);
      if (!s.ok()) {
        ADD_FAILURE() << "issue " << i.request_id << " after restart: " << s.error_message();
        continue;
      }
      const std::string& number = response.ticket().number();
      if (i.request_id.rfind("fresh-", 0) == 0) {
        EXPECT_FALSE(response.replayed());
        EXPECT_GT(NumberValue(number), HighestNumber((*numbers)[i.line])) << "fresh ticket " << number;
      }
      EXPECT_TRUE((*numbers)[i.line].insert(number).second)
          << i.request_id << " got " << number << ", a number already given out";
      extra[i.line]++;
      if (response.replayed()) durable_unacknowledged++;
    }
    std::cout << "[   INFO   ] " << uncertain.size() << " requests in flight at the kill, "
              << durable_unacknowledged << " of them found on disk" << std::endl;
    return extra;
  }

  // Opens the line's counter and calls every waiting ticket, in call order.
  std::vector<v1::Ticket> CallAll(const Line& line, size_t bound) {
    v1::CounterRequest open;
    open.set_centre_id(line.centre);
    open.set_counter_id(line.counter);
    open.set_clerk_id("nv-test");
    v1::CounterResponse opened;
    EXPECT_TRUE(counters_->OpenCounter(Ctx().get(), open, &opened).ok());
    std::vector<v1::Ticket> called;
    for (size_t n = 0; n < bound; ++n) {
      v1::TicketResponse response;
      const grpc::Status s = counters_->CallNext(Ctx().get(), open, &response);
      if (s.error_code() == grpc::StatusCode::NOT_FOUND) break;
      if (!s.ok()) {
        ADD_FAILURE() << "CallNext " << line.centre << "/" << line.counter << ": " << s.error_message();
        break;
      }
      called.push_back(response.ticket());
      v1::TicketActionRequest done;
      done.set_centre_id(line.centre);
      done.set_counter_id(line.counter);
      EXPECT_TRUE(counters_->Complete(Ctx().get(), done, &response).ok());
    }
    return called;
  }
};

TEST_F(CrashRecoveryTest, AcknowledgedTicketsSurviveSigkillInOrder) {
  std::vector<Issued> acked;
  ASSERT_NO_FATAL_FAILURE(IssueWithQmsctl(&acked));

  LoadRecord record;
  std::atomic<bool> killed{false};
  {
    auto stub = v1::IntakeService::NewStub(channel_);
    const auto until = SteadyClock::now() + kLoadTimeLimit;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back(IssueUntilFailure, t, stub.get(), &killed, until, &record);
    }
    for (int i = 0; i < 9000 && record.acked_count < kKillAfterAcks && SteadyClock::now() < until; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    killed = true;
    server_->Kill();  // SIGKILL while the threads are still issuing
    for (auto& t : threads) t.join();
  }
  ASSERT_TRUE(record.problems.empty()) << record.problems.front();
  ASSERT_GE(record.acked.size(), kKillAfterAcks);
  EXPECT_EQ(record.ended_without_failure, 0) << "the kill should have come mid-load";
  acked.insert(acked.end(), record.acked.begin(), record.acked.end());
  std::cout << "[   INFO   ] " << acked.size() << " tickets acknowledged before the kill" << std::endl;

  // No number was given twice before the crash.
  std::vector<std::set<std::string>> numbers(kLineCount);
  for (const Issued& i : acked) {
    EXPECT_TRUE(numbers[i.line].insert(i.number).second) << "number " << i.number << " acknowledged twice";
  }

  std::string error;
  ASSERT_TRUE(StartServer(&error)) << error;
  ASSERT_NO_FATAL_FAILURE(ExpectAllPresent(acked));
  ASSERT_NO_FATAL_FAILURE(ExpectReplays(acked));
  const std::vector<size_t> extra = RetryAndIssueFresh(record.uncertain, &numbers);

  // Calling each line empties it in the order of the acknowledgements.
  for (int line = 0; line < kLineCount; ++line) {
    std::vector<Issued> expected;
    for (const Issued& i : acked) {
      if (i.line == line) expected.push_back(i);
    }
    std::sort(expected.begin(), expected.end(), [](const Issued& a, const Issued& b) {
      return std::make_pair(a.queued_since_us, NumberValue(a.number)) <
             std::make_pair(b.queued_since_us, NumberValue(b.number));
    });
    const auto called = CallAll(kLines[line], expected.size() + extra[line] + 10);
    EXPECT_EQ(called.size(), expected.size() + extra[line])
        << "line " << line << ": tickets nobody was told of";
    std::set<std::string> acked_numbers;
    for (const Issued& i : expected) acked_numbers.insert(i.number);
    std::vector<std::string> called_acked;
    for (size_t n = 0; n < called.size(); ++n) {
      if (n > 0) {
        EXPECT_LE(called[n - 1].queued_since_us(), called[n].queued_since_us());
      }
      if (acked_numbers.count(called[n].number())) called_acked.push_back(called[n].number());
    }
    std::vector<std::string> expected_numbers;
    for (const Issued& i : expected) expected_numbers.push_back(i.number);
    EXPECT_EQ(called_acked, expected_numbers) << "line " << line << " was called out of order";
  }
}

}  // namespace
}  // namespace qms::blackbox
