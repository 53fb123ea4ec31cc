#include "parley/model/method.h"

#include <array>

namespace parley {

namespace {

constexpr std::array kMethods{Method::nash, Method::ks,  Method::egalitarian, Method::utilitarian, Method::mnw,
                              Method::leximin, Method::aw, Method::round_robin, Method::envy_cycle,
                              Method::knaster, Method::compensation, Method::alternating, Method::robust};

}  // namespace

std::span<const Method> all_methods() { return kMethods; }

std::string_view method_name(Method m) {
  switch (m) {
    case Method::nash: return "nash";
    case Method::ks: return "ks";
    case Method::egalitarian: return "egalitarian";
    case Method::utilitarian: return "utilitarian";
    case Method::mnw: return "mnw";
    case Method::leximin: return "leximin";
    case Method::aw: return "aw";
    case Method::round_robin: return "round-robin";
    case Method::envy_cycle: return "envy-cycle";
    case Method::knaster: return "knaster";
    case Method::compensation: return "compensation";
    case Method::alternating: return "alternating";
    case Method::robust: return "robust";
  }
  return "";
}

std::optional<Method> method_from_name(std::string_view name) {
  for (Method m : kMethods) {
    if (method_name(m) == name) return m;
  }
  return std::nullopt;
}

std::string_view method_title(Method m) {
  switch (m) {
    case Method::nash: return "Nash bargaining solution";
    case Method::ks: return "Kalai-Smorodinsky solution";
    case Method::egalitarian: return "Egalitarian solution";
    case Method::utilitarian: return "Utilitarian solution";
    case Method::mnw: return "Maximum Nash welfare";
    case Method::leximin: return "Leximin solution";
    case Method::aw: return "Adjusted Winner";
    case Method::round_robin: return "Round robin";
    case Method::envy_cycle: return "Envy-cycle elimination";
    case Method::knaster: return "Knaster's sealed bids";
    case Method::compensation: return "Envy-free compensation";
    case Method::alternating: return "Alternating offers (subgame-perfect equilibrium)";
    case Method::robust: return "Robust package (worst case over the weights)";
  }
  return "";
}

std::string_view method_names() {
  return "nash, ks, egalitarian, utilitarian, mnw, leximin, aw, round-robin, envy-cycle, knaster, compensation, "
         "alternating, robust";
}

bool is_solution_concept(Method m) {
  switch (m) {
    case Method::nash:
    case Method::ks:
    case Method::egalitarian:
    case Method::utilitarian:
    case Method::mnw:
    case Method::leximin: return true;
    case Method::aw:
    case Method::round_robin:
    case Method::envy_cycle:
    case Method::knaster:
    case Method::compensation:
    case Method::alternating:
    case Method::robust: return false;
  }
  return false;
}

bool is_fair_division_procedure(Method m) {
  return m == Method::aw || m == Method::round_robin || m == Method::envy_cycle || pays_money(m);
}

bool pays_money(Method m) { return m == Method::knaster || m == Method::compensation; }

}  // namespace parley
