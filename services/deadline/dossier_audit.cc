#include "services/deadline/dossier_audit.h"

#include <cstdio>

#include "services/base/clock.h"
#include "services/deadline/dossier_transitions.h"

namespace qms::deadline {

namespace {

// "17:00 05/12/2026", local time.
std::string LocalText(MicrosUtc t) {
  const LocalDate d = LocalDateOf(t);
  const int minute = LocalMinuteOfDay(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d %02d/%02d/%04d", minute / 60, minute % 60, d.day, d.month,
                d.year);
  return buf;
}

void Fill(const ChangeNote& note, const v1::Dossier& d, v1::AuditRecord* r) {
  r->set_subject(note.actor.subject);
  r->set_role(note.actor.role);
  r->set_authenticated(note.actor.authenticated);
  r->set_peer(note.actor.peer);
  r->set_action(note.action);
  r->set_dossier_code(d.code());
  r->set_ticket_number(d.ticket_number());
  r->set_clerk_id(note.clerk_id);
  r->set_result("OK");
}

}  // namespace

std::string ClerkOf(const Actor& actor, const std::string& requested) {
  return actor.authenticated ? actor.subject : requested;
}

void DescribeReceive(const ChangeNote& note, const v1::Dossier& d, v1::AuditRecord* r) {
  Fill(note, d, r);
  std::string summary = note.action + " " + d.code() + " · " + d.procedure_code();
  if (!d.applicant_name().empty()) summary += " · " + d.applicant_name();
  if (!d.ticket_number().empty()) summary += " · số " + d.ticket_number();
  if (d.due_at_us() != 0) summary += " → hẹn trả " + LocalText(d.due_at_us());
  r->set_summary(summary);
}

void DescribeAction(const ChangeNote& note, const v1::Dossier& after, v1::AuditRecord* r) {
  Fill(note, after, r);
  std::string summary = note.action + " " + after.code() + " → ";
  if (note.action == "ExtendDeadline") {
    summary += LocalText(after.due_at_us());
    if (after.extension().late_request()) summary += " (xin muộn / late request)";
    if (!note.reason.empty()) summary += " (lý do: " + note.reason + ")";
  } else {
    summary += StatusLabel(after.status());
    if (!note.reason.empty()) summary += " (lý do: " + note.reason + ")";
  }
  r->set_summary(summary);
}

}  // namespace qms::deadline
