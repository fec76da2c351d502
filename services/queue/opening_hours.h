// Opening hours arithmetic for the queue (local time, Asia/Ho_Chi_Minh).
#pragma once

#include <optional>

#include "services/base/clock.h"
#include "services/config/system_config.h"

namespace qms::queue {

// Kiosks issue from this long before the first opening of the day (citizens
// queue before the doors open) until the last closing.
constexpr int kIssueLeadMinutes = 60;

bool AcceptsIssue(const config::OpeningHours& hours, MicrosUtc now);
// The last closing moment of now's local day, or nullopt on a closed day.
std::optional<MicrosUtc> LastClosingOfDay(const config::OpeningHours& hours, MicrosUtc now);

}  // namespace qms::queue
