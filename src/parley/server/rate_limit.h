// Requests per second per caller (docs/room-api.md: more than 20 a second
// per bearer token gets 429; the server also limits by client address): one
// token bucket per caller, keyed by a SHA-256 of the key so that the server's
// memory never holds a token longer than the request that carried it.
//
//   RateLimiter limit(20);                      // 20 a second, bursts of 20
//   RateLimiter by_address(50, 100);            // 50 a second, bursts of 100
//   if (!limit.allow(token, Clock::now())) answer 429;
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string_view>

namespace parley::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // `per_second` requests a second on average, at most `burst` at once
  // (`per_second` when not given).
  explicit RateLimiter(double per_second, double burst = 0);

  // Whether one more request from this caller fits; counts it when it does.
  bool allow(std::string_view token, Clock::time_point now);

  // Callers tracked (buckets not yet refilled to full): bounded by the callers
  // of the last second or so, whatever the number of distinct tokens seen.
  std::size_t tracked() const;

 private:
  using Key = std::array<unsigned char, 32>;
  struct Bucket {
    double tokens = 0;
    Clock::time_point last;
  };
  void forget_full_buckets(Clock::time_point now);

  double per_second_;
  double burst_;
  mutable std::mutex mutex_;
  std::map<Key, Bucket> buckets_;
  std::size_t sweep_at_ = 1024;
};

}  // namespace parley::server
