// A cap on the bytes the frontier holds, charged by its containers' allocator.
//
//   auto budget = std::make_shared<Budget>(1 << 20);
//   Budgeted<int> v{BudgetAllocator<int>(budget)};
//   v.resize(1000);                   // takes 4,000 bytes (and the allocation's overhead)
//   budget->held(); budget->peak();   // what is held now, the most ever held
//   // Past the cap an allocation throws OverBudget before any memory is taken.
//
// Why an allocator: every allocation of the frontier's storage is charged at
// the moment it is made, including the old and the new buffer a growing
// vector holds together for a moment, so peak() is what was really held and
// the cap is never passed by the storage it covers. The search stops on its
// own accounting, not by catching bad_alloc, which Linux (overcommitting)
// rarely raises before its out-of-memory killer ends the process. Containers
// share the budget's ownership, so a container can never outlive it (a moved
// Frontier, or one whose members are destroyed in any order).
#pragma once

#include <cstddef>
#include <limits>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace parley::pareto {

struct OverBudget {};

class Budget {
 public:
  explicit Budget(std::size_t limit) : limit_(limit) {}

  // Takes `bytes` more, or throws OverBudget (taking nothing) when that would
  // pass the limit.
  void take(std::size_t bytes) {
    if (bytes > limit_ - held_) throw OverBudget{};
    held_ += bytes;
    if (held_ > peak_) peak_ = held_;
  }
  void give(std::size_t bytes) noexcept { held_ -= bytes; }

  std::size_t limit() const { return limit_; }
  std::size_t held() const { return held_; }
  std::size_t peak() const { return peak_; }

 private:
  std::size_t limit_;
  std::size_t held_ = 0;
  std::size_t peak_ = 0;
};

// malloc's own bookkeeping for each block (glibc: 8 to 16 bytes); charged so
// that many small blocks (a map's nodes) are not undercounted.
inline constexpr std::size_t kAllocationOverhead = 16;

template <typename T>
class BudgetAllocator {
 public:
  using value_type = T;
  using propagate_on_container_copy_assignment = std::true_type;
  using propagate_on_container_move_assignment = std::true_type;
  using propagate_on_container_swap = std::true_type;

  // Without a budget nothing is charged (a default-constructed Frontier).
  BudgetAllocator() noexcept = default;
  explicit BudgetAllocator(std::shared_ptr<Budget> budget) noexcept : budget_(std::move(budget)) {}
  template <typename U>
  BudgetAllocator(const BudgetAllocator<U>& other) noexcept : budget_(other.budget()) {}  // NOLINT: rebinding

  T* allocate(std::size_t count) {
    const std::size_t bytes = cost(count);
    if (budget_ != nullptr) budget_->take(bytes);
    try {
      return std::allocator<T>{}.allocate(count);
    } catch (...) {
      if (budget_ != nullptr) budget_->give(bytes);
      throw;
    }
  }
  void deallocate(T* p, std::size_t count) noexcept {
    std::allocator<T>{}.deallocate(p, count);
    if (budget_ != nullptr) budget_->give(cost(count));
  }

  const std::shared_ptr<Budget>& budget() const noexcept { return budget_; }
  template <typename U>
  friend bool operator==(const BudgetAllocator& a, const BudgetAllocator<U>& b) noexcept {
    return a.budget_ == b.budget();
  }

 private:
  static std::size_t cost(std::size_t count) {
    if (count > (std::numeric_limits<std::size_t>::max() - kAllocationOverhead) / sizeof(T)) throw OverBudget{};
    return count * sizeof(T) + kAllocationOverhead;
  }
  std::shared_ptr<Budget> budget_;
};

template <typename T>
using Budgeted = std::vector<T, BudgetAllocator<T>>;

// Charges bytes that no budgeted container holds (a sort's scratch buffer,
// values whose memory is allocated elsewhere) for as long as it lives.
class Charge {
 public:
  Charge(Budget& budget, std::size_t bytes) : budget_(budget), bytes_(bytes) { budget_.take(bytes_); }
  ~Charge() { budget_.give(bytes_); }
  Charge(const Charge&) = delete;
  Charge& operator=(const Charge&) = delete;

 private:
  Budget& budget_;
  std::size_t bytes_;
};

}  // namespace parley::pareto
