// The `retention:` section: how long raw queue days and closed dossiers are
// kept (docs/retention.md), its defaults and its mistakes.
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

TEST(ConfigRetentionTest, DefaultsAreNinetyDaysAndTenYears) {
  const auto config = Parse(kCentres);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->retention.ticket_days, 90u);
  EXPECT_EQ(config->retention.dossier_years, 10u);
  EXPECT_EQ(config->retention.compaction_mb_per_second, 16u);
}

TEST(ConfigRetentionTest, CompactionPaceIsReadAndZeroLiftsIt) {
  auto config = Parse("retention:\n  compaction_mb_per_second: 40\n" + kCentres);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->retention.compaction_mb_per_second, 40u);
  EXPECT_EQ(config->retention.ticket_days, 90u);
  config = Parse("retention: {compaction_mb_per_second: 0}\n" + kCentres);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->retention.compaction_mb_per_second, 0u);
}

TEST(ConfigRetentionTest, EachKeyAloneKeepsTheOthersDefault) {
  auto config = Parse("retention:\n  ticket_days: 30\n" + kCentres);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->retention.ticket_days, 30u);
  EXPECT_EQ(config->retention.dossier_years, 10u);
  config = Parse(kCentres + "retention: {dossier_years: 20}\n");  // after the centres
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->retention.ticket_days, 90u);
  EXPECT_EQ(config->retention.dossier_years, 20u);
}

TEST(ConfigRetentionTest, Mistakes) {
  ExpectInvalid("retention:\n  ticket_days: 0\n" + kCentres, 2, "retention.ticket_days",
                "expected a whole number");
  ExpectInvalid("retention:\n  ticket_days: 36501\n" + kCentres, 2, "retention.ticket_days",
                "expected a whole number");
  ExpectInvalid("retention:\n  dossier_years: 101\n" + kCentres, 2, "retention.dossier_years",
                "expected a whole number");
  ExpectInvalid("retention:\n  compaction_mb_per_second: 100001\n" + kCentres, 2,
                "retention.compaction_mb_per_second", "expected a whole number");
  ExpectInvalid("retention:\n  days: 5\n" + kCentres, 2, "retention.days",
                "unknown key (expected one of: ticket_days, dossier_years, compaction_mb_per_second)");
}

}  // namespace
}  // namespace qms::config
