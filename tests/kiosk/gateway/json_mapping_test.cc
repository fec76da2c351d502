// JSON at the gateway's edge: protobuf's mapping both ways, refusals of bad
// bodies, and the one error envelope with its HTTP statuses.
#include "kiosk/gateway/json_mapping.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kiosk/gateway/gateway_api.pb.h"
#include "qms/v1/queue.pb.h"

namespace qms::gateway {
namespace {

TEST(JsonMappingTest, MessagesPrintWithProtoNamesEnumNamesAndEveryField) {
  v1::IssueTicketResponse r;
  r.mutable_ticket()->set_number("B023");
  r.mutable_ticket()->set_priority(v1::PRIORITY);
  r.mutable_ticket()->set_issued_at_us(1796083094136227);
  auto json = nlohmann::json::parse(ToJson(r));
  EXPECT_EQ(json["ticket"]["number"], "B023");
  EXPECT_EQ(json["ticket"]["priority"], "PRIORITY");
  EXPECT_EQ(json["ticket"]["issued_at_us"], "1796083094136227");  // int64 as a string
  EXPECT_EQ(json["position_ahead"], 0);                           // printed though zero
  EXPECT_EQ(json["ticket"]["counter_id"], "");
  EXPECT_FALSE(json["replayed"].get<bool>());
}

TEST(JsonMappingTest, BodiesParseIntoTheRequestAndBadOnesAreRefusedSayingWhy) {
  v1::IssueTicketRequest req;
  ASSERT_TRUE(FromJson(R"({"field_id":"ho_tich","priority":"PRIORITY","request_id":"k-1"})", &req).ok());
  EXPECT_EQ(req.field_id(), "ho_tich");
  EXPECT_EQ(req.priority(), v1::PRIORITY);
  EXPECT_TRUE(FromJson("", &req).ok());  // an empty body is an empty message

  Status s = FromJson(R"({"field_id":"ho_tich","bogus":1})", &req);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("bogus"), std::string::npos) << s.message();
  s = FromJson(R"({"priority":"VIP"})", &req);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  s = FromJson(R"({"field_id": 5})", &req);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  s = FromJson("not json", &req);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("IssueTicketRequest"), std::string::npos) << s.message();
  s = FromJson("[1,2]", &req);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
}

TEST(JsonMappingTest, TheGatewaysOwnMessagesNestTheServers) {
  IssuedTicket issued;
  issued.mutable_issued()->mutable_ticket()->set_number("A001");
  issued.mutable_print()->set_state("queued");
  issued.set_status_url("http://127.0.0.1:8080/c/09187/t/A001");
  auto json = nlohmann::json::parse(ToJson(issued));
  EXPECT_EQ(json["issued"]["ticket"]["number"], "A001");
  EXPECT_EQ(json["print"]["state"], "queued");
}

TEST(JsonMappingTest, ServerCodesBecomeHttpStatusesAndBilingualEnvelopes) {
  const std::pair<grpc::StatusCode, int> cases[] = {
      {grpc::StatusCode::INVALID_ARGUMENT, 400},   {grpc::StatusCode::UNAUTHENTICATED, 401},
      {grpc::StatusCode::PERMISSION_DENIED, 403},  {grpc::StatusCode::NOT_FOUND, 404},
      {grpc::StatusCode::ALREADY_EXISTS, 409},     {grpc::StatusCode::FAILED_PRECONDITION, 409},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, 429}, {grpc::StatusCode::UNAVAILABLE, 503},
      {grpc::StatusCode::DEADLINE_EXCEEDED, 504},  {grpc::StatusCode::INTERNAL, 500},
  };
  for (const auto& [code, http] : cases) {
    HttpReply reply = GrpcErrorReply(grpc::Status(code, "the server's reason"));
    EXPECT_EQ(reply.status, http) << code;
    auto json = nlohmann::json::parse(reply.body);
    EXPECT_EQ(json["error"]["http"], http);
    EXPECT_EQ(json["error"]["detail"], "the server's reason");
    EXPECT_FALSE(json["error"]["message_vi"].get<std::string>().empty()) << code;
    EXPECT_FALSE(json["error"]["message_en"].get<std::string>().empty()) << code;
  }
  auto json =
      nlohmann::json::parse(GrpcErrorReply(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "x")).body);
  EXPECT_EQ(json["error"]["code"], "RESOURCE_EXHAUSTED");
  json = nlohmann::json::parse(GrpcErrorReply(grpc::Status(grpc::StatusCode::UNAVAILABLE, "")).body);
  EXPECT_NE(json["error"]["message_vi"].get<std::string>().find("quầy hướng dẫn"), std::string::npos);
}

TEST(JsonMappingTest, AnEnvelopeStaysValidJsonWhateverTheServerSays) {
  // A detail with bytes that are not UTF-8 and characters JSON must escape.
  HttpReply reply = GrpcErrorReply(grpc::Status(grpc::StatusCode::INTERNAL, std::string("a\"b\\c\n\xff")));
  EXPECT_NO_THROW(nlohmann::json::parse(reply.body)) << reply.body;
}

}  // namespace
}  // namespace qms::gateway
