#include "services/queue/queue_audit.h"

namespace qms::queue {

namespace {

void SetWho(const Actor& actor, v1::AuditRecord* r) {
  r->set_subject(actor.subject);
  r->set_role(actor.role);
  r->set_authenticated(actor.authenticated);
  r->set_peer(actor.peer);
}

// "<action>[ quầy C][ → NUMBER]".
std::string Headline(const std::string& action, const std::string& counter, const std::string& number) {
  std::string out = action;
  if (!counter.empty()) out += " quầy " + counter;
  if (!number.empty()) out += " → " + number;
  return out;
}

// What the event adds to the headline: where a transfer went, the rating,
// the reason given.
std::string Detail(const v1::CentreEvent& e) {
  std::string out;
  if (e.kind() == v1::TRANSFERRED_EVENT) {
    if (!e.from_field_id().empty()) out += " sang lĩnh vực " + e.ticket().field_id();
    if (!e.ticket().directed_counter_id().empty()) out += " sang quầy " + e.ticket().directed_counter_id();
  }
  if (e.kind() == v1::ISSUED) {
    out += " · " + e.ticket().field_id();
    if (e.ticket().priority() != v1::NORMAL) out += " · " + v1::PriorityClass_Name(e.ticket().priority());
  }
  if (e.kind() == v1::RATED) out += ": " + v1::Rating_Name(e.ticket().rating());
  if (!e.reason().empty()) out += " (lý do: " + e.reason() + ")";
  return out;
}

}  // namespace

void DescribeChange(const AuditNote& note, const v1::CentreEvent& event, v1::AuditRecord* r) {
  SetWho(note.actor, r);
  r->set_action(note.action);
  const std::string counter = !event.counter_id().empty() ? event.counter_id() : note.counter_id;
  const std::string number = event.has_ticket() ? event.ticket().number() : note.number;
  r->set_counter_id(counter);
  r->set_ticket_number(number);
  r->set_clerk_id(event.clerk_id());
  r->set_summary(Headline(note.action, counter, number) + Detail(event));
  r->set_result("OK");
}

void DescribeRefusal(const AuditNote& note, const Status& refusal, v1::AuditRecord* r) {
  SetWho(note.actor, r);
  r->set_action(note.action);
  r->set_counter_id(note.counter_id);
  r->set_ticket_number(note.number);
  r->set_summary(Headline(note.action, note.counter_id, note.number) + " (từ chối / refused)");
  r->set_result(refusal.ToString());
}

void DescribeAutoNoShow(const v1::CentreEvent& event, v1::AuditRecord* r) {
  SetWho(Actor::System(), r);
  r->set_action("AutoNoShow");
  r->set_counter_id(event.counter_id());
  r->set_ticket_number(event.ticket().number());
  r->set_clerk_id(event.clerk_id());
  r->set_summary(Headline("AutoNoShow", event.counter_id(), event.ticket().number()) +
                 " (gọi quá lâu không đến / called, did not come)");
  r->set_result("OK");
}

void DescribeDayEnd(size_t expired, size_t closed, v1::AuditRecord* r) {
  SetWho(Actor::System(), r);
  r->set_action("ExpireDay");
  r->set_summary("ExpireDay: " + std::to_string(expired) + " số hết hạn, " + std::to_string(closed) +
                 " quầy đóng / tickets expired, counters closed");
  r->set_result("OK");
}

}  // namespace qms::queue
