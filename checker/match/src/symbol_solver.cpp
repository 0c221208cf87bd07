#include "symbol_solver.h"

#include <algorithm>
#include <cmath>
#include <set>

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
  // Monotone on [1, limit] (0 may divide by zero): the smallest x reaching
  // value. The bracket grows by doubling, so that a product of the unknown
  // with itself ((image_size/patch)^2) is searched below where it overflows.
  auto lo_v = f(1);
  if (!lo_v) return std::nullopt;
  int64_t lo = 1, hi = 2;
  std::optional<bool> increasing;
  for (;; hi *= 2) {
    auto v = f(hi);
    if (!v) break;  // overflow: the value lies below
    if (!increasing && *v != *lo_v) increasing = *v > *lo_v;
    if (increasing && (*increasing ? *v >= value : *v <= value)) break;
    if (hi >= kSearchLimit) return std::nullopt;
    lo = hi;
  }
  if (!increasing) return std::nullopt;  // constant: the equation does not decide x
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    auto v = f(mid);
    if (!v || (*increasing ? *v >= value : *v <= value))
      hi = mid;
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
      // Integer division makes several values fit (224/15 and 224/16 are both
      // 14): an equation the value already satisfies agrees with it.
      others[symbol] = value;
      std::optional<int64_t> x = value;
      if (eq.expr.evaluate(others) != eq.value) x = solve_for(eq.expr, symbol, eq.value, others);
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

std::vector<int64_t> other_fitting_values(const std::vector<Equation>& equations,
                                          const std::map<std::string, int64_t>& known, const std::string& symbol,
                                          int64_t avoid, size_t limit) {
  constexpr int64_t kLargestDimension = int64_t{1} << 31;
  std::set<int64_t> divisors;
  for (const Equation& eq : equations) {
    if (!eq.expr.symbols().count(symbol) || eq.value <= 0 || eq.value > kLargestDimension) continue;
    for (int64_t d = 1; d * d <= eq.value; ++d)
      if (eq.value % d == 0) divisors.insert({d, eq.value / d});
  }
  auto solved_at = [&](int64_t v) {
    std::map<std::string, int64_t> trial = known;
    trial[symbol] = v;
    return solve_symbols(equations, trial);
  };
  size_t solved_at_avoid = solved_at(avoid).values.size();
  std::vector<int64_t> out;
  for (int64_t v : divisors) {
    if (v == avoid) continue;
    Solution s = solved_at(v);
    if (s.conflicts.empty() && s.values.size() >= solved_at_avoid) out.push_back(v);
  }
  auto distance = [avoid](int64_t v) {
    return std::abs(std::log(static_cast<double>(v)) - std::log(static_cast<double>(avoid)));
  };
  std::stable_sort(out.begin(), out.end(), [&](int64_t a, int64_t b) { return distance(a) < distance(b); });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace ckptcheck
