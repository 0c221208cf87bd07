// The check's solver for constructor arguments (checker/match/src/symbol_solver.cpp),
// on equations whose answers are arithmetic, not anything ckptcheck printed.
#include <gtest/gtest.h>

#include "symbol_solver.h"

namespace ckptcheck {
namespace {

DimExpr parsed(const char* text) {
  std::optional<DimExpr> e = DimExpr::parse(text);
  EXPECT_TRUE(e.has_value()) << text;
  return e.value_or(DimExpr(0));
}

TEST(SolveFor, LinearExactlyAndRejectsNonMultiples) {
  EXPECT_EQ(solve_for(parsed("4*hidden"), "hidden", 3072, {}), 768);
  EXPECT_EQ(solve_for(parsed("4*hidden"), "hidden", 3073, {}), std::nullopt);
  EXPECT_EQ(solve_for(parsed("2*n+1"), "n", 9, {}), 4);
}

// A ViT's positions, (image_size/patch)^2 + 1: past 2^32 the square
// overflows, so the search must stay below that, not give up.
TEST(SolveFor, SquareOfADivisionBelowOverflow) {
  DimExpr positions = parsed("image_size/patch_size*(image_size/patch_size)+1");
  EXPECT_EQ(solve_for(positions, "image_size", 65, {{"patch_size", 4}}), 32) << "the smallest of 32..35";
  EXPECT_EQ(solve_for(positions, "image_size", 197, {{"patch_size", 16}}), 224);
  EXPECT_EQ(solve_for(positions, "image_size", 66, {{"patch_size", 4}}), std::nullopt)
      << "65 is 8^2+1, 66 is no square+1";
}

TEST(SolveFor, ConstantInTheSymbolDecidesNothing) {
  EXPECT_EQ(solve_for(parsed("0*n+5"), "n", 5, {}), std::nullopt);
  EXPECT_EQ(solve_for(parsed("n/1000000"), "n", 3, {}), 3000000);
}

TEST(SolveSymbols, ChainsOneUnknownAtATime) {
  std::vector<Equation> eqs = {
      {parsed("image_size/patch_size*(image_size/patch_size)+1"), 197, {}, "pos_embedding"},
      {parsed("patch_size"), 16, {}, "proj.weight"},
  };
  Solution s = solve_symbols(eqs, {});
  EXPECT_EQ(s.values.at("patch_size"), 16);
  EXPECT_EQ(s.values.at("image_size"), 224);
  EXPECT_TRUE(s.conflicts.empty());
}

// A ViT's attention: the shapes hold heads and dim_head only as a product.
TEST(OtherFittingValues, TheOtherSplitsOfAProduct) {
  std::vector<Equation> eqs = {
      {parsed("3*dim_head*heads"), 192, {}, "to_qkv.weight"},
      {parsed("dim_head*heads"), 64, {}, "to_out.0.weight"},
  };
  std::vector<int64_t> values = other_fitting_values(eqs, {}, "dim_head", 64, 10);
  EXPECT_EQ(values, (std::vector<int64_t>{32, 16, 8, 4, 2, 1})) << "the divisors of 64, nearest to 64 first";
  EXPECT_EQ(other_fitting_values(eqs, {}, "dim_head", 64, 2), (std::vector<int64_t>{32, 16}));
  // 3 divides 192 but not 64: heads would be 64 from one and 21.3 from the other.
  for (int64_t v : values) EXPECT_NE(v, 3);
}

}  // namespace
}  // namespace ckptcheck
