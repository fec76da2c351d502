// A full disk, for real: the server's data folder on a small tmpfs that the
// test mounts itself (so it needs root and a kernel that lets it mount; the
// test is skipped otherwise). The disk is filled while tickets are issued:
// every call after the fault is refused UNAVAILABLE with a clear message and
// no ticket; when space returns, a restart brings back every ticket that was
// acknowledged, and numbering goes on after the highest.
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>

#include "tests/blackbox/blackbox_fixture.h"

namespace qms::blackbox {
namespace {

constexpr uint64_t kTmpfsBytes = 48ull << 20;
constexpr uint64_t kLeaveFree = 128ull << 10;
constexpr int kMaxIssues = 20000;

// The black-box config with small memtables, so that RocksDB fits the disk.
std::string SmallDiskConfig() {
  return "storage:\n  write_buffer_mb: 2\n  max_total_wal_mb: 8\n" + TwoCentreConfigYaml();
}

class DiskFullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "mounting a tmpfs needs root";
    mount_point_ = dir_.path() + "/small-disk";
    std::filesystem::create_directories(mount_point_);
    const std::string size = "size=" + std::to_string(kTmpfsBytes);
    if (mount("qms-disk-full-test", mount_point_.c_str(), "tmpfs", 0, size.c_str()) != 0)
      GTEST_SKIP() << "cannot mount a tmpfs here: " << std::strerror(errno);
    mounted_ = true;
    config_path_ = dir_.path() + "/centres.yaml";
    WriteFile(config_path_, SmallDiskConfig());
  }
  void TearDown() override {
    if (server_) server_->Kill();
    if (mounted_) umount2(mount_point_.c_str(), MNT_DETACH);
  }

  void Start() {
    if (server_) server_->Kill();
    server_ = std::make_unique<ServerProcess>(config_path_, mount_point_ + "/data",
                                              dir_.path() + "/server-" + std::to_string(starts_++) + ".log");
    std::string error;
    ASSERT_TRUE(server_->Start(std::chrono::seconds(60), &error)) << error;
    intake_ = v1::IntakeService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }

  // Takes all but `leave` bytes of the tmpfs with one file.
  void FillDisk(uint64_t leave) {
    struct statvfs fs {};
    ASSERT_EQ(statvfs(mount_point_.c_str(), &fs), 0);
    const uint64_t free_bytes = static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
    ASSERT_GT(free_bytes, leave);
    const int fd = open((mount_point_ + "/filler").c_str(), O_CREAT | O_WRONLY, 0600);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(posix_fallocate(fd, 0, static_cast<off_t>(free_bytes - leave)), 0);
    close(fd);
  }

  grpc::Status Issue(const std::string& request_id, v1::IssueTicketResponse* resp) {
    v1::IssueTicketRequest req;
    req.set_centre_id("10001");
    req.set_field_id("chung_thuc");
    req.set_request_id(request_id);
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return intake_->IssueTicket(ctx.get(), req, resp);
  }

  TempDir dir_;
  std::string mount_point_;
  bool mounted_ = false;
  std::string config_path_;
  int starts_ = 0;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<v1::IntakeService::Stub> intake_;
};

TEST_F(DiskFullTest, AFullDiskRefusesClearlyLosesNothingAndARestartResumes) {
  Start();
  std::map<std::string, std::string> acknowledged;  // request id -> number
  v1::IssueTicketResponse first;
  ASSERT_TRUE(Issue("before-fill", &first).ok());
  acknowledged["before-fill"] = first.ticket().number();
  FillDisk(kLeaveFree);

  grpc::Status fault;
  int i = 0;
  for (; i < kMaxIssues; ++i) {
    v1::IssueTicketResponse resp;
    const std::string id = "fill-" + std::to_string(i);
    const grpc::Status s = Issue(id, &resp);
    if (!s.ok()) {
      fault = s;
      EXPECT_FALSE(resp.has_ticket()) << "a refused call handed out " << resp.ticket().number();
      break;
    }
    acknowledged[id] = resp.ticket().number();
  }
  ASSERT_LT(i, kMaxIssues) << "the disk never filled";
  EXPECT_EQ(fault.error_code(), grpc::StatusCode::UNAVAILABLE) << fault.error_message() << "\n"
                                                               << server_->log();
  EXPECT_NE(fault.error_message().find("storage"), std::string::npos) << fault.error_message() << "\n"
                                                                      << server_->log();
  // Every later change is refused the same way, with no ticket.
  v1::IssueTicketResponse later;
  const grpc::Status after = Issue("after-fault", &later);
  EXPECT_EQ(after.error_code(), grpc::StatusCode::UNAVAILABLE) << after.error_message();
  EXPECT_FALSE(later.has_ticket());
  std::cout << "disk full after " << acknowledged.size() << " acknowledged tickets: " << fault.error_message()
            << "\n";

  // Space returns; a restart recovers every acknowledged ticket.
  std::filesystem::remove(mount_point_ + "/filler");
  Start();
  uint32_t highest = 0;
  for (const auto& [id, number] : acknowledged) {
    v1::IssueTicketResponse again;
    ASSERT_TRUE(Issue(id, &again).ok()) << id;
    EXPECT_TRUE(again.replayed()) << id << " was acknowledged as " << number << " but is not on disk";
    EXPECT_EQ(again.ticket().number(), number) << id;
    highest = std::max<uint32_t>(highest, std::stoul(number.substr(1)));
  }
  v1::IssueTicketResponse fresh;
  ASSERT_TRUE(Issue("after-restart", &fresh).ok());
  EXPECT_FALSE(fresh.replayed());
  EXPECT_GT(std::stoul(fresh.ticket().number().substr(1)), highest);
}

}  // namespace
}  // namespace qms::blackbox
