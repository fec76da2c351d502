// backup: an online backup of the server's stores (AdminService.Backup,
// docs/backup.md) into a folder on the server's machine. ADMIN only.
#include <iostream>
#include <memory>

#include "qms/v1/admin.grpc.pb.h"
#include "services/qmsctl/commands.h"

namespace qms::ctl {

namespace {

struct BackupOptions {
  std::string to_dir;
  double wait_seconds = 3600;
};

int RunBackup(Session& session, const BackupOptions& o) {
  auto stub = v1::AdminService::NewStub(session.channel());
  v1::BackupRequest request;
  request.set_to_dir(o.to_dir);
  v1::BackupResponse response;
  // A backup of a large store outlasts the usual --timeout.
  auto ctx = session.NewContext(o.wait_seconds);
  const grpc::Status status = stub->Backup(ctx.get(), request, &response);
  if (!status.ok()) return session.Fail(status);
  return session.Show(response, [&] {
    if (!response.queue_dir().empty()) std::cout << "queue:    " << response.queue_dir() << "\n";
    if (!response.deadline_dir().empty()) std::cout << "deadline: " << response.deadline_dir() << "\n";
    std::cout << response.files() << " files, " << response.bytes() << " bytes, in "
              << response.micros() / 1000 << " ms" << std::endl;
  });
}

}  // namespace

void AddBackupCommand(CLI::App& app, Action* selected) {
  auto o = std::make_shared<BackupOptions>();
  CLI::App* cmd = app.add_subcommand(
      "backup",
      "Online backup of the server's stores into DIR/queue and DIR/deadline (ADMIN; docs/backup.md)");
  cmd->add_option("--to", o->to_dir, "absolute path of a new or empty folder on the server's machine")
      ->required();
  cmd->add_option("--wait-seconds", o->wait_seconds, "how long to wait for the backup (default 3600)");
  cmd->callback([o, selected] { *selected = [o](Session& s) { return RunBackup(s, *o); }; });
}

}  // namespace qms::ctl
