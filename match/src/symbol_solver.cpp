#include "symbol_solver.h"

#include <algorithm>

namespace ckptcheck {
namespace {

// Dimensions and layer counts are non-negative and far below this.
constexpr int64_t kSearchLimit = int64_t{1} << 40;

std::map<std::string, int64_t> with_locals(const std::map<std::string, int64_t>& bound,
                                           const std::map<std::string, int64_t>& locals) {
  std::map<std::string, int64_t> all = bound;
  for (const auto& [k, v] : locals) all[k] = v;
  return all;
}

std::vector<std::string> unknowns(const Equation& eq, const std::map<std::string, int64_t>& bound) {
  std::vector<std::string> out;
  for (const std::string& s : eq.expr.symbols())
    if (!bound.count(s) && !eq.locals.count(s)) out.push_back(s);
  return out;
}

}  // namespace

std::optional<int64_t> solve_for(const DimExpr& expr, const std::string& symbol, int64_t value,
                                 std::map<std::string, int64_t> bindings) {
  auto f = [&](int64_t x) {
    bindings[symbol] = x;
    return expr.evaluate(bindings);
  };
  // Linear: a*x + b, checked at several points (integer division and select() are not).
  auto f0 = f(0), f1 = f(1);
  if (f0 && f1) {
    int64_t slope = *f1 - *f0;
    bool linear = slope != 0;
    for (int64_t x : {2, 3, 7, 64, 1000, 65537})
      if (linear) {
        auto fx = f(x);
        linear = fx && *fx == *f0 + slope * x;
      }
    if (linear) {
      if ((value - *f0) % slope != 0) return std::nullopt;
      int64_t x = (value - *f0) / slope;
      if (f(x) == value) return x;
      return std::nullopt;
    }
  }
  // Monotone on [1, limit] (0 may divide by zero): the smallest x reaching value.
  auto lo_v = f(1), hi_v = f(kSearchLimit);
  if (!lo_v || !hi_v || *lo_v == *hi_v) return std::nullopt;
  bool increasing = *lo_v < *hi_v;
  int64_t lo = 1, hi = kSearchLimit;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    auto v = f(mid);
    if (!v) return std::nullopt;
    if (increasing ? *v >= value : *v <= value) hi = mid;
    else lo = mid + 1;
  }
  if (f(lo) == value) return lo;
  if (f0 == value) return 0;
  return std::nullopt;
}

Solution solve_symbols(const std::vector<Equation>& equations, const std::map<std::string, int64_t>& known) {
  Solution out;
  std::map<std::string, int64_t> bound = known;
  std::vector<bool> used(equations.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t i = 0; i < equations.size(); ++i) {
      if (used[i]) continue;
      std::vector<std::string> open = unknowns(equations[i], bound);
      if (open.size() != 1) {
        used[i] = open.empty();
        continue;
      }
      used[i] = true;
      auto x = solve_for(equations[i].expr, open[0], equations[i].value, with_locals(bound, equations[i].locals));
      if (!x) continue;
      bound[open[0]] = *x;
      out.values[open[0]] = *x;
      out.evidence[open[0]] = equations[i].evidence;
      progress = true;
    }
  }
  // Every equation over a solved symbol, with the others bound, says what it
  // implies for it; more than one answer is a conflict, decided by the majority.
  for (auto& [symbol, value] : out.values) {
    std::vector<std::pair<int64_t, std::vector<std::string>>> implied;
    for (const Equation& eq : equations) {
      if (!eq.expr.symbols().count(symbol) || eq.locals.count(symbol)) continue;
      std::map<std::string, int64_t> others = with_locals(bound, eq.locals);
      others.erase(symbol);
      bool complete = true;
      for (const std::string& s : eq.expr.symbols()) complete &= s == symbol || others.count(s) > 0;
      if (!complete) continue;
      auto x = solve_for(eq.expr, symbol, eq.value, others);
      if (!x) continue;
      auto it = std::find_if(implied.begin(), implied.end(), [&](const auto& p) { return p.first == *x; });
      if (it == implied.end()) implied.push_back({*x, {eq.evidence}});
      else if (std::find(it->second.begin(), it->second.end(), eq.evidence) == it->second.end()) it->second.push_back(eq.evidence);
    }
    if (implied.size() < 2) continue;
    std::stable_sort(implied.begin(), implied.end(), [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
    value = implied.front().first;
    bound[symbol] = value;
    out.evidence[symbol] = implied.front().second.front();
    out.conflicts.push_back(SymbolConflict{symbol, std::move(implied)});
  }
  return out;
}

}  // namespace ckptcheck
