// The call-next policy: which waiting ticket a counter takes. A pure
// function of its inputs, so the same inputs always give the same choice.
//
// For a counter serving fields f with weights w(f), the candidates are the
// head of each field's PRIORITY/APPOINTMENT line and of its NORMAL line, and
// the head of the counter's own directed line (tickets transferred to it).
//   1. A directed ticket goes first: another clerk sent it here.
//   2. Starvation guard: if any candidate has waited max_wait or longer, the
//      one with the largest weighted wait among those is taken, whatever its
//      class.
//   3. A dedicated priority counter (Decree 107/2021) takes preferred tickets
//      whenever there are any.
//   4. Otherwise preferred tickets go first until the counter has taken
//      `priority_ratio` of them in a row; then a waiting NORMAL ticket is
//      taken, so normal tickets keep moving under a stream of priority.
//   5. Within a class, the largest weighted wait w(f) * (now - queued_since)
//      wins; ties go to the earlier queue time, then the lower field index,
//      then the lower issue sequence.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "services/config/system_config.h"
#include "services/queue/ticket.h"

namespace qms::queue {

struct CallCandidate {
  QueueKey key;
  uint8_t field = 0;
  double weight = 1.0;
  bool preferred = false;
  bool directed = false;
};

struct CallerView {
  bool priority_counter = false;
  uint32_t preferred_streak = 0;  // preferred tickets taken in a row
};

std::optional<CallCandidate> ChooseNext(const std::vector<CallCandidate>& candidates,
                                        const config::QueuePolicy& policy, const CallerView& counter,
                                        MicrosUtc now);

}  // namespace qms::queue
