#include <gtest/gtest.h>

#include <set>

#include "ckptcheck/rules/dim_expr.h"

namespace ckptcheck {
namespace {

TEST(DimExpr, FoldsConstants) {
  DimExpr e = DimExpr(4) * 8 + 2;
  EXPECT_EQ(e.constant(), 34);
  EXPECT_EQ((DimExpr(7) / 2).constant(), 3) << "C++ integer division";
  EXPECT_EQ(DimExpr::max(3, 9).constant(), 9);
}

TEST(DimExpr, KeepsSymbolsAndPrintsThem) {
  DimExpr h = DimExpr::symbol("hidden");
  EXPECT_EQ((h * 4).to_string(), "hidden*4");
  EXPECT_EQ((DimExpr(4) * h).to_string(), "4*hidden");
  EXPECT_EQ(((h + 1) * 2).to_string(), "(hidden+1)*2");
  EXPECT_EQ((4 * (h / 3)).to_string(), "4*(hidden/3)");  // not (4*hidden)/3 in integers
  EXPECT_EQ((4 * (h % 3)).to_string(), "4*(hidden%3)");
  EXPECT_EQ((h - h / 2).to_string(), "hidden-hidden/2");
  EXPECT_EQ((h - DimExpr::max(h - 1, 2)).to_string(), "hidden-max(hidden-1, 2)");
  EXPECT_EQ(DimExpr::max(h, 3).to_string(), "max(hidden, 3)");
  EXPECT_FALSE((h * 4).constant().has_value());
}

// Sums collect like terms; the values never change (+, - and multiplying by a
// number distribute exactly over integers).
TEST(DimExpr, CollectsLikeTermsInSums) {
  DimExpr n = DimExpr::symbol("n"), d = DimExpr::symbol("depth"), l = DimExpr::symbol("l"), s = DimExpr::symbol("s");
  EXPECT_EQ((DimExpr(2) + (2 * n - 2)).to_string(), "2*n");
  EXPECT_EQ((n - (n - 1)).to_string(), "1");
  EXPECT_EQ((l - 1 + (1 + d + 1 - 1 - 1) * s).to_string(), "l+depth*s-1");
  EXPECT_EQ((DimExpr(0) - n).to_string(), "-1*n");
  EXPECT_EQ((n / 2 + n / 2).to_string(), "2*(n/2)");
  DimExpr messy = (n * 3 - d) * 2 + d * 2 - 6 * n + (n + 4) / 2;
  EXPECT_EQ(messy.to_string(), "(n+4)/2");
  for (int64_t v : {-7, 0, 1, 5, 64})
    EXPECT_EQ(messy.evaluate({{"n", v}, {"depth", 3}}), (v * 3 - 3) * 2 + 3 * 2 - 6 * v + (v + 4) / 2);
}

TEST(DimExpr, DropsIdentities) {
  DimExpr x = DimExpr::symbol("x");
  EXPECT_EQ((x * 1).to_string(), "x");
  EXPECT_EQ((x + 0).to_string(), "x");
  EXPECT_EQ((x / 1).to_string(), "x");
  EXPECT_EQ((x * 0).constant(), 0);
}

TEST(DimExpr, EvaluatesWithBindings) {
  DimExpr e = DimExpr::symbol("in") / DimExpr::symbol("groups") * 9;
  EXPECT_EQ(e.evaluate({{"in", 64}, {"groups", 4}}), 144);
  EXPECT_EQ(e.evaluate({{"in", 64}}), std::nullopt) << "unbound symbol";
  EXPECT_EQ(e.evaluate({{"in", 64}, {"groups", 0}}), std::nullopt) << "division by zero";
  EXPECT_EQ(e.symbols(), (std::set<std::string>{"in", "groups"}));
  DimExpr chosen = DimExpr::select(DimExpr::condition(DimExpr::Op::Gt, DimExpr::symbol("k"), 1), 2, DimExpr::symbol("m"));
  EXPECT_EQ(chosen.symbols(), (std::set<std::string>{"k", "m"})) << "the condition's symbols count too";
  EXPECT_TRUE(DimExpr(3).symbols().empty());
}

// hidden > 64 ? hidden / 2 : hidden, and && || as C++ evaluates them.
TEST(DimExpr, SelectsOnConditions) {
  using Op = DimExpr::Op;
  DimExpr h = DimExpr::symbol("hidden");
  DimExpr big = DimExpr::condition(Op::Gt, h, 64);
  DimExpr width = DimExpr::select(big, h / 2, h);
  EXPECT_EQ(width.to_string(), "select(hidden>64, hidden/2, hidden)");
  EXPECT_EQ(width.evaluate({{"hidden", 128}}), 64);
  EXPECT_EQ(width.evaluate({{"hidden", 64}}), 64);
  EXPECT_EQ(width.evaluate({{"hidden", 32}}), 32);
  DimExpr both = DimExpr::condition(Op::And, big, DimExpr::condition(Op::Ne, h % 2, 0));
  EXPECT_EQ(both.evaluate({{"hidden", 129}}), 1);
  EXPECT_EQ(both.evaluate({{"hidden", 128}}), 0);
  EXPECT_EQ(DimExpr::select(DimExpr::condition(Op::Lt, 3, 4), h, 7).to_string(), "hidden") << "known condition";
  EXPECT_EQ(DimExpr::select(big, h, h).to_string(), "hidden") << "same either way";
}

// parse() must read back everything to_string() writes, to the same expression.
TEST(DimExpr, ParseReadsWhatToStringWrites) {
  DimExpr n = DimExpr::symbol("n"), h = DimExpr::symbol("hidden"), g = DimExpr::symbol("groups");
  std::vector<DimExpr> written = {
      DimExpr(42),
      4 * h,
      h / g,
      (h + 1) / 2,
      n - (h - g),
      n * (h / g),
      2 * n - 1,
      DimExpr(-1) * n + 3,
      DimExpr::max(n, 3),
      DimExpr::min(n * 2, h) % 7,
      DimExpr::select(DimExpr::condition(DimExpr::Op::Gt, h, 64), h / 2, h),
      DimExpr::condition(DimExpr::Op::And, DimExpr::condition(DimExpr::Op::Le, n, 2),
                         DimExpr::condition(DimExpr::Op::Ne, h, g)),
      DimExpr::condition(DimExpr::Op::Or, DimExpr::condition(DimExpr::Op::Eq, n, 0), h),
  };
  for (const DimExpr& e : written) {
    auto back = DimExpr::parse(e.to_string());
    ASSERT_TRUE(back) << e.to_string();
    EXPECT_EQ(back->to_string(), e.to_string());
    for (int64_t v : {1, 3, 64, 100})
      EXPECT_EQ(back->evaluate({{"n", v}, {"hidden", v * 2}, {"groups", 2}}),
                e.evaluate({{"n", v}, {"hidden", v * 2}, {"groups", 2}})) << e.to_string();
  }
}

// The analyzer's condition texts use C++'s `!` and parenthesise each side of &&.
TEST(DimExpr, ParseReadsConditionTexts) {
  auto negated = DimExpr::parse("!(a>1)");
  ASSERT_TRUE(negated);
  EXPECT_EQ(negated->evaluate({{"a", 1}}), 1);
  EXPECT_EQ(negated->evaluate({{"a", 2}}), 0);
  auto both = DimExpr::parse("(k==e)&&(!(e > 3))");
  ASSERT_TRUE(both);
  EXPECT_EQ(both->evaluate({{"k", 2}, {"e", 2}}), 1);
  EXPECT_EQ(both->evaluate({{"k", 5}, {"e", 5}}), 0);
  EXPECT_EQ(both->evaluate({{"k", 1}, {"e", 2}}), 0);
  EXPECT_EQ(DimExpr::parse(" 2 * ( n + 1 ) ")->evaluate({{"n", 4}}), 10);
  EXPECT_EQ(DimExpr::parse("a != b")->evaluate({{"a", 1}, {"b", 1}}), 0);
  EXPECT_EQ(DimExpr::parse("-3")->constant(), -3);
}

// A config struct's member is a symbol of its own, named by its path.
TEST(DimExpr, ParseReadsMemberPaths) {
  auto e = DimExpr::parse("2*cfg.base_width+cfg.extra_1");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->symbols(), (std::set<std::string>{"cfg.base_width", "cfg.extra_1"}));
  EXPECT_EQ(e->evaluate({{"cfg.base_width", 16}, {"cfg.extra_1", 3}}), 35);
  EXPECT_EQ(DimExpr::parse(e->to_string())->to_string(), e->to_string());
}

TEST(DimExpr, ParseRefusesWhatItDoesNotKnow) {
  for (const char* bad : {"", "2 +", "(n", "n)", "foo(n)", "max(n)", "n ? 1 : 2", "cfg.", "cfg.1", "cfg..a", "1e3",
                          "99999999999999999999", "n $ 2", "select(a, b)"})
    EXPECT_FALSE(DimExpr::parse(bad)) << bad;
  std::string deep(100000, '(');
  EXPECT_FALSE(DimExpr::parse(deep + "1" + std::string(100000, ')')));
  std::string negations(100000, '!');
  EXPECT_FALSE(DimExpr::parse(negations + "1"));
}

}  // namespace
}  // namespace ckptcheck
