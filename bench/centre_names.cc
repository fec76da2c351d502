#include "bench/centre_names.h"

namespace qms::bench {
namespace {

// Syllables that start place names, and syllables that end them. Common in
// Vietnamese commune names; combined freely they sound plausible.
const std::vector<PlaceName>& LeadingSyllables() {
  static const std::vector<PlaceName> words = {
      {"Kiến", "Kien"},   {"Tân", "Tan"},     {"Phú", "Phu"},     {"An", "An"},       {"Hòa", "Hoa"},
      {"Bình", "Binh"},   {"Long", "Long"},   {"Thạnh", "Thanh"}, {"Vĩnh", "Vinh"},   {"Mỹ", "My"},
      {"Thuận", "Thuan"}, {"Phước", "Phuoc"}, {"Hưng", "Hung"},   {"Quang", "Quang"}, {"Minh", "Minh"},
      {"Hải", "Hai"},     {"Kinh", "Kinh"},   {"Hồng", "Hong"},   {"Thanh", "Thanh"}, {"Xuân", "Xuan"},
      {"Đức", "Duc"},     {"Trung", "Trung"}, {"Hương", "Huong"}, {"Yên", "Yen"},     {"Cẩm", "Cam"},
      {"Sơn", "Son"},     {"Lạc", "Lac"},     {"Gia", "Gia"},     {"Thái", "Thai"},   {"Hiệp", "Hiep"},
      {"Định", "Dinh"},   {"Khánh", "Khanh"}, {"Lộc", "Loc"},     {"Phúc", "Phuc"},   {"Quảng", "Quang"},
      {"Ngọc", "Ngoc"},   {"Đồng", "Dong"},   {"Cát", "Cat"},     {"Hà", "Ha"},       {"Tiên", "Tien"},
      {"Vạn", "Van"},     {"Thống", "Thong"}, {"Nghĩa", "Nghia"}, {"Lâm", "Lam"},     {"Tường", "Tuong"},
      {"Chí", "Chi"},     {"Bảo", "Bao"},     {"Tam", "Tam"},     {"Hoàng", "Hoang"}, {"Liên", "Lien"},
  };
  return words;
}

const std::vector<PlaceName>& TrailingSyllables() {
  static const std::vector<PlaceName> words = {
      {"An", "An"},       {"Bình", "Binh"},   {"Hòa", "Hoa"},     {"Phú", "Phu"},     {"Lợi", "Loi"},
      {"Thành", "Thanh"}, {"Tiến", "Tien"},   {"Hưng", "Hung"},   {"Phong", "Phong"}, {"Sơn", "Son"},
      {"Giang", "Giang"}, {"Lâm", "Lam"},     {"Điền", "Dien"},   {"Xuyên", "Xuyen"}, {"Hội", "Hoi"},
      {"Thịnh", "Thinh"}, {"Khánh", "Khanh"}, {"Mỹ", "My"},       {"Đông", "Dong"},   {"Tây", "Tay"},
      {"Quý", "Quy"},     {"Trạch", "Trach"}, {"Hiệp", "Hiep"},   {"Thuận", "Thuan"}, {"Yên", "Yen"},
      {"Lạc", "Lac"},     {"Nghĩa", "Nghia"}, {"Trung", "Trung"}, {"Tân", "Tan"},     {"Long", "Long"},
      {"Đạo", "Dao"},     {"Liễn", "Lien"},   {"Quyền", "Quyen"}, {"Bắc", "Bac"},     {"Tử", "Tu"},
      {"Cường", "Cuong"}, {"Định", "Dinh"},   {"Phát", "Phat"},   {"Châu", "Chau"},   {"Vinh", "Vinh"},
  };
  return words;
}

const std::vector<PlaceName>& Directions() {
  static const std::vector<PlaceName> words = {
      {"Tây", "Tay"}, {"Đông", "Dong"}, {"Nam", "Nam"}, {"Bắc", "Bac"}};
  return words;
}

template <typename T>
const T& PickFrom(const std::vector<T>& items, std::mt19937_64& random) {
  return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(random)];
}

}  // namespace

