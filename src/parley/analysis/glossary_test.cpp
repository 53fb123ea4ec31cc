#include "parley/analysis/glossary.h"

#include <gtest/gtest.h>

#include "parley/model/scenario.h"

namespace parley {
namespace {

TEST(Glossary, GlossesATermTheFirstTimeOnlyAndForTheRightNumberOfParties) {
  Glossary words(3);
  EXPECT_EQ(words.say(Term::ef1),
            "EF1 (envy-free up to one item: any envy ends when one item is taken from the envied bundle)");
  EXPECT_EQ(words.say(Term::ef1), "EF1");
  EXPECT_FALSE(words.said(Term::mms));
  EXPECT_EQ(words.say(Term::mms),
            "maximin share (MMS: the most a party could be sure of by dividing the goods into 3 bundles and taking "
            "the one worth least to them)");
  EXPECT_EQ(words.say(Term::mms), "maximin share");
  EXPECT_EQ(words.say(Term::proportional),
            "proportional (every party gets at least 1/3 of what all the goods together are worth to them)");
  EXPECT_EQ(words.say(Term::proportional), "proportional");
}

TEST(Glossary, ATermAlreadyGlossedInTheTextShownIsNotGlossedAgain) {
  Glossary first(2);
  const std::string shown = "Round robin guarantees " + first.say(Term::ef1) + ".";
  Glossary later(2);
  later.seen_in(shown);
  EXPECT_TRUE(later.said(Term::ef1));
  EXPECT_FALSE(later.said(Term::efx));
  EXPECT_EQ(later.say(Term::ef1), "EF1");
  // The name alone is not the gloss: "EF1 yes" leaves it to be glossed.
  Glossary named(2);
  named.seen_in("Properties: EF1 yes, EFX yes");
  EXPECT_FALSE(named.said(Term::ef1));
  // The gloss for another number of parties is another clause.
  Glossary four(4);
  four.seen_in("proportional (every party gets at least 1/2 of what all the goods together are worth to them)");
  EXPECT_FALSE(four.said(Term::proportional));
}

TEST(ScenarioNames, SentencesUseNamesAsNounPhrasesAndIdsWithoutThem) {
  Scenario s;
  s.parties = {Party{.id = "a", .name = "Party A"}, Party{.id = "b"}};
  auto issue = [](std::string id, std::string name) {
    Issue i;
    i.id = std::move(id);
    i.name = std::move(name);
    return i;
  };
  s.issues = {issue("house", "Family house"), issue("suv", "SUV"), issue("dog", "The dog"),
              issue("r1", "Region 1 (north)"), issue("plant", "Nuclear power plant (in Region 2)"),
              issue("cash", ""), issue("eu", "EU aid")};
  EXPECT_EQ(s.party_name(0), "Party A");
  EXPECT_EQ(s.party_name(1), "b");
  EXPECT_EQ(s.party_label(0), "Party A (a)");
  EXPECT_EQ(s.issue_name(0), "the family house");
  EXPECT_EQ(s.issue_name(1), "the SUV");
  EXPECT_EQ(s.issue_name(2), "the dog");
  EXPECT_EQ(s.issue_name(3), "Region 1 (north)");
  EXPECT_EQ(s.issue_name(4), "the nuclear power plant (in Region 2)");
  EXPECT_EQ(s.issue_name(5), "cash");
  EXPECT_EQ(s.issue_name(6), "the EU aid");
}

}  // namespace
}  // namespace parley
