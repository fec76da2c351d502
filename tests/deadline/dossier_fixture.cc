#include "tests/deadline/dossier_fixture.h"

namespace qms::deadline::testing {

std::unique_ptr<WorkingCalendar> ShippedCalendar(bool saturday_morning) {
  auto overrides =
      LoadCalendarOverrides(std::string(QMS_SOURCE_DIR) + "/services/calendar/calendar_overrides.yaml");
  EXPECT_TRUE(overrides.ok()) << overrides.status().message();
  CalendarConfig config;
  config.overrides = std::move(*overrides);
  config.saturday_morning = saturday_morning;
  auto calendar = WorkingCalendar::Create(std::move(config));
  EXPECT_TRUE(calendar.ok()) << calendar.status().message();
  return std::move(*calendar);
}

namespace {

template <typename T>
std::pair<Status, T> Wait(const std::function<void(std::function<void(const Status&, T*)>)>& start) {
  std::promise<std::pair<Status, T>> done;
  auto future = done.get_future();
  start([&done](const Status& s, T* r) { done.set_value({s, std::move(*r)}); });
  return future.get();
}

}  // namespace

DossierEngineTest::DossierEngineTest() : clock_(At(2026, 3, 2, 8, 0)), calendar_(ShippedCalendar()) {
  auto catalogue = ProcedureCatalogue::FromList({
      {kCopy,
       "chung_thuc",
       "Chứng thực bản sao từ bản chính",
       "Certified copy",
       {LimitKind::kSameDay, 0},
       2000},
      {kContract,
       "chung_thuc",
       "Chứng thực hợp đồng giao dịch",
       "Contract",
       {LimitKind::kWorkingDays, 2},
       50000},
      {kBusiness, "ho_kinh_doanh", "Đăng ký hộ kinh doanh", "Business", {LimitKind::kWorkingDays, 3}, 100000},
      {kLand, "dat_dai", "Đăng ký đất đai lần đầu", "Land", {LimitKind::kWorkingDays, 17}, 100000},
      {kHours, "ho_tich", "Thủ tục thử theo giờ", "Hours test", {LimitKind::kWorkingHours, 4}, 0},
  });
  EXPECT_TRUE(catalogue.ok());
  catalogue_ = std::move(*catalogue);
  const std::vector<std::string> fields = {"chung_thuc", "ho_tich", "dat_dai", "ho_kinh_doanh"};
  centres_ = {{"101", 101, "Phường Kinh Bắc", "Bắc Ninh", "000.17.22.H56", nullptr, fields},
              {"202", 202, "Phường Kiến An", "Hải Phòng", "000.14.31.H27", nullptr, fields},
              {"303", 303, "Xã Tây Yên Tử", "Bắc Ninh", "000.30.22.H56", nullptr, fields}};
}

void DossierEngineTest::WorkSaturdayMornings(const std::string& centre) {
  if (!saturday_calendar_) saturday_calendar_ = ShippedCalendar(/*saturday_morning=*/true);
  for (DossierCentre& c : centres_) {
    if (c.id == centre) c.calendar = saturday_calendar_.get();
  }
}

void DossierEngineTest::Open() {
  storage::StoreOptions options;
  options.path = dir_.path();
  auto store = storage::Store::Open(options);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  store_ = std::move(*store);
  writer_ = std::make_unique<storage::GroupCommitWriter>(store_.get());
  auto engine = DossierEngine::Create(centres_, &catalogue_, calendar_.get(), store_.get(), writer_.get(),
                                      &clock_, options_);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  engine_ = std::move(*engine);
  auto recovered = engine_->Recover();
  ASSERT_TRUE(recovered.ok()) << recovered.status().ToString();
  recovery_ = *recovered;
}

void DossierEngineTest::Close() {
  if (engine_) engine_->Shutdown();
  writer_.reset();
  engine_.reset();
  store_.reset();
}

std::pair<Status, DossierResult> DossierEngineTest::Receive(const ReceiveRequest& request) {
  return Wait<DossierResult>([&](DossierDone done) { engine_->Receive(request, std::move(done)); });
}

std::pair<Status, DossierResult> DossierEngineTest::Receive(const std::string& procedure,
                                                            const std::string& request_id,
                                                            const std::string& centre, bool online) {
  ReceiveRequest r;
  r.centre_id = centre;
  r.procedure_code = procedure;
  r.request_id = request_id;
  r.applicant_name = "Trần Thị B";
  r.clerk_id = "clerk-1";
  r.online = online;
  r.actor = actor_;
  return Receive(r);
}

v1::Dossier DossierEngineTest::MustReceive(const std::string& procedure, const std::string& centre,
                                           bool online) {
  auto [s, r] = Receive(procedure, "req-" + std::to_string(++next_request_), centre, online);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return r.dossier;
}

std::pair<Status, DossierResult> DossierEngineTest::Act(DossierAction action, const std::string& code,
                                                        const std::string& reason) {
  return Wait<DossierResult>([&](DossierDone done) {
    engine_->Act(action, {code, "clerk-2", reason, actor_, {}}, std::move(done));
  });
}

v1::Dossier DossierEngineTest::MustAct(DossierAction action, const std::string& code,
                                       const std::string& reason) {
  auto [s, r] = Act(action, code, reason);
  EXPECT_TRUE(s.ok()) << ActionName(action) << " " << code << ": " << s.ToString();
  return r.dossier;
}

std::pair<Status, DossierResult> DossierEngineTest::Extend(const std::string& code, MicrosUtc new_due,
                                                           const std::string& reason) {
  ExtendRequest request;
  request.code = code;
  request.clerk_id = "clerk-2";
  request.extension = {new_due, reason, ""};
  request.actor = actor_;
  return Wait<DossierResult>([&](DossierDone done) { engine_->Extend(request, std::move(done)); });
}

std::pair<Status, DossierResult> DossierEngineTest::Get(const std::string& code) {
  return Wait<DossierResult>([&](DossierDone done) { engine_->Get(code, std::move(done)); });
}

v1::Dossier DossierEngineTest::MustGet(const std::string& code) {
  auto [s, r] = Get(code);
  EXPECT_TRUE(s.ok()) << code << ": " << s.ToString();
  return r.dossier;
}

std::pair<Status, ListResult> DossierEngineTest::List(const ListQuery& query) {
  return Wait<ListResult>([&](ListDone done) { engine_->List(query, std::move(done)); });
}

std::pair<Status, v1::DailyReport> DossierEngineTest::Report(const ReportQuery& query) {
  return Wait<v1::DailyReport>([&](ReportDone done) { engine_->Report(query, std::move(done)); });
}

}  // namespace qms::deadline::testing
