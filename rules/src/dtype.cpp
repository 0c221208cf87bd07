// Element widths of torch dtypes (torch/csrc and c10/core/ScalarType.h list them).
#include "ckptcheck/rules/dtype.h"

#include <utility>

namespace ckptcheck {

std::optional<int> dtype_bits(std::string_view dtype) {
  static constexpr std::pair<std::string_view, int> kBits[] = {
      {"bool", 8},        {"uint8", 8},        {"int8", 8},           {"int16", 16},
      {"int32", 32},      {"int64", 64},       {"uint16", 16},        {"uint32", 32},
      {"uint64", 64},     {"float16", 16},     {"bfloat16", 16},      {"float32", 32},
      {"float64", 64},    {"complex32", 32},   {"complex64", 64},     {"complex128", 128},
      {"qint8", 8},       {"quint8", 8},       {"qint32", 32},        {"quint4x2", 8},
      {"quint2x4", 8},    {"float8_e5m2", 8},  {"float8_e4m3fn", 8},  {"float8_e5m2fnuz", 8},
      {"float8_e4m3fnuz", 8}, {"float8_e8m0fnu", 8}, {"bits8", 8},    {"bits16", 16},
      {"bits1x8", 8},     {"bits2x4", 8},      {"bits4x2", 8},
  };
  for (const auto& [name, bits] : kBits)
    if (name == dtype) return bits;
  return std::nullopt;
}

}  // namespace ckptcheck
