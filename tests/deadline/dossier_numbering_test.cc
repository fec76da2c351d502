// Dossier numbering, {agency}-{yyMMdd}-{NNNN}: the counter of a day goes on
// across restarts, starts again at 1 on a new day (by the clock during a run
// or at a restart), and never reuses a code that a clock running ahead gave
// a later day, whichever centre and however many days ahead.
#include "tests/deadline/dossier_fixture.h"

namespace qms::deadline::testing {
namespace {

using DossierNumberingTest = DossierEngineTest;

TEST_F(DossierNumberingTest, TheCounterGoesOnAcrossRestarts) {
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0001");
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0002");
  Restart();
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0003");
  Restart();
  Restart();
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0004");
  // Each centre has its own counter.
  EXPECT_EQ(MustReceive(kCopy, kOther).code(), "000.14.31.H27-260302-0001");
}

TEST_F(DossierNumberingTest, ANewDayDuringARunStartsAtOne) {
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0001");
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0002");
  clock_.Set(At(2026, 3, 3, 8, 0));
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260303-0001");
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260303-0002");
  Restart();
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260303-0003");
  clock_.Set(At(2026, 3, 4, 8, 0));
  Restart();  // a new day at a restart
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260304-0001");
}

TEST_F(DossierNumberingTest, DaysAClockRanAheadToContinueWhenTheyCome) {
  clock_.Set(At(2026, 3, 3, 9, 0));  // one day ahead by mistake
  Restart();
  MustReceive(kCopy);
  clock_.Set(At(2026, 3, 5, 9, 0));  // then three
  MustReceive(kCopy);
  MustReceive(kCopy);
  MustReceive(kCopy, kOther);
  clock_.Set(At(2026, 3, 2, 9, 0));  // corrected
  Restart();
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260302-0001");
  clock_.Set(At(2026, 3, 3, 9, 0));
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260303-0002");
  clock_.Set(At(2026, 3, 4, 9, 0));  // a day the clock skipped
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260304-0001");
  clock_.Set(At(2026, 3, 5, 9, 0));
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260305-0003");
  EXPECT_EQ(MustReceive(kCopy, kOther).code(), "000.14.31.H27-260305-0002");
  Restart();  // and once more from the disk
  EXPECT_EQ(MustReceive(kCopy).code(), "000.17.22.H56-260305-0004");
}

}  // namespace
}  // namespace qms::deadline::testing
