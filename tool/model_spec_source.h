// The ModelSpec of the check: from the analyzer, or from a saved spec file.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ckptcheck/rules/model_spec.h"

namespace ckptcheck {

struct ModelSource {
  std::vector<std::string> models;     // --model files
  std::string spec_file;               // --spec: a saved modelspec/v1 JSON instead
  std::optional<std::string> root_class;
  std::vector<std::string> args;       // NAME=VALUE, as given
  std::optional<std::string> build_dir;
  std::string torch_include;
  std::vector<std::string> compiler_args;
};

// The analyzer stopped with a usage or input error; it has printed why.
struct AnalyzerFailed : std::exception {
  const char* what() const noexcept override { return "the analyzer failed"; }
};

// Throws std::runtime_error (with a message for the user) or AnalyzerFailed.
ModelSpec load_model_spec(const ModelSource& source);

}  // namespace ckptcheck
