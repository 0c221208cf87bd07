// A tensor dimension as the analyzer knows it: a number, or an integer
// expression over symbols (constructor arguments it cannot know statically),
// e.g. "4*hidden" or "in/groups". Values are immutable and cheap to copy.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

namespace ckptcheck {

class DimExpr {
 public:
  // Lt..Or give 1 or 0 as C++ comparisons and && || do; Select is c ? a : b
  // (a ?: on a condition over symbols: "select(hidden>64, hidden/2, hidden)").
  enum class Op { Const, Symbol, Add, Sub, Mul, Div, Mod, Max, Min, Lt, Le, Gt, Ge, Eq, Ne, And, Or, Select };

  DimExpr() : DimExpr(int64_t{0}) {}
  DimExpr(int64_t value);  // NOLINT: numbers convert implicitly, as in shape lists {3, 4}
  static DimExpr symbol(std::string name);

  // Arithmetic folds constants as it goes ("2*3" is 6; "x*1" is x) and a sum
  // collects like terms ("2+(2*n-2)" is 2*n). Division and remainder are
  // C++'s (truncating), as the model code computes them.
  friend DimExpr operator+(const DimExpr& a, const DimExpr& b);
  friend DimExpr operator-(const DimExpr& a, const DimExpr& b);
  friend DimExpr operator*(const DimExpr& a, const DimExpr& b);
  friend DimExpr operator/(const DimExpr& a, const DimExpr& b);
  friend DimExpr operator%(const DimExpr& a, const DimExpr& b);
  static DimExpr max(const DimExpr& a, const DimExpr& b);
  static DimExpr min(const DimExpr& a, const DimExpr& b);
  // A comparison or logical operator (op is one of Lt..Or), and c ? a : b.
  static DimExpr condition(Op op, const DimExpr& a, const DimExpr& b);
  static DimExpr select(const DimExpr& c, const DimExpr& a, const DimExpr& b);

  Op op() const;
  // The operator and operands of a binary expression (none for numbers and symbols).
  std::tuple<Op, std::optional<DimExpr>, std::optional<DimExpr>> parts() const;
  // The names of the symbols it uses.
  std::set<std::string> symbols() const;
  // The number, when the expression has no symbols.
  std::optional<int64_t> constant() const;
  // The value with every symbol bound; nullopt when one is missing or on division by zero.
  std::optional<int64_t> evaluate(const std::map<std::string, int64_t>& bindings) const;
  // "4*hidden", "(a+b)/2", "max(a, 3)": parenthesised only where needed.
  std::string to_string() const;
  // Reads what to_string() writes, and the analyzer's condition texts, which
  // add C++'s `!`: integers, names, + - * / % < <= > >= == != && || ! and
  // unary -, parentheses, max/min(a, b), select(c, a, b). Nullopt for anything
  // else, so a spec from an unknown writer is refused rather than misread.
  static std::optional<DimExpr> parse(std::string_view text);

  friend bool operator==(const DimExpr& a, const DimExpr& b) { return a.to_string() == b.to_string(); }

 private:
  struct Node;
  explicit DimExpr(std::shared_ptr<const Node> node) : node_(std::move(node)) {}
  static DimExpr binary(Op op, const DimExpr& a, const DimExpr& b);
  static DimExpr sum(Op op, const DimExpr& a, const DimExpr& b);
  static DimExpr node(Op op, const DimExpr& a, const DimExpr& b);  // as given, no folding
  std::shared_ptr<const Node> node_;
};

}  // namespace ckptcheck
