#include "kiosk/voice/lru_cache.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace qms::voice {
namespace {

std::shared_ptr<const int> Int(int v) { return std::make_shared<const int>(v); }

TEST(VoiceLruCache, EvictsLeastRecentlyUsed) {
  LruCache<int> cache(2);
  cache.Insert("a", Int(1));
  cache.Insert("b", Int(2));
  ASSERT_NE(cache.Find("a"), nullptr);  // a is now more recent than b
  cache.Insert("c", Int(3));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.Find("b"), nullptr);
  EXPECT_EQ(*cache.Find("a"), 1);
  EXPECT_EQ(*cache.Find("c"), 3);
}

TEST(VoiceLruCache, InsertKeepsTheFirstValue) {
  LruCache<int> cache(4);
  std::shared_ptr<const int> first = cache.Insert("a", Int(1));
  std::shared_ptr<const int> second = cache.Insert("a", Int(2));
  EXPECT_EQ(first.get(), second.get());
  EXPECT_EQ(*cache.Find("a"), 1);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(VoiceLruCache, ZeroCapacityKeepsNothing) {
  LruCache<int> cache(0);
  EXPECT_EQ(*cache.Insert("a", Int(1)), 1);
  EXPECT_EQ(cache.Find("a"), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(VoiceLruCache, ManyThreads) {
  LruCache<int> cache(16);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string key = std::to_string((i * 7 + t) % 40);
        std::shared_ptr<const int> v = cache.Find(key);
        if (v == nullptr) v = cache.Insert(key, Int(std::stoi(key)));
        ASSERT_EQ(*v, std::stoi(key));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(cache.size(), 16u);
}

}  // namespace
}  // namespace qms::voice
