// Access control in process, through the project's own stubs: key
// rotation across a restart, the rate limit of one looping caller, a cached
// token that expires, the watch streams, the province roll-up.
#include <gtest/gtest.h>

#include "qms/v1/deadline.grpc.pb.h"
#include "qms/v1/queue.grpc.pb.h"
#include "tests/access/auth_fixture.h"
#include "tests/access/test_keys.h"

namespace qms::access::test {
namespace {

std::unique_ptr<grpc::ClientContext> Ctx(const std::string& authorization) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!authorization.empty()) ctx->AddMetadata("authorization", authorization);
  return ctx;
}

class AuthTest : public AuthServiceTest {
 protected:
  grpc::Status GetCentre(const std::string& authorization, const std::string& centre = kBacNinh1) {
    auto stub = v1::DirectoryService::NewStub(channel_);
    v1::GetCentreRequest request;
    request.set_centre_id(centre);
    v1::Centre response;
    return stub->GetCentre(Ctx(authorization).get(), request, &response);
  }
  grpc::Status Issue(const std::string& authorization, const std::string& request_id) {
    auto stub = v1::IntakeService::NewStub(channel_);
    v1::IssueTicketRequest request;
    request.set_centre_id(kBacNinh1);
    request.set_field_id("chung_thuc");
    request.set_request_id(request_id);
    v1::IssueTicketResponse response;
    return stub->IssueTicket(Ctx(authorization).get(), request, &response);
  }
};

