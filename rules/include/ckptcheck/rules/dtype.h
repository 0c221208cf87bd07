// Tensor element types by torch's short names ("float32", "int64", ...).
#pragma once

#include <optional>
#include <string_view>

namespace ckptcheck {

// Bits per element for a torch dtype name; nullopt for names torch does not have.
// Sub-byte packed types (quint4x2, quint2x4) count as one byte per stored element,
// the way their storages do.
std::optional<int> dtype_bits(std::string_view dtype);

}  // namespace ckptcheck
