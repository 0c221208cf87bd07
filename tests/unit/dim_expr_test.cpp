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
  EXPECT_EQ((h - (h - 1)).to_string(), "hidden-(hidden-1)");
  EXPECT_EQ(DimExpr::max(h, 3).to_string(), "max(hidden, 3)");
  EXPECT_FALSE((h * 4).constant().has_value());
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

}  // namespace
}  // namespace ckptcheck
