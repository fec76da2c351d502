// WaitingLine against a std::set of the same keys: the same order, the same
// place in line, through appends, out-of-order inserts and removals.
#include "services/queue/waiting_line.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <vector>

namespace qms::queue {
namespace {

std::vector<uint32_t> Seqs(const WaitingLine& line) {
  std::vector<uint32_t> out;
  for (const QueueKey& k : line) out.push_back(k.seq);
  return out;
}

TEST(WaitingLineTest, KeepsCallOrderAndCountsThoseAhead) {
  WaitingLine line;
  line.insert({100, 1});
  line.insert({200, 2});
  line.insert({300, 3});
  line.insert({150, 7});  // a transfer that keeps its earlier time
  line.insert({200, 0});  // same moment, lower seq: ahead of seq 2
  EXPECT_EQ(Seqs(line), (std::vector<uint32_t>{1, 7, 0, 2, 3}));
  EXPECT_EQ(line.count_before({200, 2}), 3u);
  EXPECT_EQ(line.count_before({100, 1}), 0u);
  EXPECT_EQ(line.count_before({999, 9}), 5u) << "a key not in line counts everyone before it";
  line.erase({150, 7});
  line.erase({150, 8});  // not in line: nothing happens
  line.erase({100, 1});
  EXPECT_EQ(Seqs(line), (std::vector<uint32_t>{0, 2, 3}));
  EXPECT_EQ(line.size(), 3u);
  EXPECT_EQ(line.begin()->seq, 0u);
}

TEST(WaitingLineTest, AgreesWithAnOrderedSetOverRandomChanges) {
  std::mt19937 random(20250701);
  WaitingLine line;
  std::set<std::pair<MicrosUtc, uint32_t>> model;
  uint32_t seq = 0;
  MicrosUtc now = 0;
  for (int step = 0; step < 20000; ++step) {
    const int what = static_cast<int>(random() % 10);
    if (what < 5 || model.empty()) {  // issue now, or (1 in 5) keep an earlier time
      now += random() % 3;
      const MicrosUtc at = random() % 5 == 0 ? static_cast<MicrosUtc>(random() % (now + 1)) : now;
      line.insert({at, ++seq});
      model.insert({at, seq});
    } else if (what < 8) {  // call the first
      line.erase(*line.begin());
      model.erase(model.begin());
    } else {  // leave from anywhere
      auto it = std::next(model.begin(), static_cast<long>(random() % model.size()));
      line.erase({it->first, it->second});
      model.erase(it);
    }
    ASSERT_EQ(line.size(), model.size());
    if (!model.empty()) {
      auto probe = std::next(model.begin(), static_cast<long>(random() % model.size()));
      ASSERT_EQ(line.count_before({probe->first, probe->second}),
                static_cast<size_t>(std::distance(model.begin(), probe)));
      ASSERT_EQ(line.begin()->seq, model.begin()->second);
    }
  }
}

}  // namespace
}  // namespace qms::queue
