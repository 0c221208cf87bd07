#include "ckptcheck/rules/display.h"

namespace ckptcheck {
namespace {

template <typename Dim, typename Text>
std::string bracketed(const std::vector<Dim>& dims, Text text) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + text(i);
  return s + "]";
}

}  // namespace

std::string shape_text(const std::vector<int64_t>& shape) {
  return bracketed(shape, [&](size_t i) { return std::to_string(shape[i]); });
}

std::string shape_text(const std::vector<DimExpr>& shape) {
  return bracketed(shape, [&](size_t i) { return shape[i].to_string(); });
}

std::string shape_text(const std::vector<std::optional<int64_t>>& shape, const std::vector<DimExpr>& exprs) {
  return bracketed(shape, [&](size_t i) { return shape[i] ? std::to_string(*shape[i]) : exprs[i].to_string(); });
}

std::string first_items(const std::vector<std::string>& items, size_t shown, const std::string& quote) {
  std::string s;
  for (size_t i = 0; i < items.size() && i < shown; ++i) s += (i ? ", " : "") + quote + items[i] + quote;
  if (items.size() > shown) s += " and " + std::to_string(items.size() - shown) + " more";
  return s;
}

}  // namespace ckptcheck
