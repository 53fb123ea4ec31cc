#include "parley/fairdiv/solve_goods.h"

namespace parley::fairdiv {
bool is_goods_scenario(const Scenario&) { return false; }
Result<GoodsSolution> solve_goods(const Scenario&, std::string_view method, const GoodsSolveOptions&,
                                  const std::string& source) {
  return Failure{source, {Diagnostic{"", "method " + std::string(method) + " is not built yet"}}};
}
}  // namespace parley::fairdiv
