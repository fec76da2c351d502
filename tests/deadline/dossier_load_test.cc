// Overload in the dossier engine (DossierEngineOptions::load): a call made
// while the engine holds its bound in flight is shed at once and does
// nothing; every answer, refusals included, gives its room back.
#include <gtest/gtest.h>

#include <future>
#include <vector>

#include "tests/deadline/dossier_fixture.h"

namespace qms::deadline::testing {
namespace {

// While the first dossier's change is committed (its observer runs before
// its answer, so it is still in flight), calls of every metered kind are
// made for another centre; each is answered at once on this thread.
class CallsWhileInFlight : public DossierObserver {
 public:
  CallsWhileInFlight(DossierEngine* engine, std::string other_code)
      : engine_(engine), other_code_(std::move(other_code)) {}

  void OnDossierCommitted(uint32_t, const std::shared_ptr<const v1::Dossier>&) override {
    if (made_) return;
    made_ = true;
    auto keep = [this](const Status& s, auto*) { statuses_.push_back(s); };
    ReceiveRequest receive;
    receive.centre_id = kOther;
    receive.procedure_code = kCopy;
    receive.request_id = "shed-1";
    receive.applicant_name = "Trần Thị B";
    engine_->Receive(receive, keep);
    ActionRequest act;
    act.code = other_code_;
    engine_->Act(DossierAction::kStartProcessing, act, keep);
    ExtendRequest extend;
    extend.code = other_code_;
    extend.extension = {At(2026, 3, 9, 17, 0), "cần xác minh thêm", ""};
    engine_->Extend(extend, keep);
    engine_->Get(other_code_, keep);
    ListQuery list;
    list.centre_id = kOther;
    engine_->List(list, keep);
    answered_.set_value();
  }

  // The statuses of the five calls, once made.
  std::vector<Status> Wait() {
    answered_.get_future().wait();
    return statuses_;
  }

