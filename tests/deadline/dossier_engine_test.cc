// The engine on a real RocksDB: codes per agency per day, idempotency,
// transitions with nothing changed when refused, pauses and extensions,
// restart, and concurrency.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "services/deadline/dossier_keys.h"
#include "tests/deadline/dossier_fixture.h"
#include "tests/support/dossier_transition_table.h"

namespace qms::deadline::testing {
namespace {

TEST_F(DossierEngineTest, CodesAreNumberedPerAgencyPerDay) {
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0001");
  EXPECT_EQ(MustReceive(kLand).code(), "000.17.22.H56-260302-0002");
  EXPECT_EQ(MustReceive(kCopy, kOther).code(), "000.14.31.H27-260302-0001");
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0003");
  clock_.Set(At(2026, 3, 3, 7, 45));
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260303-0001");
  EXPECT_EQ(MustReceive(kCopy, kOther).code(), "000.14.31.H27-260303-0001");
}

TEST_F(DossierEngineTest, ReceiveGivesStatusDueAndReceiptSlip) {
  auto [s, r] = Receive(kCopy, "kiosk-1");
  ASSERT_TRUE(s.ok()) << s.ToString();
  const v1::Dossier& d = r.dossier;
  EXPECT_EQ(d.status(), v1::ACCEPTED);
  EXPECT_EQ(d.centre_id(), "101");
  EXPECT_EQ(d.field_id(), "chung_thuc");
  EXPECT_EQ(d.received_at_us(), At(2026, 3, 2, 8, 0));
  EXPECT_EQ(d.due_at_us(), At(2026, 3, 2, 17, 0));
  EXPECT_EQ(d.receipt_day(), 20260302u);
  EXPECT_FALSE(r.replayed);
  ASSERT_TRUE(r.has_receipt);
  EXPECT_EQ(r.receipt.dossier_code(), d.code());
  EXPECT_EQ(r.receipt.centre_name(), "Phường Kinh Bắc");
  EXPECT_EQ(r.receipt.agency_code(), "000.17.22.H56");
  EXPECT_EQ(r.receipt.appointment_at_us(), d.due_at_us());
  EXPECT_EQ(r.receipt.fee_vnd(), 2000);
  EXPECT_EQ(r.receipt.applicant_name(), "Trần Thị B");
  // Durable before the reply: the store has it.
  EXPECT_EQ(MustGet(d.code()).SerializeAsString(), d.SerializeAsString());
}

TEST_F(DossierEngineTest, OnlineDossierIsRegisteredUntilAccepted) {
  v1::Dossier d = MustReceive(kContract, kCentre, /*online=*/true);
  EXPECT_EQ(d.status(), v1::REGISTERED);
  EXPECT_EQ(d.due_at_us(), 0);
  clock_.Set(At(2026, 3, 2, 16, 0));
  auto [s, r] = Act(DossierAction::kAccept, d.code());
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.dossier.status(), v1::ACCEPTED);
  EXPECT_EQ(r.dossier.accepted_at_us(), At(2026, 3, 2, 16, 0));
  EXPECT_EQ(r.dossier.due_at_us(), At(2026, 3, 4, 17, 0));
  ASSERT_TRUE(r.has_receipt);
  EXPECT_EQ(r.receipt.appointment_at_us(), At(2026, 3, 4, 17, 0));
}

TEST_F(DossierEngineTest, RetryWithTheSameRequestIdReturnsTheSameDossier) {
  auto [s1, first] = Receive(kCopy, "kiosk-7");
  ASSERT_TRUE(s1.ok());
  auto [s2, again] = Receive(kCopy, "kiosk-7");
  ASSERT_TRUE(s2.ok());
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.dossier.code(), first.dossier.code());
  EXPECT_TRUE(again.has_receipt);
  // Another procedure with the same id: ALREADY_EXISTS.
  auto [s3, other] = Receive(kLand, "kiosk-7");
  EXPECT_EQ(s3.code(), StatusCode::kAlreadyExists);
  // Request ids are per centre.
  auto [s4, elsewhere] = Receive(kCopy, "kiosk-7", kOther);
  ASSERT_TRUE(s4.ok());
  EXPECT_FALSE(elsewhere.replayed);
  // The retry after a restart still replays, and nothing new was numbered.
  Restart();
  EXPECT_EQ(recovery_.request_ids, 2u);
  auto [s5, after] = Receive(kCopy, "kiosk-7");
  ASSERT_TRUE(s5.ok());
  EXPECT_TRUE(after.replayed);
  EXPECT_EQ(after.dossier.code(), first.dossier.code());
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0002");
}

