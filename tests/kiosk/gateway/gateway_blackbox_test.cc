// The real qms-gateway in front of the real qms-server, both child
// processes on loopback: what a page gets for good and bad requests, the
// event stream across reconnects and a server restart, and a second
// gateway started on the same address.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "tests/blackbox/child_process.h"
#include "tests/kiosk/gateway/http_test_client.h"

namespace qms::gateway {
namespace {

using blackbox::TempDir;
using test::BodyOf;
using test::RawConnection;
using test::StatusOf;
using ::testing::HasSubstr;

struct Reply {
  int status = 0;
  nlohmann::json body;
};

// One SSE frame: its id (0 when none), kind and data.
struct Frame {
  uint64_t id = 0;
  std::string event;
  nlohmann::json data;
};

std::vector<Frame> Frames(const std::string& stream) {
  std::vector<Frame> out;
  const size_t start = stream.find("\r\n\r\n");
  std::string rest = start == std::string::npos ? "" : stream.substr(start + 4);
  size_t at = 0;
  for (size_t end; (end = rest.find("\n\n", at)) != std::string::npos; at = end + 2) {
    const std::string block = rest.substr(at, end - at);
    Frame f;
    std::istringstream lines(block);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("id: ", 0) == 0) f.id = std::stoull(line.substr(4));
      if (line.rfind("event: ", 0) == 0) f.event = line.substr(7);
      if (line.rfind("data: ", 0) == 0) f.data = nlohmann::json::parse(line.substr(6), nullptr, false);
    }
    if (!f.event.empty()) out.push_back(std::move(f));
  }
  return out;
}

size_t CountChanges(const std::string& stream) {
  size_t n = 0;
  for (const Frame& f : Frames(stream)) n += f.event == "change";
  return n;
}

class GatewayBlackBoxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<blackbox::ServerProcess>(blackbox::DemoConfigAnyHour(dir_.path()),
                                                        dir_.path() + "/data", dir_.path() + "/server.log");
    std::string error;
    ASSERT_TRUE(server_->Start(std::chrono::seconds(60), &error)) << error;
    gateway_ = StartGateway("gateway.log", &error);
    ASSERT_NE(gateway_, nullptr) << error;
  }

  std::unique_ptr<blackbox::GatewayProcess> StartGateway(const std::string& log, std::string* error) {
    auto g = std::make_unique<blackbox::GatewayProcess>(
        std::vector<std::string>{"--server", server_->address(), "--centres", "09187,07696", "--no-voice"},
        dir_.path() + "/" + log);
    if (!g->Start(std::chrono::seconds(30), error)) return nullptr;
    return g;
  }

  Reply Call(const std::string& method, const std::string& path, const std::string& body = "") {
    RawConnection c(gateway_->port());
    std::string request = method + " " + path + " HTTP/1.1\r\nHost: t\r\n";
    if (!body.empty() || method == "POST") {
      request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    c.Send(request + "\r\n" + body);
    const std::string response = c.ReadResponse(std::chrono::seconds(10));
    return {StatusOf(response), nlohmann::json::parse(BodyOf(response), nullptr, false)};
  }

  Reply Issue(const std::string& request_id, const std::string& field = "ho_tich") {
    return Call("POST", "/api/c/09187/tickets",
                R"({"field_id":")" + field + R"(","request_id":")" + request_id + "\"}");
  }

  // Waits (bounded) until /healthz says the centre's link is `live`.
  bool WaitForLink(bool live) {
    for (int i = 0; i < 200; ++i) {
      Reply h = Call("GET", "/healthz");
      if (h.status == 200 && h.body["centres"][0]["live"] == live) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  TempDir dir_;
  std::unique_ptr<blackbox::ServerProcess> server_;
  std::unique_ptr<blackbox::GatewayProcess> gateway_;
};

TEST_F(GatewayBlackBoxTest, IssuesOnceForARetryAndRefusesBadRequestsPlainly) {
  Reply first = Issue("kiosk-1-tap-1");
  ASSERT_EQ(first.status, 200) << first.body.dump();
  const std::string number = first.body["issued"]["ticket"]["number"];
  EXPECT_EQ(number, "B001");
  EXPECT_EQ(first.body["print"]["state"], "off");
  EXPECT_EQ(first.body["status_url"],
            "http://127.0.0.1:" + std::to_string(gateway_->port()) + "/c/09187/t/B001");
  Reply retry = Issue("kiosk-1-tap-1");
  EXPECT_EQ(retry.body["issued"]["ticket"]["number"], number);
  EXPECT_TRUE(retry.body["issued"]["replayed"].get<bool>());
  EXPECT_EQ(Issue("kiosk-1-tap-2").body["issued"]["ticket"]["number"], "B002");

  auto expect_error = [](const Reply& r, int status, const std::string& code, const std::string& mentions) {
    EXPECT_EQ(r.status, status) << r.body.dump();
    EXPECT_EQ(r.body["error"]["code"], code) << r.body.dump();
    EXPECT_THAT(
        r.body["error"]["detail"].get<std::string>() + r.body["error"]["message_en"].get<std::string>(),
        HasSubstr(mentions));
    EXPECT_FALSE(r.body["error"]["message_vi"].get<std::string>().empty());
  };
  expect_error(Call("POST", "/api/c/09187/tickets", "{not json"), 400, "INVALID_ARGUMENT",
               "IssueTicketRequest");
  expect_error(Call("POST", "/api/c/09187/tickets", R"({"field_id":"ho_tich","request_id":"x","vip":true})"),
               400, "INVALID_ARGUMENT", "vip");
  expect_error(Call("POST", "/api/c/09187/tickets", R"({"field_id":"ho_tich"})"), 400, "INVALID_ARGUMENT",
               "request_id is required");
  expect_error(
      Call("POST", "/api/c/09187/tickets", R"({"centre_id":"07696","field_id":"ho_tich","request_id":"y"})"),
      400, "INVALID_ARGUMENT", "differs from the one in the address");
  expect_error(Issue("z", "khong_co"), 404, "NOT_FOUND", "khong_co");
  expect_error(Call("POST", "/api/c/11413/tickets", "{}"), 404, "NOT_FOUND", "does not serve");
  expect_error(Call("GET", "/api/c/09187/tickets/b01"), 400, "INVALID_ARGUMENT", "ticket number");
  expect_error(Call("GET", "/api/c/09187/tickets/B999"), 404, "NOT_FOUND", "B999");
  expect_error(Call("POST", "/api/c/09187/counters/5/call-next", "{}"), 409, "FAILED_PRECONDITION",
               "counter 5");
  expect_error(Call("POST", "/api/c/09187/counters/5/dance", "{}"), 404, "NOT_FOUND", "counter action");
  expect_error(Call("POST", "/api/c/09187/tickets", std::string(20000, ' ')), 413, "INVALID_ARGUMENT",
               "too large");
  expect_error(Call("POST", "/api/c/09187/counters/5/pause", R"({"clerk_id":"lan","reason":"a\u001bb"})"),
               400, "INVALID_ARGUMENT", "control characters");
}

TEST_F(GatewayBlackBoxTest, AReconnectingPageGetsWhatItMissedOnceAndInOrder) {
  RawConnection page(gateway_->port());
  page.Send("GET /api/c/09187/events HTTP/1.1\r\nHost: t\r\n\r\n");
  std::string seen =
      page.ReadUntil([](const std::string& s) { return s.find("event: snapshot") != std::string::npos; });
  ASSERT_THAT(seen, HasSubstr("event: snapshot"));
  ASSERT_EQ(Issue("r1").status, 200);
  ASSERT_EQ(Issue("r2").status, 200);
  seen = page.ReadUntil([](const std::string& s) { return CountChanges(s) >= 2; });
  const std::vector<Frame> before = Frames(seen);
  const uint64_t last = before.back().id;
  page.Close();

  ASSERT_EQ(Issue("r3").status, 200);  // while the page is away
  ASSERT_EQ(Issue("r4").status, 200);
  RawConnection again(gateway_->port());
  again.Send("GET /api/c/09187/events HTTP/1.1\r\nHost: t\r\nLast-Event-ID: " + std::to_string(last) +
             "\r\n\r\n");
  std::string resumed = again.ReadUntil([](const std::string& s) { return CountChanges(s) >= 2; });
  ASSERT_EQ(Issue("r5").status, 200);
  resumed = again.ReadUntil([](const std::string& s) { return CountChanges(s) >= 3; });
  std::vector<std::string> numbers;
  uint64_t previous = last;
  for (const Frame& f : Frames(resumed)) {
    EXPECT_NE(f.event, "snapshot") << "a page that missed only kept events gets no snapshot";
    if (f.event != "change") continue;
    EXPECT_EQ(f.id, previous + 1);
    previous = f.id;
    numbers.push_back(f.data["ticket"]["number"]);
  }
  EXPECT_THAT(numbers, ::testing::ElementsAre("B003", "B004", "B005"));
}

TEST_F(GatewayBlackBoxTest, AServerRestartShowsOnTheLinkAndEverythingRecovers) {
  ASSERT_TRUE(WaitForLink(true));
  RawConnection page(gateway_->port());
  page.Send("GET /api/c/09187/events HTTP/1.1\r\nHost: t\r\n\r\n");
  page.ReadUntil([](const std::string& s) { return s.find("event: snapshot") != std::string::npos; });

  server_->Kill();
  ASSERT_TRUE(WaitForLink(false));
  std::string seen =
      page.ReadUntil([](const std::string& s) { return s.find("\"live\":false") != std::string::npos; });
  EXPECT_THAT(seen, HasSubstr("\"live\":false"));
  Reply down = Issue("during-outage");
  EXPECT_EQ(down.status, 503) << down.body.dump();
  EXPECT_EQ(down.body["error"]["code"], "UNAVAILABLE");
  EXPECT_THAT(down.body["error"]["message_vi"].get<std::string>(), HasSubstr("quầy hướng dẫn"));

  std::string error;
  ASSERT_TRUE(server_->Start(std::chrono::seconds(60), &error)) << error;
  // Live again without any event at the centre (a quiet centre must not
  // look down).
  ASSERT_TRUE(WaitForLink(true)) << gateway_->log();
  seen = page.ReadUntil(
      [](const std::string& s) { return s.rfind("\"live\":true") > s.find("\"live\":false"); });
  EXPECT_GT(seen.rfind("\"live\":true"), seen.find("\"live\":false"));
  Reply after = Issue("after-outage");
  ASSERT_EQ(after.status, 200) << after.body.dump();
  EXPECT_EQ(after.body["issued"]["ticket"]["number"], "B001");  // nothing was issued while it was down
  seen = page.ReadUntil([](const std::string& s) { return CountChanges(s) >= 1; });
  EXPECT_EQ(CountChanges(seen), 1u);
}

TEST_F(GatewayBlackBoxTest, ASecondGatewayOnTheSameAddressStopsNamingIt) {
  const std::string address = "127.0.0.1:" + std::to_string(gateway_->port());
  blackbox::CommandResult second = blackbox::RunCommand(
      QMS_GATEWAY_BIN,
      {"--server", server_->address(), "--centres", "09187", "--listen", address, "--no-voice"},
      std::chrono::seconds(30));
  EXPECT_EQ(second.exit_code, 1) << second.err;
  EXPECT_THAT(second.err, HasSubstr("cannot listen on " + address + ": the address is already in use"));
  EXPECT_EQ(Issue("still-served").status, 200);

  blackbox::CommandResult bad =
      blackbox::RunCommand(QMS_GATEWAY_BIN, {"--centres", "ward-7", "--no-voice"}, std::chrono::seconds(30));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("\"ward-7\" is not a centre id"));
}

}  // namespace
}  // namespace qms::gateway
