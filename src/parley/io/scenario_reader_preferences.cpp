// The scenario reader's preferences: weights, values, reservations and red
// lines (scenario_reader_internal.h).
#include <algorithm>
#include <cctype>
#include <utility>

#include "parley/io/scenario_reader_internal.h"

namespace parley::io_internal {

// ------------------------------------------------------------ preferences ---

void Reader::read_preferences(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::object, ptr, "an object from party id to preferences")) return;
  for (const auto& [key, prefs] : v.members()) {
    std::string p = pointer_join(ptr, key);
    int party = party_ref(Value::string(key), p);
    if (party < 0) continue;
    s_.preferences[static_cast<std::size_t>(party)] = read_party_preferences(prefs, p);
  }
}

std::optional<Preferences> Reader::read_party_preferences(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::object, ptr, "a preferences object {\"weights\": {...}, ...}")) return std::nullopt;
  check_keys(v, ptr,
             {"weights", "values", "reservation", "red_lines", "delay_cost", "reservation_drift", "currency", "meta"},
             "preferences");
  Preferences prefs;
  prefs.issues.resize(s_.issues.size());
  for (std::size_t i = 0; i < s_.issues.size(); ++i) {
    if (s_.issues[i].kind == IssueKind::choice) prefs.issues[i].option_values.assign(s_.issues[i].options.size(), 0);
  }
  if (const Value* m = v.find("meta")) prefs.meta = meta_text(*m);
  // Read before the weights: a currency is what lets a weight be negative.
  bool currency_given = false;
  if (const Value* c = v.find("currency")) {
    currency_given = true;
    const std::string cp = pointer_join(ptr, "currency");
    if (expect(*c, Type::string, cp, "a three-letter currency code such as \"EUR\"")) {
      const std::string& code = c->text();
      const bool iso = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
      if (iso) {
        prefs.currency = code;
      } else {
        error(cp, "expected a three-letter currency code in capitals such as \"EUR\" or \"USD\", found " +
                      found_text(*c));
      }
    }
  }
  if (const Value* w = require(v, ptr, "weights", "preferences (issue id to weight)")) {
    std::string wp = pointer_join(ptr, "weights");
    if (expect(*w, Type::object, wp, "an object from issue id to weight")) {
      Rational total = 0;
      bool all_read = true;
      for (const auto& [key, weight] : w->members()) {
        std::string p = pointer_join(wp, key);
        auto value = number(weight, p);
        if (!value) {
          all_read = false;
          continue;
        }
        if (*value < 0 && !currency_given) {
          error(p, "weight " + num(*value) +
                       " is negative; weights are 0 or more, unless the party gives a \"currency\" (then a weight "
                       "is an amount of money and a debt is negative)");
          all_read = false;
          continue;
        }
        // The weight counts towards the sum even for an issue with an error of
        // its own, so that one mistake is not reported twice.
        total += value->abs();
        auto it = issue_ids_.find(key);
        if (it == issue_ids_.end()) {
          issue_key(key, p);
          continue;
        }
        if (*value < 0 && s_.issues[static_cast<std::size_t>(it->second)].kind == IssueKind::share) {
          // A share's value is the fraction received; a debt split in
          // fractions would need every division method to handle a share
          // that nobody wants, which none does yet.
          error(p, "weight " + num(*value) + " is negative on share \"" + key +
                       "\"; a debt can be an item (who takes it on), not a share");
          continue;
        }
        prefs.issues[static_cast<std::size_t>(it->second)].weight = *value;
      }
      if (all_read && total.is_zero()) {
        error(wp, "the weights sum to 0; at least one issue needs a positive weight");
      }
    }
  }
  if (const Value* vals = v.find("values")) read_values(*vals, pointer_join(ptr, "values"), prefs);
  if (const Value* r = v.find("reservation")) {
    const std::string rp = pointer_join(ptr, "reservation");
    // A string is an exact fraction "p/q" or a word: "status_quo", resolved
    // to a number once every preference is read (resolve_status_quo_reservations).
    const bool word = r->is_string() && !r->text().empty() && std::isalpha(static_cast<unsigned char>(r->text()[0]));
    if (word && r->text() == "status_quo") {
      prefs.reservation_is_status_quo = true;
    } else if (word) {
      error(rp, "expected a number in [0, 1] or \"status_quo\" (this party's utility of the status quo), found " +
                    found_text(*r));
    } else if (auto x = unit_value(*r, rp)) {
      prefs.reservation = *x;
    }
  }
  if (const Value* d = v.find("delay_cost")) {
    if (auto x = unit_value(*d, pointer_join(ptr, "delay_cost"))) prefs.delay_cost = *x;
  }
  // Any sign: a no-deal position may improve (> 0) or erode (< 0) with time.
  if (const Value* d = v.find("reservation_drift")) {
    if (auto x = number(*d, pointer_join(ptr, "reservation_drift"))) prefs.reservation_drift = *x;
  }
  if (const Value* rl = v.find("red_lines")) {
    std::string rp = pointer_join(ptr, "red_lines");
    if (expect(*rl, Type::array, rp, "an array of conditions")) {
      for (std::size_t k = 0; k < rl->items().size(); ++k) {
        if (auto c = read_top_condition(rl->items()[k], pointer_join(rp, k), "this red line")) {
          prefs.red_lines.push_back(std::move(*c));
        }
      }
    }
  }
  return prefs;
}