const std::vector<ProvinceInfo>& Provinces() {
  static const std::vector<ProvinceInfo> provinces = {
      {{"Hà Nội", "Ha Noi"}, 126, true},
      {{"Hồ Chí Minh", "Ho Chi Minh City"}, 168, true},
      {{"Hải Phòng", "Hai Phong"}, 114, true},
      {{"Đà Nẵng", "Da Nang"}, 94, true},
      {{"Huế", "Hue"}, 40, true},
      {{"Cần Thơ", "Can Tho"}, 103, true},
      {{"Lai Châu", "Lai Chau"}, 38, false},
      {{"Điện Biên", "Dien Bien"}, 45, false},
      {{"Sơn La", "Son La"}, 75, false},
      {{"Lạng Sơn", "Lang Son"}, 65, false},
      {{"Quảng Ninh", "Quang Ninh"}, 54, false},
      {{"Thanh Hóa", "Thanh Hoa"}, 166, false},
      {{"Nghệ An", "Nghe An"}, 130, false},
      {{"Hà Tĩnh", "Ha Tinh"}, 69, false},
      {{"Cao Bằng", "Cao Bang"}, 56, false},
      {{"Tuyên Quang", "Tuyen Quang"}, 124, false},
      {{"Lào Cai", "Lao Cai"}, 99, false},
      {{"Thái Nguyên", "Thai Nguyen"}, 92, false},
      {{"Phú Thọ", "Phu Tho"}, 148, false},
      {{"Bắc Ninh", "Bac Ninh"}, 99, false},
      {{"Hưng Yên", "Hung Yen"}, 104, false},
      {{"Ninh Bình", "Ninh Binh"}, 129, false},
      {{"Quảng Trị", "Quang Tri"}, 78, false},
      {{"Quảng Ngãi", "Quang Ngai"}, 96, false},
      {{"Gia Lai", "Gia Lai"}, 135, false},
      {{"Khánh Hòa", "Khanh Hoa"}, 65, false},
      {{"Lâm Đồng", "Lam Dong"}, 124, false},
      {{"Đắk Lắk", "Dak Lak"}, 102, false},
      {{"Đồng Nai", "Dong Nai"}, 95, false},
      {{"Tây Ninh", "Tay Ninh"}, 96, false},
      {{"Vĩnh Long", "Vinh Long"}, 124, false},
      {{"Đồng Tháp", "Dong Thap"}, 102, false},
      {{"Cà Mau", "Ca Mau"}, 64, false},
      {{"An Giang", "An Giang"}, 102, false},
  };
  return provinces;
}

const std::vector<SpecialZone>& SpecialZones() {
  static const std::vector<SpecialZone> zones = {
      {{"Vân Đồn", "Van Don"}, 10},   {{"Cô Tô", "Co To"}, 10},
      {{"Cát Hải", "Cat Hai"}, 2},    {{"Bạch Long Vĩ", "Bach Long Vi"}, 2},
      {{"Cồn Cỏ", "Con Co"}, 22},     {{"Hoàng Sa", "Hoang Sa"}, 3},
      {{"Lý Sơn", "Ly Son"}, 23},     {{"Trường Sa", "Truong Sa"}, 25},
      {{"Phú Quý", "Phu Quy"}, 26},   {{"Côn Đảo", "Con Dao"}, 1},
      {{"Phú Quốc", "Phu Quoc"}, 33}, {{"Kiên Hải", "Kien Hai"}, 33},
      {{"Thổ Châu", "Tho Chau"}, 33},
  };
  return zones;
}

PlaceName InventPlaceName(std::mt19937_64& random) {
  const PlaceName& lead = PickFrom(LeadingSyllables(), random);
  PlaceName trail = PickFrom(TrailingSyllables(), random);
  // Bounded: the lists hold many distinct syllables.
  for (int attempt = 0; attempt < 8 && trail.vi == lead.vi; ++attempt)
    trail = PickFrom(TrailingSyllables(), random);
  PlaceName name{lead.vi + " " + trail.vi, lead.ascii + " " + trail.ascii};
  if (std::uniform_int_distribution<int>(0, 5)(random) == 0) {
    const PlaceName& direction = PickFrom(Directions(), random);
    name = {direction.vi + " " + name.vi, direction.ascii + " " + name.ascii};
  }
  return name;
}

}  // namespace qms::bench
