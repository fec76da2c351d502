#ifndef QMS_BENCH_GOLIVE_MODEL_H_
#define QMS_BENCH_GOLIVE_MODEL_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "bench/centre_directory.h"

namespace qms::bench {

// The go-live day (1 July 2025) as a load: every commune centre opens at
// 7:30 with citizens already at the door, certification ("chứng thực") is
// 60-85% of walk-ins, a lunch break, and a second peak after 13:30. Figures
// from shared/domain/FACTS.md; the shape itself is an assumption, written
// down here and in bench/README.md.
struct GoliveParameters {
  double day_minutes = 10;  // real minutes for the simulated 07:30-17:00 day
  // Multiplies the arrivals and divides the service times, so that the
  // counters' RPCs grow with the arrivals (x10: ten go-live days at once).
  double scale = 1;
  // Tickets per centre per day at scale 1: 1,000 x 3,321 centres is the
  // design's 3.3 million tickets of a go-live day.
  double tickets_per_centre = 1000;
  double certification_min = 0.60;
  double certification_max = 0.85;
  double priority_share = 0.08;     // elderly, disabled, pregnant, merit
  double appointment_share = 0.04;  // booked online, checked in
  double no_show_share = 0.06;      // of called tickets
  double transfer_share = 0.03;     // of served tickets, to another field
  uint64_t seed = 1;
};

constexpr double kDayOpensMinute = 7 * 60 + 30;
constexpr double kLunchStartsMinute = 11 * 60 + 30;
constexpr double kLunchEndsMinute = 13 * 60 + 30;
constexpr double kDayClosesMinute = 17 * 60;

// Relative arrival intensity at a local time (minutes after midnight): the
// opening surge, the lunch lull, the afternoon peak. 0 outside the day.
double ArrivalIntensity(double local_minute);
double MeanArrivalIntensity();  // over kDayOpensMinute..kDayClosesMinute
double PeakArrivalIntensity();

inline bool IsLunchBreak(double local_minute) {
  return local_minute >= kLunchStartsMinute && local_minute < kLunchEndsMinute;
}

// Maps real seconds since the run started to the simulated local clock.
class SimulatedDay {
 public:
  explicit SimulatedDay(double day_minutes);
  double LocalMinuteAt(double elapsed_seconds) const;
  double ElapsedSecondsAt(double local_minute) const;
  double RealSecondsFor(double simulated_minutes) const;
  double real_seconds() const { return real_seconds_; }

 private:
  double real_seconds_;
};

// "08:15" for a local minute.
std::string FormatLocalTime(double local_minute);

// Mean service minutes per field: chung_thuc 5, ho_tich 10, dat_dai 15,
// ho_kinh_doanh 12, anything else 8.
double MeanServiceMinutes(const std::string& field_id);

// A centre's walk-in mix over its own fields. Certification gets a share
// drawn in [certification_min, certification_max] per centre; the rest goes
// to civil status, land and household business as 45:35:20 (other fields 10
// each), renormalised over the fields the centre has.
class FieldMix {
 public:
  FieldMix(const CentreLayout& centre, const GoliveParameters& parameters);
  const std::string& Pick(std::mt19937_64& random) const;
  double ShareOf(const std::string& field_id) const;

 private:
  std::vector<std::string> field_ids_;
  std::vector<double> cumulative_;
};

// How busy a centre is relative to the average, in [0.5, 1.5], fixed by its id.
double CentreBusyness(const std::string& centre_id, uint64_t seed);

// A stable 64-bit hash of a string (FNV-1a) for per-centre draws.
uint64_t StableHash(const std::string& text, uint64_t seed);

}  // namespace qms::bench

#endif  // QMS_BENCH_GOLIVE_MODEL_H_
