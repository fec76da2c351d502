#include <gtest/gtest.h>

#include <regex>
#include <thread>
#include <vector>

#include "kiosk/print/printer.h"
#include "tests/kiosk/print/test_files.h"

namespace qms::print {
namespace {

PrintJob Job(const std::string& escpos, const std::string& png = "") {
  PrintJob job;
  job.centre_id = "nguyen-trai";
  job.number = "B023";
  job.escpos = escpos;
  job.png = png;
  return job;
}

std::unique_ptr<Printer> Open(const std::string& spec) {
  StatusOr<std::unique_ptr<Printer>> p = OpenPrinter(spec);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? std::move(*p) : nullptr;
}

TEST(PrintFileTest, FolderGetsOneFilePerJobWithItsPreview) {
  TempDir dir;
  auto printer = Open("file:" + dir.path());
  ASSERT_NE(printer, nullptr);
  ASSERT_TRUE(printer
                  ->Print(Job(std::string("\x1B\x40"
                                          "first",
                                          7),
                              "PNG1"))
                  .ok());
  ASSERT_TRUE(printer->Print(Job("second", "PNG2")).ok());
  const std::vector<std::string> names = ListDir(dir.path());
  ASSERT_EQ(names.size(), 4u);
  static const std::regex name("ticket-nguyen-trai-B023-\\d{14}(-\\d+)?\\.(escpos|png)");
  std::vector<std::string> escpos, png;
  for (const std::string& n : names) {
    EXPECT_TRUE(std::regex_match(n, name)) << n;
    const std::string content = ReadWholeFile(dir.path() + "/" + n);
    (n.substr(n.size() - 4) == ".png" ? png : escpos).push_back(content);
  }
  std::sort(escpos.begin(), escpos.end());
  std::sort(png.begin(), png.end());
  EXPECT_EQ(escpos, (std::vector<std::string>{std::string("\x1B\x40"
                                                          "first",
                                                          7),
                                              "second"}));
  EXPECT_EQ(png, (std::vector<std::string>{"PNG1", "PNG2"}));
}

TEST(PrintFileTest, FolderEndingInSlashIsMadeAndOddNamesAreMadeSafe) {
  TempDir dir;
  const std::string folder = dir.path() + "/spool/";
  auto printer = Open("file:" + folder);
  ASSERT_NE(printer, nullptr);
  PrintJob job = Job("x");
  job.centre_id = "../phường 1";
  ASSERT_TRUE(printer->Print(job).ok());
  const std::vector<std::string> names = ListDir(folder);
  ASSERT_EQ(names.size(), 1u);  // no preview without a PNG
  EXPECT_TRUE(std::regex_match(names[0], std::regex("ticket-___ph_____ng_1-B023-\\d{14}\\.escpos")))
      << names[0];
}

TEST(PrintFileTest, FileGetsJobsAppended) {
  TempDir dir;
  const std::string path = dir.path() + "/jobs.escpos";
  auto printer = Open("file:" + path);
  ASSERT_NE(printer, nullptr);
  ASSERT_TRUE(printer->Print(Job("one;", "ignored")).ok());
  ASSERT_TRUE(printer->Print(Job("two;")).ok());
  EXPECT_EQ(ReadWholeFile(path), "one;two;");
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"jobs.escpos"});
}

TEST(PrintFileTest, ConcurrentJobsAreWrittenWhole) {
  TempDir dir;
  const std::string path = dir.path() + "/jobs.escpos";
  auto printer = Open("file:" + path);
  ASSERT_NE(printer, nullptr);
  std::vector<std::thread> threads;
  for (char c : std::string("abcd")) {
    threads.emplace_back([&printer, c] { EXPECT_TRUE(printer->Print(Job(std::string(100000, c))).ok()); });
  }
  for (auto& t : threads) t.join();
  const std::string all = ReadWholeFile(path);
  ASSERT_EQ(all.size(), 400000u);
  for (size_t i = 0; i < all.size(); i += 100000)
    EXPECT_EQ(all.substr(i, 100000), std::string(100000, all[i]));
}

TEST(PrintFileTest, UnwritablePlaceIsUnavailable) {
  TempDir dir;
  auto printer = Open("file:" + dir.path() + "/missing/jobs.escpos");
  ASSERT_NE(printer, nullptr);
  Status s = printer->Print(Job("x"));
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("cannot open"), std::string::npos) << s.message();
  auto folder = Open("file:" + dir.path() + "/a/b/");
  Status f = folder->Print(Job("x"));
  EXPECT_EQ(f.code(), StatusCode::kUnavailable);
  EXPECT_NE(f.message().find("cannot make the folder"), std::string::npos) << f.message();
}

}  // namespace
}  // namespace qms::print
