// How the analyzer invokes Clang: which flags, which include paths, and
// whether LibTorch's real headers or the bundled declarations are used.
#pragma once

#include <string>
#include <vector>

#include "ckptcheck/analyzer/analyze.h"
#include "program_files.h"

namespace ckptcheck {

struct CompileSetup {
  std::vector<std::string> args;  // compiler arguments (without the input file)
  std::string torch_headers;      // "libtorch:<dir>" or "bundled" (ModelSpec::torch_headers)
  // With the bundled declarations: directories of installed LibTorch headers
  // (torch/, ATen/, c10/, caffe2/ under each include root) that the analysis
  // must not see, so that nothing of LibTorch is mixed in through a system path.
  std::vector<std::string> hidden_dirs;
  // The compile command's directory (with -p): relative paths in the arguments
  // are resolved against it, as the build and clang-tidy do. Empty: the
  // current directory.
  std::string working_dir;
};

// Flags from -p's compile_commands.json when given (the command of the first
// analysed file it lists, else one it infers for them; throws when the database
// is missing, invalid or has nothing for them), else a default C++17 command
// line; LibTorch found from $LIBTORCH, Torch_DIR, /opt/libtorch, Debian's
// /usr/include/torch/csrc/api/include or a pip torch's include/, else the
// bundled declarations: meta LibTorch's headers (CKPTCHECK_BUNDLED_HEADERS_DIR).
CompileSetup make_compile_setup(const AnalyzeOptions& options);

// The flags for compiling the model against meta LibTorch to run it: meta
// LibTorch first on the include path, the -p command's include paths, macros
// and language standard (its optimisation, warning and code-generation flags
// do not apply), the extra arguments, then what the JIT needs (no
// optimisation, line tables for call sites, frame pointers for walking the
// stack). LibTorch's own headers are hidden.
CompileSetup make_jit_setup(const AnalyzeOptions& options);

// The project around the analysed files, for make_program: the sources -p's
// compile_commands.json lists (none without -p, or when it cannot be read:
// the flags' own error says why), the -I and -iquote directories of its
// command and of the extra arguments (except LibTorch's and those installed
// under /usr), and LibTorch's and meta LibTorch's header directories.
ProjectLayout project_layout(const AnalyzeOptions& options);

}  // namespace ckptcheck
