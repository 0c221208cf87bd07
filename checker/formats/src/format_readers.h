// One reader per container format; each fills an Inventory from bytes in memory.
#pragma once

#include <functional>
#include <span>
#include <string>

#include "ckptcheck/formats/inventory.h"
#include "tensor_stream.h"

namespace ckptcheck {

// Told about parts of the input the reader is done with. When the input is a
// memory-mapped file, the mapping drops those pages, so resident memory follows
// what is being parsed, not how much has been read. May be empty.
using ReleaseHint = std::function<void(std::span<const uint8_t>)>;

// torch.save zip archives (torch >= 1.6) and TorchScript archives (torch.jit.save, C++ torch::save).
Inventory read_torch_zip(std::span<const uint8_t> bytes, const std::string& name,
                         const ReleaseHint& release = {}, TensorStream* stream = nullptr);
// The legacy torch.save stream (_use_new_zipfile_serialization=False, torch < 1.6).
Inventory read_torch_legacy(std::span<const uint8_t> bytes, const std::string& name,
                            const ReleaseHint& release = {}, TensorStream* stream = nullptr);

}  // namespace ckptcheck
