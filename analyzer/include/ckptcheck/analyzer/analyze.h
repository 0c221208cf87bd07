// Entry point of the static analyzer: C++ model sources in, ModelSpec out.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck {

// Where an analysis spent its time (wall clock): parsing the sources with
// Clang, and evaluating the model on the parsed AST (finding module classes,
// interpreting the root's constructor).
struct AnalyzeTimings {
  double parse_seconds = 0;
  double evaluate_seconds = 0;
};

struct AnalyzeOptions {
  // Analysed together, as one program; a header also brings in its sibling
  // source of the same stem (net.h -> net.cpp) when that exists and is not given.
  std::vector<std::string> files;
  std::optional<std::string> root_class;        // "Net", "NetImpl", "ns::NetImpl"
  std::map<std::string, std::string> args;      // root constructor parameter -> JSON literal (or plain string)
  std::optional<std::string> build_dir;         // -p: where compile_commands.json is
  std::vector<std::string> extra_args;          // after "--": passed to the compiler
  // Where LibTorch's C++ API headers are; empty means "find them, else use the
  // bundled declarations". "bundled" forces the bundled declarations.
  std::string torch_include;
  // Root integer parameters with a default stay symbols (the check binds
  // them itself, so it can tell a checkpoint made with another value). If
  // that leaves more of the model unresolved than the defaults do, the
  // defaults are used after all.
  bool symbolic_defaults = false;
  AnalyzeTimings* timings = nullptr;  // filled in when given
};

// Parses and interprets the model. Everything it cannot resolve is a CK501
// diagnostic in the result; code that does not compile is reported as errors
// there too. Throws std::runtime_error only for unusable options (no files, a
// file that cannot be opened, a -p directory without a usable compile command).
ModelSpec analyze(const AnalyzeOptions& options);

}  // namespace ckptcheck
