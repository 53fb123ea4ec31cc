#include "parley/frontier/trail.h"

#include <algorithm>
#include <bit>

namespace parley::pareto {

void Trail::add(const Budgeted<Step>& steps, bool compact) {
  Level level{Level::Form::plain, Budgeted<Run>(allocator_), Budgeted<std::uint64_t>(allocator_),
              Budgeted<Step>(allocator_)};
  std::size_t runs = 0;
  std::uint32_t most_parent = 0, most_option = 0;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const bool continues = k > 0 && steps[k].option == steps[k - 1].option && steps[k].parent == steps[k - 1].parent + 1;
    runs += continues ? 0 : 1;
    most_parent = std::max(most_parent, steps[k].parent);
    most_option = std::max(most_option, steps[k].option);
  }
  level.parent_bits = std::bit_width(most_parent);
  level.option_bits = std::bit_width(most_option);
  const std::size_t width = static_cast<std::size_t>(level.parent_bits + level.option_bits);
  const std::size_t words = (steps.size() * width + 63) / 64;
  std::size_t bytes = 0;
  if (!compact) {
    level.form = Level::Form::plain;
    level.plain.assign(steps.begin(), steps.end());
    bytes = steps.size() * sizeof(Step);
  } else if (runs * sizeof(Run) <= words * sizeof(std::uint64_t)) {
    level.form = Level::Form::runs;
    level.runs.reserve(runs);
    for (std::size_t k = 0; k < steps.size(); ++k) {
      const Run& last = level.runs.empty() ? Run{} : level.runs.back();
      if (!level.runs.empty() && steps[k].option == last.option &&
          steps[k].parent == last.parent + (k - last.first)) {
        continue;
      }
      level.runs.push_back({static_cast<std::uint32_t>(k), steps[k].parent, steps[k].option});
    }
    bytes = runs * sizeof(Run);
  } else {
    level.form = Level::Form::packed;
    level.bits.assign(words, 0);
    for (std::size_t k = 0; k < steps.size() && width > 0; ++k) {  // width 0: every step is {0, 0}
      const std::uint64_t code = std::uint64_t{steps[k].option} << level.parent_bits | steps[k].parent;
      const std::size_t at = k * width;
      level.bits[at / 64] |= code << (at % 64);
      if (at % 64 + width > 64) level.bits[at / 64 + 1] |= code >> (64 - at % 64);
    }
    bytes = words * sizeof(std::uint64_t);
  }
  levels_.push_back(std::move(level));
  points_ += steps.size();
  bytes_ += bytes;
}

Step Trail::at(std::size_t level_index, std::size_t point) const {
  const Level& level = levels_[level_index];
  if (level.form == Level::Form::plain) return level.plain[point];
  if (level.form == Level::Form::runs) {
    auto run = std::upper_bound(level.runs.begin(), level.runs.end(), point,
                                [](std::size_t k, const Run& r) { return k < r.first; });
    --run;  // the first run starts at point 0
    return {static_cast<std::uint32_t>(run->parent + (point - run->first)), run->option};
  }
  const std::size_t width = static_cast<std::size_t>(level.parent_bits + level.option_bits);
  if (width == 0) return {0, 0};
  const std::size_t at = point * width;
  std::uint64_t code = level.bits[at / 64] >> (at % 64);
  if (at % 64 + width > 64) code |= level.bits[at / 64 + 1] << (64 - at % 64);
  if (width < 64) code &= (std::uint64_t{1} << width) - 1;
  return {static_cast<std::uint32_t>(code & ((std::uint64_t{1} << level.parent_bits) - 1)),
          static_cast<std::uint32_t>(code >> level.parent_bits)};
}

}  // namespace parley::pareto
