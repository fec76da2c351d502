// Retention of the deadline store: a closed dossier older than
// retention.dossier_years goes with its list entry; an open one stays; the
// daily figures of its day stay the same; old request ids and audit days
// go, except each centre's latest audit day; numbering goes on.
#include "services/deadline/dossier_retention.h"

#include <gtest/gtest.h>

#include "qms/storage/deadline_records.pb.h"
#include "services/deadline/dossier_keys.h"
#include "storage/audit_trail.h"
#include "storage/keys.h"
#include "tests/deadline/dossier_fixture.h"

namespace qms::deadline::testing {
namespace {

class DossierRetentionTest : public DossierEngineTest {
 protected:
  size_t AuditRecordsOf(uint32_t day) {
    const std::string prefix = storage::CentreDayPrefix(101, day);
    size_t n = 0;
    for (auto it = store_->Scan(storage::Cf::kAudit, prefix, storage::PrefixUpperBound(prefix)); it->Valid();
         it->Next())
      ++n;
    return n;
  }
  std::string DayFigures(uint32_t day) {
    auto [s, report] = Report({kCentre, "", day, v1::DailyReportRequest::JSON});
    return s.ok() ? report.centres(0).SerializeAsString() : s.ToString();
  }
};

TEST(DossierCutoffDayTest, GoesBackWholeYears) {
  EXPECT_EQ(DossierCutoffDay(20360303, 10), 20260303u);
  EXPECT_EQ(DossierCutoffDay(20280229, 1), 20270228u);
}

TEST_F(DossierRetentionTest, OldClosedDossiersGoAndTheirDayFiguresStay) {
  // Monday 2 March 2026: two copies received, one resolved, one left open.
  const v1::Dossier closed = MustReceive(kCopy);
  const v1::Dossier open = MustReceive(kCopy);
  clock_.Set(At(2026, 3, 2, 10, 0));
  MustAct(DossierAction::kResolve, closed.code());
  // Wednesday 4 March: the open one moves; the days before are closed.
  clock_.Set(At(2026, 3, 4, 9, 0));
  engine_->Tick();
  MustAct(DossierAction::kResolve, open.code());
  MustAct(DossierAction::kReturnResult, open.code());
  const v1::Dossier kept = MustReceive(kContract);
  ASSERT_TRUE(writer_->Flush().ok());
  const std::string monday = DayFigures(20260302);
  const uint64_t audit_seq = storage::LastAuditSeq(store_.get(), 101);
  ASSERT_GT(AuditRecordsOf(20260302), 0u);
  ASSERT_GT(AuditRecordsOf(20260304), 0u);

  // Ten years on from Tuesday 3 March 2026: Monday's closed dossier is due.
  auto r = RemoveOldDossiers(centres_, store_.get(), writer_.get(), 20360303, 10);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->cutoff_day, 20260303u);
  EXPECT_EQ(r->dossiers_removed, 1u);  // `open` closed on Wednesday: kept
  EXPECT_EQ(r->days_closed, 0u);       // Monday was closed by the engine
  EXPECT_EQ(Get(closed.code()).first.code(), StatusCode::kNotFound);
  EXPECT_EQ(MustGet(open.code()).status(), v1::RESULT_RETURNED);
  EXPECT_EQ(MustGet(kept.code()).status(), kept.status());
  EXPECT_EQ(DayFigures(20260302), monday);
  EXPECT_EQ(AuditRecordsOf(20260302), 0u);
  EXPECT_GT(AuditRecordsOf(20260304), 0u);
  // The closed list holds `open` alone now.
  ListQuery q;
  q.centre_id = kCentre;
  q.statuses = {v1::RESULT_RETURNED, v1::RESOLVED};
  auto [ls, list] = List(q);
  ASSERT_TRUE(ls.ok()) << ls.ToString();
  ASSERT_EQ(list.dossiers.size(), 1u);
  EXPECT_EQ(list.dossiers[0].code(), open.code());

  // Numbering and the audit trail go on, also after a restart.
  Restart();
  const v1::Dossier next = MustReceive(kCopy);
  EXPECT_EQ(next.code().substr(next.code().size() - 4), "0002");  // after `kept`, 0001 of Wednesday
  EXPECT_GT(storage::LastAuditSeq(store_.get(), 101), audit_seq);
  // A second pass finds nothing more.
  auto again = RemoveOldDossiers(centres_, store_.get(), writer_.get(), 20360303, 10);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->dossiers_removed, 0u);
  EXPECT_EQ(again->ranges_deleted, 0u);
}

TEST_F(DossierRetentionTest, ADayNeverClosedIsClosedWithItsCountBeforeItsRequestIdsGo) {
  for (int i = 0; i < 3; ++i) MustReceive(kCopy);  // Monday; receives write no day figures
  ASSERT_TRUE(writer_->Flush().ok());
  std::string value;
  ASSERT_EQ(store_->Get(storage::Cf::kDossierIndex, DayKey(101, 20260302), &value).code(),
            StatusCode::kNotFound);
  // Paced as qms-server runs it (retention.compaction_mb_per_second 16).
  auto r = RemoveOldDossiers(centres_, store_.get(), writer_.get(), 20360303, 10, uint64_t{16} << 20);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->days_closed, 1u);
  EXPECT_EQ(r->dossiers_removed, 0u);  // all open
  ASSERT_TRUE(store_->Get(storage::Cf::kDossierIndex, DayKey(101, 20260302), &value).ok());
  storage::DossierDayRecord record;
  ASSERT_TRUE(record.ParseFromString(value));
  EXPECT_TRUE(record.closed());
  EXPECT_EQ(record.day(), 20260302u);
  EXPECT_EQ(record.figures().received(), 3u);
  const std::string requests = RequestPrefix(101, 0);
  EXPECT_FALSE(store_->Scan(storage::Cf::kDossierIndex, requests, RequestPrefix(101, 20260303))->Valid());
}

}  // namespace
}  // namespace qms::deadline::testing
