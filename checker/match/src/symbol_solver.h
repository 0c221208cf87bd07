// Solves the root's unbound constructor arguments from a checkpoint's shapes.
// Each shape dimension (and each repeated group's observed length) gives an
// equation `expr == value`; equations with one unknown are solved in turn,
// binding as they go, until none is left. Expressions are whatever the model
// computes (4*hidden, in/groups, select(...)): linear ones are solved exactly,
// monotone ones by bisection, the rest stay unsolved.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/rules/dim_expr.h"

namespace ckptcheck {

struct Equation {
  DimExpr expr;
  int64_t value = 0;
  std::map<std::string, int64_t> locals;  // a repeated group's index values for this instance
  std::string evidence;                   // the checkpoint key it comes from
};

// One symbol that different equations solve to different values.
struct SymbolConflict {
  std::string symbol;
  // Each value with the keys that imply it; the first is the one kept (most evidence).
  std::vector<std::pair<int64_t, std::vector<std::string>>> values;
};

struct Solution {
  std::map<std::string, int64_t> values;     // solved symbols only
  std::map<std::string, std::string> evidence;  // symbol -> the key that first decided it
  std::vector<SymbolConflict> conflicts;
};

// `known` are bound already (--arg); they are never re-solved.
Solution solve_symbols(const std::vector<Equation>& equations, const std::map<std::string, int64_t>& known);

// Other values of `symbol` than `avoid` at which the equations solve, without
// a conflict, every symbol they solve with symbol=avoid: the other ways to
// split a product the shapes fix only as a whole (dim_head*heads). Tried
// among the divisors of the dimensions the symbol takes part in; nearest to
// `avoid` (by ratio) first, at most `limit` of them.
std::vector<int64_t> other_fitting_values(const std::vector<Equation>& equations,
                                          const std::map<std::string, int64_t>& known, const std::string& symbol,
                                          int64_t avoid, size_t limit);

// The value of `symbol` that makes expr == value, with `bindings` for the rest.
std::optional<int64_t> solve_for(const DimExpr& expr, const std::string& symbol, int64_t value,
                                 std::map<std::string, int64_t> bindings);

}  // namespace ckptcheck
