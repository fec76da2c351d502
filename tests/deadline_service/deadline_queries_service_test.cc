// DeadlineService in process: ListDossiers, WatchDeadlines, GetDailyReport,
// ListProcedures with their error codes, and a restart that keeps every
// acknowledged dossier and its due moment.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/deadline_service/deadline_service_fixture.h"

namespace qms::service::test {
namespace {

using Stub = v1::DeadlineService::Stub;
using grpc::StatusCode;

v1::ListDossiersRequest ListRequest(const std::string& centre = kCentre) {
  v1::ListDossiersRequest req;
  req.set_centre_id(centre);
  return req;
}

TEST_F(DeadlineServiceTest, ListDossiersPagesByDueMoment) {
  std::vector<std::string> expected;
  for (int i = 0; i < 5; ++i) MustReceive(kBusiness);
  for (int i = 0; i < 5; ++i) expected.push_back(MustReceive(kCopy).code());  // due today: first
  v1::ListDossiersRequest req = ListRequest();
  req.set_page_size(4);
  std::vector<std::string> seen;
  for (int page = 0; page < 10; ++page) {
    v1::ListDossiersResponse resp;
    ASSERT_TRUE(List(req, &resp).ok());
    for (const auto& d : resp.dossiers()) seen.push_back(d.code());
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  ASSERT_EQ(seen.size(), 10u);
  EXPECT_EQ(std::vector<std::string>(seen.begin(), seen.begin() + 5), expected);
}

TEST_F(DeadlineServiceTest, ListOverdueAndDueWithin) {
  const v1::Dossier copy = MustReceive(kCopy);  // due 17:00
  MustReceive(kBusiness);
  v1::ListDossiersRequest req = ListRequest();
  req.set_due_within_working_hours(9);  // 08:00 + 9 working hours: Tuesday 09:30
  v1::ListDossiersResponse resp;
  ASSERT_TRUE(List(req, &resp).ok());
  ASSERT_EQ(resp.dossiers_size(), 1);
  EXPECT_EQ(resp.dossiers(0).code(), copy.code());
  clock_.Set(At(2026, 3, 2, 17, 30));
  req = ListRequest();
  req.set_overdue_only(true);
  ASSERT_TRUE(List(req, &resp).ok());
  ASSERT_EQ(resp.dossiers_size(), 1);
  EXPECT_EQ(resp.dossiers(0).code(), copy.code());
  req.add_statuses(v1::RESOLVED);
  resp.Clear();
  ASSERT_TRUE(List(req, &resp).ok());
  EXPECT_EQ(resp.dossiers_size(), 0);
}

TEST_F(DeadlineServiceTest, ListDossiersErrors) {
  MustReceive();
  MustReceive();
  v1::ListDossiersResponse resp;
  v1::ListDossiersRequest req = ListRequest(kUnknownCentre);
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::NOT_FOUND, "centre 999"));
  req = ListRequest("");
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "centre_id"));
  req = ListRequest();
  req.add_statuses(static_cast<v1::DossierStatus>(11));
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "statuses"));
  req = ListRequest();
  req.set_overdue_only(true);
  req.set_due_within_working_hours(4);
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "exclude each other"));
  req = ListRequest();
  req.set_due_within_working_hours(2001);
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "due_within_working_hours"));
  req = ListRequest();
  req.set_page_token("not-a-token");
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "page_token"));
  req = ListRequest();
  req.set_page_size(1);
  ASSERT_TRUE(List(req, &resp).ok());
  req.set_page_token(resp.next_page_token());
  req.set_field_id("dat_dai");
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "different query"));
  req = ListRequest();
  req.set_field_id("đất đai");
  EXPECT_TRUE(HasCode(List(req, &resp), StatusCode::INVALID_ARGUMENT, "field_id"));
}

TEST_F(DeadlineServiceTest, WatchDeadlinesStreamsDueSoonAndOverdue) {
  grpc::ClientContext ctx;
  SetDeadline(&ctx, 20);
  v1::WatchDeadlinesRequest req;
  req.set_centre_id(kCentre);
  req.set_due_soon_working_hours(8);
  auto reader = stub_->WatchDeadlines(&ctx, req);
  reader->WaitForInitialMetadata();  // the subscription is in place
  // Due at 17:00, within 08:00 + 8 working hours: due soon at once.
  const v1::Dossier copy = MustReceive(kCopy);
  v1::DeadlineEvent event;
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.kind(), v1::DUE_SOON);
  EXPECT_EQ(event.dossier().code(), copy.code());
  clock_.Set(At(2026, 3, 2, 17, 0) + kMicrosPerSecond);
  stack()->watch()->Wake();
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.kind(), v1::OVERDUE);
  EXPECT_EQ(event.dossier().code(), copy.code());
  EXPECT_EQ(event.at_us(), At(2026, 3, 2, 17, 0) + kMicrosPerSecond);
  ctx.TryCancel();
  while (reader->Read(&event)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), StatusCode::CANCELLED);
}

