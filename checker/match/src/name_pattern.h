// A ModelSpec entry name as a pattern: literal text and "{expr}" slots, where
// a repeated group's index goes ("layers.{i}.weight", "mlp.{2*i+1}.bias").
// Concrete names are patterns without slots.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ckptcheck/rules/dim_expr.h"

namespace ckptcheck {

class NamePattern {
 public:
  // Nullopt when a slot is not a DimExpr or a brace is unbalanced.
  static std::optional<NamePattern> parse(std::string_view name);

  bool has_slots() const { return !slots_.empty(); }
  const std::vector<DimExpr>& slots() const { return slots_; }
  // The name with every digit run and every slot written '#': keys that could
  // match the pattern share it, so matching is a hash lookup, not a scan.
  const std::string& mask() const { return mask_; }
  // The integers in `key` at the slots, when the literal text matches.
  std::optional<std::vector<int64_t>> match(std::string_view key) const;
  // The name with the slots evaluated; nullopt when one cannot be.
  std::optional<std::string> instantiate(const std::map<std::string, int64_t>& bindings) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::vector<std::string> literals_;  // literals_.size() == slots_.size() + 1
  std::vector<DimExpr> slots_;
  std::string mask_;
};

// A dotted name's module path and last segment: "enc.fc.weight" is in
// module "enc.fc" and is "weight"; a name without a dot is in the root ("").
std::string module_of(const std::string& name);
std::string leaf_of(const std::string& name);
// The modules that enclose a dotted name, nearest first, the root left out:
// "enc.fc.weight" -> {"enc.fc", "enc"}.
std::vector<std::string> enclosing_modules(const std::string& name);

// `key` with every maximal digit run written '#'.
std::string digit_mask(std::string_view key);

}  // namespace ckptcheck
