#include "random_scenario.h"

#include <algorithm>
#include <random>

#include "parley/io/json.h"
#include "parley/model/conditions.h"
#include "parley/model/outcome_space.h"

namespace parley::test {

namespace {

template <typename T>
const T& pick(const std::vector<T>& v) {
  return v[static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(v.size())))];
}

bool coin(int percent) { return *rc::gen::inRange(0, 100) < percent; }

Rational unit_value() {
  static const std::vector<Rational> values{0, 1, Rational(1, 2), Rational(1, 3), Rational(2, 3), Rational(1, 10),
                                            Rational(7, 100), Rational(9, 10), Rational(1, 4), Rational(3, 8)};
  return pick(values);
}

IssueValue random_value(const Scenario& s, int issue) {
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  IssueValue v;
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region: v.holder = pick(allowed_holders(s, issue)); break;
    case IssueKind::choice: v.option = *rc::gen::inRange<int>(0, static_cast<int>(is.options.size())); break;
    case IssueKind::number: {
      auto points = ((is.max - is.min) / is.step).small_numerator();
      v.number = is.min + is.step * Rational(*rc::gen::inRange<std::int64_t>(0, points + 1));
      break;
    }
    case IssueKind::share: {
      std::int64_t left = (Rational(1) / is.step).small_numerator();
      v.shares.assign(s.parties.size(), 0);
      std::vector<std::size_t> order(s.parties.size());
      for (std::size_t p = 0; p < order.size(); ++p) order[p] = p;
      std::vector<std::int64_t> units(s.parties.size(), 0);
      for (std::size_t k = 0; k + 1 < order.size(); ++k) {
        std::int64_t u = *rc::gen::inRange<std::int64_t>(0, left + 1);
        units[k] = u;
        left -= u;
      }
      units.back() = left;
      for (std::size_t p = 0; p < units.size(); ++p) v.shares[p] = is.step * Rational(units[p]);
      break;
    }
  }
  return v;
}

std::string random_meta() {
  static const std::vector<std::string> metas{"", "{\"note\":\"x\"}", "[1,2.50,\"p/q\"]", "{\"a\":{\"b\":null},\"c\":true}",
                                              "\"text with \\\"quotes\\\"\"", "1e-3"};
  return pick(metas);
}

Condition random_leaf(const Scenario& s) {
  int issue = *rc::gen::inRange<int>(0, static_cast<int>(s.issues.size()));
  const Issue& is = s.issues[static_cast<std::size_t>(issue)];
  Condition c;
  c.issue = issue;
  switch (is.kind) {
    case IssueKind::item:
    case IssueKind::region: {
      c.kind = Condition::Kind::owner;
      auto holders = allowed_holders(s, issue);
      std::shuffle(holders.begin(), holders.end(), std::mt19937(*rc::gen::arbitrary<unsigned>()));
      holders.resize(static_cast<std::size_t>(*rc::gen::inRange<int>(1, static_cast<int>(holders.size()) + 1)));
      c.owners = holders;
      break;
    }
    case IssueKind::choice: {
      c.kind = Condition::Kind::in;
      std::vector<int> opts;
      for (std::size_t o = 0; o < is.options.size(); ++o) {
        if (coin(50)) opts.push_back(static_cast<int>(o));
      }
      if (opts.empty()) opts.push_back(0);
      c.options = opts;
      break;
    }
    case IssueKind::number: {
      c.kind = Condition::Kind::range;
      Rational a = random_value(s, issue).number;
      Rational b = random_value(s, issue).number;
      if (b < a) std::swap(a, b);
      if (coin(70)) c.min = a;
      if (!c.min || coin(50)) c.max = b;
      break;
    }
    case IssueKind::share: {
      c.kind = Condition::Kind::party_share;
      c.party = *rc::gen::inRange<int>(0, static_cast<int>(s.parties.size()));
      Rational a = random_value(s, issue).shares[0];
      Rational b = random_value(s, issue).shares[0];
      if (b < a) std::swap(a, b);
      if (coin(70)) c.min = a;
      if (!c.min || coin(50)) c.max = b;
      break;
    }
  }
  if (coin(10)) c.meta = random_meta();
  return c;
}

}  // namespace

Condition random_condition(const Scenario& s, int depth) {
  if (depth >= 2 || coin(60)) return random_leaf(s);
  Condition c;
  int form = *rc::gen::inRange(0, 3);
  c.kind = form == 0 ? Condition::Kind::all : (form == 1 ? Condition::Kind::any : Condition::Kind::negation);
  int children = c.kind == Condition::Kind::negation ? 1 : *rc::gen::inRange(1, 4);
  for (int k = 0; k < children; ++k) c.children.push_back(random_condition(s, depth + 1));
  return c;
}

