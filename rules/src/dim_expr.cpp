#include "ckptcheck/rules/dim_expr.h"

#include <algorithm>
#include <vector>

namespace ckptcheck {

struct DimExpr::Node {
  Op op;
  int64_t value = 0;                       // Const
  std::string name;                        // Symbol
  std::shared_ptr<const Node> lhs, rhs;    // binary ops
  std::shared_ptr<const Node> cond;        // Select: cond ? lhs : rhs
};

DimExpr::DimExpr(int64_t value) : node_(std::make_shared<const Node>(Node{Op::Const, value, {}, {}, {}, {}})) {}

DimExpr DimExpr::symbol(std::string name) {
  return DimExpr(std::make_shared<const Node>(Node{Op::Symbol, 0, std::move(name), {}, {}, {}}));
}

DimExpr::Op DimExpr::op() const { return node_ ? node_->op : Op::Const; }

std::optional<int64_t> DimExpr::constant() const {
  if (!node_) return 0;
  if (node_->op == Op::Const) return node_->value;
  return std::nullopt;
}

static std::optional<int64_t> apply(DimExpr::Op op, int64_t a, int64_t b) {
  int64_t r = 0;
  switch (op) {
    case DimExpr::Op::Add: if (__builtin_add_overflow(a, b, &r)) return std::nullopt; return r;
    case DimExpr::Op::Sub: if (__builtin_sub_overflow(a, b, &r)) return std::nullopt; return r;
    case DimExpr::Op::Mul: if (__builtin_mul_overflow(a, b, &r)) return std::nullopt; return r;
    case DimExpr::Op::Div: if (b == 0 || (a == INT64_MIN && b == -1)) return std::nullopt; return a / b;
    case DimExpr::Op::Mod: if (b == 0 || (a == INT64_MIN && b == -1)) return std::nullopt; return a % b;
    case DimExpr::Op::Max: return std::max(a, b);
    case DimExpr::Op::Min: return std::min(a, b);
    case DimExpr::Op::Lt: return a < b;
    case DimExpr::Op::Le: return a <= b;
    case DimExpr::Op::Gt: return a > b;
    case DimExpr::Op::Ge: return a >= b;
    case DimExpr::Op::Eq: return a == b;
    case DimExpr::Op::Ne: return a != b;
    case DimExpr::Op::And: return a && b;
    case DimExpr::Op::Or: return a || b;
    default: return std::nullopt;
  }
}

namespace {

// A sum as coefficient x term plus a constant, where a term is anything that
// is not itself a sum or a multiple (a symbol, a product of symbols, a
// division, max(...)). Integer +, - and multiplication by a number distribute
// exactly, so collecting like terms never changes a value.
struct LinearForm {
  std::vector<std::pair<DimExpr, int64_t>> terms;  // in order of first appearance
  int64_t constant = 0;
};

bool collect(const DimExpr& e, int64_t sign, LinearForm& out) {
  if (auto c = e.constant()) return !__builtin_mul_overflow(*c, sign, &sign) && !__builtin_add_overflow(out.constant, sign, &out.constant);
  auto [op, lhs, rhs] = e.parts();
  if (op == DimExpr::Op::Add) return collect(*lhs, sign, out) && collect(*rhs, sign, out);
  if (op == DimExpr::Op::Sub) return collect(*lhs, sign, out) && collect(*rhs, -sign, out);
  if (op == DimExpr::Op::Mul) {
    int64_t scaled = 0;
    if (auto c = lhs->constant()) return !__builtin_mul_overflow(*c, sign, &scaled) && collect(*rhs, scaled, out);
    if (auto c = rhs->constant()) return !__builtin_mul_overflow(*c, sign, &scaled) && collect(*lhs, scaled, out);
  }
  for (auto& [term, coefficient] : out.terms)
    if (term == e) return !__builtin_add_overflow(coefficient, sign, &coefficient);
  out.terms.emplace_back(e, sign);
  return true;
}

}  // namespace

std::tuple<DimExpr::Op, std::optional<DimExpr>, std::optional<DimExpr>> DimExpr::parts() const {
  if (!node_ || !node_->lhs) return {op(), std::nullopt, std::nullopt};
  return {node_->op, DimExpr(node_->lhs), DimExpr(node_->rhs)};
}

DimExpr DimExpr::node(Op op, const DimExpr& a, const DimExpr& b) {
  return DimExpr(std::make_shared<const Node>(Node{op, 0, {}, a.node_, b.node_, {}}));
}

// a+b and a-b with like terms collected: 2+(2*n-2) is 2*n, (l-1)+(depth+1-1)*s
// is l-1+depth*s. Terms keep their first order, the constant comes last.
DimExpr DimExpr::sum(Op op, const DimExpr& a, const DimExpr& b) {
  LinearForm form;
  if (!collect(a, 1, form) || !collect(b, op == Op::Add ? 1 : -1, form)) return node(op, a, b);
  std::optional<DimExpr> out;
  auto add = [&](const DimExpr& magnitude, bool negative) {
    if (!out) out = negative ? node(Op::Mul, DimExpr(-1), magnitude) : magnitude;
    else out = node(negative ? Op::Sub : Op::Add, *out, magnitude);
  };
  for (const auto& [term, coefficient] : form.terms) {
    if (coefficient == 0) continue;
    int64_t size = coefficient < 0 ? -coefficient : coefficient;
    add(size == 1 ? term : node(Op::Mul, DimExpr(size), term), coefficient < 0);
  }
  if (!out) return DimExpr(form.constant);
  if (form.constant != 0) add(DimExpr(form.constant < 0 ? -form.constant : form.constant), form.constant < 0);
  return *out;
}

DimExpr DimExpr::binary(Op op, const DimExpr& a, const DimExpr& b) {
  auto ca = a.constant(), cb = b.constant();
  if (ca && cb)
    if (auto folded = apply(op, *ca, *cb)) return DimExpr(*folded);
  if (op == Op::Add || op == Op::Sub) return sum(op, a, b);
  // Identities that keep messages readable: x+0, x-0, x*1, 1*x, x/1.
  if ((op == Op::Add || op == Op::Sub) && cb == 0) return a;
  if (op == Op::Add && ca == 0) return b;
  if ((op == Op::Mul || op == Op::Div) && cb == 1) return a;
  if (op == Op::Mul && ca == 1) return b;
  if (op == Op::Mul && (ca == 0 || cb == 0)) return DimExpr(0);
  return DimExpr(std::make_shared<const Node>(Node{op, 0, {}, a.node_, b.node_, {}}));
}

DimExpr DimExpr::condition(Op op, const DimExpr& a, const DimExpr& b) { return binary(op, a, b); }

DimExpr DimExpr::select(const DimExpr& c, const DimExpr& a, const DimExpr& b) {
  if (auto known = c.constant()) return *known ? a : b;
  if (a == b) return a;
  return DimExpr(std::make_shared<const Node>(Node{Op::Select, 0, {}, a.node_, b.node_, c.node_}));
}

DimExpr operator+(const DimExpr& a, const DimExpr& b) { return DimExpr::binary(DimExpr::Op::Add, a, b); }
DimExpr operator-(const DimExpr& a, const DimExpr& b) { return DimExpr::binary(DimExpr::Op::Sub, a, b); }
DimExpr operator*(const DimExpr& a, const DimExpr& b) { return DimExpr::binary(DimExpr::Op::Mul, a, b); }
DimExpr operator/(const DimExpr& a, const DimExpr& b) { return DimExpr::binary(DimExpr::Op::Div, a, b); }
DimExpr operator%(const DimExpr& a, const DimExpr& b) { return DimExpr::binary(DimExpr::Op::Mod, a, b); }
DimExpr DimExpr::max(const DimExpr& a, const DimExpr& b) { return binary(Op::Max, a, b); }
DimExpr DimExpr::min(const DimExpr& a, const DimExpr& b) { return binary(Op::Min, a, b); }

std::set<std::string> DimExpr::symbols() const {
  std::set<std::string> out;
  std::vector<const Node*> todo{node_.get()};
  while (!todo.empty()) {
    const Node* n = todo.back();
    todo.pop_back();
    if (!n) continue;
    if (n->op == Op::Symbol) out.insert(n->name);
    todo.push_back(n->lhs.get());
    todo.push_back(n->rhs.get());
    todo.push_back(n->cond.get());
  }
  return out;
}

std::optional<int64_t> DimExpr::evaluate(const std::map<std::string, int64_t>& bindings) const {
  if (!node_) return 0;
  switch (node_->op) {
    case Op::Const: return node_->value;
    case Op::Symbol: {
      auto it = bindings.find(node_->name);
      if (it == bindings.end()) return std::nullopt;
      return it->second;
    }
    case Op::Select: {
      auto c = DimExpr(node_->cond).evaluate(bindings);
      if (!c) return std::nullopt;
      return DimExpr(*c ? node_->lhs : node_->rhs).evaluate(bindings);
    }
    default: {
      auto a = DimExpr(node_->lhs).evaluate(bindings), b = DimExpr(node_->rhs).evaluate(bindings);
      if (!a || !b) return std::nullopt;
      return apply(node_->op, *a, *b);
    }
  }
}

static int precedence(DimExpr::Op op) {
  switch (op) {
    case DimExpr::Op::Or: return -2;
    case DimExpr::Op::And: return -1;
    case DimExpr::Op::Lt: case DimExpr::Op::Le: case DimExpr::Op::Gt: case DimExpr::Op::Ge:
    case DimExpr::Op::Eq: case DimExpr::Op::Ne: return 0;
    case DimExpr::Op::Add: case DimExpr::Op::Sub: return 1;
    case DimExpr::Op::Mul: case DimExpr::Op::Div: case DimExpr::Op::Mod: return 2;
    default: return 3;  // atoms and function calls
  }
}

std::string DimExpr::to_string() const {
  if (!node_) return "0";
  switch (node_->op) {
    case Op::Const: return std::to_string(node_->value);
    case Op::Symbol: return node_->name;
    case Op::Max: return "max(" + DimExpr(node_->lhs).to_string() + ", " + DimExpr(node_->rhs).to_string() + ")";
    case Op::Min: return "min(" + DimExpr(node_->lhs).to_string() + ", " + DimExpr(node_->rhs).to_string() + ")";
    case Op::Select:
      return "select(" + DimExpr(node_->cond).to_string() + ", " + DimExpr(node_->lhs).to_string() + ", " +
             DimExpr(node_->rhs).to_string() + ")";
    default: break;
  }
  static const std::map<Op, const char*> kSpelling = {
      {Op::Add, "+"}, {Op::Sub, "-"}, {Op::Mul, "*"}, {Op::Div, "/"}, {Op::Mod, "%"},  {Op::Lt, "<"},
      {Op::Le, "<="}, {Op::Gt, ">"}, {Op::Ge, ">="}, {Op::Eq, "=="}, {Op::Ne, "!="}, {Op::And, "&&"}, {Op::Or, "||"}};
  const char* sym = kSpelling.at(node_->op);
  int p = precedence(node_->op);
  DimExpr lhs(node_->lhs), rhs(node_->rhs);
  std::string l = lhs.to_string(), r = rhs.to_string();
  if (precedence(lhs.op()) < p) l = "(" + l + ")";
  // The right side needs parentheses also at equal precedence for - / %
  // (a-(b-c)), and for a product of a quotient: a*(b/c) is not a*b/c in integers.
  bool associative = node_->op == Op::Add || (node_->op == Op::Mul && rhs.op() == Op::Mul);
  if (precedence(rhs.op()) < p || (precedence(rhs.op()) == p && !associative)) r = "(" + r + ")";
  return l + sym + r;
}

}  // namespace ckptcheck
