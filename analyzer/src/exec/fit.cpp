#include "fit.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <set>

namespace ckptcheck::exec {
namespace {

using i128 = __int128;

// A rational number, kept reduced with a positive denominator.
struct Fraction {
  i128 num = 0, den = 1;
  Fraction() = default;
  Fraction(i128 n, i128 d = 1) : num(n), den(d) {
    if (den < 0) num = -num, den = -den;
    i128 g = gcd(num < 0 ? -num : num, den);
    if (g > 1) num /= g, den /= g;
  }
  static i128 gcd(i128 a, i128 b) {
    while (b) std::tie(a, b) = std::make_pair(b, a % b);
    return a == 0 ? 1 : a;
  }
  friend Fraction operator+(Fraction a, Fraction b) { return {a.num * b.den + b.num * a.den, a.den * b.den}; }
  friend Fraction operator-(Fraction a, Fraction b) { return {a.num * b.den - b.num * a.den, a.den * b.den}; }
  friend Fraction operator*(Fraction a, Fraction b) { return {a.num * b.num, a.den * b.den}; }
  friend Fraction operator/(Fraction a, Fraction b) { return {a.num * b.den, a.den * b.num}; }
  bool zero() const { return num == 0; }
};

std::set<std::string> variables(const std::vector<Observation>& obs) {
  std::set<std::string> out;
  for (const Observation& o : obs)
    for (const auto& [k, v] : o.at) out.insert(k);
  return out;
}

bool fits(const DimExpr& e, const std::vector<Observation>& obs) {
  for (const Observation& o : obs)
    if (e.evaluate(o.at) != o.value) return false;
  return true;
}

// Two observations that differ in `x` and agree on every other variable.
std::optional<std::pair<const Observation*, const Observation*>> pair_differing_in(const std::vector<Observation>& obs,
                                                                                   const std::string& x) {
  for (size_t i = 0; i < obs.size(); ++i)
    for (size_t j = i + 1; j < obs.size(); ++j) {
      const Assignment &a = obs[i].at, &b = obs[j].at;
      if (a.at(x) == b.at(x)) continue;
      bool others_equal = true;
      for (const auto& [k, v] : a)
        if (k != x && b.at(k) != v) others_equal = false;
      if (others_equal) return std::make_pair(&obs[i], &obs[j]);
    }
  return std::nullopt;
}

// sum(coefficient * variable) + constant, over a common denominator:
// (a*x + b*y + c) / d, which C++ truncates, as model code divides.
DimExpr affine_expression(const std::map<std::string, Fraction>& slopes, Fraction constant) {
  i128 den = constant.den;
  for (const auto& [x, s] : slopes) den = den / Fraction::gcd(den, s.den) * s.den;
  DimExpr numerator(static_cast<int64_t>(constant.num * (den / constant.den)));
  bool first = true;
  DimExpr terms(int64_t{0});
  for (const auto& [x, s] : slopes) {
    DimExpr term = DimExpr(static_cast<int64_t>(s.num * (den / s.den))) * DimExpr::symbol(x);
    terms = first ? term : terms + term;
    first = false;
  }
  DimExpr sum = first ? numerator : (constant.zero() ? terms : terms + numerator);
  return den == 1 ? sum : sum / DimExpr(static_cast<int64_t>(den));
}

// An affine form whose slopes come from pairs of observations that differ in
// one variable only.
std::optional<DimExpr> fit_affine(const std::vector<Observation>& obs, const std::set<std::string>& vars) {
  std::map<std::string, Fraction> slopes;
  for (const std::string& x : vars) {
    auto pair = pair_differing_in(obs, x);
    if (!pair) {
      // A variable never varied alone may still not matter: try without it.
      continue;
    }
    Fraction slope(pair->second->value - pair->first->value, pair->second->at.at(x) - pair->first->at.at(x));
    if (!slope.zero()) slopes[x] = slope;
  }
  const Observation& o = obs.front();
  Fraction constant(o.value);
  for (const auto& [x, s] : slopes) constant = constant - s * Fraction(o.at.at(x));
  DimExpr e = affine_expression(slopes, constant);
  return fits(e, obs) ? std::optional<DimExpr>(e) : std::nullopt;
}

// a*x*y + (affine in every variable): the product's coefficient from four
// observations (x and y each at two values, the rest equal).
std::optional<DimExpr> fit_product(const std::vector<Observation>& obs, const std::set<std::string>& vars) {
  // Without a rectangle several products can fit the runs (one joint run is
  // one equation): the simplest fit wins, the one with the least left over.
  std::optional<DimExpr> simplest;
  size_t simplest_rest = SIZE_MAX;
  for (auto xi = vars.begin(); xi != vars.end(); ++xi)
    for (auto yi = std::next(xi); yi != vars.end(); ++yi) {
      const std::string &x = *xi, &y = *yi;
      // Remove a*x*y for a trial a, read from a rectangle of observations.
      for (const Observation& p : obs)
        for (const Observation& q : obs) {
          if (p.at.at(x) == q.at.at(x) || p.at.at(y) == q.at.at(y)) continue;
          const Observation* r = nullptr;
          const Observation* s = nullptr;
          for (const Observation& c : obs) {
            bool same_rest = true;
            for (const auto& [k, v] : c.at)
              if (k != x && k != y && v != p.at.at(k)) same_rest = false;
            if (!same_rest) continue;
            if (c.at.at(x) == p.at.at(x) && c.at.at(y) == q.at.at(y)) r = &c;
            if (c.at.at(x) == q.at.at(x) && c.at.at(y) == p.at.at(y)) s = &c;
          }
          if (!r || !s) continue;
          // v(p) - v(r) - v(s) + v(q) = a * (xp - xq) * (yp - yq)
          Fraction a(p.value - r->value - s->value + q.value,
                     static_cast<i128>(p.at.at(x) - q.at.at(x)) * (p.at.at(y) - q.at.at(y)));
          if (a.zero()) continue;
          std::vector<Observation> rest = obs;
          for (Observation& o : rest) {
            Fraction left = Fraction(o.value) - a * Fraction(o.at.at(x)) * Fraction(o.at.at(y));
            if (left.den != 1) goto next;
            o.value = static_cast<int64_t>(left.num);
          }
          if (auto remainder = fit_affine(rest, vars)) {
            DimExpr product = DimExpr::symbol(x) * DimExpr::symbol(y);
            if (a.den == 1) product = DimExpr(static_cast<int64_t>(a.num)) * product;
            else product = (DimExpr(static_cast<int64_t>(a.num)) * product) / DimExpr(static_cast<int64_t>(a.den));
            DimExpr e = remainder->constant() == 0 ? product : product + *remainder;
            if (fits(e, obs)) return e;
          }
        next:;
        }
      // No rectangle (the runs moved x and y alone, then everything at
      // once): small coefficients, each checked against every run.
      for (Fraction a : {Fraction(1), Fraction(2), Fraction(3), Fraction(4), Fraction(-1), Fraction(1, 2),
                         Fraction(1, 3), Fraction(1, 4)}) {
        std::vector<Observation> rest = obs;
        bool integral = true;
        for (Observation& o : rest) {
          Fraction left = Fraction(o.value) - a * Fraction(o.at.at(x)) * Fraction(o.at.at(y));
          integral &= left.den == 1;
          o.value = static_cast<int64_t>(left.num);
        }
        if (!integral) continue;
        if (auto remainder = fit_affine(rest, vars)) {
          DimExpr product = DimExpr::symbol(x) * DimExpr::symbol(y);
          if (a.den == 1) product = DimExpr(static_cast<int64_t>(a.num)) * product;
          else product = (DimExpr(static_cast<int64_t>(a.num)) * product) / DimExpr(static_cast<int64_t>(a.den));
          DimExpr e = remainder->constant() == 0 ? product : product + *remainder;
          size_t rest_size = remainder->constant() == 0 ? 0 : remainder->to_string().size();
          if (rest_size < simplest_rest && fits(e, obs)) simplest = e, simplest_rest = rest_size;
        }
      }
    }
  return simplest;
}

// A quotient of two variables (c*x/y, truncating, as head_dim = d_model /
// nhead is), or its square (a patch grid, (image/patch)^2), plus an affine
// remainder (a class token: +1).
std::optional<DimExpr> fit_quotient(const std::vector<Observation>& obs, const std::set<std::string>& vars) {
  for (const std::string& x : vars)
    for (const std::string& y : vars) {
      if (x == y) continue;
      for (int64_t c : {1, 2, 3, 4})
        for (bool squared : {false, true}) {
          DimExpr q = (c == 1 ? DimExpr::symbol(x) : DimExpr(c) * DimExpr::symbol(x)) / DimExpr::symbol(y);
          DimExpr term = squared ? q * q : q;
          std::vector<Observation> rest = obs;
          bool defined = true;
          for (Observation& o : rest) {
            auto t = term.evaluate(o.at);
            if (!t) defined = false;
            else o.value -= *t;
          }
          if (!defined) continue;
          bool zero = std::all_of(rest.begin(), rest.end(), [](const Observation& o) { return o.value == 0; });
          if (zero) return term;
          auto remainder = fit_affine(rest, vars);
          if (remainder && fits(term + *remainder, obs)) return term + *remainder;
        }
    }
  return std::nullopt;
}

}  // namespace

std::optional<DimExpr> fit_value(const std::vector<Observation>& given) {
  if (given.empty()) return std::nullopt;
  // Repeated observations add nothing but time (the searches below are cubic).
  std::vector<Observation> obs;
  std::set<Assignment> seen;
  for (const Observation& o : given)
    if (seen.insert(o.at).second) obs.push_back(o);
  for (const Observation& o : given)
    for (const Observation& p : obs)
      if (p.at == o.at && p.value != o.value) return std::nullopt;  // one point, two values: not a function
  bool constant = std::all_of(obs.begin(), obs.end(), [&](const Observation& o) { return o.value == obs.front().value; });
  if (constant) return DimExpr(obs.front().value);
  std::set<std::string> vars = variables(obs);
  if (auto e = fit_affine(obs, vars)) return e;
  if (auto e = fit_product(obs, vars)) return e;
  return fit_quotient(obs, vars);
}

std::optional<DimExpr> fit_condition(const std::vector<Observation>& obs) {
  for (const std::string& x : variables(obs)) {
    std::set<int64_t> yes, no;
    for (const Observation& o : obs) (o.value ? yes : no).insert(o.at.at(x));
    bool overlap = std::any_of(yes.begin(), yes.end(), [&](int64_t v) { return no.count(v) > 0; });
    if (yes.empty() || no.empty() || overlap) continue;
    DimExpr var = DimExpr::symbol(x);
    if (*no.rbegin() < *yes.begin()) return DimExpr::condition(DimExpr::Op::Gt, var, DimExpr(*no.rbegin()));
    if (*yes.rbegin() < *no.begin()) return DimExpr::condition(DimExpr::Op::Lt, var, DimExpr(*no.begin()));
    if (yes.size() == 1) return DimExpr::condition(DimExpr::Op::Eq, var, DimExpr(*yes.begin()));
    if (no.size() == 1) return DimExpr::condition(DimExpr::Op::Ne, var, DimExpr(*no.begin()));
  }
  return std::nullopt;
}

}  // namespace ckptcheck::exec
