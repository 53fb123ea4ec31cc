// The fairness terms a reader may not know, glossed in one clause the first
// time one output uses them and named plainly after that:
//
//   Glossary words(s.parties.size());
//   words.say(Term::ef1)  // "EF1 (envy-free up to one item: any envy ends when one item is taken ...)"
//   words.say(Term::ef1)  // "EF1"
//
// An output made of parts (the engine's explanation, then the command line's
// own lines) hands the glossary the text already shown (`seen_in`), so that a
// later part does not gloss a term again.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace parley {

enum class Term { ef1, efx, proportional, mms };
inline constexpr std::array<Term, 4> kTerms{Term::ef1, Term::efx, Term::proportional, Term::mms};

class Glossary {
 public:
  explicit Glossary(std::size_t parties) : parties_(parties) {}

  // The term as a sentence names it: "EF1", "EFX", "proportional", "maximin share".
  static std::string_view name(Term t);
  // The one clause that says what it means, for `parties` parties:
  // "envy-free up to one item: any envy ends when one item is taken from the envied bundle".
  std::string clause(Term t) const;
  // The name with its clause in brackets the first time, the name alone after.
  std::string say(Term t);
  // Whether the term was glossed already.
  bool said(Term t) const { return said_[static_cast<std::size_t>(t)]; }
  // Counts as glossed every term whose clause `shown` already carries.
  void seen_in(std::string_view shown);

 private:
  std::size_t parties_;
  std::array<bool, 4> said_{};
};

}  // namespace parley
