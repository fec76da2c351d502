// Smoke test of every qms-bench mode against FakeQueueServer (in process, on
// 127.0.0.1, ephemeral port): small rates for a second or so. Checks that each
// mode completes and reports consistent figures, never how fast anything is.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bench/modes.h"
#include "tests/bench/fake_queue_server.h"
#include "tests/bench/smoke_results.h"

namespace qms::bench {
namespace {

using nlohmann::json;
using smoke::Errors;
using smoke::Ok;

class ModesSmokeTest : public ::testing::Test {
 protected:
  void SetUp() override { directory_ = smoke::ScratchDirectory("qms_bench_modes_"); }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  CommonOptions Options(const std::string& name) const {
    CommonOptions options = smoke::ShortRun(server_.target(), directory_, name);
    options.threads = 2;
    return options;
  }

  static json Read(const CommonOptions& options) { return smoke::ReadResult(options); }

  testing::FakeQueueServer server_{20};  // 20 centres, 40 counters
  std::filesystem::path directory_;
};

TEST_F(ModesSmokeTest, Issue) {
  CommonOptions options = Options("issue");
  options.rate = 300;
  ASSERT_EQ(RunIssueMode(options), 0);
  const json run = Read(options)["runs"][0];
  EXPECT_EQ(Ok(run, "operation"), 300u);
  EXPECT_EQ(Ok(run, "IssueTicket"), 300u);
  EXPECT_EQ(run["metrics"]["operation"]["failed"].get<uint64_t>(), 0u);
}

// --flood-share 0.75: three issues in four go to the first centre (over its
// own connection), the rest to the others; each group has its own row.
TEST_F(ModesSmokeTest, IssueWithAFloodingCentre) {
  CommonOptions options = Options("flood");
  options.rate = 400;
  FloodOptions flood;
  flood.share = 0.75;
  ASSERT_EQ(RunIssueMode(options, flood), 0);
  const json result = Read(options);
  const json run = result["runs"][0];
  EXPECT_EQ(Ok(run, "IssueTicket"), 400u);
  EXPECT_EQ(Ok(run, "IssueTicket_flood"), 300u);
  EXPECT_EQ(Ok(run, "IssueTicket_others"), 100u);
  EXPECT_FALSE(result["outcome"]["flooding_centre"].get<std::string>().empty());
  EXPECT_EQ(result["parameters"]["flood_share"].get<double>(), 0.75);
}

TEST_F(ModesSmokeTest, PrefillIssuesExactlyN) {
  CommonOptions options = Options("prefill");
  options.in_flight = 32;
  ASSERT_EQ(RunPrefillMode(options, 1000), 0);
  const json result = Read(options);
  EXPECT_EQ(result["outcome"]["tickets_issued"].get<uint64_t>(), 1000u);
}

TEST_F(ModesSmokeTest, CallServesEveryCycle) {
  CommonOptions options = Options("call");
  options.rate = 200;
  ASSERT_EQ(RunCallMode(options, CallModeOptions{"serve", 0}), 0);
  const json result = Read(options);
  const json& run = result["runs"][0];
  EXPECT_EQ(Ok(run, "operation"), 200u);
  EXPECT_EQ(Ok(run, "CallNext"), 200u);
  EXPECT_EQ(Ok(run, "StartServing"), 200u);
  EXPECT_EQ(Ok(run, "Complete"), 200u);
  EXPECT_EQ(result["outcome"]["calls_without_ticket"].get<uint64_t>(), 0u);
  EXPECT_EQ(result["outcome"]["counters"].get<uint64_t>(), 40u);
  EXPECT_EQ(run["prepare_metrics"]["OpenCounter"]["ok"].get<uint64_t>(), 40u);
}

TEST_F(ModesSmokeTest, CallWithNoShowAndWithDirectComplete) {
  CommonOptions options = Options("call_no_show");
  options.rate = 100;
  ASSERT_EQ(RunCallMode(options, CallModeOptions{"no-show", 0}), 0);
  EXPECT_EQ(Ok(Read(options)["runs"][0], "MarkNoShow"), 100u);

  options = Options("call_complete");
  options.rate = 100;
  ASSERT_EQ(RunCallMode(options, CallModeOptions{"complete", 0}), 0);
  const json run = Read(options)["runs"][0];
  EXPECT_EQ(Ok(run, "Complete"), 100u);
  EXPECT_EQ(Ok(run, "StartServing"), 0u);
}

TEST_F(ModesSmokeTest, CallOnEmptyQueuesCountsCallsWithoutTicket) {
  CommonOptions options = Options("call_dry");
  options.rate = 200;
  ASSERT_EQ(RunCallMode(options, CallModeOptions{"serve", 1}), 0);
  const json result = Read(options);
  // 40 counters, one ticket each: 40 tickets for 200 calls.
  EXPECT_EQ(Ok(result["runs"][0], "Complete"), 40u);
  EXPECT_EQ(result["outcome"]["calls_without_ticket"].get<uint64_t>(), 160u);
  EXPECT_EQ(Errors(result["runs"][0], "operation", "NOT_FOUND"), 160u);
}

TEST_F(ModesSmokeTest, MixedRunsEveryStepAndLeftoverTicketsAreRecovered) {
  CommonOptions options = Options("mixed");
  options.rate = 400;
  ASSERT_EQ(RunMixedMode(options, MixedModeOptions{}), 0);
  const json run = Read(options)["runs"][0];
  EXPECT_GT(Ok(run, "IssueTicket"), 0u);
  EXPECT_GT(Ok(run, "CallNext"), 0u);
  EXPECT_GT(Ok(run, "StartServing"), 0u);
  EXPECT_GT(Ok(run, "Complete"), 0u);
  EXPECT_EQ(Errors(run, "operation", "FAILED_PRECONDITION"), 0u);

  // Mixed leaves counters holding tickets; a call run finishes them while
  // preparing, so its cycles never meet FAILED_PRECONDITION.
  CommonOptions call = Options("call_after_mixed");
  call.rate = 100;
  ASSERT_EQ(RunCallMode(call, CallModeOptions{"serve", 0}), 0);
  const json call_run = Read(call)["runs"][0];
  EXPECT_EQ(Ok(call_run, "operation"), 100u);
  EXPECT_EQ(Errors(call_run, "CallNext", "FAILED_PRECONDITION"), 0u);
}

TEST_F(ModesSmokeTest, WatchMeasuresCallToEvent) {
  CommonOptions options = Options("watch");
  options.rate = 100;
  WatchModeOptions watch;
  watch.streams = 12;
  ASSERT_EQ(RunWatchMode(options, watch), 0);
  const json result = Read(options);
  EXPECT_EQ(result["outcome"]["streams_opened"].get<uint64_t>(), 12u);
  EXPECT_EQ(result["outcome"]["streams_failed"].get<uint64_t>(), 0u);
  EXPECT_GT(result["outcome"]["called_events_received"].get<uint64_t>(), 0u);
  const json& run = result["runs"][0];
  EXPECT_GT(Ok(run, "call_to_event"), 0u);
  EXPECT_GT(Ok(run, "watch_event_delay"), Ok(run, "call_to_event"));
}

TEST_F(ModesSmokeTest, SweepStepsUpAndFindsAKnee) {
  CommonOptions options = Options("sweep");
  SweepOptions sweep;
  sweep.workload = "echo";
  sweep.start_rate = 100;
  sweep.step_factor = 2;
  sweep.max_steps = 2;
  sweep.step_seconds = 0.5;
  sweep.p99_bound_ms = 10000;  // generous: this checks the stepping, not speed
  sweep.min_achieved_ratio = 0.5;
  ASSERT_EQ(RunSweepMode(options, sweep), 0);
  const json result = Read(options);
  ASSERT_EQ(result["runs"].size(), 2u);
  EXPECT_DOUBLE_EQ(result["runs"][0]["offered_per_second"].get<double>(), 100);
  EXPECT_DOUBLE_EQ(result["runs"][1]["offered_per_second"].get<double>(), 200);
  EXPECT_DOUBLE_EQ(result["outcome"]["knee_rate"].get<double>(), 200);
  EXPECT_TRUE(std::filesystem::exists(directory_ / "sweep.gp"));
}

TEST_F(ModesSmokeTest, SweepStopsAtTheFirstBrokenBound) {
  CommonOptions options = Options("sweep_broken");
  SweepOptions sweep;
  sweep.start_rate = 100;
  sweep.max_steps = 5;
  sweep.step_seconds = 0.5;
  sweep.p99_bound_ms = 0.0;  // nothing can meet it
  ASSERT_EQ(RunSweepMode(options, sweep), 0);
  const json result = Read(options);
  EXPECT_EQ(result["runs"].size(), 1u);
  EXPECT_DOUBLE_EQ(result["outcome"]["knee_rate"].get<double>(), 0);
}

TEST_F(ModesSmokeTest, GoliveDayInThreeSeconds) {
  CommonOptions options = Options("golive");
  GoliveParameters golive;
  golive.day_minutes = 0.05;
  golive.tickets_per_centre = 60;
  ASSERT_EQ(RunGoliveMode(options, golive), 0);
  const json result = Read(options);
  const json& run = result["runs"][0];
  EXPECT_GT(Ok(run, "IssueTicket"), 0u);
  EXPECT_GT(Ok(run, "CallNext"), 0u);
  EXPECT_GT(Ok(run, "Complete"), 0u);
  EXPECT_EQ(run["metrics"]["IssueTicket"]["failed"].get<uint64_t>(), 0u);
  EXPECT_FALSE(result["outcome"]["by_simulated_hour"].empty());
  EXPECT_NEAR(result["outcome"]["tickets_planned"].get<double>(), 20 * 60, 1);
}

}  // namespace
}  // namespace qms::bench
