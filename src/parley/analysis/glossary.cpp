#include "parley/analysis/glossary.h"

namespace parley {

std::string_view Glossary::name(Term t) {
  switch (t) {
    case Term::ef1: return "EF1";
    case Term::efx: return "EFX";
    case Term::proportional: return "proportional";
    case Term::mms: return "maximin share";
  }
  return "";
}

std::string Glossary::clause(Term t) const {
  switch (t) {
    case Term::ef1: return "envy-free up to one item: any envy ends when one item is taken from the envied bundle";
    case Term::efx:
      return "envy-free up to any item: any envy ends when any one item the envious party values is taken from the "
             "envied bundle";
    case Term::proportional:
      return "every party gets at least 1/" + std::to_string(parties_) +
             " of what all the goods together are worth to them";
    case Term::mms:
      return "MMS: the most a party could be sure of by dividing the goods into " + std::to_string(parties_) +
             " bundles and taking the one worth least to them";
  }
  return "";
}

std::string Glossary::say(Term t) {
  bool& said = said_[static_cast<std::size_t>(t)];
  if (said) return std::string(name(t));
  said = true;
  return std::string(name(t)) + " (" + clause(t) + ")";
}

void Glossary::seen_in(std::string_view shown) {
  for (Term t : kTerms) {
    if (shown.find(clause(t)) != std::string_view::npos) said_[static_cast<std::size_t>(t)] = true;
  }
}

}  // namespace parley