 private:
  DossierEngine* engine_;
  const std::string other_code_;
  bool made_ = false;
  std::vector<Status> statuses_;
  std::promise<void> answered_;
};

TEST_F(DossierEngineTest, ACallPastTheLoadBoundIsShedAndDoesNothing) {
  options_.load = LoadLimits{/*max_in_flight=*/1, /*busy_in_flight=*/1, /*centre_floor=*/1};
  Restart();
  const v1::Dossier other = MustReceive(kCopy, kOther);
  ASSERT_EQ(other.code(), "000.14.31.H27-260302-0001");
  ASSERT_EQ(engine_->load().shed(), 0u);

  CallsWhileInFlight calls(engine_.get(), other.code());
  engine_->SetObserver(&calls);
  const v1::Dossier first = MustReceive(kCopy);
  const std::vector<Status> shed = calls.Wait();
  engine_->SetObserver(nullptr);

  ASSERT_EQ(shed.size(), 5u) << "each shed call is answered before the engine returns";
  for (const Status& s : shed) {
    EXPECT_EQ(s.code(), StatusCode::kResourceExhausted) << s.ToString();
    EXPECT_NE(s.message().find("retry in"), std::string::npos) << s.message();
  }
  EXPECT_EQ(engine_->load().shed(), 5u);
  EXPECT_EQ(engine_->load().in_flight(), 0) << "the answered call gave its room back";
  EXPECT_EQ(first.status(), v1::ACCEPTED);

  // Nothing of the shed calls happened: the other dossier is unchanged, its
  // request id is free and its centre's next number is the next one.
  const v1::Dossier after = MustGet(other.code());
  EXPECT_EQ(after.SerializeAsString(), other.SerializeAsString());
  auto [s, again] = Receive(kCopy, "shed-1", kOther);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_FALSE(again.replayed) << "the shed receive recorded no request id";
  EXPECT_EQ(again.dossier.code(), "000.14.31.H27-260302-0002") << "the shed receive used no number";
}

// With room for one call, calls one after the other are all served, whatever
// their answer: a leak of a single count on any path would shed the next.
TEST_F(DossierEngineTest, EveryAnswerGivesItsRoomBack) {
  options_.load = LoadLimits{/*max_in_flight=*/1, /*busy_in_flight=*/1, /*centre_floor=*/1};
  Restart();
  auto [received, first] = Receive(kCopy, "kiosk-1");
  ASSERT_TRUE(received.ok()) << received.ToString();
  const std::string code = first.dossier.code();
  EXPECT_TRUE(Receive(kCopy, "kiosk-1").second.replayed);
  EXPECT_EQ(Receive(kLand, "kiosk-1").first.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Act(DossierAction::kAccept, code).first.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Act(DossierAction::kResolve, "000.17.22.H56-260302-0042").first.code(), StatusCode::kNotFound);
  EXPECT_EQ(Get("000.17.22.H56-260302-0042").first.code(), StatusCode::kNotFound);
  ListQuery query;
  query.centre_id = kCentre;
  query.overdue_only = true;
  query.due_within_working_hours = 4;
  EXPECT_EQ(List(query).first.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(MustAct(DossierAction::kStartProcessing, code).status(), v1::PROCESSING);
  EXPECT_EQ(MustGet(code).status(), v1::PROCESSING);
  query.overdue_only = false;
  query.due_within_working_hours = 0;
  auto [listed, page] = List(query);
  ASSERT_TRUE(listed.ok()) << listed.ToString();
  EXPECT_EQ(page.dossiers.size(), 1u);
  EXPECT_EQ(engine_->load().shed(), 0u);
  EXPECT_EQ(engine_->load().in_flight(), 0);
}

// A call whose caller gave up while it waited for a read thread is answered
// with the caller's status when the thread comes, and nothing of it is read
// or changed; its room is given back.
TEST_F(DossierEngineTest, ACallNoLongerWantedWhenItsThreadComesDoesNothing) {
  const v1::Dossier dossier = MustReceive(kCopy);
  int asked = 0;
  const StillWanted gone = [&asked] {
    ++asked;
    return Status(StatusCode::kDeadlineExceeded, "the caller's deadline passed");
  };
  auto wait = [](auto call) {
    std::promise<Status> answered;
    call([&answered](const Status& s, auto*) { answered.set_value(s); });
    return answered.get_future().get();
  };
  ActionRequest act;
  act.code = dossier.code();
  act.still_wanted = gone;
  EXPECT_EQ(wait([&](auto done) { engine_->Act(DossierAction::kStartProcessing, act, done); }).code(),
            StatusCode::kDeadlineExceeded);
  ExtendRequest extend;
  extend.code = dossier.code();
  extend.extension = {At(2026, 3, 9, 17, 0), "cần xác minh thêm", ""};
  extend.still_wanted = gone;
  EXPECT_EQ(wait([&](auto done) { engine_->Extend(extend, done); }).code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(wait([&](auto done) { engine_->Get(dossier.code(), done, gone); }).code(),
            StatusCode::kDeadlineExceeded);
  ListQuery list;
  list.centre_id = kCentre;
  list.still_wanted = gone;
  EXPECT_EQ(wait([&](auto done) { engine_->List(list, done); }).code(), StatusCode::kDeadlineExceeded);

  EXPECT_EQ(asked, 4) << "each call asked once, when its read thread came";
  EXPECT_EQ(MustGet(dossier.code()).SerializeAsString(), dossier.SerializeAsString())
      << "neither the action nor the extension changed the dossier";
  EXPECT_EQ(engine_->load().in_flight(), 0) << "every unwanted call gave its room back";
  ActionRequest wanted;
  wanted.code = dossier.code();
  wanted.still_wanted = [] { return Status::Ok(); };
  EXPECT_TRUE(wait([&](auto done) { engine_->Act(DossierAction::kStartProcessing, wanted, done); }).ok());
  EXPECT_EQ(MustGet(dossier.code()).status(), v1::PROCESSING);
}

}  // namespace
}  // namespace qms::deadline::testing
