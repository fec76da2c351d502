// qmsctl against a real qms-server: exit codes scripts rely on, and a clerk's
// round through the counter commands with readable and JSON output.
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

}  // namespace
}  // namespace qms::blackbox