TEST_F(AuthTest, KeyRotationAcceptsBothKeysUntilOneIsRemoved) {
  const std::string by_k1 = Bearer(v1::ROLE_CLERK, "lan", Centres({kBacNinh1}), "k1");
  const std::string by_k2 = Bearer(v1::ROLE_CLERK, "lan", Centres({kBacNinh1}), "k2");
  EXPECT_TRUE(GetCentre(by_k1).ok());
  EXPECT_TRUE(GetCentre(by_k2).ok());
  // The operator removes k1 from the file and restarts the server.
  CloseServer();
  OpenServer(KeyLine("k2", K2().public_key, "ed25519-public"));
  const grpc::Status old = GetCentre(by_k1);
  EXPECT_EQ(old.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(old.error_message(), "unknown key id \"k1\"");
  EXPECT_TRUE(GetCentre(by_k2).ok()) << GetCentre(by_k2).error_message();
}

TEST_F(AuthTest, ALoopingKioskIsRefusedWhileAnotherOfItsCentreIsServed) {
  const std::string broken = Bearer(v1::ROLE_KIOSK, "kiosk-101-1", Centres({kBacNinh1}));
  const std::string healthy = Bearer(v1::ROLE_KIOSK, "kiosk-101-2", Centres({kBacNinh1}));
  int admitted = 0;
  grpc::Status refused;
  for (int i = 0; i < 100; ++i) {
    const grpc::Status s = Issue(broken, "loop-" + std::to_string(i));
    if (!s.ok()) {
      refused = s;
      break;
    }
    ++admitted;
  }
  // The clock stands still: exactly the burst (20) passed.
  EXPECT_EQ(admitted, 20);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(refused.error_message(),
            "too many calls from kiosk-101-1 (KIOSK): at most 10 a second, 20 at once; retry in 0.10 s");
  EXPECT_TRUE(Issue(healthy, "healthy-1").ok());
  EXPECT_TRUE(GetCentre(healthy).ok());
  // Other roles of the centre are not limited by the kiosk's loop.
  EXPECT_TRUE(GetCentre(Bearer(v1::ROLE_BOARD, "board-101", Centres({kBacNinh1}))).ok());
  clock_.Advance(kMicrosPerSecond / 10);
  EXPECT_TRUE(Issue(broken, "after-wait").ok());
  EXPECT_EQ(Issue(broken, "again").error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(AuthTest, ACachedTokenIsRefusedOnceExpired) {
  const std::string bearer = Bearer(v1::ROLE_CLERK, "lan", Centres({kBacNinh1}), "k1", /*ttl_s=*/600);
  const int64_t expires = clock_.Now() / kMicrosPerSecond + 600;
  ASSERT_TRUE(GetCentre(bearer).ok());
  ASSERT_TRUE(GetCentre(bearer).ok());  // from the cache
  clock_.Advance(600 * kMicrosPerSecond);
  const grpc::Status s = GetCentre(bearer);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(s.error_message(), "token expired at " + FormatUtcSeconds(expires));
}

TEST_F(AuthTest, WatchStreamsAreRefusedBeforeAnyMessage) {
  auto watch = v1::WatchService::NewStub(channel_);
  auto deadlines = v1::DeadlineService::NewStub(channel_);
  const std::string kiosk = Bearer(v1::ROLE_KIOSK, "kiosk-1", Centres({kBacNinh1}));
  const std::string board_elsewhere = Bearer(v1::ROLE_BOARD, "board-202", Centres({kHaiPhong}));
  const std::string board = Bearer(v1::ROLE_BOARD, "board-101", Centres({kBacNinh1}));
  const struct {
    std::string authorization;
    grpc::StatusCode code;
  } centre_cases[] = {{"", grpc::StatusCode::UNAUTHENTICATED},
                      {kiosk, grpc::StatusCode::PERMISSION_DENIED},
                      {board_elsewhere, grpc::StatusCode::PERMISSION_DENIED}};
  for (const auto& c : centre_cases) {
    v1::WatchCentreRequest request;
    request.set_centre_id(kBacNinh1);
    auto ctx = Ctx(c.authorization);
    auto reader = watch->WatchCentre(ctx.get(), request);
    v1::CentreEvent event;
    EXPECT_FALSE(reader->Read(&event));
    EXPECT_EQ(reader->Finish().error_code(), c.code);
  }
  for (const auto& authorization : {std::string(), board}) {
    v1::WatchDeadlinesRequest request;
    request.set_centre_id(kBacNinh1);
    auto ctx = Ctx(authorization);
    auto reader = deadlines->WatchDeadlines(ctx.get(), request);
    v1::DeadlineEvent event;
    EXPECT_FALSE(reader->Read(&event));
    EXPECT_EQ(reader->Finish().error_code(), authorization.empty() ? grpc::StatusCode::UNAUTHENTICATED
                                                                   : grpc::StatusCode::PERMISSION_DENIED);
  }
  // The board of the centre gets its snapshot.
  v1::WatchCentreRequest request;
  request.set_centre_id(kBacNinh1);
  auto ctx = Ctx(board);
  auto reader = watch->WatchCentre(ctx.get(), request);
  v1::CentreEvent event;
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_TRUE(event.has_snapshot());
  ctx->TryCancel();
  while (reader->Read(&event)) {
  }
  reader->Finish().ok();
}

TEST_F(AuthTest, ProvinceRollUpNeedsThatProvince) {
  auto stub = v1::DeadlineService::NewStub(channel_);
  auto report = [&](const std::string& authorization, const std::string& province) {
    v1::DailyReportRequest request;
    request.set_province(province);
    v1::DailyReport response;
    return stub->GetDailyReport(Ctx(authorization).get(), request, &response);
  };
  const std::string bac_ninh = Bearer(v1::ROLE_SUPERVISOR, "so-noi-vu", Province("Bắc Ninh"));
  EXPECT_TRUE(report(bac_ninh, "Bắc Ninh").ok()) << report(bac_ninh, "Bắc Ninh").error_message();
  const grpc::Status other = report(bac_ninh, "Hải Phòng");
  EXPECT_EQ(other.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(other.error_message(), "token of so-noi-vu covers province Bắc Ninh, not province Hải Phòng");
  const grpc::Status listed =
      report(Bearer(v1::ROLE_SUPERVISOR, "gs", Centres({kBacNinh1, kBacNinh2})), "Bắc Ninh");
  EXPECT_EQ(listed.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(report(Bearer(v1::ROLE_SUPERVISOR, "bo", AllCentres()), "Hải Phòng").ok());
}

TEST_F(AuthTest, AClerkWorksInTheirCentreOnly) {
  auto counters = v1::CounterService::NewStub(channel_);
  const std::string lan = Bearer(v1::ROLE_CLERK, "lan", Centres({kBacNinh1}));
  auto open = [&](const std::string& centre) {
    v1::CounterRequest request;
    request.set_centre_id(centre);
    request.set_counter_id("1");
    request.set_clerk_id("lan");
    v1::CounterResponse response;
    return counters->OpenCounter(Ctx(lan).get(), request, &response);
  };
  EXPECT_TRUE(open(kBacNinh1).ok()) << open(kBacNinh1).error_message();
  const grpc::Status elsewhere = open(kBacNinh2);
  EXPECT_EQ(elsewhere.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(elsewhere.error_message(), "token of lan covers centres 101, not 404 (Bắc Ninh)");
}

}  // namespace
}  // namespace qms::access::test
