// A small centre built in code for the engine tests: fields A (chung_thuc)
// and B (ho_tich), C (dat_dai); counters 1 (A), 2 (A 1.0, B 2.0), 3
// (priority counter, A and B), 4 (C). Open 07:30-11:30, 13:30-17:00 Mon-Fri.
#pragma once

#include "services/base/clock.h"
#include "services/config/system_config.h"

namespace qms::queue::testing {

inline config::CentreConfig MakeCentre(const std::string& id = "9187") {
  config::CentreConfig c;
  c.id = id;
  c.key = static_cast<uint32_t>(std::stoul(id));
  c.name_vi = "Phường Kinh Bắc";
  c.name_en = "Kinh Bac Ward";
  c.province = "Bắc Ninh";
  c.agency_code = "000.17.22.H56";
  c.fields = {{"chung_thuc", 'A', "Chứng thực", "Certification", 0, 5},
              {"ho_tich", 'B', "Hộ tịch", "Civil status", 0, 10},
              {"dat_dai", 'C', "Đất đai", "Land", 0, 15}};
  c.counters = {{"1", "Quầy 1", {{"chung_thuc", 1.0}}, false},
                {"2", "Quầy 2", {{"chung_thuc", 1.0}, {"ho_tich", 2.0}}, false},
                {"3", "Quầy ưu tiên", {{"chung_thuc", 1.0}, {"ho_tich", 1.0}}, true},
                {"4", "Quầy 4", {{"dat_dai", 1.0}}, false}};
  for (int d = 0; d < 5; ++d) c.hours.by_weekday[d] = {{7 * 60 + 30, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60}};
  c.policy.citizen_daily_cap = 2;
  c.policy.citizen_field_cap = 1;
  return c;
}

// Tuesday 1 July 2025 (go-live day) at hh:mm local time.
inline MicrosUtc GoLiveAt(int hh, int mm) { return LocalMoment(LocalDate{2025, 7, 1}, hh * 60 + mm); }

}  // namespace qms::queue::testing
