// The `access:` section: rate limits per role for the access gate, their
// defaults, and every mistake reported as "test.yaml:LINE: path: what".
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "services/config/config_loader.h"
#include "tests/config/config_test_util.h"

namespace qms::config {
namespace {

using test_util::CentreYaml;
using test_util::ExpectInvalid;
using test_util::Parse;

const std::string kCentres = "centres:\n" + CentreYaml("1");

TEST(ConfigAccessTest, DefaultsAreGenerousAndAdminUnlimited) {
  const auto config = Parse(kCentres);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const config::AccessConfig& a = config->access;
  EXPECT_EQ(a.kiosk.per_second, 20u);
  EXPECT_EQ(a.kiosk.burst, 60u);
  EXPECT_EQ(a.board.per_second, 20u);
  EXPECT_EQ(a.clerk.per_second, 20u);
  EXPECT_EQ(a.supervisor.per_second, 20u);
  EXPECT_EQ(a.admin.per_second, 0u);
}

TEST(ConfigAccessTest, NamedRolesChangeTheOthersKeepTheirDefaults) {
  const auto config = Parse(
      "access:\n"
      "  rate_limits:\n"
      "    kiosk: {per_second: 5, burst: 20}\n"
      "    clerk: {per_second: 7}\n"
      "    admin: {per_second: 100, burst: 1000}\n"
      "    board: {per_second: 0}\n" +
      kCentres);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const config::AccessConfig& a = config->access;
  EXPECT_EQ(a.kiosk.per_second, 5u);
  EXPECT_EQ(a.kiosk.burst, 20u);
  EXPECT_EQ(a.clerk.per_second, 7u);
  EXPECT_EQ(a.clerk.burst, 21u);  // three seconds' worth when not given
  EXPECT_EQ(a.admin.burst, 1000u);
  EXPECT_EQ(a.board.per_second, 0u);  // no limit
  EXPECT_EQ(a.supervisor.per_second, 20u);
  EXPECT_EQ(a.supervisor.burst, 60u);
}

TEST(ConfigAccessTest, Mistakes) {
  ExpectInvalid("access:\n  rate_limits:\n    root: {per_second: 5}\n" + kCentres, 3,
                "access.rate_limits.root",
                "unknown key (expected one of: kiosk, board, clerk, supervisor, admin)");
  ExpectInvalid("access:\n  rate_limits:\n    kiosk: {burst: 5}\n" + kCentres, 3,
                "access.rate_limits.kiosk.per_second", "missing");
  ExpectInvalid("access:\n  rate_limits:\n    kiosk: {per_second: -1}\n" + kCentres, 3,
                "access.rate_limits.kiosk.per_second", "expected a whole number");
  ExpectInvalid("access:\n  rate_limits:\n    kiosk: {per_second: 5, burst: 0}\n" + kCentres, 3,
                "access.rate_limits.kiosk.burst", "expected a whole number");
  ExpectInvalid("access:\n  rate_limits:\n    kiosk:\n      per_second: 5\n      rate: 2\n" + kCentres, 5,
                "access.rate_limits.kiosk.rate", "unknown key (expected one of: per_second, burst)");
  ExpectInvalid("access:\n  limits: {}\n" + kCentres, 2, "access.limits",
                "unknown key (expected one of: rate_limits)");
  ExpectInvalid("access: [kiosk]\n" + kCentres, 1, "access", "expected a map");
}

}  // namespace
}  // namespace qms::config
