// Router: which handler a request reaches, with which path parameters, and
// the 404 and 405 answers.
#include "kiosk/gateway/router.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace qms::gateway {
namespace {

class RecordingExchange : public Exchange {
 public:
  void Reply(HttpReply r) override { reply = std::move(r); }
  std::shared_ptr<EventStream> StartEventStream() override { return nullptr; }
  HttpReply reply;
};

struct Routed {
  std::string route;
  PathParams params;
  HttpReply reply;
};

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    for (const char* pattern :
         {"/", "/api/c/{centre}", "/api/c/{centre}/tickets", "/api/c/{centre}/tickets/{number}",
          "/api/c/{centre}/counters/{counter}/{action}"}) {
      router_.Add("GET", pattern, Recorder(std::string("GET ") + pattern));
    }
    router_.Add("POST", "/api/c/{centre}/tickets", Recorder("POST /api/c/{centre}/tickets"));
  }
  Handler Recorder(std::string name) {
    return [this, name](const HttpRequest&, const PathParams& p, ExchangePtr) {
      last_.route = name;
      last_.params = p;
    };
  }
  Routed Dispatch(const std::string& method, const std::string& path) {
    last_ = {};
    HttpRequest r;
    r.method = method;
    r.path = path;
    auto exchange = std::make_shared<RecordingExchange>();
    router_.Dispatch(r, exchange);
    last_.reply = exchange->reply;
    return last_;
  }
  Router router_;
  Routed last_;
};

TEST_F(RouterTest, PatternsBindTheirParameters) {
  Routed r = Dispatch("GET", "/api/c/09187/tickets/B023");
  EXPECT_EQ(r.route, "GET /api/c/{centre}/tickets/{number}");
  EXPECT_EQ(r.params.at("centre"), "09187");
  EXPECT_EQ(r.params.at("number"), "B023");
  r = Dispatch("GET", "/api/c/09187/counters/5/call-next");
  EXPECT_EQ(r.params.at("counter"), "5");
  EXPECT_EQ(r.params.at("action"), "call-next");
  EXPECT_EQ(Dispatch("GET", "/").route, "GET /");
  EXPECT_EQ(Dispatch("GET", "/api/c/09187/").route, "GET /api/c/{centre}");  // a trailing slash is the same
}

TEST_F(RouterTest, TheMethodSelectsTheRoute) {
  EXPECT_EQ(Dispatch("POST", "/api/c/09187/tickets").route, "POST /api/c/{centre}/tickets");
  EXPECT_EQ(Dispatch("GET", "/api/c/09187/tickets").route, "GET /api/c/{centre}/tickets");
}

TEST_F(RouterTest, AnUnknownPathIs404AndAKnownPathWithAnotherMethodIs405) {
  Routed r = Dispatch("GET", "/api/nothing/here");
  EXPECT_EQ(r.route, "");
  EXPECT_EQ(r.reply.status, 404);
  auto body = nlohmann::json::parse(r.reply.body);
  EXPECT_EQ(body["error"]["code"], "NOT_FOUND");
  EXPECT_FALSE(body["error"]["message_vi"].get<std::string>().empty());
  EXPECT_FALSE(body["error"]["message_en"].get<std::string>().empty());

  r = Dispatch("DELETE", "/api/c/09187/tickets");
  EXPECT_EQ(r.route, "");
  EXPECT_EQ(r.reply.status, 405);
  EXPECT_EQ(nlohmann::json::parse(r.reply.body)["error"]["code"], "METHOD_NOT_ALLOWED");
}

TEST(SplitPathTest, DropsEmptySegments) {
  EXPECT_THAT(SplitPath("/a//b/"), ::testing::ElementsAre("a", "b"));
  EXPECT_TRUE(SplitPath("/").empty());
}

}  // namespace
}  // namespace qms::gateway
