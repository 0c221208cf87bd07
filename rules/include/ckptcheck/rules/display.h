// How shapes and lists read in messages and listings: one way everywhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/rules/dim_expr.h"

namespace ckptcheck {

// "[64, 784]"
std::string shape_text(const std::vector<int64_t>& shape);
// "[4*hidden, 784]"
std::string shape_text(const std::vector<DimExpr>& shape);
// Each dimension as its number where it is known, else as its expression.
std::string shape_text(const std::vector<std::optional<int64_t>>& shape, const std::vector<DimExpr>& exprs);

// "a, b, c and 7 more": the first `shown` items, each wrapped in `quote`.
std::string first_items(const std::vector<std::string>& items, size_t shown, const std::string& quote = "");

}  // namespace ckptcheck
