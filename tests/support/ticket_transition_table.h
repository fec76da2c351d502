// The ticket state machine (DESIGN.md, queue.proto), written out once for
// the tests and independently of the code under test, so a test that walks
// every state and every action compares the code with the documents, not
// with itself.
#pragma once

#include <map>
#include <set>
#include <string>

#include "qms/v1/queue.pb.h"

namespace qms::test {

// For each ticket state, the ticket actions at a counter it allows: "call"
// (CallTicket), "recall", "start" (StartServing), "complete", "no-show",
// "park", "resume".
inline const std::map<v1::TicketState, std::set<std::string>>& LegalTicketActions() {
  static const std::map<v1::TicketState, std::set<std::string>> table = {
      {v1::WAITING, {"call"}},
      {v1::CALLED, {"recall", "start", "complete", "no-show", "park"}},
      {v1::SERVING, {"complete", "park"}},
      {v1::PARKED, {"resume", "call"}},
      {v1::DONE, {}},
      {v1::NO_SHOW, {"call"}},
      {v1::CANCELLED, {}},
  };
  return table;
}

}  // namespace qms::test
