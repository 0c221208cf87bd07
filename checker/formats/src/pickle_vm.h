// A restricted pickle virtual machine: one loop over opcodes that builds a
// plain-data object graph (pickle_graph.h). GLOBAL names become symbols and
// REDUCE/NEWOBJ/BUILD become graph nodes; nothing is imported, called or
// executed. Every length, index and depth is checked against reader_limits.h.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "pickle_graph.h"

namespace ckptcheck::pickle {

// Lets the caller give meaning to REDUCE calls while the stream is read. When
// `reduce` returns a value, it replaces callable(*args) and everything built for
// the arguments is released at once, so memory follows what is still reachable
// rather than the size of the stream (a tensor's arguments are ~15 values).
struct ReduceHook {
  std::function<std::optional<Value>(const Graph&, const GlobalRef& callable, const Value& args)> reduce;
  // For memo entries that point into released arguments (a pickler may refer to
  // them again, as TorchScript does for shared storages): what the memo keeps
  // instead. Return a Kind::Consumed value when nothing should be kept.
  std::function<Value(const Graph&, const Value& memoised)> keep;
};

struct RunOptions {
  uint64_t base_offset = 0;  // where the stream starts in its record, for messages
  // Called with stretches of the input already consumed (everything the graph
  // needs is copied out of it), so a memory map can drop those pages.
  std::function<void(std::span<const uint8_t>)> release;
  const ReduceHook* hook = nullptr;
};

// Runs one pickle stream from the start of `bytes` to its STOP opcode.
// `record` names the stream for messages.
// Throws ReadError (CK101 for malformed streams, CK102 for unsupported features).
PickleResult run(std::span<const uint8_t> bytes, const std::string& record,
                 const RunOptions& options = {});

// Normalises module names the way torch's unpickler does before any lookup
// (__builtin__ -> builtins, copy_reg -> copyreg, torch.tensor -> torch._tensor,
// numpy._core -> numpy.core).
std::string normalise_module(std::string module);

}  // namespace ckptcheck::pickle
