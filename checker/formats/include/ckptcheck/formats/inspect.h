// Entry point of the checkpoint reader.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "ckptcheck/formats/inventory.h"
#include "ckptcheck/formats/read_error.h"  // what inspect_* throw

namespace ckptcheck {

// Reads a checkpoint held in memory. `name` is used for messages and Inventory::file.
// Throws ReadError for anything it cannot read; everything else, including
// suspicious content, becomes Inventory::diagnostics.
Inventory inspect_bytes(std::span<const uint8_t> bytes, const std::string& name);

// Maps the file read-only and calls inspect_bytes. Never writes to the file.
Inventory inspect_file(const std::string& path);

// Streams the file into `sink`. Throws ReadError only before begin(); an error
// met after it becomes a diagnostic passed to end().
void inspect_file(const std::string& path, InventorySink& sink);

}  // namespace ckptcheck
