// The scenario reader's dynamics: the real costs of delay and the shifts of
// the parties' no-deal positions while an agreement holds
// (scenario_reader_internal.h; docs/scenario-format.md, "Dynamics").
#include <utility>

#include "parley/io/scenario_reader_internal.h"

namespace parley::io_internal {

void Reader::read_dynamics(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::object, ptr, "an object {\"costs_of_delay\": [...], \"shifts\": [...]}")) return;
  check_keys(v, ptr, {"costs_of_delay", "shifts", "meta"}, "dynamics");
  Dynamics& d = s_.dynamics;
  if (const Value* m = v.find("meta")) d.meta = meta_text(*m);

  if (const Value* costs = v.find("costs_of_delay")) {
    const std::string cp = pointer_join(ptr, "costs_of_delay");
    if (expect(*costs, Type::array, cp, "an array of {\"what\", \"per_period\", \"source\"} objects")) {
      for (std::size_t k = 0; k < costs->items().size(); ++k) {
        const Value& c = costs->items()[k];
        const std::string p = pointer_join(cp, k);
        if (!expect(c, Type::object, p,
                    "a cost object such as {\"what\": \"soldiers killed\", \"per_period\": 2500, \"source\": ...}")) {
          continue;
        }
        check_keys(c, p, {"what", "per_period", "source", "meta"}, "a cost of delay");
        CostOfDelay cost;
        bool ok = true;
        if (const Value* m = c.find("meta")) cost.meta = meta_text(*m);
        if (const Value* what = require(c, p, "what", "a cost of delay (what is lost, such as \"soldiers killed\")")) {
          if (auto t = string(*what, pointer_join(p, "what"))) {
            if (t->empty()) {
              error(pointer_join(p, "what"), "is empty; say what each period costs, such as \"soldiers killed\"");
              ok = false;
            }
            cost.what = *t;
          } else {
            ok = false;
          }
        } else {
          ok = false;
        }
        if (const Value* n = require(c, p, "per_period", "a cost of delay (how much is lost each period)")) {
          const std::string np = pointer_join(p, "per_period");
          if (auto x = number(*n, np)) {
            if (x->sign() < 0) {
              error(np, num(*x) + " is negative; a cost of delay is 0 or more per period");
              ok = false;
            }
            cost.per_period = *x;
          } else {
            ok = false;
          }
        } else {
          ok = false;
        }
        if (const Value* src = c.find("source")) {
          if (auto t = string(*src, pointer_join(p, "source"))) cost.source = *t;
          else ok = false;
        }
        if (ok) d.costs_of_delay.push_back(std::move(cost));
      }
    }
  }

  if (const Value* shifts = v.find("shifts")) {
    const std::string sp = pointer_join(ptr, "shifts");
    if (expect(*shifts, Type::array, sp, "an array of {\"when\", \"party\", \"reservation_per_period\"} objects")) {
      for (std::size_t k = 0; k < shifts->items().size(); ++k) {
        const Value& sh = shifts->items()[k];
        const std::string p = pointer_join(sp, k);
        if (!expect(sh, Type::object, p,
                    "a shift object such as {\"when\": {\"issue\": \"rearmament\", \"in\": [\"unrestricted\"]}, "
                    "\"party\": \"a\", \"reservation_per_period\": 0.01}")) {
          continue;
        }
        check_keys(sh, p, {"when", "party", "reservation_per_period", "meta"}, "a shift");
        Shift shift;
        bool ok = true;
        if (const Value* m = sh.find("meta")) shift.meta = meta_text(*m);
        if (const Value* when = require(sh, p, "when", "a shift (the condition on the agreed terms)")) {
          auto c = read_top_condition(*when, pointer_join(p, "when"), "this shift's condition");
          if (c) shift.when = std::move(*c);
          else ok = false;
        } else {
          ok = false;
        }
        if (const Value* party = require(sh, p, "party", "a shift (whose no-deal position moves)")) {
          shift.party = party_ref(*party, pointer_join(p, "party"));
          ok = ok && shift.party >= 0;
        } else {
          ok = false;
        }
        if (const Value* r = require(sh, p, "reservation_per_period",
                                     "a shift (how much the party's reservation changes each period)")) {
          // Any sign: the terms may strengthen or weaken a party's alternative.
          if (auto x = number(*r, pointer_join(p, "reservation_per_period"))) shift.reservation_per_period = *x;
          else ok = false;
        } else {
          ok = false;
        }
        if (ok) d.shifts.push_back(std::move(shift));
      }
    }
  }
}

}  // namespace parley::io_internal
