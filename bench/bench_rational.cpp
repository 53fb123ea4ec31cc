// Cost of exact arithmetic: the utility sums parley computes, done with
// parley::Rational, with plain GMP rationals, and with doubles (the inexact
// baseline Genius uses).
#include <gmpxx.h>

#include <cstdio>
#include <random>

#include "harness.h"
#include "parley/core/rational.h"

namespace parley::bench {

void rational_arithmetic() {
  // Inputs: 1000 packages x 50 issues; weights from a 100-point scale over 50
  // issues, values with two decimals (the common case), and a variant with
  // thirds and sevenths (imported Genius files with values like 2/3).
  const int packages = 1000, issues = 50;
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> weight(0, 10), hundredths(0, 100), small(1, 6);
  std::vector<Rational> w(issues), w_odd(issues);
  std::vector<mpq_class> wq(issues), wq_odd(issues);
  std::vector<double> wd(issues), wd_odd(issues);
  int total = 0;
  std::vector<int> raw(issues);
  for (int i = 0; i < issues; ++i) total += raw[static_cast<std::size_t>(i)] = weight(rng);
  for (int i = 0; i < issues; ++i) {
    auto k = static_cast<std::size_t>(i);
    w[k] = Rational(raw[k], total);
    wq[k] = mpq_class(raw[k], total);
    wd[k] = static_cast<double>(raw[k]) / total;
    w_odd[k] = Rational(small(rng), 7 * (i % 3 + 1));
    wq_odd[k] = mpq_class(w_odd[k].small_numerator(), w_odd[k].small_denominator());
    wd_odd[k] = w_odd[k].to_double();
  }
  std::vector<std::vector<Rational>> v(packages, std::vector<Rational>(issues)), v_odd = v;
  std::vector<std::vector<mpq_class>> vq(packages, std::vector<mpq_class>(issues)), vq_odd = vq;
  std::vector<std::vector<double>> vd(packages, std::vector<double>(issues)), vd_odd = vd;
  for (int p = 0; p < packages; ++p) {
    for (int i = 0; i < issues; ++i) {
      auto a = static_cast<std::size_t>(p), b = static_cast<std::size_t>(i);
      int h = hundredths(rng);
      v[a][b] = Rational(h, 100);
      vq[a][b] = mpq_class(h, 100);
      vd[a][b] = h / 100.0;
      int t = small(rng) % 3;
      v_odd[a][b] = Rational(t, 3);
      vq_odd[a][b] = mpq_class(t, 3);
      vd_odd[a][b] = t / 3.0;
    }
  }
  std::printf("\n== exact arithmetic: utility of %d packages x %d issues (sum of weight * value)\n", packages, issues);
  header();
  auto run_double = [&](auto& weights, auto& values) {
    return median_seconds([&] {
      for (const auto& row : values) {
        double u = 0;
        for (std::size_t i = 0; i < row.size(); ++i) u += weights[i] * row[i];
        keep(u);
      }
    });
  };
  auto run_exact = [&](auto& weights, auto& values, auto zero) {
    return median_seconds([&] {
      for (const auto& row : values) {
        auto u = zero;
        for (std::size_t i = 0; i < row.size(); ++i) u += weights[i] * row[i];
        keep(u);
      }
    });
  };
  double d = run_double(wd, vd);
  row("double (inexact baseline), decimal inputs", d, d);
  row("parley::Rational, decimal inputs", run_exact(w, v, Rational(0)), d);
  row("GMP mpq_class, decimal inputs", run_exact(wq, vq, mpq_class(0)), d);
  double d_odd = run_double(wd_odd, vd_odd);
  row("double (inexact baseline), thirds/sevenths", d_odd, d_odd);
  row("parley::Rational, thirds/sevenths", run_exact(w_odd, v_odd, Rational(0)), d_odd);
  row("GMP mpq_class, thirds/sevenths", run_exact(wq_odd, vq_odd, mpq_class(0)), d_odd);
}

const Register kRational{"rational", rational_arithmetic};

}  // namespace parley::bench
