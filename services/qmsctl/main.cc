// qmsctl: command-line client of the queue services, for operators and
// scripts. Flags -> one Session -> the chosen subcommand. See docs/qmsctl.md.
#include <CLI/CLI.hpp>
#include <iostream>

#include "qms/client_tls_flags.h"
#include "services/qmsctl/commands.h"
#include "services/qmsctl/session.h"

int main(int argc, char** argv) {
  using namespace qms::ctl;
  CLI::App app{"qmsctl: client for the public service centre queue (qms-server)"};
  app.require_subcommand(1);
  SessionOptions options;
  app.add_option("--server", options.server, "qms-server address HOST:PORT")
      ->envname("QMS_SERVER")
      ->capture_default_str();
  app.add_flag("--json", options.json, "print the response message as JSON");
  app.add_option("--timeout", options.timeout_seconds, "deadline of each call, in seconds")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--token", options.token, "bearer token for the authorization metadata")
      ->envname("QMS_TOKEN");
  qms::proto::AddClientTlsFlags(&app, &options.tls);

  Action selected;
  AddIntakeCommands(app, &selected);
  AddCounterCommands(app, &selected);
  AddInfoCommands(app, &selected);
  AddStatsCommand(app, &selected);
  AddWatchCommand(app, &selected);
  AddDossierCommands(app, &selected);
  AddKeyCommands(app, &selected);
  AddAuditCommand(app, &selected);
  AddBackupCommand(app, &selected);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int printed = app.exit(e);  // prints help, or the error with a hint
    return printed == 0 ? kExitOk : kExitUsage;
  }
  if (!selected) return kExitUsage;
  auto channel = qms::proto::CreateClientChannel(options.server, options.tls);
  if (!channel.ok()) {
    std::cerr << "qmsctl: " << channel.status().message() << std::endl;
    return kExitUsage;
  }
  Session session(options, std::move(*channel));
  return selected(session);
}
