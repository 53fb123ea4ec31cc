// One time budget for a whole call: every sub-search asks the same deadline
// how long it has left, so `--time-limit 2` bounds the command, not each step.
//
//   Deadline d = Deadline::after(2.0);             // Deadline::none(): no limit
//   frontier_options.time_limit = d.seconds();     // the "seconds, 0 = none" form the searches take
//   if (d.expired()) return what_was_proved;
//   Deadline verify = d.keep(0.1);                 // leave 10% of what is left for what comes after
//
// Without a limit nothing gives up on its own: seconds() is 0 ("none") and
// expired() is always false.
#pragma once

#include <algorithm>
#include <chrono>
#include <limits>

namespace parley {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  static Deadline none() { return Deadline(); }
  // More than this (about 30 years) is no limit: a clock cannot count that far
  // in nanoseconds without overflowing.
  static constexpr double kForever = 1e9;

  // seconds <= 0 (or NaN, or beyond kForever) means no limit.
  static Deadline after(double seconds) { return after(Clock::now(), seconds); }
  // `seconds` after `start`: a command's budget counts from when the command
  // began (reading its files included), not from when the engine was called.
  static Deadline after(Clock::time_point start, double seconds) {
    Deadline d;
    if (seconds > 0 && seconds < kForever) {
      d.limited_ = true;
      d.at_ = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    }
    return d;
  }

  bool limited() const { return limited_; }
  // The moment itself (the clock's largest value without a limit).
  Clock::time_point at() const { return limited_ ? at_ : Clock::time_point::max(); }
  bool expired() const { return limited_ && Clock::now() >= at_; }

  // Seconds left: infinity without a limit, 0 once expired.
  double remaining() const {
    if (!limited_) return std::numeric_limits<double>::infinity();
    return std::max(0.0, std::chrono::duration<double>(at_ - Clock::now()).count());
  }

  // What the searches take as their time limit: seconds left, at least a
  // millisecond (0 would mean "no limit" to them), or 0 without a limit.
  double seconds() const { return limited_ ? std::max(0.001, remaining()) : 0.0; }

  // The earlier of this deadline and `seconds` from now (seconds <= 0: this one).
  Deadline within(double seconds) const {
    Deadline d = after(seconds);
    if (!d.limited_) return *this;
    if (limited_ && at_ < d.at_) return *this;
    return d;
  }

  // A deadline that leaves `share` of the time now left for what follows
  // (verification, a repair step). Unlimited stays unlimited.
  Deadline keep(double share) const {
    if (!limited_) return *this;
    Deadline d = *this;
    d.at_ = at_ - std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(share * remaining()));
    return d;
  }

 private:
  bool limited_ = false;
  Clock::time_point at_{};
};

}  // namespace parley
