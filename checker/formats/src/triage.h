// Looks at a file's first bytes and says what it is before any parser runs, so a
// wrong file gets a message about what it looks like instead of a parser error.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace ckptcheck {

// Json: a manifest, or a JSON file the manifest reader refuses by what it is.
enum class FileKind { Zip, LegacyTorch, Safetensors, Pickle, Json, Unknown };

// Classifies `bytes`. For anything that is not a checkpoint (empty, HTML page,
// Git-LFS pointer, tar, preview TorchScript, random bytes) it throws ReadError
// CK101/CK102 with a message that says what the file looks like and what to do.
FileKind triage(std::span<const uint8_t> bytes);

// True when a pickle stream starts with torch's legacy magic number.
bool starts_with_legacy_magic(std::span<const uint8_t> bytes);

}  // namespace ckptcheck
