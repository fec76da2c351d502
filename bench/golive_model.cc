#include "bench/golive_model.h"

#include <algorithm>
#include <cstdio>

namespace qms::bench {
namespace {

// (local minute, intensity), linear in between. The lunch lull is not zero:
// citizens arrive early for the afternoon and wait.
struct ShapePoint {
  double minute;
  double intensity;
};
constexpr ShapePoint kShape[] = {
    {7 * 60 + 30, 3.0},  {8 * 60, 2.6},       {9 * 60, 1.7},       {10 * 60, 1.2},      {11 * 60, 0.8},
    {11 * 60 + 30, 0.5}, {11 * 60 + 31, 0.1}, {13 * 60 + 29, 0.1}, {13 * 60 + 30, 2.2}, {14 * 60, 2.0},
    {15 * 60, 1.2},      {16 * 60, 0.7},      {17 * 60, 0.3},
};

double Integrate(double from, double to) {
  // Trapezoids on a one-minute grid: the shape is piecewise linear on whole
  // minutes, so this is exact.
  double sum = 0;
  for (double minute = from; minute < to; minute += 1.0) {
    sum += 0.5 * (ArrivalIntensity(minute) + ArrivalIntensity(std::min(minute + 1.0, to)));
  }
  return sum;
}

}  // namespace

double ArrivalIntensity(double local_minute) {
  if (local_minute < kDayOpensMinute || local_minute > kDayClosesMinute) return 0;
  for (size_t i = 1; i < std::size(kShape); ++i) {
    if (local_minute <= kShape[i].minute) {
      const ShapePoint& a = kShape[i - 1];
      const ShapePoint& b = kShape[i];
      const double t = (local_minute - a.minute) / (b.minute - a.minute);
      return a.intensity + t * (b.intensity - a.intensity);
    }
  }
  return kShape[std::size(kShape) - 1].intensity;
}

double MeanArrivalIntensity() {
  static const double mean =
      Integrate(kDayOpensMinute, kDayClosesMinute) / (kDayClosesMinute - kDayOpensMinute);
  return mean;
}

double PeakArrivalIntensity() {
  double peak = 0;
  for (const ShapePoint& point : kShape) peak = std::max(peak, point.intensity);
  return peak;
}

SimulatedDay::SimulatedDay(double day_minutes) : real_seconds_(std::max(1.0, day_minutes * 60.0)) {}

double SimulatedDay::LocalMinuteAt(double elapsed_seconds) const {
  return kDayOpensMinute + elapsed_seconds / real_seconds_ * (kDayClosesMinute - kDayOpensMinute);
}

double SimulatedDay::ElapsedSecondsAt(double local_minute) const {
  return (local_minute - kDayOpensMinute) / (kDayClosesMinute - kDayOpensMinute) * real_seconds_;
}

double SimulatedDay::RealSecondsFor(double simulated_minutes) const {
  return simulated_minutes / (kDayClosesMinute - kDayOpensMinute) * real_seconds_;
}

std::string FormatLocalTime(double local_minute) {
  const int minute = std::clamp(static_cast<int>(local_minute), 0, 24 * 60 - 1);
  char text[8];
  std::snprintf(text, sizeof(text), "%02d:%02d", minute / 60, minute % 60);
  return text;
}

double MeanServiceMinutes(const std::string& field_id) {
  if (field_id == "chung_thuc") return 5;
  if (field_id == "ho_tich") return 10;
  if (field_id == "dat_dai") return 15;
  if (field_id == "ho_kinh_doanh") return 12;
  return 8;
}

uint64_t StableHash(const std::string& text, uint64_t seed) {
  uint64_t hash = 1469598103934665603ull ^ (seed * 0x9E3779B97F4A7C15ull);
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

double CentreBusyness(const std::string& centre_id, uint64_t seed) {
  const double unit = static_cast<double>(StableHash(centre_id, seed + 17) % 10000) / 10000.0;
  return 0.5 + unit;
}

FieldMix::FieldMix(const CentreLayout& centre, const GoliveParameters& parameters) {
  const double unit = static_cast<double>(StableHash(centre.centre_id, parameters.seed) % 10000) / 10000.0;
  const double certification =
      parameters.certification_min + unit * (parameters.certification_max - parameters.certification_min);
  std::vector<double> weights;
  double others = 0;
  for (const std::string& field : centre.field_ids) {
    double weight = 0.10;
    if (field == "ho_tich") weight = 0.45;
    if (field == "dat_dai") weight = 0.35;
    if (field == "ho_kinh_doanh") weight = 0.20;
    if (field != "chung_thuc") others += weight;
    weights.push_back(weight);
  }
  const bool has_certification =
      std::find(centre.field_ids.begin(), centre.field_ids.end(), "chung_thuc") != centre.field_ids.end();
  double total = 0;
  for (size_t i = 0; i < centre.field_ids.size(); ++i) {
    double share = weights[i];
    if (has_certification) {
      share = centre.field_ids[i] == "chung_thuc"
                  ? certification
                  : (others > 0 ? weights[i] / others * (1 - certification) : 0);
    }
    total += share;
    field_ids_.push_back(centre.field_ids[i]);
    cumulative_.push_back(total);
  }
  for (double& value : cumulative_) value /= total > 0 ? total : 1;
}

const std::string& FieldMix::Pick(std::mt19937_64& random) const {
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const double draw = uniform(random);
  const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), draw);
  const size_t index = std::min(static_cast<size_t>(it - cumulative_.begin()), field_ids_.size() - 1);
  return field_ids_[index];
}

double FieldMix::ShareOf(const std::string& field_id) const {
  double previous = 0;
  for (size_t i = 0; i < field_ids_.size(); ++i) {
    if (field_ids_[i] == field_id) return cumulative_[i] - previous;
    previous = cumulative_[i];
  }
  return 0;
}

}  // namespace qms::bench
