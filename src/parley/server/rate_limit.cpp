#include "parley/server/rate_limit.h"

#include <openssl/evp.h>

#include <algorithm>
#include <stdexcept>

namespace parley::server {

RateLimiter::RateLimiter(double per_second, double burst)
    : per_second_(per_second), burst_(burst > 0 ? burst : per_second) {}

bool RateLimiter::allow(std::string_view token, Clock::time_point now) {
  Key key{};
  unsigned int length = 0;
  if (EVP_Digest(token.data(), token.size(), key.data(), &length, EVP_sha256(), nullptr) != 1 || length != key.size()) {
    throw std::runtime_error("SHA-256 failed");
  }
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= sweep_at_) forget_full_buckets(now);
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) {
    const double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(burst_, b.tokens + std::max(0.0, elapsed) * per_second_);
    b.last = std::max(b.last, now);
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

std::size_t RateLimiter::tracked() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void RateLimiter::forget_full_buckets(Clock::time_point now) {
  // A bucket that has refilled is the same as no bucket: dropping it keeps
  // the map to the callers of about the last second.
  std::erase_if(buckets_, [&](const auto& entry) {
    const Bucket& b = entry.second;
    return b.tokens + std::chrono::duration<double>(now - b.last).count() * per_second_ >= burst_;
  });
  // Sweep again only once the map has doubled, so a flood of distinct tokens
  // costs amortised constant time per request.
  sweep_at_ = std::max<std::size_t>(1024, 2 * buckets_.size());
}

}  // namespace parley::server