void Reader::read_values(const Value& v, const std::string& ptr, Preferences& prefs) {
  if (!expect(v, Type::object, ptr, "an object from issue id to values")) return;
  for (const auto& [key, value] : v.members()) {
    std::string p = pointer_join(ptr, key);
    int issue = issue_key(key, p);
    if (issue < 0) continue;
    const Issue& is = s_.issues[static_cast<std::size_t>(issue)];
    IssuePreference& ip = prefs.issues[static_cast<std::size_t>(issue)];
    switch (is.kind) {
      case IssueKind::item:
      case IssueKind::region: {
        if (!expect(value, Type::object, p, "an object such as {\"own\": 1, \"joint\": 0.5, \"other\": 0}")) break;
        std::vector<std::string> allowed{"own", "other"};
        if (is.joint) allowed.emplace_back("joint");
        if (is.neutral) allowed.emplace_back("neutral");
        for (const auto& [holder, x] : value.members()) {
          std::string hp = pointer_join(p, holder);
          if ((holder == "joint" && !is.joint) || (holder == "neutral" && !is.neutral)) {
            error(hp, quote(is.id) + " cannot be held " + (holder == "joint" ? "jointly" : "neutrally") +
                          ", so a value for \"" + holder + "\" would never count; remove it or set \"" + holder +
                          "\": true on the issue");
            continue;
          }
          if (std::find(allowed.begin(), allowed.end(), holder) == allowed.end()) {
            error(hp, "unknown key " + quote(holder) + " in the values of " + quote(is.id) +
                          suggest(holder, allowed, "allowed keys"));
            continue;
          }
          auto r = unit_value(x, hp);
          if (!r) continue;
          if (holder == "own") ip.holder.own = *r;
          if (holder == "joint") ip.holder.joint = *r;
          if (holder == "neutral") ip.holder.neutral = *r;
          if (holder == "other") ip.holder.other = *r;
        }
        break;
      }
      case IssueKind::share:
        error(p, "a share issue takes no values: each party's value is the fraction it receives");
        break;
      case IssueKind::choice: {
        if (!expect(value, Type::object, p, "an object from option to value")) break;
        for (const auto& [option, x] : value.members()) {
          std::string op = pointer_join(p, option);
          auto o = option_ref(Value::string(option), op, issue);
          auto r = unit_value(x, op);
          if (o && r) ip.option_values[static_cast<std::size_t>(*o)] = *r;
        }
        break;
      }
      case IssueKind::number: {
        if (!expect(value, Type::array, p, "an array of [x, value] points such as [[0, 1], [90, 0]]")) break;
        if (value.items().empty()) {
          error(p, "needs at least 1 [x, value] point, found 0 (leave the issue out of \"values\" to value it 0)");
          break;
        }
        std::vector<std::pair<Rational, Rational>> curve;
        bool ok = true;
        for (std::size_t k = 0; k < value.items().size(); ++k) {
          const Value& point = value.items()[k];
          std::string pp = pointer_join(p, k);
          if (!point.is_array() || point.items().size() != 2) {
            error(pp, "expected a point [x, value], found " +
                          (point.is_array() ? "an array of " + std::to_string(point.items().size()) : found_text(point)));
            ok = false;
            continue;
          }
          auto x = number(point.items()[0], pointer_join(pp, 0));
          auto y = unit_value(point.items()[1], pointer_join(pp, 1));
          if (!x || !y) {
            ok = false;
            continue;
          }
          if (!curve.empty() && *x <= curve.back().first) {
            error(pointer_join(pp, 0), "x = " + num(*x) + " does not increase (the previous point has x = " +
                                           num(curve.back().first) + "); points go in strictly increasing x");
            ok = false;
            continue;
          }
          curve.emplace_back(*x, *y);
        }
        if (ok) ip.curve = std::move(curve);
        break;
      }
    }
  }
}

}  // namespace parley::io_internal
