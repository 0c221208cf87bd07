// How shapes, lists and untrusted names read in messages and listings: one way everywhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ckptcheck/rules/dim_expr.h"

namespace ckptcheck {

// "[64, 784]"
std::string shape_text(const std::vector<int64_t>& shape);
// "[4*hidden, 784]"
std::string shape_text(const std::vector<DimExpr>& shape);
// Each dimension as its number where it is known, else as its expression.
std::string shape_text(const std::vector<std::optional<int64_t>>& shape, const std::vector<DimExpr>& exprs);

// LibTorch's Module::name() of a built-in layer ("torch::nn::LinearImpl") as
// users write it, the holder ("torch::nn::Linear"); any other class as it is.
std::string layer_holder_name(std::string type);

// A duration as a flag takes it and a message says it: "600", "2.5" (no
// trailing zeros; std::to_string would give "600.000000").
std::string seconds_text(double seconds);

// "a, b, c and 7 more": the first `shown` items, each wrapped in `quote`.
std::string first_items(const std::vector<std::string>& items, size_t shown, const std::string& quote = "");

// Untrusted text quoted in a message, cut to about `max` characters (at a UTF-8
// boundary) with the full length said, so a 200 KB expression cannot flood a log:
// "a+a+a...+a ... (200001 characters)".
inline constexpr size_t kMaxQuotedChars = 200;
std::string excerpt(std::string_view s, size_t max = kMaxQuotedChars);

// The length of the valid UTF-8 sequence that starts at s[i] (1 for ASCII),
// or 0 when the byte there does not start one.
size_t utf8_length(std::string_view s, size_t i);

// Whether the sequence of length n at s[i] is a control character: C0, DEL,
// or C1 (U+0080..U+009F).
bool is_control(std::string_view s, size_t i, size_t n);

// The string with control characters (C0, DEL, C1) and invalid UTF-8 bytes
// written as \xNN. Keys and messages come from untrusted files; printed raw,
// an escape sequence in a tensor name would drive the user's terminal.
std::string terminal_safe(std::string_view s);

}  // namespace ckptcheck
