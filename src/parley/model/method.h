// The methods `parley solve` offers (docs/cli.md, "Methods for solve"): one
// enum for every front end and layer.
//
//   std::optional<Method> m = method_from_name("round-robin");   // Method::round_robin
//   if (m && is_solution_concept(*m)) ...                         // nash .. leximin
//   std::cout << method_name(Method::envy_cycle);                 // "envy-cycle"
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace parley {

enum class Method {
  // Solution concepts: defined on the parties' utilities and searched over
  // every feasible, individually rational outcome.
  nash,
  ks,
  egalitarian,
  utilitarian,
  mnw,
  leximin,
  // Fair-division procedures on the goods part of a scenario.
  aw,
  round_robin,
  envy_cycle,
  // Divisions with money (every party gives the same currency): items, then payments.
  knaster,
  compensation,
  // Time: the subgame-perfect equilibrium of alternating offers with a
  // deadline, over every feasible outcome (not only the acceptable ones).
  alternating,
  // Weights: the package whose worst case over a box of weights is best.
  robust,
};

// Every method, in the order above.
std::span<const Method> all_methods();

// The name on the command line and in JSON: "nash", ..., "round-robin", "envy-cycle".
std::string_view method_name(Method m);
std::optional<Method> method_from_name(std::string_view name);
// "Nash bargaining solution", ..., "Envy-cycle elimination": for titles.
std::string_view method_title(Method m);
// "nash, ks, egalitarian, ...": for messages.
std::string_view method_names();

// nash, ks, egalitarian, utilitarian, mnw, leximin (robust is searched by its
// own engine, mediate/robust.h).
bool is_solution_concept(Method m);
// aw, round-robin, envy-cycle, knaster, compensation.
bool is_fair_division_procedure(Method m);
// knaster, compensation: they pay money between the parties.
bool pays_money(Method m);

}  // namespace parley
