#include "parley/fairdiv/mnw.h"

namespace parley::fairdiv {
MnwResult max_nash_welfare(const GoodsInstance&, const MnwOptions&) { return {}; }
}  // namespace parley::fairdiv
