// watch: follow a centre's event stream, one line per event.
#include <iostream>
#include <memory>

#include "services/qmsctl/commands.h"
#include "services/qmsctl/labels.h"

namespace qms::ctl {

namespace {

struct WatchOptions {
  std::string centre;
  uint64_t resume_after = 0;
  int64_t count = 0;   // 0: no limit
  double seconds = 0;  // 0: no limit
};

int RunWatch(Session& session, const WatchOptions& o) {
  // The stream's deadline is --seconds, which ends it normally; so that a
  // dead server is not mistaken for a quiet centre, connect first within
  // --timeout.
  const auto connect_by =
      std::chrono::system_clock::now() +
      std::chrono::microseconds(static_cast<int64_t>(session.options().timeout_seconds * 1e6));
  if (!session.channel()->WaitForConnected(connect_by)) {
    return session.Fail(grpc::Status(grpc::StatusCode::UNAVAILABLE, "cannot connect"));
  }
  CentreNames names;
  if (!session.json()) names.Load(session, o.centre);
  v1::WatchCentreRequest request;
  request.set_centre_id(o.centre);
  request.set_resume_after_seq(o.resume_after);
  auto ctx = session.NewContext(o.seconds);
  auto reader = session.watch().WatchCentre(ctx.get(), request);
  v1::CentreEvent event;
  int64_t events = 0;
  bool cancelled = false;
  while (reader->Read(&event)) {
    if (session.json()) {
      session.PrintJson(event);
    } else {
      std::cout << EventLine(event, names) << std::endl;
    }
    if (!event.has_snapshot()) ++events;
    if (o.count > 0 && events >= o.count) {
      cancelled = true;
      ctx->TryCancel();
      break;
    }
  }
  grpc::Status status = reader->Finish();
  if (cancelled || status.ok()) return kExitOk;
  if (o.seconds > 0 && status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) return kExitOk;
  return session.Fail(status);
}

}  // namespace

void AddWatchCommand(CLI::App& app, Action* selected) {
  auto o = std::make_shared<WatchOptions>();
  CLI::App* cmd = app.add_subcommand("watch", "Print a centre's events as they happen (WatchCentre)");
  cmd->add_option("--centre", o->centre, "centre id")->required();
  cmd->add_option("--resume-after", o->resume_after, "replay the events after this sequence number");
  cmd->add_option("--count", o->count, "stop after this many events (the snapshot does not count)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seconds", o->seconds, "stop after this many seconds")->check(CLI::NonNegativeNumber);
  cmd->callback([o, selected] { *selected = [o](Session& s) { return RunWatch(s, *o); }; });
}

}  // namespace qms::ctl
