#include <gtest/gtest.h>

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

}  // namespace
}  // namespace ckptcheck
