// The scenario reader's parties and issues (scenario_reader_internal.h).
#include <set>
#include <string>
#include <utility>

#include "parley/io/scenario_reader_internal.h"

namespace parley::io_internal {

void Reader::read_parties(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::array, ptr, "an array of parties")) return;
  if (v.items().size() < 2) {
    error(ptr, "needs at least 2 parties, found " + std::to_string(v.items().size()));
  }
  if (v.items().size() > limits_.max_parties) {
    error(ptr, "has " + std::to_string(v.items().size()) + " parties; parley handles at most " +
                   std::to_string(limits_.max_parties));
    return;
  }
  for (std::size_t k = 0; k < v.items().size(); ++k) {
    const Value& item = v.items()[k];
    std::string p = pointer_join(ptr, k);
    Party party;
    if (expect(item, Type::object, p, "a party object {\"id\": ..., \"name\": ...}")) {
      check_keys(item, p, {"id", "name", "meta"}, "a party");
      if (const Value* id = require(item, p, "id", "a party")) {
        std::string ip = pointer_join(p, "id");
        if (id->is_string() && !is_id(id->text())) rejected_ids_.insert(id->text());
        if (auto text = identifier(*id, ip, "party")) {
          if (*text == "joint" || *text == "neutral") {
            error(ip, quote(*text) + " is reserved (it names a way of holding an item) and cannot be a party id");
          } else if (party_ids_.count(*text)) {
            error(ip, "duplicate party id " + quote(*text) + " (also /parties/" +
                          std::to_string(party_ids_[*text]) + "); party ids must be unique");
          } else {
            party.id = *text;
            party_ids_[*text] = static_cast<int>(k);
            party_names_.push_back(*text);
          }
        }
      }
      if (const Value* name = item.find("name")) {
        if (auto t = string(*name, pointer_join(p, "name"))) party.name = *t;
      }
      if (const Value* meta = item.find("meta")) party.meta = meta_text(*meta);
    }
    s_.parties.push_back(std::move(party));
  }
}

void Reader::read_issues(const Value& v, const std::string& ptr) {
  if (!expect(v, Type::array, ptr, "an array of issues")) return;
  if (v.items().empty()) error(ptr, "needs at least 1 issue, found 0");
  if (v.items().size() > limits_.max_issues) {
    error(ptr, "has " + std::to_string(v.items().size()) + " issues; parley handles at most " +
                   std::to_string(limits_.max_issues));
    return;
  }
  // Preferences, shares and evaluation all grow with parties x issues.
  if (s_.parties.size() * v.items().size() > limits_.max_party_issue_pairs) {
    error(ptr, "has " + std::to_string(v.items().size()) + " issues for " + std::to_string(s_.parties.size()) +
                   " parties; parley handles at most " + std::to_string(limits_.max_party_issue_pairs) +
                   " parties x issues");
    return;
  }
  for (std::size_t k = 0; k < v.items().size(); ++k) {
    Issue is;
    bool usable = false;
    read_issue(v.items()[k], pointer_join(ptr, k), is, usable);
    s_.issues.push_back(std::move(is));
    usable_.push_back(usable);
  }
}

