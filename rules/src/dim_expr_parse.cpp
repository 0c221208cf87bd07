// DimExpr::parse: a recursive-descent reader for the expression language of
// ModelSpec JSON (shapes, repeated-group bounds, names' "{...}" parts and
// conditions), with C++'s precedence. Depth is bounded, so a hostile spec
// cannot overflow the stack.
#include <cctype>
#include <charconv>
#include <vector>

#include "ckptcheck/rules/dim_expr.h"

namespace ckptcheck {
namespace {

constexpr int kMaxDepth = 200;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::optional<DimExpr> whole() {
    auto e = logical_or();
    skip_space();
    if (!e || pos_ != text_.size()) return std::nullopt;
    return e;
  }

 private:
  using Result = std::optional<DimExpr>;

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  // Consumes `token` when it comes next (and, for "<"/">"/"!", is not the start of a longer operator).
  bool eat(std::string_view token) {
    skip_space();
    if (text_.substr(pos_, token.size()) != token) return false;
    if (token.size() == 1 && pos_ + 1 < text_.size() && text_[pos_ + 1] == '=' && (token == "<" || token == ">" || token == "!" || token == "="))
      return false;
    pos_ += token.size();
    return true;
  }

  Result binary_level(int level) {
    // Levels from loosest to tightest binding.
    static const std::vector<std::vector<std::pair<std::string_view, DimExpr::Op>>> kLevels = {
        {{"||", DimExpr::Op::Or}},
        {{"&&", DimExpr::Op::And}},
        {{"==", DimExpr::Op::Eq}, {"!=", DimExpr::Op::Ne}},
        {{"<=", DimExpr::Op::Le}, {">=", DimExpr::Op::Ge}, {"<", DimExpr::Op::Lt}, {">", DimExpr::Op::Gt}},
        {{"+", DimExpr::Op::Add}, {"-", DimExpr::Op::Sub}},
        {{"*", DimExpr::Op::Mul}, {"/", DimExpr::Op::Div}, {"%", DimExpr::Op::Mod}},
    };
    if (level == static_cast<int>(kLevels.size())) return unary();
    Result lhs = binary_level(level + 1);
    while (lhs) {
      std::optional<DimExpr::Op> op;
      for (const auto& [token, candidate] : kLevels[level])
        if (eat(token)) {
          op = candidate;
          break;
        }
      if (!op) break;
      Result rhs = binary_level(level + 1);
      if (!rhs) return std::nullopt;
      lhs = combine(*op, *lhs, *rhs);
    }
    return lhs;
  }
  Result logical_or() {
    if (++depth_ > kMaxDepth) return std::nullopt;
    Result r = binary_level(0);
    --depth_;
    return r;
  }

  static DimExpr combine(DimExpr::Op op, const DimExpr& a, const DimExpr& b) {
    switch (op) {
      case DimExpr::Op::Add: return a + b;
      case DimExpr::Op::Sub: return a - b;
      case DimExpr::Op::Mul: return a * b;
      case DimExpr::Op::Div: return a / b;
      case DimExpr::Op::Mod: return a % b;
      default: return DimExpr::condition(op, a, b);
    }
  }

  Result unary() {
    if (eat("!")) {
      Result operand = nested_unary();
      if (!operand) return std::nullopt;
      return DimExpr::condition(DimExpr::Op::Eq, *operand, DimExpr(0));
    }
    if (eat("-")) {
      Result operand = nested_unary();
      if (!operand) return std::nullopt;
      if (auto c = operand->constant()) return DimExpr(-*c);
      return DimExpr(-1) * *operand;
    }
    return primary();
  }
  Result nested_unary() {
    if (++depth_ > kMaxDepth) return std::nullopt;
    Result r = unary();
    --depth_;
    return r;
  }

  Result primary() {
    skip_space();
    if (pos_ >= text_.size()) return std::nullopt;
    char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      Result inner = logical_or();
      if (!inner || !eat(")")) return std::nullopt;
      return inner;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      int64_t value = 0;
      auto [end, error] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), value);
      if (error != std::errc()) return std::nullopt;
      pos_ = static_cast<size_t>(end - text_.data());
      return DimExpr(value);
    }
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '_') return std::nullopt;
    size_t start = pos_;
    // A name may be a member path ("cfg.width": a config struct's member).
    auto name_char = [&](size_t at) {
      return at < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at])) || text_[at] == '_');
    };
    while (name_char(pos_) || (pos_ < text_.size() && text_[pos_] == '.' && name_char(pos_ + 1) &&
                               !std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))))
      ++pos_;
    std::string name(text_.substr(start, pos_ - start));
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '(') return call(name);
    return DimExpr::symbol(name);
  }

  Result call(const std::string& function) {
    ++pos_;  // '('
    std::vector<DimExpr> args;
    do {
      Result a = logical_or();
      if (!a) return std::nullopt;
      args.push_back(*a);
    } while (eat(","));
    if (!eat(")")) return std::nullopt;
    if (function == "max" && args.size() == 2) return DimExpr::max(args[0], args[1]);
    if (function == "min" && args.size() == 2) return DimExpr::min(args[0], args[1]);
    if (function == "select" && args.size() == 3) return DimExpr::select(args[0], args[1], args[2]);
    return std::nullopt;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

std::optional<DimExpr> DimExpr::parse(std::string_view text) { return Parser(text).whole(); }

}  // namespace ckptcheck
