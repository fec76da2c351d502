// Lists from the due index: order, paging, filters, overdue, due within N
// working hours, and the errors of bad queries.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/deadline/dossier_fixture.h"

namespace qms::deadline::testing {
namespace {

std::vector<std::string> Codes(const std::vector<v1::Dossier>& dossiers) {
  std::vector<std::string> out;
  for (const auto& d : dossiers) out.push_back(d.code());
  return out;
}

class DossierQueriesTest : public DossierEngineTest {
 protected:
  ListQuery Query() {
    ListQuery q;
    q.centre_id = kCentre;
    return q;
  }
  std::vector<std::string> ListAll(ListQuery q, int* pages = nullptr) {
    std::vector<std::string> all;
    for (int page = 0; page < 1000; ++page) {
      auto [s, r] = List(q);
      EXPECT_TRUE(s.ok()) << s.ToString();
      if (!s.ok()) break;
      for (const auto& d : r.dossiers) all.push_back(d.code());
      if (pages) *pages = page + 1;
      if (r.next_page_token.empty()) break;
      q.page_token = r.next_page_token;
    }
    return all;
  }
};

TEST_F(DossierQueriesTest, OpenDossiersComeByDueMomentInPages) {
  std::vector<v1::Dossier> received;
  const char* procedures[] = {kLand, kCopy, kHours, kBusiness, kContract};
  for (int i = 0; i < 25; ++i) {
    clock_.Advance(kMicrosPerMinute);
    received.push_back(MustReceive(procedures[i % 5]));
  }
  MustReceive(kCopy, kOther);  // another centre: never listed here
  std::sort(received.begin(), received.end(), [](const v1::Dossier& a, const v1::Dossier& b) {
    return std::make_pair(a.due_at_us(), a.code()) < std::make_pair(b.due_at_us(), b.code());
  });
  ListQuery q = Query();
  q.page_size = 7;
  int pages = 0;
  EXPECT_EQ(ListAll(q, &pages), Codes(received));
  EXPECT_EQ(pages, 4);
  // The first page is the earliest due: the working-hours dossiers.
  auto [s, first] = List(q);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(first.dossiers.size(), 7u);
  EXPECT_EQ(first.dossiers[0].procedure_code(), kHours);
  EXPECT_FALSE(first.next_page_token.empty());
}

TEST_F(DossierQueriesTest, OverdueIsRunningClocksPastTheirDue) {
  const v1::Dossier hours = MustReceive(kHours);  // due 14:00
  std::vector<v1::Dossier> copies;
  for (int i = 0; i < 3; ++i) copies.push_back(MustReceive(kCopy));  // due 17:00
  MustReceive(kBusiness);                                            // due Thursday
  clock_.Set(At(2026, 3, 2, 9, 0));
  MustAct(DossierAction::kRequestSupplement, copies[0].code(), "thiếu");  // paused: never overdue
  ListQuery q = Query();
  q.overdue_only = true;

  clock_.Set(At(2026, 3, 2, 14, 0));
  EXPECT_TRUE(ListAll(q).empty()) << "due at 14:00 is not overdue at 14:00 exactly";
  clock_.Set(At(2026, 3, 2, 14, 0) + 1);
  EXPECT_EQ(ListAll(q), std::vector<std::string>{hours.code()});
  clock_.Set(At(2026, 3, 2, 17, 0) + kMicrosPerSecond);
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{hours.code(), copies[1].code(), copies[2].code()}));
  MustAct(DossierAction::kResolve, copies[1].code());
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{hours.code(), copies[2].code()}));
  // Overdue is about running clocks: asking for paused ones gives none.
  q.statuses = {v1::SUPPLEMENT_REQUESTED};
  EXPECT_TRUE(ListAll(q).empty());
  q.statuses = {v1::PROCESSING};
  EXPECT_TRUE(ListAll(q).empty());
  MustAct(DossierAction::kStartProcessing, hours.code());
  EXPECT_EQ(ListAll(q), std::vector<std::string>{hours.code()});
}

