// Money and debts through the binary (docs/cli.md, "Money, debts, reports"):
// knaster and compensation with exact payments and sentences a person says,
// the refusals that name what is wrong, debts refused by aw and mnw and
// divided by the double round robin.
#include <gtest/gtest.h>

#include <string>

#include "parley/core/rational.h"
#include "parley/io/json.h"
#include "test_support.h"

namespace parley {
namespace {

using test::parsed;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Anna and Ben (examples/divorce-money.json): Anna values the house at
// 420,000 and its mortgage at -250,000, Ben at 380,000 and -252,000; the
// car (14,000 / 18,000), car loan (-9,500 / -9,000), piano (6,000 / 1,500),
// furniture (8,000 / 6,000) and dog (3,000 / 5,000) go where they are worth
// most. Knaster by hand: Anna's total 191,500 (fair share 95,750), she gets
// 184,000; Ben's 149,500 (74,750), he gets 14,000; surplus 27,500, bonus
// 13,750 each: Anna pays 184,000 - 95,750 - 13,750 = 74,500.
TEST(MoneyCli, KnasterOnTheDivorcePaysWhatTheHandCalculationSays) {
  test::CommandResult r = test::run_binary("solve examples/divorce-money.json --method knaster --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json::Value v = parsed(r.out);
  EXPECT_EQ(v.find("status")->text(), "done");
  EXPECT_EQ(v.find("currency")->text(), "EUR");
  EXPECT_EQ(v.find("payments_exact")->find("anna")->text(), "-74500");
  EXPECT_EQ(v.find("payments_exact")->find("ben")->text(), "74500");
  EXPECT_EQ(v.find("payments")->find("ben")->text(), "74500");
  EXPECT_EQ(v.find("outcome")->find("house")->text(), "anna");
  EXPECT_EQ(v.find("outcome")->find("mortgage")->text(), "anna");
  EXPECT_EQ(v.find("outcome")->find("car_loan")->text(), "ben");
  EXPECT_TRUE(v.find("properties")->find("envy_free_with_payments")->as_bool());
  // Utilities count a payment as money / sum |w|: Anna's sum of |w| is
  // 770,500, Ben's 731,500. Anna: (420,000 - 250,000 + 6,000 + 8,000 +
  // 30,000 savings + 259,500 debts' worst case - 74,500) / 770,500 = 798/1541.
  EXPECT_EQ(v.find("utilities_exact")->find("anna")->text(), "798/1541");
  EXPECT_EQ(v.find("utilities_exact")->find("ben")->text(), "69/133");

  test::CommandResult human = test::run_binary("solve examples/divorce-money.json --method knaster");
  ASSERT_EQ(human.exit_code, 0) << human.err;
  EXPECT_TRUE(has(human.out, "Knaster's sealed bids for Divorce settlement in euros: Anna and Ben: done")) << human.out;
  EXPECT_TRUE(has(human.out, "Anna keeps the house, the mortgage, the piano and the furniture, and pays Ben 74,500 EUR."))
      << human.out;
  EXPECT_TRUE(has(human.out, "Ben keeps the car, the car loan and the dog, and receives 74,500 EUR from Anna."))
      << human.out;
}

// Compensation by hand: Anna pays her 184,000 into the pot, Ben his 14,000;
// Ben would value Anna's lot at 135,500, less than she paid, and Anna Ben's
// at 7,500, less than he paid: nobody is envious, no discount; the pot of
// 198,000 is shared, 99,000 each: Anna pays 85,000, Ben receives it.
TEST(MoneyCli, CompensationOnTheDivorceIsEnvyFree) {
  test::CommandResult r = test::run_binary("solve examples/divorce-money.json --method compensation --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json::Value v = parsed(r.out);
  EXPECT_EQ(v.find("status")->text(), "done");
  EXPECT_EQ(v.find("payments_exact")->find("anna")->text(), "-85000");
  EXPECT_EQ(v.find("payments_exact")->find("ben")->text(), "85000");
  EXPECT_TRUE(v.find("properties")->find("envy_free_with_payments")->as_bool());
  EXPECT_TRUE(v.find("properties")->find("pareto_optimal")->as_bool());
}

// Three parties: each sentence says what that party pays or receives, and
// the payments, exact, sum to zero.
TEST(MoneyCli, ThreeSiblingsEachHaveTheirSentence) {
  for (const std::string method : {"knaster", "compensation"}) {
    SCOPED_TRACE(method);
    test::CommandResult r = test::run_binary("solve tests/scenarios/money-three-siblings.json --json --method " + method);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json::Value v = parsed(r.out);
    Rational sum = 0;
    for (const auto& [party, x] : v.find("payments_exact")->members()) sum += Rational::parse(x.text()).value();
    EXPECT_TRUE(sum.is_zero());
    test::CommandResult human = test::run_binary("solve tests/scenarios/money-three-siblings.json --method " + method);
    EXPECT_TRUE(has(human.out, "Clara keeps the flat and the renovation loan, and pays ")) << human.out;
    EXPECT_TRUE(has(human.out, "David keeps the car and receives ")) << human.out;
    EXPECT_TRUE(has(human.out, "Eva keeps the grandfather clock and receives ")) << human.out;
    EXPECT_TRUE(has(human.out, "The payments sum to zero")) << human.out;
  }
  // Knaster with three parties need not be envy-free with its payments; here
  // David would rather have Eva's clock and 71,411.11 (72,211.11 to him) than
  // his car and 58,511.11 (70,511.11), and the answer says so.
  test::CommandResult k = test::run_binary("solve tests/scenarios/money-three-siblings.json --method knaster --json");
  EXPECT_FALSE(parsed(k.out).find("properties")->find("envy_free_with_payments")->as_bool());
}

TEST(MoneyCli, RefusalsNameWhatIsWrong) {
  // No currency (the points-based divorce): each party named, exit 1 (the
  // method cannot run on this input, which is valid).
  test::CommandResult none = test::run_binary("solve examples/divorce.json --method knaster");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_TRUE(has(none.err, "/preferences/alex: knaster pays in money, so every party's weights must be amounts of "
                            "money: party \"alex\" gives no \"currency\""))
      << none.err;
  EXPECT_TRUE(has(none.err, "/preferences/sam: ")) << none.err;
  // Two currencies.
  for (const std::string method : {"knaster", "compensation"}) {
    test::CommandResult mixed = test::run_binary("solve tests/scenarios/money-two-currencies.json --method " + method);
    EXPECT_EQ(mixed.exit_code, 1);
    EXPECT_TRUE(has(mixed.err, "/preferences/ben/currency: " + method +
                                   " pays in one currency: party \"ben\" counts in CHF but party \"anna\" in EUR"))
        << mixed.err;
  }
  // A term that cannot be paid for (a choice nobody agreed).
  test::CommandResult open = test::run_binary("solve tests/scenarios/money-open-choice.json --method knaster --json");
  EXPECT_EQ(open.exit_code, 1);
  const json::Value v = parsed(open.out);
  EXPECT_EQ(v.find("status")->text(), "error");
  EXPECT_TRUE(has(v.find("message")->text(), "\"schooling\" (choice) is a public term")) << open.out;
}

// docs/cli.md: mnw and aw refuse debts, naming the item; round-robin divides
// them with the double round robin, and the optimiser-based methods take them.
TEST(MoneyCli, DebtsAreRefusedByAwAndMnwAndDividedByRoundRobin) {
  for (const std::string method : {"aw", "mnw"}) {
    SCOPED_TRACE(method);
    test::CommandResult r = test::run_binary("solve examples/divorce-money.json --method " + method);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(has(r.err, "/preferences/anna/weights/mortgage: \"mortgage\" is a debt or burden for party \"anna\" "
                           "(negative weight); "))
        << r.err;
    EXPECT_TRUE(has(r.err, "/preferences/ben/weights/car_loan: ")) << r.err;
  }
  test::CommandResult rr = test::run_binary("solve examples/divorce-money.json --method round-robin --json");
  ASSERT_EQ(rr.exit_code, 0) << rr.err;
  const json::Value v = parsed(rr.out);
  EXPECT_EQ(v.find("status")->text(), "done");
  EXPECT_TRUE(v.find("properties")->find("ef1")->as_bool());
  EXPECT_TRUE(has(v.find("explanation")->items()[0].text(), "Double round robin")) << rr.out;
  test::CommandResult nash = test::run_binary("solve examples/divorce-money.json --method nash --json");
  ASSERT_EQ(nash.exit_code, 0) << nash.err;
  EXPECT_EQ(parsed(nash.out).find("status")->text(), "optimal");
}

}  // namespace
}  // namespace parley
