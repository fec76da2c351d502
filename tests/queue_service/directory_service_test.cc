// DirectoryService over an in-process channel: ListCentres paging and
// filtering, GetCentre.
#include <set>

#include "tests/queue_service/queue_service_fixture.h"

namespace qms::service::test {
namespace {

using grpc::StatusCode;

class DirectoryServiceTest : public QueueServiceTest {
 protected:
  grpc::Status List(const std::string& province, uint32_t page_size, const std::string& token,
                    v1::ListCentresResponse* resp) {
    grpc::ClientContext ctx;
    SetDeadline(&ctx);
    v1::ListCentresRequest req;
    req.set_province(province);
    req.set_page_size(page_size);
    req.set_page_token(token);
    return directory_->ListCentres(&ctx, req, resp);
  }
  // Follows next_page_token to the end (at most 20 pages); returns the ids
  // and the number of pages.
  std::vector<std::string> ListAll(const std::string& province, uint32_t page_size, int* pages) {
    std::vector<std::string> ids;
    std::string token;
    *pages = 0;
    for (int i = 0; i < 20; ++i) {
      v1::ListCentresResponse resp;
      const grpc::Status s = List(province, page_size, token, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      ++*pages;
      EXPECT_LE(resp.centres_size(), static_cast<int>(page_size ? page_size : 100));
      for (const auto& c : resp.centres()) ids.push_back(c.centre_id());
      token = resp.next_page_token();
      if (token.empty()) break;
    }
    EXPECT_TRUE(token.empty()) << "paging did not end";
    return ids;
  }
  grpc::Status GetCentre(const std::string& id, v1::Centre* resp) {
    grpc::ClientContext ctx;
    SetDeadline(&ctx);
    v1::GetCentreRequest req;
    req.set_centre_id(id);
    return directory_->GetCentre(&ctx, req, resp);
  }
};

const std::vector<std::string> kAllCentres = {"101", "202", "303", "404", "505", "606", "707"};

TEST_F(DirectoryServiceTest, ListsEveryCentreOnOneDefaultPage) {
  v1::ListCentresResponse resp;
  ASSERT_TRUE(List("", 0, "", &resp).ok());
  ASSERT_EQ(resp.centres_size(), 7);
  EXPECT_TRUE(resp.next_page_token().empty());
  const v1::Centre& c = resp.centres(0);
  EXPECT_EQ(c.centre_id(), "101");
  EXPECT_EQ(c.name_vi(), "Phường Kinh Bắc");
  EXPECT_EQ(c.name_en(), "Kinh Bac Ward");
  EXPECT_EQ(c.province(), "Bắc Ninh");
  EXPECT_EQ(c.agency_code(), "000.17.22.H56");
  EXPECT_EQ(c.fields_size(), 3);
  EXPECT_EQ(c.counters_size(), 0);  // left out of lists for brevity
  EXPECT_EQ(c.hours_size(), 10);
}

TEST_F(DirectoryServiceTest, PagesThroughAllCentresInOrder) {
  int pages = 0;
  EXPECT_EQ(ListAll("", 3, &pages), kAllCentres);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(ListAll("", 1, &pages), kAllCentres);
  EXPECT_EQ(pages, 7);
  EXPECT_EQ(ListAll("", 7, &pages), kAllCentres);
  EXPECT_EQ(pages, 1);
  EXPECT_EQ(ListAll("", 1000, &pages), kAllCentres);

  v1::ListCentresResponse first;
  ASSERT_TRUE(List("", 3, "", &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  v1::ListCentresResponse second;
  ASSERT_TRUE(List("", 3, first.next_page_token(), &second).ok());
  ASSERT_EQ(second.centres_size(), 3);
  EXPECT_EQ(second.centres(0).centre_id(), "404");
}

TEST_F(DirectoryServiceTest, FiltersByProvince) {
  int pages = 0;
  EXPECT_THAT(ListAll("Bắc Ninh", 100, &pages), ::testing::ElementsAre("101", "404", "606"));
  EXPECT_THAT(ListAll("Bắc Ninh", 2, &pages), ::testing::ElementsAre("101", "404", "606"));
  EXPECT_THAT(ListAll("Hà Nội", 1, &pages), ::testing::ElementsAre("303", "707"));
  EXPECT_EQ(pages, 2);
  EXPECT_THAT(ListAll("Hải Phòng", 0, &pages), ::testing::ElementsAre("202", "505"));
  EXPECT_THAT(ListAll("Đà Nẵng", 0, &pages), ::testing::IsEmpty());
}

TEST_F(DirectoryServiceTest, RejectsOversizedPagesAndForeignTokens) {
  v1::ListCentresResponse resp;
  EXPECT_TRUE(HasCode(List("", 1001, "", &resp), StatusCode::INVALID_ARGUMENT, "1000"));
  EXPECT_EQ(resp.centres_size(), 0);
  for (const std::string token : {"abc", "3x", "next", "3 "}) {
    v1::ListCentresResponse bad;
    EXPECT_TRUE(HasCode(List("", 3, token, &bad), StatusCode::INVALID_ARGUMENT, "page_token")) << token;
    EXPECT_EQ(bad.centres_size(), 0);
  }
}

// Tokens the server never gives (negative, past the end, padded) are not
// silently accepted as an empty or shifted page.
TEST_F(DirectoryServiceTest, RejectsTokensTheServerNeverGave) {
  for (const std::string token : {"-1", "99999", " 3", "+3", "18446744073709551616"}) {
    v1::ListCentresResponse bad;
    EXPECT_TRUE(HasCode(List("", 3, token, &bad), StatusCode::INVALID_ARGUMENT, "page_token")) << token;
  }
}

TEST_F(DirectoryServiceTest, GetCentreHasFieldsCountersAndHours) {
  v1::Centre c;
  ASSERT_TRUE(GetCentre("101", &c).ok());
  EXPECT_EQ(c.centre_id(), "101");
  EXPECT_EQ(c.name_vi(), "Phường Kinh Bắc");
  EXPECT_EQ(c.province(), "Bắc Ninh");
  EXPECT_EQ(c.agency_code(), "000.17.22.H56");

  ASSERT_EQ(c.fields_size(), 3);
  EXPECT_EQ(c.fields(0).field_id(), kFieldA);
  EXPECT_EQ(c.fields(0).prefix(), "A");
  EXPECT_EQ(c.fields(0).name_vi(), "Chứng thực");
  EXPECT_EQ(c.fields(0).name_en(), "Certification");
  EXPECT_EQ(c.fields(0).daily_cap(), 0u);
  EXPECT_EQ(c.fields(1).prefix(), "B");
  EXPECT_EQ(c.fields(1).daily_cap(), 3u);

  ASSERT_EQ(c.counters_size(), 4);
  EXPECT_EQ(c.counters(1).counter_id(), "2");
  EXPECT_EQ(c.counters(1).name(), "Quầy 2");
  ASSERT_EQ(c.counters(1).fields_size(), 2);
  EXPECT_EQ(c.counters(1).fields(1).field_id(), kFieldB);
  EXPECT_DOUBLE_EQ(c.counters(1).fields(1).weight(), 0.5);
  EXPECT_FALSE(c.counters(1).priority_counter());
  EXPECT_EQ(c.counters(3).counter_id(), "9");
  EXPECT_TRUE(c.counters(3).priority_counter());

  // Monday to Friday, two periods each; nothing on the weekend.
  ASSERT_EQ(c.hours_size(), 10);
  std::set<uint32_t> weekdays;
  for (const auto& h : c.hours()) {
    weekdays.insert(h.weekday());
    EXPECT_TRUE((h.opens() == "07:30" && h.closes() == "11:30") ||
                (h.opens() == "13:30" && h.closes() == "17:00"))
        << h.ShortDebugString();
  }
  EXPECT_EQ(weekdays, (std::set<uint32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(c.hours(0).weekday(), 1u);
  EXPECT_EQ(c.hours(0).opens(), "07:30");
  EXPECT_EQ(c.hours(1).closes(), "17:00");
}

TEST_F(DirectoryServiceTest, GetCentreRefusals) {
  v1::Centre c;
  EXPECT_TRUE(HasCode(GetCentre(kUnknownCentre, &c), StatusCode::NOT_FOUND, kUnknownCentre));
  EXPECT_TRUE(HasCode(GetCentre("", &c), StatusCode::INVALID_ARGUMENT, "centre_id"));
  EXPECT_TRUE(HasCode(GetCentre("Kinh Bac", &c), StatusCode::INVALID_ARGUMENT, "centre_id"));
  EXPECT_TRUE(HasCode(GetCentre("1234567890", &c), StatusCode::INVALID_ARGUMENT, "centre_id"));
}

}  // namespace
}  // namespace qms::service::test
