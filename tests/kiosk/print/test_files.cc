#include "tests/kiosk/print/test_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "kiosk/print/ticket_slip.h"

namespace qms::print {

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteWholeFile(const std::string& path, const std::string& content, bool executable) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
  }
  if (executable) ::chmod(path.c_str(), 0755);
}

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

TicketSlip SampleSlip(const std::string& number) {
  TicketSlip slip;
  slip.centre_name = "Trung tâm Phục vụ hành chính công phường Nguyễn Trãi";
  slip.number = number;
  slip.field_name_vi = "Hộ kinh doanh";
  slip.field_name_en = "Household business";
  slip.people_ahead = 12;
  slip.wait_minutes = 25;
  slip.issued_at = "30/11/2026 09:14";
  slip.status_url = "https://qms.example.vn/c/nguyen-trai/t/" + number;
  slip.footer_vi = "Xin cảm ơn quý khách!";
  return slip;
}

}  // namespace qms::print
