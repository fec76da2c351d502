// qmsctl's subcommands. Each Add*Commands registers its subcommands and their
// options on `app`; when CLI11 parses one, the subcommand's callback stores
// in `*selected` the action to run. main() runs that action after parsing,
// so a usage error never reaches the server. An action returns the process
// exit code (session.h).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "services/qmsctl/session.h"

namespace qms::ctl {

using Action = std::function<int(Session&)>;

// issue, ticket, cancel (IntakeService).
void AddIntakeCommands(CLI::App& app, Action* selected);
// open, pause, close, call-next, call, recall, start, complete, no-show, park,
// resume, transfer, rate (CounterService).
void AddCounterCommands(CLI::App& app, Action* selected);
// status, centres, health (DirectoryService, WatchService, grpc.health.v1).
void AddInfoCommands(CLI::App& app, Action* selected);
// stats (StatsService).
void AddStatsCommand(CLI::App& app, Action* selected);
// watch (WatchService).
void AddWatchCommand(CLI::App& app, Action* selected);
// dossier receive|status|accept|start|supplement|resume|extend|resolve|return|
// reject|withdraw|stop|list-overdue|report (DeadlineService).
void AddDossierCommands(CLI::App& app, Action* selected);
// keygen, token: the keys file and the access tokens it signs (no server call).
void AddKeyCommands(CLI::App& app, Action* selected);
// audit (AuditService).
void AddAuditCommand(CLI::App& app, Action* selected);
// backup (AdminService).
void AddBackupCommand(CLI::App& app, Action* selected);

}  // namespace qms::ctl
