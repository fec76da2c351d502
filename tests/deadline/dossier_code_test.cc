// The dossier code: one format and parse, the same bytes as ever (they are
// the keys of every stored dossier).
#include "services/deadline/dossier_code.h"

#include <gtest/gtest.h>

namespace qms::deadline {
namespace {

TEST(DossierCodeTest, FormatsAgencyDayAndAtLeastFourDigits) {
  EXPECT_EQ(FormatDossierCode("000.17.22.H56", LocalDate{2021, 5, 31}, 1), "000.17.22.H56-210531-0001");
  EXPECT_EQ(FormatDossierCode("X1", LocalDate{2026, 3, 2}, 12345), "X1-260302-12345");
  EXPECT_EQ(FormatDossierCode("H56", LocalDate{2100, 1, 9}, 0), "H56-000109-0000");
}

TEST(DossierCodeTest, ParseReadsWhatFormatWrote) {
  for (uint32_t number : {0u, 1u, 9999u, 10000u, 999999999u}) {
    const std::string code = FormatDossierCode("000.17.22.H56", LocalDate{2025, 12, 1}, number);
    std::string_view agency;
    uint32_t yymmdd = 0, parsed = 0;
    ASSERT_TRUE(ParseDossierCode(code, &agency, &yymmdd, &parsed)) << code;
    EXPECT_EQ(agency, "000.17.22.H56");
    EXPECT_EQ(yymmdd, 251201u);
    EXPECT_EQ(parsed, number);
  }
}

TEST(DossierCodeTest, AgencyMayHoldDashes) {
  std::string_view agency;
  uint32_t yymmdd = 0, number = 0;
  ASSERT_TRUE(ParseDossierCode("A-B-C-260302-0042", &agency, &yymmdd, &number));
  EXPECT_EQ(agency, "A-B-C");
  EXPECT_EQ(yymmdd, 260302u);
  EXPECT_EQ(number, 42u);
}

TEST(DossierCodeTest, ParseRefusesOtherShapesAndLeavesTheOutputs) {
  for (const char* bad : {"", "-260302-0001", "A-26030-0001", "A-260302-001", "A-2603a2-0001", "A260302-0001",
                          "A-260302-0001x", "A-260302-1234567890", "A-260302-", "A-260302-00 1"}) {
    std::string_view agency = "kept";
    uint32_t yymmdd = 7, number = 8;
    EXPECT_FALSE(ParseDossierCode(bad, &agency, &yymmdd, &number)) << bad;
    EXPECT_EQ(agency, "kept");
    EXPECT_EQ(yymmdd, 7u);
    EXPECT_EQ(number, 8u);
  }
}

}  // namespace
}  // namespace qms::deadline
