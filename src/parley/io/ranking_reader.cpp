// Ranking files for `parley elicit` (docs/cli.md): {"packages": [outcome, ...],
// "order": [[0], [2, 3], [1]]}. This reads the shapes and the outcomes; which
// indices the order may hold is the facade's check (mediate/elicit.cpp), so a
// program that builds a Ranking itself gets the same answers.
#include <string>
#include <utility>

#include "parley/io/scenario_reader.h"

namespace parley {

Result<Ranking> read_ranking(const json::Value& root, const Scenario& s, const std::string& source) {
  std::vector<Diagnostic> errors;
  Ranking out;
  if (!root.is_object()) {
    return Result<Ranking>::fail(source, "",
                                 "a ranking is a JSON object {\"packages\": [outcome, ...], \"order\": [[0], [2, 3], "
                                 "[1]]}, found " + std::string(json::type_name(root.type())));
  }
  for (const auto& [key, value] : root.members()) {
    if (key != "packages" && key != "order") {
      errors.push_back({"/" + key, "unknown key; a ranking has \"packages\" and \"order\""});
    }
  }
  const json::Value* packages = root.find("packages");
  const json::Value* order = root.find("order");
  if (packages == nullptr) errors.push_back({"", "missing \"packages\": the example packages, a list of outcomes"});
  else if (!packages->is_array()) errors.push_back({"/packages", "must be a list of outcomes"});
  if (order == nullptr) errors.push_back({"", "missing \"order\": groups of package indices, best first"});
  else if (!order->is_array()) errors.push_back({"/order", "must be a list of groups, each a list of package indices"});

  if (packages != nullptr && packages->is_array()) {
    for (std::size_t k = 0; k < packages->items().size(); ++k) {
      const std::string at = "/packages/" + std::to_string(k);
      Result<PartialOutcome> partial = read_partial_outcome(packages->items()[k], s, source);
      if (!partial) {
        for (Diagnostic d : partial.errors()) {
          d.pointer = at + d.pointer;
          errors.push_back(std::move(d));
        }
        continue;
      }
      // Agreed terms may be left out: they are what every package holds.
      Outcome o;
      for (std::size_t i = 0; i < s.issues.size(); ++i) {
        const auto& v = partial.value()[i] ? partial.value()[i] : s.agreed[i];
        if (!v) {
          errors.push_back({at + "/" + s.issues[i].id,
                            "missing: package " + std::to_string(k) + " gives no value for issue \"" + s.issues[i].id +
                                "\" (only agreed terms may be left out)"});
          continue;
        }
        o.push_back(*v);
      }
      if (o.size() == s.issues.size()) out.packages.push_back(std::move(o));
    }
  }
  if (order != nullptr && order->is_array()) {
    for (std::size_t g = 0; g < order->items().size(); ++g) {
      const json::Value& group = order->items()[g];
      const std::string at = "/order/" + std::to_string(g);
      if (!group.is_array()) {
        errors.push_back({at, "a group is a list of package indices (tied packages together), found " +
                                  std::string(json::type_name(group.type()))});
        continue;
      }
      std::vector<int> indices;
      for (std::size_t i = 0; i < group.items().size(); ++i) {
        const json::Value& k = group.items()[i];
        std::optional<Rational> r = k.is_number() ? Rational::parse(k.text()) : std::nullopt;
        if (!r || !r->is_integer() || r->sign() < 0 || *r > Rational(1'000'000'000)) {
          errors.push_back({at + "/" + std::to_string(i), "a package index: an integer from 0, found " +
                                                              (k.is_number() ? k.text() : std::string(json::type_name(k.type())))});
          continue;
        }
        indices.push_back(static_cast<int>(r->small_numerator()));
      }
      out.order.push_back(std::move(indices));
    }
  }
  if (!errors.empty()) return Failure{source, std::move(errors)};
  return out;
}

Result<Ranking> read_ranking_file(const std::string& path, const Scenario& s) {
  auto doc = json::parse_file(path);
  if (!doc) return doc.failure();
  return read_ranking(doc.value(), s, path);
}

}  // namespace parley