TEST_F(DossierEngineTest, UnknownCentreProcedureOrDossier) {
  EXPECT_EQ(Receive(kCopy, "r1", "999").first.code(), StatusCode::kNotFound);
  EXPECT_EQ(Receive("9.999999", "r2").first.code(), StatusCode::kNotFound);
  EXPECT_EQ(Get("000.17.22.H56-260302-0042").first.code(), StatusCode::kNotFound);
  EXPECT_EQ(Get("000.99.99.H99-260302-0001").first.code(), StatusCode::kNotFound);
  EXPECT_EQ(Act(DossierAction::kResolve, "not-a-code").first.code(), StatusCode::kNotFound);
  EXPECT_EQ(Act(DossierAction::kResolve, "000.17.22.H56-260302-0042").first.code(), StatusCode::kNotFound);
}

class TransitionsThroughEngineTest : public DossierEngineTest {
 protected:
  // Puts a fresh dossier in `status` by the legal path.
  v1::Dossier Reach(v1::DossierStatus status) {
    using A = DossierAction;
    const bool online = status == v1::REGISTERED || status == v1::NOT_ACCEPTED;
    v1::Dossier d = MustReceive(kBusiness, kCentre, online);
    const std::string c = d.code();
    switch (status) {
      case v1::NOT_ACCEPTED: return MustAct(A::kReject, c);
      case v1::PROCESSING: return MustAct(A::kStartProcessing, c);
      case v1::SUPPLEMENT_REQUESTED: return MustAct(A::kRequestSupplement, c, "thiếu bản sao");
      case v1::FINANCIAL_OBLIGATION: return MustAct(A::kRequestFinancialObligation, c);
      case v1::WITHDRAWN: return MustAct(A::kWithdraw, c);
      case v1::STOPPED: return MustAct(A::kStop, c);
      case v1::RESOLVED: return MustAct(A::kResolve, c);
      case v1::RESULT_RETURNED: MustAct(A::kResolve, c); return MustAct(A::kReturnResult, c);
      default: return d;
    }
  }
};

TEST_F(TransitionsThroughEngineTest, EveryStatusTimesEveryAction) {
  const std::map<DossierAction, std::set<int>>& legal = qms::test::LegalDossierActions();
  std::map<int, int> expected_by_status;
  for (int s = 1; s <= 10; ++s) {
    for (DossierAction action : kAllActions) {
      clock_.Advance(kMicrosPerMinute);
      SCOPED_TRACE(std::string(ActionName(action)) + " from " + std::to_string(s));
      const v1::Dossier before = Reach(static_cast<v1::DossierStatus>(s));
      ASSERT_EQ(before.status(), s);
      auto [status, result] = Act(action, before.code(), "lý do");
      if (legal.at(action).count(s)) {
        ASSERT_TRUE(status.ok()) << status.ToString();
        EXPECT_EQ(result.dossier.status(), StatusAfter(action));
        expected_by_status[StatusAfter(action)]++;
      } else {
        EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();
        EXPECT_EQ(MustGet(before.code()).SerializeAsString(), before.SerializeAsString());
        expected_by_status[s]++;
      }
    }
  }
  // Every dossier is listed under the status it has now, exactly once.
  for (int s = 1; s <= 10; ++s) {
    ListQuery q;
    q.centre_id = kCentre;
    q.statuses = {static_cast<v1::DossierStatus>(s)};
    q.page_size = 500;
    auto [ls, list] = List(q);
    ASSERT_TRUE(ls.ok()) << ls.ToString();
    EXPECT_EQ(static_cast<int>(list.dossiers.size()), expected_by_status[s]) << "status " << s;
    for (const auto& d : list.dossiers) EXPECT_EQ(d.status(), s);
  }
}