namespace {

// A condition that can hold (the reader rejects those that cannot).
std::optional<Condition> satisfiable_condition(const Scenario& s) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    Condition c = random_condition(s, 0);
    if (satisfiable(s, c) != std::optional<bool>(false)) return c;
  }
  return std::nullopt;
}

std::vector<int> holding_issues(const Scenario& s) {
  std::vector<int> out;
  for (std::size_t i = 0; i < s.issues.size(); ++i) {
    if (s.issues[i].is_holding()) out.push_back(static_cast<int>(i));
  }
  return out;
}

}  // namespace

rc::Gen<Scenario> gen_scenario(ScenarioShape shape) {
  return rc::gen::exec([shape] {
    Scenario s;
    if (coin(50)) s.title = "Random scenario";
    if (coin(20)) s.description = "line one\nline \"two\"";
    s.period = static_cast<Period>(*rc::gen::inRange(0, 4));
    s.meta = coin(30) ? random_meta() : "";
    const int n = *rc::gen::inRange(shape.min_parties, shape.max_parties + 1);
    for (int p = 0; p < n; ++p) {
      Party party;
      party.id = "p" + std::to_string(p);
      if (coin(50)) party.name = "Party " + std::to_string(p);
      if (coin(10)) party.meta = random_meta();
      s.parties.push_back(party);
    }
    const int m = *rc::gen::inRange(1, shape.max_issues + 1);
    int regions = 0;
    for (int i = 0; i < m; ++i) {
      Issue is;
      is.id = "i" + std::to_string(i);
      int kind = shape.goods_only ? (coin(70) ? 0 : 2) : *rc::gen::inRange(0, 5);
      is.kind = static_cast<IssueKind>(kind);
      if (coin(30)) is.name = "Issue " + std::to_string(i);
      if (coin(10)) is.meta = random_meta();
      switch (is.kind) {
        case IssueKind::item:
        case IssueKind::region:
          is.joint = coin(30);
          is.neutral = coin(30);
          regions += is.kind == IssueKind::region ? 1 : 0;
          break;
        case IssueKind::share: {
          static const std::vector<Rational> steps{Rational(1, 100), Rational(1, 2), Rational(1, 4), Rational(1, 5),
                                                   Rational(1, 3), Rational(1, 10)};
          is.step = pick(steps);
          break;
        }
        case IssueKind::choice: {
          int k = *rc::gen::inRange(2, 5);
          for (int o = 0; o < k; ++o) is.options.push_back("opt" + std::to_string(o));
          break;
        }
        case IssueKind::number: {
          static const std::vector<Rational> steps{1, Rational(1, 2), 5, Rational(1, 4), Rational(1, 3)};
          is.step = pick(steps);
          is.min = Rational(*rc::gen::inRange(-10, 11)) * is.step;
          is.max = is.min + is.step * Rational(*rc::gen::inRange(0, 11));
          if (coin(40)) is.unit = "days";
          break;
        }
      }
      s.issues.push_back(is);
    }
    if (regions > 0 || coin(10)) {
      Map map;
      std::vector<int> rs;
      for (std::size_t i = 0; i < s.issues.size(); ++i) {
        if (s.issues[i].kind == IssueKind::region) rs.push_back(static_cast<int>(i));
      }
      // A path through the regions, broken now and then (leaving islands),
      // plus a few extra links.
      for (std::size_t k = 1; k < rs.size(); ++k) {
        if (!coin(15)) map.adjacency.emplace_back(rs[k - 1], rs[k]);
      }
      for (std::size_t k = 2; k < rs.size(); ++k) {
        if (coin(30)) map.adjacency.emplace_back(rs[k - 2], rs[k]);
      }
      if (coin(10)) map.meta = random_meta();
      s.map = map;
    }
    s.status_quo.assign(s.issues.size(), std::nullopt);
    s.agreed.assign(s.issues.size(), std::nullopt);
    for (std::size_t i = 0; i < s.issues.size(); ++i) {
      if (s.issues[i].is_holding() && coin(40)) s.status_quo[i] = random_value(s, static_cast<int>(i));
      if (coin(15)) s.agreed[i] = random_value(s, static_cast<int>(i));
    }
    if (shape.rules) {
      int rules = *rc::gen::inRange(0, 4);
      auto holdings = holding_issues(s);
      for (int k = 0; k < rules; ++k) {
        Rule r;
        r.kind = static_cast<Rule::Kind>(*rc::gen::inRange(0, 5));
        if (coin(10)) r.meta = random_meta();
        switch (r.kind) {
          case Rule::Kind::contiguous: {
            if (regions == 0) continue;
            for (int p = 0; p < n; ++p) {
              if (coin(40)) r.parties.push_back(p);
            }
            std::vector<int> used;
            for (std::size_t i = 0; i < s.issues.size(); ++i) {
              if (s.issues[i].kind != IssueKind::region || !coin(30)) continue;
              int p = *rc::gen::inRange(0, n);
              bool covered = r.parties.empty() || std::count(r.parties.begin(), r.parties.end(), p);
              bool taken = false;
              for (auto& [q, reg] : r.anchors) taken |= q == p;
              if (covered && !taken) r.anchors.emplace_back(p, static_cast<int>(i));
            }
            break;
          }
          case Rule::Kind::same_owner:
          case Rule::Kind::count: {
            if (holdings.size() < (r.kind == Rule::Kind::same_owner ? 2u : 1u)) continue;
            auto chosen = holdings;
            std::shuffle(chosen.begin(), chosen.end(), std::mt19937(*rc::gen::arbitrary<unsigned>()));
            std::size_t lo = r.kind == Rule::Kind::same_owner ? 2 : 1;
            chosen.resize(static_cast<std::size_t>(*rc::gen::inRange<int>(static_cast<int>(lo), static_cast<int>(chosen.size()) + 1)));
            r.issues = chosen;
            if (r.kind == Rule::Kind::count) {
              r.party = *rc::gen::inRange(0, n);
              auto size = static_cast<std::int64_t>(chosen.size());
              std::int64_t a = *rc::gen::inRange<std::int64_t>(0, size + 1);
              std::int64_t b = *rc::gen::inRange<std::int64_t>(0, size + 1);
              if (b < a) std::swap(a, b);
              if (coin(60)) r.min = a;
              if (!r.min || coin(50)) r.max = b;
            }
            break;
          }
          case Rule::Kind::implies: {
            auto c = satisfiable_condition(s);
            auto t = satisfiable_condition(s);
            if (!c || !t) continue;
            r.condition = *c;
            r.consequence = *t;
            break;
          }
          case Rule::Kind::require: {
            auto c = satisfiable_condition(s);
            if (!c) continue;
            r.condition = *c;
            break;
          }
        }
        s.rules.push_back(r);
      }
    }
    s.preferences.assign(static_cast<std::size_t>(n), std::nullopt);
    for (int p = 0; p < n; ++p) {
      if (!shape.all_preferences && coin(10)) continue;
      Preferences pr;
      pr.issues.resize(s.issues.size());
      bool positive = false;
      for (std::size_t i = 0; i < s.issues.size(); ++i) {
        const Issue& is = s.issues[i];
        IssuePreference& ip = pr.issues[i];
        static const std::vector<Rational> weights{0, 1, 5, 10, 25, Rational(1, 3), Rational(1, 10), 100};
        ip.weight = pick(weights);
        positive |= !ip.weight.is_zero();
        switch (is.kind) {
          case IssueKind::item:
          case IssueKind::region:
            if (coin(50)) ip.holder.own = unit_value();
            if (is.joint && coin(50)) ip.holder.joint = unit_value();
            if (is.neutral && coin(50)) ip.holder.neutral = unit_value();
            if (coin(20)) ip.holder.other = unit_value();
            break;
          case IssueKind::share: break;
          case IssueKind::choice:
            ip.option_values.assign(is.options.size(), 0);
            for (Rational& v : ip.option_values) {
              if (coin(70)) v = unit_value();
            }
            break;
          case IssueKind::number: {
            if (coin(20)) break;
            int points = *rc::gen::inRange(1, 4);
            Rational x = is.min - is.step;
            for (int k = 0; k < points; ++k) {
              x += is.step * Rational(*rc::gen::inRange(1, 5));
              ip.curve.emplace_back(x, unit_value());
            }
            break;
          }
        }
      }
      if (!positive) pr.issues[0].weight = 1;
      if (coin(50)) pr.reservation = unit_value();
      if (coin(20)) pr.delay_cost = Rational(1, 100);
      if (coin(10)) pr.meta = random_meta();
      if (shape.rules) {
        int lines = *rc::gen::inRange(0, 3);
        for (int k = 0; k < lines; ++k) {
          if (auto c = satisfiable_condition(s)) pr.red_lines.push_back(*c);
        }
      }
      s.preferences[static_cast<std::size_t>(p)] = pr;
    }
    return s;
  });
}

rc::Gen<Outcome> gen_outcome(const Scenario& s) {
  return rc::gen::exec([s] {
    Outcome o;
    for (std::size_t i = 0; i < s.issues.size(); ++i) o.push_back(random_value(s, static_cast<int>(i)));
    return o;
  });
}

}  // namespace parley::test
