// The crash loop's judge: what it accepts as found after a kill, and each
// kind of loss and violation it must report.
#include "bench/crash_ledger.h"

#include <gtest/gtest.h>

namespace qms::bench::crash {
namespace {

v1::Ticket T(const std::string& number, v1::TicketState state, int64_t queued = 100,
             v1::Rating rating = v1::RATING_UNSPECIFIED) {
  v1::Ticket t;
  t.set_number(number);
  t.set_state(state);
  t.set_queued_since_us(queued);
  t.set_rating(rating);
  return t;
}

v1::Dossier D(const std::string& code, v1::DossierStatus status, int64_t due) {
  v1::Dossier d;
  d.set_code(code);
  d.set_status(status);
  d.set_due_at_us(due);
  d.set_original_due_at_us(due);
  return d;
}

TEST(CrashLedgerTest, FindingTheLastAcknowledgedStateIsNoLoss) {
  CrashLedger ledger;
  ledger.AckIssue(0, "r1", T("A001", v1::WAITING));
  ledger.AckCall(0, T("A001", v1::CALLED));
  ledger.AckChange(0, T("A001", v1::SERVING));
  EXPECT_TRUE(ledger.Observe(0, T("A001", v1::SERVING)));
  const LedgerCounts c = ledger.counts();
  EXPECT_EQ(c.tickets, 1u);
  EXPECT_EQ(c.ticket_changes, 2u);
  EXPECT_EQ(c.losses + c.violations, 0u);
}

TEST(CrashLedgerTest, AnEarlierStateThanAcknowledgedIsALoss) {
  CrashLedger ledger;
  ledger.AckIssue(0, "r1", T("A001", v1::WAITING));
  ledger.AckCall(0, T("A001", v1::CALLED));
  ledger.AckChange(0, T("A001", v1::DONE));
  EXPECT_FALSE(ledger.Observe(0, T("A001", v1::CALLED)));
  EXPECT_EQ(ledger.counts().losses, 1u);
  ASSERT_FALSE(ledger.problems().empty());
  EXPECT_NE(ledger.problems()[0].find("acknowledged DONE, found CALLED"), std::string::npos);
}

TEST(CrashLedgerTest, ARequestOnTheWireMayOrMayNotHaveLanded) {
  CrashLedger ledger;
  ledger.AckIssue(1, "r1", T("B001", v1::WAITING));
  ledger.AckCall(1, T("B001", v1::CALLED));
  ledger.SetPending(1, "B001", v1::SERVING, v1::RATING_UNSPECIFIED);
  EXPECT_TRUE(ledger.Observe(1, T("B001", v1::SERVING)));
  ledger.SetPending(1, "B001", v1::DONE, v1::RATING_UNSPECIFIED);
  EXPECT_TRUE(ledger.Observe(1, T("B001", v1::SERVING)));  // not applied: still the acknowledged state
  EXPECT_FALSE(ledger.Observe(1, T("B001", v1::WAITING)));
  EXPECT_EQ(ledger.counts().unknown_explained, 1u);
  EXPECT_EQ(ledger.counts().losses, 1u);
}

TEST(CrashLedgerTest, ALostRatingAndAMovedQueueTimeAreLosses) {
  CrashLedger ledger;
  ledger.AckIssue(0, "r1", T("A001", v1::WAITING, 100));
  ledger.AckChange(0, T("A001", v1::DONE, 100));
  ledger.AckRating(0, T("A001", v1::DONE, 100, v1::SATISFIED));
  EXPECT_FALSE(ledger.Observe(0, T("A001", v1::DONE, 100)));
  EXPECT_FALSE(ledger.Observe(0, T("A001", v1::DONE, 999, v1::SATISFIED)));
  EXPECT_EQ(ledger.counts().losses, 2u);
}

TEST(CrashLedgerTest, ANumberTwiceOrARetryAnsweredDifferentlyIsAViolation) {
  CrashLedger ledger;
  ledger.AckIssue(0, "r1", T("A001", v1::WAITING));
  ledger.AckIssue(0, "r2", T("A001", v1::WAITING));  // the same number for another request
  ledger.AckIssue(0, "r1", T("A002", v1::WAITING));  // a retry answered with another number
  ledger.AckIssue(0, "r1", T("A001", v1::WAITING));  // a good retry
  const LedgerCounts c = ledger.counts();
  EXPECT_EQ(c.violations, 2u);
  EXPECT_EQ(c.retries, 2u);
}

TEST(CrashLedgerTest, CallsOutOfIssueOrderAreViolations) {
  CrashLedger ledger;
  ledger.AckCall(2, T("A002", v1::CALLED));
  ledger.AckCall(2, T("A001", v1::CALLED));
  EXPECT_EQ(ledger.counts().violations, 1u);
  // A call on the wire at the kill, found applied, keeps the order too.
  EXPECT_TRUE(ledger.AdoptCall(2, T("A003", v1::CALLED)));
  EXPECT_EQ(ledger.counts().violations, 1u);
  // A ticket already served cannot be called again.
  ledger.AckChange(2, T("A003", v1::DONE));
  EXPECT_FALSE(ledger.AdoptCall(2, T("A003", v1::CALLED)));
  EXPECT_EQ(ledger.counts().losses, 1u);
}

TEST(CrashLedgerTest, ATicketNobodyAcknowledgedIsAViolation) {
  CrashLedger ledger;
  EXPECT_FALSE(ledger.Observe(3, T("B009", v1::WAITING)));
  EXPECT_EQ(ledger.counts().violations, 1u);
}

TEST(CrashLedgerTest, DossierStatusAndDueMomentsAreChecked) {
  CrashLedger ledger;
  v1::ReceiveDossierRequest request;
  request.set_request_id("d1");
  ledger.AckReceive(request, D("X-1", v1::REGISTERED, 5000));
  ledger.AckReceive(request, D("X-1", v1::REGISTERED, 5000));  // a good retry
  EXPECT_EQ(ledger.counts().retries, 1u);
  ledger.SetDossierPending("X-1", v1::ACCEPTED);
  EXPECT_TRUE(ledger.ObserveDossier(D("X-1", v1::ACCEPTED, 5000)));
  EXPECT_FALSE(ledger.ObserveDossier(D("X-1", v1::REGISTERED, 5000)));  // the accept was lost
  EXPECT_EQ(ledger.counts().losses, 1u);
  EXPECT_FALSE(ledger.ObserveDossier(D("X-1", v1::ACCEPTED, 6000)));  // the due moment moved
  ledger.AckReceive(request, D("X-1", v1::ACCEPTED, 7000));           // a retry with another due moment
  EXPECT_EQ(ledger.counts().violations, 2u);
}

}  // namespace
}  // namespace qms::bench::crash
