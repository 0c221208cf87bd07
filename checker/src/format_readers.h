// One reader per container format; each fills an Inventory from bytes in memory.
#pragma once

#include <span>
#include <string>

#include "ckptcheck/checker/inventory.h"

namespace ckptcheck {

// torch.save zip archives (torch >= 1.6) and TorchScript archives (torch.jit.save, C++ torch::save).
Inventory read_torch_zip(std::span<const uint8_t> bytes, const std::string& name);
// The legacy torch.save stream (_use_new_zipfile_serialization=False, torch < 1.6).
Inventory read_torch_legacy(std::span<const uint8_t> bytes, const std::string& name);

}  // namespace ckptcheck
