// A WatchCentre stream whose client stops reading, over real TCP (HTTP/2
// flow control holds the server's write): the stall sweep
// (QueueStack::EndStalledStreams) ends it and frees it, the client sees its
// call cancelled (once it reads what it had received), and issuing and a
// watcher that reads go on.
#include <grpc/grpc.h>

#include <atomic>
#include <thread>

#include "tests/queue_service/queue_service_fixture.h"

namespace qms::service::test {
namespace {

class StalledWatcherTest : public QueueServiceTest {
 protected:
  StalledWatcherTest() { listen_on_loopback_ = true; }

  // A channel over TCP with a small receive window and no BDP probing, so a
  // stream that is not read stalls the server after a few events.
  std::shared_ptr<grpc::Channel> SmallWindowChannel() {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
    args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 4096);
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(loopback_port_),
                                     grpc::InsecureChannelCredentials(), args);
  }
};

TEST_F(StalledWatcherTest, AStreamThatStopsReadingIsEndedAndFreedWhileIssuingAndReadersGoOn) {
  ASSERT_GT(loopback_port_, 0);
  auto stub = v1::WatchService::NewStub(SmallWindowChannel());
  grpc::ClientContext stalled_ctx;
  SetDeadline(&stalled_ctx, 40);  // a hang fails as DEADLINE_EXCEEDED, never hangs
  v1::WatchCentreRequest req;
  req.set_centre_id(kBulkCentre);
  auto stalled = stub->WatchCentre(&stalled_ctx, req);
  v1::CentreEvent first;
  ASSERT_TRUE(stalled->Read(&first));  // the snapshot; then it never reads again
  ASSERT_TRUE(first.has_snapshot());

  // A board that does read, on the in-process channel.
  auto reader = Watch(kBulkCentre, 0, 60);
  std::atomic<int> read_events{0};
  std::thread reading([&] {
    v1::CentreEvent e;
    for (int i = 0; i < 1000000 && reader->Next(&e); ++i) read_events.fetch_add(1);
  });
  for (int i = 0; i < 200 && stack_->open_streams() != 2u; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  ASSERT_EQ(stack_->open_streams(), 2u);

  // Issue until the stalled stream's write has been stuck for the limit:
  // its window is 4 KB, so a few hundred events are more than enough.
  const auto limit = std::chrono::milliseconds(500);
  size_t ended = 0;
  int issued = 0;
  for (int round = 0; round < 60 && ended == 0; ++round) {
    for (int i = 0; i < 20; ++i, ++issued) MustIssue(kFieldA, v1::NORMAL, kBulkCentre);
    std::this_thread::sleep_for(limit);
    ended = stack_->EndStalledStreams(limit);
  }
  // Exactly the stalled one: the reader's writes never wait that long.
  EXPECT_EQ(ended, 1u);

  // Freed while its client still reads nothing: the cancel failed the
  // stuck write, and gRPC called OnDone, which removed it from the open
  // streams (a Finish alone would wait behind the write).
  for (int i = 0; i < 200 && stack_->open_streams() != 1u; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_EQ(stack_->open_streams(), 1u);

  // The server cancelled the call (RST_STREAM: a status could not pass the
  // unread messages). The client learns it once it reads again: the
  // messages it had already received, then the end.
  v1::CentreEvent e;
  for (int i = 0; i < 100000 && stalled->Read(&e); ++i) {
  }
  grpc::Status status = stalled->Finish();
  EXPECT_TRUE(HasCode(status, grpc::StatusCode::CANCELLED));

  // Issuing answers, and the reader still gets every event.
  const int before = read_events.load();
  MustIssue(kFieldA, v1::NORMAL, kBulkCentre);
  for (int i = 0; i < 200 && read_events.load() == before; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_GT(read_events.load(), before);
  EXPECT_GE(read_events.load(), issued);
  EXPECT_EQ(stack_->EndStalledStreams(limit), 0u);

  reader->ctx.TryCancel();
  reading.join();
  reader->Finish();
}

}  // namespace
}  // namespace qms::service::test
