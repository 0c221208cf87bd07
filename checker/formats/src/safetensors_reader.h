// The safetensors reader (docs/FORMATS.md §6): parses the JSON header of a .safetensors
// file into an Inventory and checks the declared data layout by arithmetic only.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "ckptcheck/formats/inventory.h"
#include "ckptcheck/formats/read_error.h"

namespace ckptcheck {

// True when the first bytes look like a safetensors header (8-byte LE length, then '{').
bool looks_like_safetensors(std::span<const uint8_t> bytes);

// Reads the header only; never touches the data section beyond bounds arithmetic.
// Tensors are listed in the order their keys appear in the header text.
// Throws ReadError (record "header") for any file it cannot read; an unknown field
// inside a tensor entry becomes an info diagnostic instead.
Inventory read_safetensors(std::span<const uint8_t> bytes, const std::string& name);

}  // namespace ckptcheck
