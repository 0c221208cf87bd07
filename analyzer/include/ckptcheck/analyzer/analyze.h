// Entry point of the static analyzer: C++ model sources in, ModelSpec out.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck {

struct AnalyzeOptions {
  std::vector<std::string> files;               // analysed together, as one program
  std::optional<std::string> root_class;        // "Net", "NetImpl", "ns::NetImpl"
  std::map<std::string, std::string> args;      // root constructor parameter -> JSON literal (or plain string)
  std::optional<std::string> build_dir;         // -p: where compile_commands.json is
  std::vector<std::string> extra_args;          // after "--": passed to the compiler
  // Where LibTorch's C++ API headers are; empty means "find them, else use the
  // bundled declarations". "bundled" forces the bundled declarations.
  std::string torch_include;
};

// Parses and interprets the model. Everything it cannot resolve is a CK501
// diagnostic in the result; code that does not compile is reported as errors
// there too. Throws std::runtime_error only for unusable options (no files).
ModelSpec analyze(const AnalyzeOptions& options);

}  // namespace ckptcheck
