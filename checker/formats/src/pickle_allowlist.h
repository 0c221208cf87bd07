// Which GLOBAL names the reader interprets, which torch.load(weights_only=True)
// would accept, and which are known to be dangerous. One table, used by the
// interpreter and by the safety diagnostics (CK201, CK202).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "pickle_graph.h"

namespace ckptcheck::pickle {

struct GlobalVerdict {
  bool interpreted = false;   // the reader gives it a meaning (tensor rebuild, OrderedDict, ...)
  bool weights_only = false;  // torch.load(weights_only=True) accepts it
  bool dangerous = false;     // executes commands, imports, evaluates or opens files when called
};

GlobalVerdict classify_global(const GlobalRef& g);

// The argument a callable that torch.load allows calls in turn, whatever it is:
// torch._tensor._rebuild_from_type_v2(func, type, args, state) calls func(*args),
// copyreg._reconstructor(cls, base, state) calls base.__init__. nullopt for others.
std::optional<size_t> forwarded_call_argument(const GlobalRef& callable);

// Whether the callable unpickles its first argument, a bytes value, with
// torch.load (torch.storage._load_from_bytes).
bool unpickles_argument(const GlobalRef& callable);

// Storage class name ("FloatStorage") to torch dtype name ("float32"); empty when unknown.
std::string_view storage_dtype(std::string_view storage_class);

}  // namespace ckptcheck::pickle
