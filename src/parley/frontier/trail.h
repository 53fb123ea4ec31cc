// The back-pointers of the partial frontiers, level by level, in compact form:
// each point of the partial frontier after group g extends one point (its
// parent) of the partial frontier after group g-1 by one option of group g.
//
//   Trail trail(allocator);
//   trail.add(steps, /*compact=*/true);   // the level after the next group
//   Step s = trail.at(level, point);      // {parent, option}
//
// Why compact: with many independent groups (20,000 items) the partial
// frontiers hold hundreds of thousands of points at each of thousands of
// levels, and an 8-byte step per point and level is what filled memory. The
// steps come out of a merge of sorted lists, one per option, so long stretches
// of points take the same option and consecutive parents; a level is stored
// as those runs (12 bytes a run), or, where runs are short, each step packed
// into the bits its largest parent and option need, whichever is smaller.
#pragma once

#include <cstddef>
#include <cstdint>

#include "parley/frontier/budget.h"

namespace parley::pareto {

struct Step {
  std::uint32_t parent;  // index of the point extended, in the previous level
  std::uint32_t option;  // index of the group's option added
};

class Trail {
 public:
  Trail() = default;
  explicit Trail(const BudgetAllocator<std::uint64_t>& allocator) : allocator_(allocator), levels_(allocator) {}

  // Appends a level, its points' steps in point order. compact = false keeps
  // the 8-byte steps as they are (the former layout, a benchmark's baseline).
  void add(const Budgeted<Step>& steps, bool compact);
  Step at(std::size_t level, std::size_t point) const;
  // Room for this many levels, taken at once (a small frontier's levels then
  // move no level when another comes).
  void reserve(std::size_t levels) { levels_.reserve(levels); }

  std::size_t levels() const { return levels_.size(); }
  // Over every level added: the points, and the bytes their steps took.
  std::size_t points() const { return points_; }
  std::size_t bytes() const { return bytes_; }
  // Frees the levels (a stopped search); the counts above stay, as figures of
  // how far it went.
  void release() { levels_ = Budgeted<Level>(levels_.get_allocator()); }

 private:
  struct Run {              // points first.. up to the next run's first
    std::uint32_t first;    // point
    std::uint32_t parent;   // of point `first`; each next point's is one more
    std::uint32_t option;
  };
  struct Level {
    enum class Form { runs, packed, plain } form;
    Budgeted<Run> runs;
    Budgeted<std::uint64_t> bits;  // packed: (option << parent_bits | parent) per point
    Budgeted<Step> plain;
    int parent_bits = 0;
    int option_bits = 0;
  };
  BudgetAllocator<std::uint64_t> allocator_;
  Budgeted<Level> levels_;
  std::size_t points_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace parley::pareto