TEST_F(DossierQueriesTest, DueWithinWorkingHours) {
  const v1::Dossier hours = MustReceive(kHours);  // 08:00 + 4 working hours = 14:00
  const v1::Dossier copy = MustReceive(kCopy);    // 17:00
  MustReceive(kBusiness);                         // Thursday
  ListQuery q = Query();
  q.due_within_working_hours = 4;
  EXPECT_EQ(ListAll(q), std::vector<std::string>{hours.code()});
  q.due_within_working_hours = 3;
  EXPECT_TRUE(ListAll(q).empty());
  q.due_within_working_hours = 7;  // 08:00 + 7 working hours = 17:00
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{hours.code(), copy.code()}));
  // Overdue ones are not "due within".
  clock_.Set(At(2026, 3, 2, 15, 0));
  q.due_within_working_hours = 4;
  EXPECT_EQ(ListAll(q), std::vector<std::string>{copy.code()});
}

TEST_F(DossierQueriesTest, FiltersByStatusFieldAndDueBefore) {
  const v1::Dossier copy = MustReceive(kCopy);
  const v1::Dossier business = MustReceive(kBusiness);
  const v1::Dossier land = MustReceive(kLand);
  const v1::Dossier online = MustReceive(kContract, kCentre, true);
  MustAct(DossierAction::kResolve, copy.code());
  ListQuery q = Query();
  // Open by default: resolved is not listed; the registered one sorts by its
  // registration moment.
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{online.code(), business.code(), land.code()}));
  q.statuses = {v1::RESOLVED};
  EXPECT_EQ(ListAll(q), std::vector<std::string>{copy.code()});
  q.statuses = {v1::RESOLVED, v1::ACCEPTED};
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{copy.code(), business.code(), land.code()}));
  q = Query();
  q.field_id = "dat_dai";
  EXPECT_EQ(ListAll(q), std::vector<std::string>{land.code()});
  q = Query();
  q.due_before = At(2026, 3, 6, 0, 0);
  EXPECT_EQ(ListAll(q), (std::vector<std::string>{online.code(), business.code()}));
}

TEST_F(DossierQueriesTest, BadQueries) {
  MustReceive(kCopy);
  MustReceive(kCopy);
  ListQuery q = Query();
  q.page_size = 1;
  auto [s, first] = List(q);
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(first.next_page_token.empty());
  ListQuery other = q;
  other.field_id = "ho_tich";
  other.page_token = first.next_page_token;
  EXPECT_EQ(List(other).first.code(), StatusCode::kInvalidArgument);
  q.page_token = "zz";
  EXPECT_EQ(List(q).first.code(), StatusCode::kInvalidArgument);
  q.page_token = "0102";
  EXPECT_EQ(List(q).first.code(), StatusCode::kInvalidArgument);
  q = Query();
  q.overdue_only = true;
  q.due_within_working_hours = 2;
  EXPECT_EQ(List(q).first.code(), StatusCode::kInvalidArgument);
  q = Query();
  q.statuses = {static_cast<v1::DossierStatus>(42)};
  EXPECT_EQ(List(q).first.code(), StatusCode::kInvalidArgument);
  q = Query();
  q.centre_id = "999";
  EXPECT_EQ(List(q).first.code(), StatusCode::kNotFound);
}

TEST_F(DossierQueriesTest, RareFilterReturnsShortPagesWithinTheExaminationBound) {
  options_.max_examined_per_page = 5;
  Restart();
  for (int i = 0; i < 12; ++i) MustReceive(kCopy);
  const v1::Dossier business = MustReceive(kBusiness);
  ListQuery q = Query();
  q.field_id = "ho_kinh_doanh";
  auto [s, first] = List(q);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(first.dossiers.empty());
  EXPECT_FALSE(first.next_page_token.empty());
  int pages = 0;
  EXPECT_EQ(ListAll(q, &pages), std::vector<std::string>{business.code()});
  EXPECT_EQ(pages, 3);
}

}  // namespace
}  // namespace qms::deadline::testing
