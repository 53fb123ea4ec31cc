// The largest set of parties that can have positive utility together.
//
// With base >= 0 and values >= 0, a party with base[p] > 0 is positive whatever
// it holds, and any other party is positive exactly when it holds one unit of a
// good it values (numerators are integers, so one unit makes it >= 1). So the
// set is the base-positive parties plus a maximum matching of the others into
// goods, good g having capacity goods[g].units. The matching grows by
// augmenting paths (Kuhn's algorithm with capacities): O(n * n * m).
#include "parley/fairdiv/mnw.h"

#include <algorithm>
#include <utility>

namespace parley::fairdiv {

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

class Matcher {
 public:
  explicit Matcher(const GoodsInstance& g)
      : g_(g), holders_(g.goods.size()), good_(at(g.parties), -1), seen_(g.goods.size(), false) {}

  // Tries to give p a unit of a good it values, moving other parties along an
  // augmenting path when needed.
  bool add(int p) {
    std::fill(seen_.begin(), seen_.end(), false);
    return augment(p);
  }

  std::vector<int> take_goods() { return std::move(good_); }

 private:
  bool augment(int p) {
    for (std::size_t k = 0; k < g_.goods.size(); ++k) {
      if (g_.value[at(p)][k] <= 0 || seen_[k]) continue;
      seen_[k] = true;
      if (static_cast<int>(holders_[k].size()) < g_.goods[k].units) {
        holders_[k].push_back(p);
        good_[at(p)] = static_cast<int>(k);
        return true;
      }
      // holders_[k] itself cannot change below: k is seen, so no deeper call
      // takes or gives a unit of k.
      for (int& q : holders_[k]) {
        if (augment(q)) {
          q = p;
          good_[at(p)] = static_cast<int>(k);
          return true;
        }
      }
    }
    return false;
  }

  const GoodsInstance& g_;
  std::vector<std::vector<int>> holders_;  // [good]: parties holding one of its units
  std::vector<int> good_;                  // [party]
  std::vector<bool> seen_;                 // [good]: visited in the current search
};

}  // namespace

PositiveSet max_positive_parties(const GoodsInstance& instance) {
  Matcher matcher(instance);
  std::vector<bool> in(at(instance.parties), false);
  for (int p = 0; p < instance.parties; ++p) {
    in[at(p)] = instance.base[at(p)] > 0 || matcher.add(p);
  }
  PositiveSet out;
  out.good = matcher.take_goods();
  for (int p = 0; p < instance.parties; ++p) {
    if (in[at(p)]) out.parties.push_back(p);
  }
  return out;
}

}  // namespace parley::fairdiv
