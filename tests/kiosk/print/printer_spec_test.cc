#include "kiosk/print/internal/printer_spec.h"

#include <gtest/gtest.h>

#include "kiosk/print/printer.h"
#include "tests/kiosk/print/test_files.h"

namespace qms::print {
namespace {

using internal::ParsePrinterSpec;
using internal::PrinterSpec;

TEST(PrintSpecTest, ParsesEveryKind) {
  TempDir dir;
  StatusOr<PrinterSpec> s = ParsePrinterSpec("file:" + dir.path());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, PrinterSpec::Kind::kFileDirectory);  // an existing folder
  EXPECT_EQ(ParsePrinterSpec("file:/no/such/folder/")->kind, PrinterSpec::Kind::kFileDirectory);
  EXPECT_EQ(ParsePrinterSpec("file:" + dir.path() + "/jobs.escpos")->kind, PrinterSpec::Kind::kFileAppend);

  s = ParsePrinterSpec("tcp:192.168.1.50:9100");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, PrinterSpec::Kind::kTcp);
  EXPECT_EQ(s->host, "192.168.1.50");
  EXPECT_EQ(s->port, 9100);
  s = ParsePrinterSpec("tcp:[fd00::5]:9100");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->host, "fd00::5");
  EXPECT_EQ(ParsePrinterSpec("tcp:printer-quay-1.local:65535")->port, 65535);

  s = ParsePrinterSpec("dev:/dev/usb/lp0");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, PrinterSpec::Kind::kDevice);
  EXPECT_EQ(s->path, "/dev/usb/lp0");
  s = ParsePrinterSpec("lp:Thermal_80");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, PrinterSpec::Kind::kLp);
  EXPECT_EQ(s->name, "Thermal_80");
}

TEST(PrintSpecTest, BadSpecsNameTheirProblem) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "empty"},
      {"/dev/usb/lp0", "no kind"},
      {"usb:/dev/usb/lp0", "unknown kind 'usb'"},
      {"file:", "needs a path"},
      {"tcp:192.168.1.50", "HOST:PORT"},
      {"tcp::9100", "host is empty"},
      {"tcp:10.0.0.7:", "port must be"},
      {"tcp:10.0.0.7:0", "port must be"},
      {"tcp:10.0.0.7:65536", "port must be"},
      {"tcp:10.0.0.7:91x0", "not a number"},
      {"tcp:fd00::5:9100", "brackets"},
      {"tcp:[fd00::5]9100", "[IPV6]:PORT"},
      {"dev:", "absolute"},
      {"dev:usb/lp0", "absolute"},
      {"lp:", "queue name"},
      {"lp:-oraw", "cannot start with '-'"},
      {"lp:Thermal 80", "letters, digits"},
  };
  for (const auto& [spec, problem] : cases) {
    StatusOr<PrinterSpec> s = ParsePrinterSpec(spec);
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument) << spec;
    EXPECT_NE(s.status().message().find(problem), std::string::npos) << spec << " → " << s.status().message();
    EXPECT_NE(s.status().message().find("'" + spec + "'"), std::string::npos) << s.status().message();
  }
}

TEST(PrintSpecTest, OpenPrinterChecksTheSpecOnly) {
  StatusOr<std::unique_ptr<Printer>> bad = OpenPrinter("tcp:10.0.0.7");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  // A printer that is not there now may be there for the first ticket.
  StatusOr<std::unique_ptr<Printer>> absent = OpenPrinter("dev:/dev/no-such-printer");
  ASSERT_TRUE(absent.ok());
  EXPECT_EQ((*absent)->spec(), "dev:/dev/no-such-printer");
}

}  // namespace
}  // namespace qms::print