void Reader::read_issue(const Value& v, const std::string& ptr, Issue& is, bool& usable) {
  if (!expect(v, Type::object, ptr, "an issue object {\"id\": ..., \"kind\": ...}")) return;
  const std::size_t index = s_.issues.size();
  if (const Value* id = require(v, ptr, "id", "an issue")) {
    std::string ip = pointer_join(ptr, "id");
    if (id->is_string() && !is_id(id->text())) rejected_ids_.insert(id->text());
    if (auto text = identifier(*id, ip, "issue")) {
      if (issue_ids_.count(*text)) {
        error(ip, "duplicate issue id " + quote(*text) + " (also /issues/" + std::to_string(issue_ids_[*text]) +
                      "); issue ids must be unique");
      } else if (party_ids_.count(*text)) {
        error(ip, quote(*text) + " is already a party id; issue ids must differ from party ids");
        rejected_ids_.insert(*text);
      } else {
        is.id = *text;
        issue_ids_[*text] = static_cast<int>(index);
        issue_names_.push_back(*text);
      }
    }
  }
  if (const Value* t = v.find("name")) {
    if (auto text = string(*t, pointer_join(ptr, "name"))) is.name = *text;
  }
  if (const Value* t = v.find("description")) {
    if (auto text = string(*t, pointer_join(ptr, "description"))) is.description = *text;
  }
  if (const Value* t = v.find("meta")) is.meta = meta_text(*t);

  static const std::vector<std::string> kinds{"item", "region", "share", "choice", "number"};
  const Value* kind = require(v, ptr, "kind", "an issue (item, region, share, choice or number)");
  std::optional<IssueKind> k;
  if (kind) {
    std::string kp = pointer_join(ptr, "kind");
    if (auto text = string(*kind, kp)) {
      auto it = std::find(kinds.begin(), kinds.end(), *text);
      if (it == kinds.end()) {
        error(kp, "unknown issue kind " + quote_short(*text) + suggest(*text, kinds, "kinds"));
      } else {
        k = static_cast<IssueKind>(it - kinds.begin());
      }
    }
  }
  std::vector<std::string> allowed{"id", "kind", "name", "description", "meta"};
  if (!k) {
    // Without a kind the other keys cannot be judged; report only what is surely wrong.
    check_keys(v, ptr,
               {"id", "kind", "name", "description", "meta", "joint", "neutral", "step", "options", "min", "max",
                "unit"},
               "an issue");
    return;
  }
  is.kind = *k;
  const std::string what = std::string("an issue of kind ") + std::string(kind_name(*k));
  switch (*k) {
    case IssueKind::item:
    case IssueKind::region: allowed.insert(allowed.end(), {"joint", "neutral"}); break;
    case IssueKind::share: allowed.emplace_back("step"); break;
    case IssueKind::choice: allowed.emplace_back("options"); break;
    case IssueKind::number: allowed.insert(allowed.end(), {"min", "max", "step", "unit"}); break;
  }
  check_keys(v, ptr, allowed, what);  // first, so that a misspelt key is not also reported missing
  bool ok = !is.id.empty();
  switch (*k) {
    case IssueKind::item:
    case IssueKind::region: {
      if (const Value* j = v.find("joint")) {
        auto b = boolean(*j, pointer_join(ptr, "joint"));
        ok = ok && b;
        is.joint = b.value_or(false);
      }
      if (const Value* n = v.find("neutral")) {
        auto b = boolean(*n, pointer_join(ptr, "neutral"));
        ok = ok && b;
        is.neutral = b.value_or(false);
      }
      break;
    }
    case IssueKind::share: {
      is.step = Rational(1, 100);
      if (const Value* st = v.find("step")) {
        std::string sp = pointer_join(ptr, "step");
        auto step = number(*st, sp);
        if (!step) {
          ok = false;
        } else if (*step <= 0 || *step > 1) {
          error(sp, "step " + num(*step) + " is outside (0, 1]; a share's step is a fraction such as 0.01");
          ok = false;
        } else if (!(Rational(1) / *step).is_integer()) {
          error(sp, "step " + num(*step) + " does not divide 1 (1/step = " + num(Rational(1) / *step) +
                        "); use a step such as 0.01, 0.05 or 1/3");
          ok = false;
        } else if (Rational(1) / *step > Rational(static_cast<std::int64_t>(limits_.max_grid_points))) {
          error(sp, "step " + num(*step) + " makes " + num(Rational(1) / *step) + " units; at most " +
                        std::to_string(limits_.max_grid_points) + " are allowed");
          ok = false;
        } else {
          is.step = *step;
        }
      }
      break;
    }
    case IssueKind::choice: {
      const Value* opts = require(v, ptr, "options", what);
      ok = ok && opts;
      if (opts) {
        std::string op = pointer_join(ptr, "options");
        if (!expect(*opts, Type::array, op, "an array of option names")) {
          ok = false;
        } else if (opts->items().size() < 2) {
          error(op, "needs at least 2 options, found " + std::to_string(opts->items().size()));
          ok = false;
        } else if (opts->items().size() > limits_.max_options) {
          error(op, "has " + std::to_string(opts->items().size()) + " options; at most " +
                        std::to_string(limits_.max_options) + " are allowed");
          ok = false;
        } else {
          std::set<std::string> seen;
          for (std::size_t o = 0; o < opts->items().size(); ++o) {
            std::string p = pointer_join(op, o);
            auto name = string(opts->items()[o], p);
            if (!name) {
              ok = false;
            } else if (name->empty()) {
              error(p, "an option name cannot be empty");
              ok = false;
            } else if (!seen.insert(*name).second) {
              error(p, "duplicate option " + quote_short(*name) + "; options must be distinct");
              ok = false;
            } else {
              is.options.push_back(*name);
            }
          }
        }
      }
      break;
    }
    case IssueKind::number: {
      const Value* lo = require(v, ptr, "min", what);
      const Value* hi = require(v, ptr, "max", what);
      const Value* st = require(v, ptr, "step", what + " (the grid spacing, such as 1 or 15)");
      std::optional<Rational> min, max, step;
      if (lo) min = number(*lo, pointer_join(ptr, "min"));
      if (hi) max = number(*hi, pointer_join(ptr, "max"));
      if (st) step = number(*st, pointer_join(ptr, "step"));
      if (const Value* u = v.find("unit")) {
        if (auto text = string(*u, pointer_join(ptr, "unit"))) is.unit = *text;
      }
      ok = ok && min && max && step;
      if (step && *step <= 0) {
        error(pointer_join(ptr, "step"), "step " + num(*step) + " must be greater than 0");
        ok = false;
      }
      if (min && max && *min > *max) {
        error(pointer_join(ptr, "max"), "max " + num(*max) + " is less than min " + num(*min));
        ok = false;
      }
      if (ok) {
        Rational points = (*max - *min) / *step;
        if (!points.is_integer()) {
          error(pointer_join(ptr, "step"), "step " + num(*step) + " does not divide the range " + num(*min) + " to " +
                                               num(*max) + " ((max - min)/step = " + num(points) +
                                               " is not a whole number)");
          ok = false;
        } else if (points + 1 > Rational(static_cast<std::int64_t>(limits_.max_grid_points))) {
          error(pointer_join(ptr, "step"), "the grid " + num(*min) + " to " + num(*max) + " in steps of " +
                                               num(*step) + " has " + num(points + 1) + " points; at most " +
                                               std::to_string(limits_.max_grid_points) + " are allowed");
          ok = false;
        }
      }
      if (ok) {
        is.min = *min;
        is.max = *max;
        is.step = *step;
      }
      break;
    }
  }
  usable = ok;
}

}  // namespace parley::io_internal
