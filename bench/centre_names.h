#ifndef QMS_BENCH_CENTRE_NAMES_H_
#define QMS_BENCH_CENTRE_NAMES_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace qms::bench {

// A name in Vietnamese and its unaccented form (for name_en).
struct PlaceName {
  std::string vi;
  std::string ascii;
};

// The 34 provincial-level units since 1 July 2025 and roughly how many
// commune-level units each has (they add up to 3,321; Hồ Chí Minh City 168,
// Hà Nội 126, Lai Châu 38, Bắc Ninh 99 and Hải Phòng 114 are from FACTS.md,
// the rest are approximate). `city` marks the centrally-run cities, which
// have more wards.
struct ProvinceInfo {
  PlaceName name;
  int commune_units;
  bool city;
};
const std::vector<ProvinceInfo>& Provinces();

// The 13 special zones ("đặc khu") and the province each belongs to.
struct SpecialZone {
  PlaceName name;
  size_t province_index;
};
const std::vector<SpecialZone>& SpecialZones();

// A made-up but real-sounding two- or three-syllable place name such as
// "Kiến An" or "Tây Yên Tử", drawn from word lists of common place syllables.
PlaceName InventPlaceName(std::mt19937_64& random);

}  // namespace qms::bench

#endif  // QMS_BENCH_CENTRE_NAMES_H_
