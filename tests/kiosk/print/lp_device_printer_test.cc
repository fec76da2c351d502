#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "kiosk/print/printer.h"
#include "tests/kiosk/print/test_files.h"

namespace qms::print {
namespace {

PrintJob Job(const std::string& escpos) {
  PrintJob job;
  job.escpos = escpos;
  return job;
}

std::unique_ptr<Printer> OpenLp(const std::string& name, const std::string& program) {
  PrinterOptions options;
  options.lp_program = program;
  options.io_timeout = std::chrono::milliseconds(10000);
  StatusOr<std::unique_ptr<Printer>> p = OpenPrinter("lp:" + name, options);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? std::move(*p) : nullptr;
}

TEST(PrintDeviceTest, WritesTheJobToTheDevice) {
  TempDir dir;
  const std::string device = dir.path() + "/lp0";
  WriteWholeFile(device, "");  // a device node exists before it is opened
  StatusOr<std::unique_ptr<Printer>> printer = OpenPrinter("dev:" + device);
  ASSERT_TRUE(printer.ok());
  ASSERT_TRUE((*printer)->Print(Job(std::string("\x1B\x40\x00\xFF", 4))).ok());
  EXPECT_EQ(ReadWholeFile(device), std::string("\x1B\x40\x00\xFF", 4));
}

TEST(PrintDeviceTest, MissingDeviceIsUnavailableWithAHint) {
  TempDir dir;
  StatusOr<std::unique_ptr<Printer>> printer = OpenPrinter("dev:" + dir.path() + "/lp9");
  ASSERT_TRUE(printer.ok());
  Status s = (*printer)->Print(Job("x"));
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("plugged in"), std::string::npos) << s.message();
}

TEST(PrintLpTest, RunsLpRawWithTheJobOnStdin) {
  TempDir dir;
  const std::string fake = dir.path() + "/lp";
  WriteWholeFile(fake,
                 "#!/bin/sh\n"
                 "printf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args\"\n"
                 "cat > \"$(dirname \"$0\")/job\"\n"
                 "echo 'request id is Thermal80-7 (1 file(s))'\n",
                 true);
  auto printer = OpenLp("Thermal80", fake);
  ASSERT_NE(printer, nullptr);
  const std::string job(200000, '\x1D');  // more than a pipe holds
  ASSERT_TRUE(printer->Print(Job(job)).ok());
  EXPECT_EQ(ReadWholeFile(dir.path() + "/args"), "-d\nThermal80\n-o\nraw\n");
  EXPECT_EQ(ReadWholeFile(dir.path() + "/job"), job);
}

TEST(PrintLpTest, FailingLpIsUnavailableWithItsMessage) {
  TempDir dir;
  const std::string fake = dir.path() + "/lp";
  WriteWholeFile(fake, "#!/bin/sh\necho 'lp: The printer or class does not exist.' >&2\nexit 1\n", true);
  auto printer = OpenLp("Nowhere", fake);
  ASSERT_NE(printer, nullptr);
  // A job larger than a pipe: lp quits without reading it, and the gateway
  // must get an error, not a SIGPIPE.
  Status s = printer->Print(Job(std::string(1 << 20, 'x')));
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("exited with 1"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("does not exist"), std::string::npos) << s.message();
}

TEST(PrintLpTest, LpThatTakesPartOfTheJobIsUnavailable) {
  TempDir dir;
  const std::string fake = dir.path() + "/lp";
  WriteWholeFile(fake, "#!/bin/sh\nexit 0\n", true);
  auto printer = OpenLp("Thermal80", fake);
  ASSERT_NE(printer, nullptr);
  Status s = printer->Print(Job(std::string(1 << 20, 'x')));
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("took only"), std::string::npos) << s.message();
}

TEST(PrintLpTest, MissingLpProgramIsUnavailable) {
  TempDir dir;
  auto printer = OpenLp("Thermal80", dir.path() + "/no-such-lp");
  ASSERT_NE(printer, nullptr);
  Status s = printer->Print(Job("x"));
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("cannot run"), std::string::npos) << s.message();
}

TEST(PrintLpTest, OnePrinterRunsOneJobAtATime) {
  TempDir dir;
  const std::string fake = dir.path() + "/lp";
  // mkdir is atomic: a job that finds the lock taken saw another job running.
  WriteWholeFile(fake,
                 "#!/bin/sh\n"
                 "d=$(dirname \"$0\")\n"
                 "mkdir \"$d/running\" || echo overlap >> \"$d/log\"\n"
                 "cat > /dev/null\n"
                 "sleep 0.05\n"
                 "echo done >> \"$d/log\"\n"
                 "rmdir \"$d/running\"\n",
                 true);
  auto printer = OpenLp("Thermal80", fake);
  ASSERT_NE(printer, nullptr);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] { EXPECT_TRUE(printer->Print(Job("job")).ok()); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ReadWholeFile(dir.path() + "/log"), "done\ndone\ndone\ndone\n");
}

}  // namespace
}  // namespace qms::print