TEST_F(DossierEngineTest, SupplementPausesTheClockAndResumeMovesTheDue) {
  clock_.Set(At(2026, 3, 2, 9, 0));
  const v1::Dossier d = MustReceive(kBusiness);  // due Thursday 5 March 17:00
  EXPECT_EQ(d.due_at_us(), At(2026, 3, 5, 17, 0));
  clock_.Set(At(2026, 3, 3, 16, 0));
  v1::Dossier paused = MustAct(DossierAction::kRequestSupplement, d.code(), "thiếu giấy tờ");
  EXPECT_EQ(paused.status(), v1::SUPPLEMENT_REQUESTED);
  EXPECT_EQ(paused.paused_since_us(), At(2026, 3, 3, 16, 0));
  clock_.Set(At(2026, 3, 4, 9, 0));
  v1::Dossier resumed = MustAct(DossierAction::kResume, d.code());
  EXPECT_EQ(resumed.status(), v1::PROCESSING);
  EXPECT_EQ(resumed.paused_working_us(), 150 * kMicrosPerMinute);
  EXPECT_EQ(resumed.due_at_us(), At(2026, 3, 6, 10, 0));
  EXPECT_EQ(MustGet(d.code()).due_at_us(), At(2026, 3, 6, 10, 0));
}

TEST_F(DossierEngineTest, ExtendOnceWithApologyLetter) {
  const v1::Dossier d = MustReceive(kBusiness);  // due Thursday 5 March
  clock_.Set(At(2026, 3, 4, 10, 0));
  auto [s, r] = Extend(d.code(), At(2026, 3, 10, 17, 0));
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.dossier.due_at_us(), At(2026, 3, 10, 17, 0));
  EXPECT_EQ(r.dossier.original_due_at_us(), At(2026, 3, 5, 17, 0));
  EXPECT_FALSE(r.dossier.extension().late_request());
  ASSERT_TRUE(r.has_letter);
  EXPECT_EQ(r.letter.dossier_code(), d.code());
  EXPECT_EQ(r.letter.new_due_at_us(), At(2026, 3, 10, 17, 0));
  auto [again, unused] = Extend(d.code(), At(2026, 3, 12, 17, 0));
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(MustGet(d.code()).due_at_us(), At(2026, 3, 10, 17, 0));
}

TEST_F(DossierEngineTest, RestartKeepsEveryAcknowledgedDossierAndTheCounterContinues) {
  std::vector<v1::Dossier> acknowledged;
  const char* procedures[] = {kCopy, kContract, kBusiness, kLand, kHours};
  for (int i = 0; i < 40; ++i) {
    clock_.Advance(7 * kMicrosPerMinute);
    acknowledged.push_back(MustReceive(procedures[i % 5], i % 4 == 3 ? kOther : kCentre));
  }
  MustAct(DossierAction::kRequestSupplement, acknowledged[2].code(), "thiếu");
  acknowledged[2] = MustGet(acknowledged[2].code());
  Restart();
  for (const auto& d : acknowledged) {
    const v1::Dossier stored = MustGet(d.code());
    EXPECT_EQ(stored.SerializeAsString(), d.SerializeAsString()) << d.code();
  }
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0031");
  EXPECT_EQ(MustReceive(kCopy, kOther).code(), "000.14.31.H27-260302-0011");
  // The paused gauge came back too.
  auto [s, report] = Report({kCentre, "", 0, v1::DailyReportRequest::JSON});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(report.centres(0).paused(), 1u);
  EXPECT_EQ(report.centres(0).received(), 31u);
}

TEST_F(DossierEngineTest, RestartOnALaterDayStartsANewCounter) {
  MustReceive(kCopy);
  Close();
  clock_.Set(At(2026, 3, 3, 8, 0));
  Open();
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260303-0001");
}

TEST_F(DossierEngineTest, AClockThatRanAheadNeverReusesACode) {
  clock_.Set(At(2026, 3, 4, 9, 0));  // two days ahead by mistake
  Restart();
  MustReceive(kCopy);
  MustReceive(kCopy);
  clock_.Set(At(2026, 3, 2, 9, 0));  // corrected
  Restart();
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0001");
  clock_.Set(At(2026, 3, 4, 9, 30));  // the day comes: numbering continues
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260304-0003");
}

