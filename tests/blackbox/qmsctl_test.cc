// qmsctl against a real qms-server: exit codes scripts rely on, a clerk's
// round through the counter commands with readable and JSON output, and a
// citizen's rating and the day's statistics, before and after a SIGKILL.
#include <gmock/gmock.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "tests/blackbox/blackbox_fixture.h"

namespace qms::blackbox {
namespace {

using ::testing::HasSubstr;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A 127.0.0.1 port nothing listens on: bound, read, released.
int ClosedLocalPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

class QmsctlTest : public BlackBoxTest {};

TEST_F(QmsctlTest, ExitCodesFollowTheGrpcCode) {
  CommandResult r = Qmsctl({"health"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "SERVING\n");

  r = Qmsctl({"issue", "--centre", "99999", "--field", "chung_thuc"});
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_TRUE(Contains(r.err, "NOT_FOUND")) << r.err;

  r = Qmsctl({"issue", "--centre", "10001", "--field", ""});
  EXPECT_EQ(r.exit_code, 5) << r.out << r.err;
  EXPECT_TRUE(Contains(r.err, "INVALID_ARGUMENT")) << r.err;

  r = Qmsctl({"call-next", "--centre", "10001", "--counter", "3"});
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_TRUE(Contains(r.err, "FAILED_PRECONDITION")) << r.err;

  r = Qmsctl({"ticket", "--centre", "10001", "A999"});
  EXPECT_EQ(r.exit_code, 3) << r.err;

  r = Qmsctl({"issue", "--centre", "10001", "--field", "chung_thuc", "--request-id", "same"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Qmsctl({"issue", "--centre", "10001", "--field", "ho_tich", "--request-id", "same"});
  EXPECT_EQ(r.exit_code, 7) << r.out;
  EXPECT_TRUE(Contains(r.err, "ALREADY_EXISTS")) << r.err;

  r = Qmsctl({"issue", "--field", "chung_thuc"});  // no --centre
  EXPECT_EQ(r.exit_code, 1);
  r = Qmsctl({"issue", "--centre", "10001", "--field", "chung_thuc", "--priority", "vip"});
  EXPECT_EQ(r.exit_code, 1);

  r = RunQmsctl("127.0.0.1:" + std::to_string(ClosedLocalPort()), {"--timeout", "3", "health"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(Contains(r.err, "UNAVAILABLE") || Contains(r.err, "DEADLINE_EXCEEDED")) << r.err;
}

TEST_F(QmsctlTest, ClerkRoundThroughTheCounterCommands) {
  CommandResult r = Qmsctl({"issue", "--centre", "10002", "--field", "ho_tich"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Số B001 · Hộ tịch · đang chờ · 0 người phía trước"));

  r = Qmsctl({"open", "--centre", "10002", "--counter", "2", "--clerk", "nv07"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Quầy 2 (2) · mở · cán bộ nv07"));
  r = Qmsctl({"call-next", "--centre", "10002", "--counter", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Số B001 · Hộ tịch · đã gọi · quầy 2"));
  EXPECT_EQ(Qmsctl({"recall", "--centre", "10002", "--counter", "2"}).exit_code, 0);
  r = Qmsctl({"start", "--centre", "10002", "--counter", "2", "B001"});
  EXPECT_THAT(r.out, HasSubstr("đang phục vụ"));
  r = Qmsctl({"complete", "--centre", "10002", "--counter", "2"});
  EXPECT_THAT(r.out, HasSubstr("Số B001 · Hộ tịch · đã xong"));
  r = Qmsctl({"--json", "ticket", "--centre", "10002", "B001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["ticket"]["state"], "DONE");

  // Park, resume into the queue, cancel.
  ASSERT_EQ(Qmsctl({"issue", "--centre", "10002", "--field", "ho_tich"}).exit_code, 0);
  ASSERT_EQ(Qmsctl({"call-next", "--centre", "10002", "--counter", "2"}).exit_code, 0);
  EXPECT_THAT(Qmsctl({"park", "--centre", "10002", "--counter", "2"}).out,
              HasSubstr("Số B002 · Hộ tịch · tạm gác"));
  EXPECT_THAT(Qmsctl({"resume", "--centre", "10002", "B002"}).out, HasSubstr("Số B002 · Hộ tịch · đang chờ"));
  r = Qmsctl({"transfer", "--centre", "10002", "--counter", "2", "B002", "--to-field", "chung_thuc"});
  EXPECT_THAT(r.out, HasSubstr("Số B002 · Chứng thực · đang chờ")) << r.err;
  EXPECT_THAT(r.out, HasSubstr("chuyển từ Hộ tịch"));
  EXPECT_THAT(Qmsctl({"cancel", "--centre", "10002", "B002", "--reason", "left"}).out, HasSubstr("đã huỷ"));

  r = Qmsctl({"status", "--centre", "10002"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Trung tâm 10002 · Xã Thử Nghiệm Hai"));
  EXPECT_THAT(r.out, HasSubstr("Hộ tịch: 0 chờ"));
  EXPECT_THAT(r.out, HasSubstr("Quầy 2 (2) · mở · cán bộ nv07"));
  r = Qmsctl({"--json", "status", "--centre", "10002"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["snapshot"]["snapshot"]["counters"].size(), 3u);

  // Events 2..5: opened, called, recalled, serving.
  r = Qmsctl({"watch", "--centre", "10002", "--resume-after", "1", "--count", "4", "--seconds", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("#2 "));
  EXPECT_THAT(r.out, HasSubstr("COUNTER_OPENED quầy 2 · cán bộ nv07"));
  EXPECT_THAT(r.out, HasSubstr("CALLED B001 -> quầy 2"));
  EXPECT_THAT(r.out, HasSubstr("#5 "));
  EXPECT_FALSE(Contains(r.out, "#6 ")) << r.out;
  r = Qmsctl({"--json", "watch", "--centre", "10002", "--seconds", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(nlohmann::json::parse(r.out).contains("snapshot")) << r.out;

  r = Qmsctl({"centres", "--province", "Hải Phòng"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("10002 · Xã Thử Nghiệm Hai"));
  EXPECT_THAT(r.out, HasSubstr("1 trung tâm"));
  EXPECT_EQ(Qmsctl({"pause", "--centre", "10002", "--counter", "2", "--clerk", "nv07", "--reason", "ăn trưa"})
                .exit_code,
            0);
  EXPECT_EQ(Qmsctl({"close", "--centre", "10002", "--counter", "2", "--clerk", "nv07"}).exit_code, 0);
}

TEST_F(QmsctlTest, RatingAndDayStatisticsSurviveAKill) {
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(Qmsctl({"issue", "--centre", "10001", "--field", "chung_thuc"}).exit_code, 0);  // A001, A002
  }
  ASSERT_EQ(Qmsctl({"open", "--centre", "10001", "--counter", "1", "--clerk", "nv01"}).exit_code, 0);
  ASSERT_EQ(Qmsctl({"call-next", "--centre", "10001", "--counter", "1"}).exit_code, 0);
  ASSERT_EQ(Qmsctl({"start", "--centre", "10001", "--counter", "1"}).exit_code, 0);
  ASSERT_EQ(Qmsctl({"complete", "--centre", "10001", "--counter", "1"}).exit_code, 0);

  CommandResult r = Qmsctl({"rate", "--centre", "10001", "--counter", "1", "A001", "--rating", "very"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Số A001 · Chứng thực · đã xong"));
  EXPECT_THAT(r.out, HasSubstr("đánh giá: Rất hài lòng"));
  r = Qmsctl({"rate", "--centre", "10001", "--counter", "1", "A001", "--rating", "very"});
  EXPECT_EQ(r.exit_code, 0) << "a retry with the same rating: " << r.err;
  r = Qmsctl({"rate", "--centre", "10001", "--counter", "1", "A001", "--rating", "bad"});
  EXPECT_EQ(r.exit_code, 7) << r.out;
  EXPECT_THAT(r.err, HasSubstr("ALREADY_EXISTS: ticket A001 was already rated VERY_SATISFIED"));
  r = Qmsctl({"rate", "--centre", "10001", "--counter", "1", "A002", "--rating", "ok"});
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_THAT(r.err, HasSubstr("is WAITING"));
  EXPECT_EQ(Qmsctl({"rate", "--centre", "10001", "--counter", "1", "A009", "--rating", "ok"}).exit_code, 3);
  EXPECT_EQ(Qmsctl({"rate", "--centre", "10001", "--counter", "1", "A001", "--rating", "meh"}).exit_code, 1);
  EXPECT_EQ(Qmsctl({"rate", "--centre", "10001", "--counter", "1", "A001"}).exit_code, 1);  // no --rating

  // Events 1..6: two issued, opened, called, serving, completed; then RATED.
  r = Qmsctl({"watch", "--centre", "10001", "--resume-after", "6", "--count", "1", "--seconds", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("#7 "));
  EXPECT_THAT(r.out, HasSubstr("RATED A001 @ quầy 1 · Rất hài lòng"));

  r = Qmsctl({"stats", "--centre", "10001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out,
              HasSubstr("Tổng / total: 2 số đã phát · 1 đang chờ · 0 đã gọi · 0 đang phục vụ · 0 tạm gác · "
                        "1 đã xong · 0 vắng mặt"));
  EXPECT_THAT(r.out,
              HasSubstr("Đánh giá / ratings: 1 lượt · Rất hài lòng 1 · Hài lòng 0 · Không hài lòng 0 · "
                        "hài lòng 100,0%"));
  EXPECT_THAT(r.out, HasSubstr("  Chứng thực: 2 số đã phát"));
  EXPECT_THAT(r.out, HasSubstr("  nv01: 1 đã xong · 0 vắng mặt"));
  EXPECT_THAT(r.out, HasSubstr("Quầy 1 (1) · mở · cán bộ nv01 · 1 đã xong"));
  const CommandResult before = Qmsctl({"--json", "stats", "--centre", "10001"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  const auto stats = nlohmann::json::parse(before.out);
  EXPECT_EQ(stats["centre_id"], "10001");
  EXPECT_EQ(stats["total"]["issued"], 2);
  EXPECT_EQ(stats["total"]["served"], 1);
  EXPECT_EQ(stats["wait"]["count"], 1);
  EXPECT_EQ(stats["ratings"]["very_satisfied"], 1);
  EXPECT_EQ(stats["ratings"]["satisfaction_share"], 1.0);
  EXPECT_EQ(stats["hours"].size(), 24u);
  ASSERT_EQ(stats["clerks"].size(), 1u);
  EXPECT_EQ(stats["clerks"][0]["clerk_id"], "nv01");
  EXPECT_EQ(stats["clerks"][0]["ratings"]["very_satisfied"], 1);
  EXPECT_EQ(Qmsctl({"stats", "--centre", "99999"}).exit_code, 3);

  // SIGKILL right after those replies, then a restart on the same data.
  std::string error;
  ASSERT_TRUE(StartServer(&error)) << error;

  r = Qmsctl({"--json", "ticket", "--centre", "10001", "A001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["ticket"]["rating"], "VERY_SATISFIED");
  const CommandResult after = Qmsctl({"--json", "stats", "--centre", "10001"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  auto restarted = nlohmann::json::parse(after.out);
  restarted.erase("computed_at_us");
  auto expected = stats;
  expected.erase("computed_at_us");
  EXPECT_EQ(restarted, expected);
}

}  // namespace
}  // namespace qms::blackbox
