// The widths the model uses; the cache test edits this header.
#pragma once
#include <cstdint>
constexpr int64_t kHidden = 16;
