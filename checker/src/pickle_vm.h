// A restricted pickle virtual machine: one loop over opcodes that builds a
// plain-data object graph (pickle_graph.h). GLOBAL names become symbols and
// REDUCE/NEWOBJ/BUILD become graph nodes; nothing is imported, called or
// executed. Every length, index and depth is checked against reader_limits.h.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "pickle_graph.h"

namespace ckptcheck::pickle {

// Runs one pickle stream from the start of `bytes` to its STOP opcode.
// `record` and `base_offset` name the stream's place in the file for messages.
// Throws ReadError (CK101 for malformed streams, CK102 for unsupported features).
// `release`, when set, is called with stretches of `bytes` already consumed
// (everything the graph needs is copied out of the input).
PickleResult run(std::span<const uint8_t> bytes, const std::string& record,
                 uint64_t base_offset = 0,
                 const std::function<void(std::span<const uint8_t>)>& release = {});

// Normalises module names the way torch's unpickler does before any lookup
// (__builtin__ -> builtins, copy_reg -> copyreg, torch.tensor -> torch._tensor,
// numpy._core -> numpy.core).
std::string normalise_module(std::string module);

}  // namespace ckptcheck::pickle
