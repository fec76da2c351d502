// Who changed a dossier: the caller's subject when authenticated (the
// request's clerk_id otherwise), on the dossier and in the audit trail,
// whose record every change writes in the same batch.
#include <gtest/gtest.h>

#include "services/deadline/dossier_keys.h"
#include "storage/audit_trail.h"
#include "tests/deadline/dossier_fixture.h"

namespace qms::deadline::testing {
namespace {

constexpr uint32_t kKey = 101;
constexpr uint32_t kDay = 20260302;

Actor Lan() {
  Actor a;
  a.subject = "lan";
  a.role = "CLERK";
  a.authenticated = true;
  a.peer = "ipv4:10.0.0.7:51234";
  return a;
}

class DossierAuditTest : public DossierEngineTest {
 protected:
  std::vector<v1::AuditRecord> Records() {
    std::vector<v1::AuditRecord> out;
    bool more = false;
    EXPECT_TRUE(storage::ReadAuditDay(store_.get(), kKey, kDay, 0, 1000, &out, &more).ok());
    return out;
  }
};

TEST_F(DossierAuditTest, EveryChangeIsRecordedWithTheAuthenticatedCallerAsItsClerk) {
  actor_ = Lan();
  const v1::Dossier first = MustReceive(kBusiness);
  EXPECT_EQ(first.clerk_id(), "lan") << "the request said clerk-1";
  EXPECT_EQ(first.last_clerk_id(), "lan");
  const std::string code = first.code();
  MustAct(DossierAction::kStartProcessing, code);
  MustAct(DossierAction::kRequestSupplement, code, "thiếu bản sao CCCD");
  MustAct(DossierAction::kResume, code);
  MustAct(DossierAction::kRequestFinancialObligation, code);
  MustAct(DossierAction::kResume, code);
  auto [extended, letter] = Extend(code, At(2026, 3, 10, 17, 0));
  ASSERT_TRUE(extended.ok()) << extended.ToString();
  MustAct(DossierAction::kResolve, code);
  const v1::Dossier returned = MustAct(DossierAction::kReturnResult, code, "");
  EXPECT_EQ(returned.clerk_id(), "lan");
  EXPECT_EQ(returned.last_clerk_id(), "lan") << "the requests said clerk-2";

  const std::string online = MustReceive(kCopy, kCentre, /*online=*/true).code();
  MustAct(DossierAction::kAccept, online);
  MustAct(DossierAction::kReject, online, "sai mẫu tờ khai");
  MustAct(DossierAction::kWithdraw, MustReceive(kCopy).code(), "công dân rút");
  MustAct(DossierAction::kStop, MustReceive(kBusiness).code(), "hồ sơ giả");

  const auto records = Records();
  std::vector<std::string> actions;
  for (const auto& r : records) actions.push_back(r.action());
  EXPECT_EQ(actions,
            (std::vector<std::string>{"ReceiveDossier", "StartProcessing", "RequestSupplement",
                                      "ResumeProcessing", "RequestFinancialObligation", "ResumeProcessing",
                                      "ExtendDeadline", "Resolve", "ReturnResult", "ReceiveDossier", "Accept",
                                      "Reject", "ReceiveDossier", "Withdraw", "ReceiveDossier", "Stop"}));
  for (size_t i = 0; i < records.size(); ++i) {
    const v1::AuditRecord& r = records[i];
    SCOPED_TRACE(r.summary());
    EXPECT_EQ(r.seq(), i + 1);
    EXPECT_EQ(r.source(), v1::AUDIT_DEADLINE);
    EXPECT_EQ(r.centre_id(), kCentre);
    EXPECT_EQ(r.service_day(), kDay);
    EXPECT_EQ(r.subject(), "lan");
    EXPECT_EQ(r.role(), "CLERK");
    EXPECT_TRUE(r.authenticated());
    EXPECT_EQ(r.peer(), "ipv4:10.0.0.7:51234");
    EXPECT_EQ(r.clerk_id(), "lan");
    EXPECT_EQ(r.result(), "OK");
    EXPECT_FALSE(r.dossier_code().empty());
  }
  EXPECT_EQ(records[0].summary(),
            "ReceiveDossier " + code + " · " + kBusiness + " · Trần Thị B → hẹn trả 17:00 05/03/2026");
  EXPECT_EQ(records[2].summary(),
            "RequestSupplement " + code + " → SUPPLEMENT_REQUESTED (5) (lý do: thiếu bản sao CCCD)");
  EXPECT_EQ(records[6].summary(),
            "ExtendDeadline " + code + " → 17:00 10/03/2026 (lý do: cần xác minh thêm)");
  EXPECT_EQ(records[8].summary(), "ReturnResult " + code + " → RESULT_RETURNED (10)");
  EXPECT_EQ(records[9].summary(), "ReceiveDossier " + online + " · " + kCopy + " · Trần Thị B");
  EXPECT_EQ(records[11].dossier_code(), online);
}

TEST_F(DossierAuditTest, WithoutAuthenticationTheRequestsClerkIsRecorded) {
  const v1::Dossier d = MustReceive(kCopy);
  EXPECT_EQ(d.clerk_id(), "clerk-1");
  EXPECT_EQ(d.last_clerk_id(), "clerk-1");
  EXPECT_EQ(MustAct(DossierAction::kResolve, d.code()).last_clerk_id(), "clerk-2");
  EXPECT_EQ(MustGet(d.code()).clerk_id(), "clerk-1") << "the receiver stays on the dossier";
  const auto records = Records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].subject(), "anonymous");
  EXPECT_FALSE(records[0].authenticated());
  EXPECT_EQ(records[0].clerk_id(), "clerk-1");
  EXPECT_EQ(records[1].clerk_id(), "clerk-2");
}

TEST_F(DossierAuditTest, ARefusedChangeWritesNoRecordAndTheSequenceSurvivesARestart) {
  const std::string code = MustReceive(kCopy).code();
  EXPECT_EQ(Act(DossierAction::kReturnResult, code).first.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Extend(code, At(2026, 3, 1, 17, 0)).first.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Records().size(), 1u);
  Restart();
  MustAct(DossierAction::kResolve, code);
  const auto records = Records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].seq(), 2u);
  EXPECT_EQ(records[1].action(), "Resolve");
}

}  // namespace
}  // namespace qms::deadline::testing