TEST_F(DeadlineServiceTest, WatchDeadlinesErrors) {
  for (const auto& [centre, code] : {std::pair{std::string(kUnknownCentre), StatusCode::NOT_FOUND},
                                     {"x1", StatusCode::INVALID_ARGUMENT}}) {
    grpc::ClientContext ctx;
    SetDeadline(&ctx);
    v1::WatchDeadlinesRequest req;
    req.set_centre_id(centre);
    auto reader = stub_->WatchDeadlines(&ctx, req);
    v1::DeadlineEvent event;
    EXPECT_FALSE(reader->Read(&event));
    EXPECT_TRUE(HasCode(reader->Finish(), code)) << centre;
  }
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::WatchDeadlinesRequest req;
  req.set_centre_id(kCentre);
  req.set_due_soon_working_hours(5000);
  auto reader = stub_->WatchDeadlines(&ctx, req);
  v1::DeadlineEvent event;
  EXPECT_FALSE(reader->Read(&event));
  EXPECT_TRUE(HasCode(reader->Finish(), StatusCode::INVALID_ARGUMENT, "due_soon_working_hours"));
}

TEST_F(DeadlineServiceTest, DailyReportPerCentreAndProvince) {
  const v1::Dossier d = MustReceive(kBusiness);
  MustReceive(kCopy);
  v1::DossierResponse resolved;
  ASSERT_TRUE(Act(&Stub::Resolve, d.code(), &resolved).ok());
  v1::DailyReportRequest req;
  req.set_centre_id(kCentre);
  v1::DailyReport report;
  ASSERT_TRUE(Report(req, &report).ok());
  EXPECT_EQ(report.day(), 20260302u);
  ASSERT_EQ(report.centres_size(), 1);
  EXPECT_EQ(report.centres(0).received(), 2u);
  EXPECT_EQ(report.centres(0).resolved_early(), 1u);
  EXPECT_EQ(nlohmann::json::parse(report.rendered())["total"]["received"], 2);
  req.clear_centre_id();
  req.set_province("Bắc Ninh");
  req.set_format(v1::DailyReportRequest::CSV);
  ASSERT_TRUE(Report(req, &report).ok());
  EXPECT_EQ(report.centres_size(), 2);
  EXPECT_EQ(report.total().received(), 2u);
  EXPECT_EQ(report.rendered().rfind("day,centre_id,", 0), 0u);
}

TEST_F(DeadlineServiceTest, DailyReportErrors) {
  v1::DailyReport report;
  v1::DailyReportRequest req;
  EXPECT_TRUE(HasCode(Report(req, &report), StatusCode::INVALID_ARGUMENT, "exactly one"));
  req.set_centre_id(kCentre);
  req.set_province("Bắc Ninh");
  EXPECT_TRUE(HasCode(Report(req, &report), StatusCode::INVALID_ARGUMENT, "exactly one"));
  req.clear_province();
  req.set_day(20260230);
  EXPECT_TRUE(HasCode(Report(req, &report), StatusCode::INVALID_ARGUMENT, "day"));
  req.set_day(0);
  req.set_centre_id(kUnknownCentre);
  EXPECT_TRUE(HasCode(Report(req, &report), StatusCode::NOT_FOUND, "centre 999"));
  req.clear_centre_id();
  req.set_province("Atlantis");
  EXPECT_TRUE(HasCode(Report(req, &report), StatusCode::NOT_FOUND, "Atlantis"));
}

TEST_F(DeadlineServiceTest, ListProcedures) {
  v1::ListProceduresResponse resp;
  ASSERT_TRUE(Procedures("", &resp).ok());
  EXPECT_EQ(resp.procedures_size(), 12);
  resp.Clear();
  ASSERT_TRUE(Procedures("dat_dai", &resp).ok());
  ASSERT_EQ(resp.procedures_size(), 3);
  EXPECT_EQ(resp.procedures(0).limit_kind(), v1::WORKING_DAYS);
  EXPECT_EQ(resp.procedures(0).limit_value(), 5u);
  EXPECT_TRUE(HasCode(Procedures("đất", &resp), StatusCode::INVALID_ARGUMENT, "field_id"));
}

TEST_F(DeadlineServiceTest, RestartKeepsEveryAcknowledgedDossierAndItsDue) {
  std::vector<v1::Dossier> acknowledged;
  for (int i = 0; i < 20; ++i) {
    clock_.Advance(13 * kMicrosPerMinute);
    acknowledged.push_back(MustReceive(i % 2 ? kCopy : kBusiness));
  }
  v1::DossierResponse resp;
  ASSERT_TRUE(Act(&Stub::RequestSupplement, acknowledged[3].code(), &resp, "thiếu").ok());
  acknowledged[3] = resp.dossier();
  CloseStack();
  OpenStack();
  for (const auto& d : acknowledged) {
    ASSERT_TRUE(Get(d.code(), &resp).ok()) << d.code();
    EXPECT_EQ(resp.dossier().SerializeAsString(), d.SerializeAsString());
    EXPECT_EQ(resp.dossier().due_at_us(), d.due_at_us());
  }
  EXPECT_EQ(MustReceive().code(), "000.17.22.H56-260302-0021");
}

}  // namespace
}  // namespace qms::service::test
