// Binary operators for the static engine's interpreter: arithmetic on numbers
// and on shape expressions, comparisons that become conditions.
#include "interpreter.h"

#include <algorithm>
#include <filesystem>

#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

namespace ckptcheck::analysis {

using namespace clang;

namespace {

DimExpr::Op comparison(BinaryOperatorKind op) {
  switch (op) {
    case BO_LT: return DimExpr::Op::Lt;
    case BO_GT: return DimExpr::Op::Gt;
    case BO_LE: return DimExpr::Op::Le;
    case BO_GE: return DimExpr::Op::Ge;
    case BO_EQ: return DimExpr::Op::Eq;
    default: return DimExpr::Op::Ne;
  }
}

// Arithmetic and comparisons where a side is a double (C++ converts the other side).
std::optional<Value> arithmetic_on_doubles(BinaryOperatorKind op, const Value& l, const Value& r) {
  if (!std::holds_alternative<double>(l) && !std::holds_alternative<double>(r)) return std::nullopt;
  std::optional<double> a = as_number(l), b = as_number(r);
  if (!a || !b) return std::nullopt;
  switch (op) {
    case BO_Add: return Value{*a + *b};
    case BO_Sub: return Value{*a - *b};
    case BO_Mul: return Value{*a * *b};
    case BO_Div:
      if (*b != 0) return Value{*a / *b};
      break;
    case BO_LT: return Value{*a < *b};
    case BO_GT: return Value{*a > *b};
    case BO_LE: return Value{*a <= *b};
    case BO_GE: return Value{*a >= *b};
    case BO_EQ: return Value{*a == *b};
    case BO_NE: return Value{*a != *b};
    default: break;
  }
  return std::nullopt;
}

}  // namespace

// Assignments, short-circuit operators, then the arithmetic on each kind of
// value (dimensions, strings, dtypes): one short case per operator family, in
// Clang's operator order, so longer than the house limit (~80 lines).
Value Interpreter::eval_binary(const BinaryOperator* b, Frame& f) {
  if (b->isAssignmentOp()) {
    Value rhs = eval(b->getRHS(), f);
    if (b->isCompoundAssignmentOp()) {
      Value lhs = eval(b->getLHS(), f);
      auto* l = as_dim(lhs);
      auto* r = as_dim(rhs);
      if (!l || !r) return unknown(b, "cannot compute '" + std::string(b->getOpcodeStr()) + "' here");
      switch (b->getOpcode()) {
        case BO_AddAssign: rhs = *l + *r; break;
        case BO_SubAssign: rhs = *l - *r; break;
        case BO_MulAssign: rhs = *l * *r; break;
        case BO_DivAssign: rhs = *l / *r; break;
        default: return unknown(b, "operator '" + std::string(b->getOpcodeStr()) + "' is not evaluated");
      }
    }
    assign(b->getLHS(), rhs, f);
    return rhs;
  }
  if (b->getOpcode() == BO_LAnd || b->getOpcode() == BO_LOr) {
    bool is_or = b->getOpcode() == BO_LOr;
    Value lhs = eval(b->getLHS(), f);
    const bool* l = as_bool(lhs);
    if (l && (*l == is_or)) return *l;  // short circuit
    Value rhs = eval(b->getRHS(), f);
    const bool* r = as_bool(rhs);
    if (l && r) return *r;
    // Over symbols: a known side decides or drops out, else both are kept.
    auto* lc = std::get_if<SymbolicCondition>(&lhs);
    auto* rc = std::get_if<SymbolicCondition>(&rhs);
    if (l && rc) return rhs;  // true && C, false || C
    if (lc && r) return *r == is_or ? Value{*r} : lhs;
    if (lc && rc) {
      std::optional<DimExpr> both;
      if (lc->expr && rc->expr)
        both = DimExpr::condition(is_or ? DimExpr::Op::Or : DimExpr::Op::And, *lc->expr, *rc->expr);
      return SymbolicCondition{"(" + lc->text + ")" + (is_or ? "||" : "&&") + "(" + rc->text + ")", both};
    }
    return Unknown{"a condition depends on a value known only at run time"};
  }
  Value lv = eval(b->getLHS(), f), rv = eval(b->getRHS(), f);
  if (auto x = arithmetic_on_doubles(b->getOpcode(), lv, rv)) return *x;
  const DimExpr* l = as_dim(lv);
  const DimExpr* r = as_dim(rv);
  if (!l || !r) {
    if (is_unknown(lv)) return lv;
    if (is_unknown(rv)) return rv;
    if (std::holds_alternative<TensorValue>(lv) && !std::holds_alternative<TensorValue>(rv)) return lv;
    return unknown(b, "operands of '" + std::string(b->getOpcodeStr()) + "' are not integers");
  }
  switch (b->getOpcode()) {
    case BO_Add: return *l + *r;
    case BO_Sub: return *l - *r;
    case BO_Mul: return *l * *r;
    case BO_Div: return *l / *r;
    case BO_Rem: return *l % *r;
    default: break;
  }
  auto a = l->constant(), c = r->constant();
  if (!a || !c) {
    // Over the root's symbols: a condition a branch can be taken both ways on.
    switch (b->getOpcode()) {
      case BO_LT:
      case BO_GT:
      case BO_LE:
      case BO_GE:
      case BO_EQ:
      case BO_NE:
        return SymbolicCondition{l->to_string() + b->getOpcodeStr().str() + r->to_string(),
                                 DimExpr::condition(comparison(b->getOpcode()), *l, *r)};
      default:
        return unknown(b, "'" + std::string(b->getOpcodeStr()) + "' over '" + (a ? r->to_string() : l->to_string()) +
                              "' is not evaluated (only + - * / % keep a symbol)");
    }
  }
  switch (b->getOpcode()) {
    case BO_LT: return *a < *c;
    case BO_GT: return *a > *c;
    case BO_LE: return *a <= *c;
    case BO_GE: return *a >= *c;
    case BO_EQ: return *a == *c;
    case BO_NE: return *a != *c;
    case BO_Shl:
      if (*c >= 0 && *c < 63) return DimExpr(*a << *c);
      break;
    case BO_Shr:
      if (*c >= 0 && *c < 63) return DimExpr(*a >> *c);
      break;
    case BO_And: return DimExpr(*a & *c);
    case BO_Or: return DimExpr(*a | *c);
    case BO_Xor: return DimExpr(*a ^ *c);
    default: break;
  }
  return unknown(b, "operator '" + std::string(b->getOpcodeStr()) + "' is not evaluated here");
}

}  // namespace ckptcheck::analysis
