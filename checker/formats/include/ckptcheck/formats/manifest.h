// The manifest, "ckptcheck/manifest/v1" (schemas/manifest-v1.schema.json):
// everything the check needs from a checkpoint, as a small JSON file a team
// commits instead of the weights. `ckptcheck manifest` writes it; the reader
// (inspect.h) reads it wherever a checkpoint is accepted, as an Inventory
// whose `stand_in` says it was a manifest. Both directions are here, so that
// the contract has one owner.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "ckptcheck/formats/inventory.h"

namespace ckptcheck {

inline constexpr const char* kManifestSchema = "ckptcheck/manifest/v1";

// The checkpoint file a manifest describes.
struct CheckpointFacts {
  std::string file;              // as given to `ckptcheck manifest`
  std::optional<uint64_t> size;  // bytes; none for a header-only safetensors file (its data is elsewhere)
  std::string sha256;            // hex; "" for a header-only safetensors file
};

// One field per line and one tensor per line, so that a manifest's diff in a
// review reads tensor by tensor. `made_by` names the writer ("ckptcheck 0.9.0").
void write_manifest(std::ostream& out, const Inventory& inventory, const CheckpointFacts& facts,
                    std::string_view made_by);

// Reads a manifest; `name` becomes Inventory::file. Anything else, a JSON file
// that is not a manifest (an `inspect --format json` listing, another
// schema) or a manifest that breaks the schema, throws ReadError CK101 with the
// JSON path of the first problem. Memory stays bounded by the Inventory: each
// tensor is converted as it is parsed, never kept as JSON.
Inventory read_manifest(std::span<const uint8_t> bytes, const std::string& name);

}  // namespace ckptcheck
