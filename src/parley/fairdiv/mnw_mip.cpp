#include "parley/fairdiv/mnw.h"

namespace parley::fairdiv {
MnwResult max_nash_welfare_mip(const GoodsInstance&, const MnwOptions&) { return {}; }
}  // namespace parley::fairdiv
