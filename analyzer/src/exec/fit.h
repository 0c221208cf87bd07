// Fitting expressions to observations: what a dimension (or a repeated group's
// length, or whether an entry exists) is as a function of the constructor's
// integer arguments, from the values the constructor gave at a few of them.
// The constructor is run exactly at each point, so a fit is only a guess about
// the points in between; ckptcheck marks fitted specs as inferred and runs the
// constructor again at any values it concludes from one.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/rules/dim_expr.h"

namespace ckptcheck::exec {

using Assignment = std::map<std::string, int64_t>;

struct Observation {
  Assignment at;
  int64_t value = 0;
};

// The simplest expression that gives every observed value, trying in turn: a
// constant; an affine form with rational coefficients ("4*hidden+2",
// "(3*d)/2"); a product of two variables plus affine terms ("heads*head_dim");
// a quotient of two ("d_model/nhead"). Nullopt when none fits them all.
std::optional<DimExpr> fit_value(const std::vector<Observation>& observations);

// Whether something exists, as a condition over one variable ("hidden>64",
// "flag!=0", "n==2"), from observations whose value is 1 (it exists) or 0; a
// threshold is placed at the largest value where it does not exist, so it is
// exact once the caller has observed the neighbouring value too. Nullopt when
// no single-variable condition explains them.
std::optional<DimExpr> fit_condition(const std::vector<Observation>& observations);

}  // namespace ckptcheck::exec
