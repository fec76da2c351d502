// The fixture of the dossier engine tests: a real RocksDB in a fresh temp
// directory, the group-commit writer, the engine with the shipped calendar
// overrides and a small procedure catalogue, and a ManualClock that starts on
// Monday 2 March 2026 at 08:00 local time. Each operation has a blocking
// wrapper; Restart() closes everything and opens it again on the same
// directory, as a process restart would.
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <utility>

#include "services/deadline/dossier_engine.h"
#include "tests/support/temp_dir.h"

namespace qms::deadline::testing {

inline constexpr char kCentre[] = "101";         // agency 000.17.22.H56, Bắc Ninh
inline constexpr char kOther[] = "202";          // agency 000.14.31.H27, Hải Phòng
inline constexpr char kThird[] = "303";          // agency 000.30.22.H56, Bắc Ninh
inline constexpr char kCopy[] = "2.000815";      // same day, chung_thuc, 2,000 VND
inline constexpr char kContract[] = "2.001035";  // 2 working days, chung_thuc
inline constexpr char kBusiness[] = "1.001612";  // 3 working days, ho_kinh_doanh
inline constexpr char kLand[] = "1.012756";      // 17 working days, dat_dai
inline constexpr char kHours[] = "9.000004";     // 4 working hours, ho_tich (a test procedure)

inline MicrosUtc At(int y, int m, int d, int hour, int minute) {
  return LocalMoment(LocalDate{y, m, d}, hour * 60 + minute);
}

// The national calendar (Monday-Friday) with the shipped overrides, or the
// same with Saturday mornings 07:30-11:30 worked.
std::unique_ptr<WorkingCalendar> ShippedCalendar(bool saturday_morning = false);

class DossierEngineTest : public ::testing::Test {
 protected:
  DossierEngineTest();
  void SetUp() override { Open(); }
  void TearDown() override { Close(); }

  // Puts `centre` in a province that works Saturday mornings (07:30-11:30);
  // the other centres keep `calendar_`. REQUIRES: before Open(), e.g. in a
  // derived fixture's constructor; Restart() keeps it.
  void WorkSaturdayMornings(const std::string& centre);

  void Open();
  void Close();
  void Restart() {
    Close();
    Open();
  }

  // ---- blocking wrappers
  std::pair<Status, DossierResult> Receive(const ReceiveRequest& request);
  std::pair<Status, DossierResult> Receive(const std::string& procedure, const std::string& request_id,
                                           const std::string& centre = kCentre, bool online = false);
  // Receives with a fresh request id; fails the test if refused.
  v1::Dossier MustReceive(const std::string& procedure, const std::string& centre = kCentre,
                          bool online = false);
  std::pair<Status, DossierResult> Act(DossierAction action, const std::string& code,
                                       const std::string& reason = "");
  v1::Dossier MustAct(DossierAction action, const std::string& code, const std::string& reason = "lý do");
  std::pair<Status, DossierResult> Extend(const std::string& code, MicrosUtc new_due,
                                          const std::string& reason = "cần xác minh thêm");
  std::pair<Status, DossierResult> Get(const std::string& code);
  v1::Dossier MustGet(const std::string& code);
  std::pair<Status, ListResult> List(const ListQuery& query);
  std::pair<Status, v1::DailyReport> Report(const ReportQuery& query);

  ManualClock clock_;
  qms::test::TempDir dir_;
  ProcedureCatalogue catalogue_;
  std::unique_ptr<WorkingCalendar> calendar_;  // of every centre whose own is null
  std::unique_ptr<WorkingCalendar> saturday_calendar_;
  std::vector<DossierCentre> centres_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<storage::GroupCommitWriter> writer_;
  std::unique_ptr<DossierEngine> engine_;
  DossierEngineOptions options_;  // used by the next Open()
  Actor actor_;                   // the caller of every change (default: not authenticated)
  DossierRecoveryStats recovery_;
  int next_request_ = 0;
};

}  // namespace qms::deadline::testing