TEST_F(DossierEngineTest, ConcurrentReceivesGetDistinctConsecutiveNumbers) {
  constexpr int kThreads = 4, kEach = 50;
  std::vector<std::vector<std::string>> codes(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto [s, r] = Receive(kCopy, "t" + std::to_string(t) + "-" + std::to_string(i));
        if (s.ok()) codes[t].push_back(r.dossier.code());
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> all;
  for (const auto& v : codes) all.insert(v.begin(), v.end());
  ASSERT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(*all.begin(), "000.17.22.H56-260302-0001");
  EXPECT_EQ(*all.rbegin(), "000.17.22.H56-260302-0200");
}

TEST_F(DossierEngineTest, ConcurrentActionsOnOneDossierApplyExactlyOnce) {
  for (int round = 0; round < 10; ++round) {
    const v1::Dossier d = MustReceive(kBusiness);
    std::atomic<int> ok{0}, refused{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        auto [s, r] = Act(DossierAction::kResolve, d.code());
        (s.ok() ? ok : refused)++;
        if (!s.ok()) {
          EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(refused.load(), 3);
  }
  auto [s, report] = Report({kCentre, "", 0, v1::DailyReportRequest::JSON});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(report.centres(0).resolved_early() + report.centres(0).resolved_on_time(), 10u);
}

TEST_F(DossierEngineTest, ConcurrentMixedActionsKeepIndexAndGaugeConsistent) {
  options_.read_threads = 4;
  Restart();
  std::vector<std::string> codes;
  for (int i = 0; i < 5; ++i) codes.push_back(MustReceive(kLand).code());
  const DossierAction actions[] = {DossierAction::kStartProcessing, DossierAction::kRequestSupplement,
                                   DossierAction::kRequestFinancialObligation, DossierAction::kResume};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 60; ++i) {
        clock_.Advance(kMicrosPerMinute);
        auto [s, r] = Act(actions[(t + i * 7) % 4], codes[(t * 3 + i) % codes.size()], "lý do");
        if (!s.ok()) {
          EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  ListQuery q;
  q.centre_id = kCentre;
  q.page_size = 500;
  auto [ls, list] = List(q);
  ASSERT_TRUE(ls.ok());
  ASSERT_EQ(list.dossiers.size(), codes.size()) << "one index entry per dossier";
  uint32_t paused = 0;
  for (const auto& listed : list.dossiers) {
    const v1::Dossier stored = MustGet(listed.code());
    EXPECT_EQ(stored.SerializeAsString(), listed.SerializeAsString());
    if (IsPaused(stored.status())) ++paused;
  }
  auto [rs, report] = Report({kCentre, "", 0, v1::DailyReportRequest::JSON});
  ASSERT_TRUE(rs.ok());
  EXPECT_EQ(report.centres(0).paused(), paused);
}

TEST_F(DossierEngineTest, SharedAgencyCodesAreRefused) {
  std::vector<DossierCentre> centres = centres_;
  centres[1].agency_code = centres[0].agency_code;
  auto engine =
      DossierEngine::Create(centres, &catalogue_, calendar_.get(), store_.get(), writer_.get(), &clock_);
  EXPECT_EQ(engine.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(DossierEngineTest, DossierCodesParse) {
  std::string_view agency;
  uint32_t day = 0, number = 0;
  ASSERT_TRUE(ParseDossierCode("000.17.22.H56-210531-0001", &agency, &day, &number));
  EXPECT_EQ(agency, "000.17.22.H56");
  EXPECT_EQ(day, 210531u);
  EXPECT_EQ(number, 1u);
  EXPECT_EQ(FormatDossierCode("X1", LocalDate{2026, 3, 2}, 12345), "X1-260302-12345");
  for (const char* bad :
       {"", "-260302-0001", "A-26030-0001", "A-260302-001", "A-2603a2-0001", "A260302-0001"}) {
    EXPECT_FALSE(ParseDossierCode(bad, &agency, &day, &number)) << bad;
  }
}

}  // namespace
}  // namespace qms::deadline::testing
