// The national-size file that qms-gen-config writes is one the server loads.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "bench/config_generator.h"
#include "services/config/config_loader.h"

namespace qms::config {
namespace {

TEST(NationalConfigTest, GeneratedFileForAll3321CentresLoads) {
  bench::ConfigGenOptions options;  // 3,321 centres by default
  std::ostringstream yaml;
  bench::WriteCentreConfig(options, yaml);
  auto config = ParseSystemConfig(yaml.str(), "national.yaml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  ASSERT_EQ(config.value().centres.size(), 3321u);
  std::set<uint32_t> keys;
  std::set<std::string> provinces;
  size_t counters = 0;
  for (const auto& c : config.value().centres) {
    keys.insert(c.key);
    provinces.insert(c.province);
    counters += c.counters.size();
    EXPECT_EQ(c.fields.size(), 4u) << c.id;
    EXPECT_GE(c.counters.size(), 4u) << c.id;
    EXPECT_LE(c.counters.size(), 10u) << c.id;
  }
  EXPECT_EQ(keys.size(), 3321u) << "every centre keys the store uniquely";
  EXPECT_EQ(provinces.size(), 34u);
  EXPECT_GT(counters, 4u * 3321u);
}

}  // namespace
}  // namespace qms::config
