// The ModelSpec of the check: from the analyzer, or from a saved spec file.
// The analyzer runs as a server (ckptcheck-analyze --serve) for the whole
// check, so that once the matcher has solved the constructor's arguments from
// a checkpoint, the constructor runs again at exactly those values.
#pragma once

#include <sys/types.h>

#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ckptcheck/rules/model_spec.h"
#include "spec_cache.h"

namespace ckptcheck {

struct ModelSource {
  std::vector<std::string> models;     // --model files
  std::string spec_file;               // --spec: a saved modelspec/v1 JSON instead
  std::optional<std::string> root_class;
  std::vector<std::string> args;       // NAME=VALUE, as given
  std::optional<std::string> construct;  // --construct EXPR
  bool no_exec = false;                // --no-exec: the static engine
  std::optional<std::string> build_dir;
  std::string torch_include;
  std::vector<std::string> compiler_args;
  bool no_cache = false;               // --no-cache: neither use nor store cached results
  // --analyze-time-limit: ckptcheck-analyze's --time-limit (the same default).
  // The check also stops an analyzer that has not answered a little after it.
  double time_limit_seconds = 600;
};

// The analyzer stopped with a usage or input error; it has printed why.
struct AnalyzerFailed : std::exception {
  const char* what() const noexcept override { return "the analyzer failed"; }
};

class ModelSpecSource {
 public:
  // Loads the spec. Throws std::runtime_error (with a message for the user)
  // or AnalyzerFailed.
  explicit ModelSpecSource(const ModelSource& source);
  ~ModelSpecSource();
  ModelSpecSource(const ModelSpecSource&) = delete;
  ModelSpecSource& operator=(const ModelSpecSource&) = delete;

  const ModelSpec& spec() const { return spec_; }
  // The exact ModelSpec at these symbol values, from the running analyzer;
  // nullopt without one (a saved spec, the static engine) or when the
  // constructor fails at them.
  std::optional<ModelSpec> exact_at(const std::map<std::string, int64_t>& values);

 private:
  // Starts the analyzer; returns its first message ("" if it failed).
  std::string start_analyzer();
  std::string read_message();
  // Waits until the analyzer has something to say; past the time limit (and
  // a grace period for it to stop itself) kills it and throws, saying so.
  void await_answer();
  // After the analyzer gave nothing: closes the pipes, waits for it, and says
  // which signal killed it ("signal 11 (Segmentation fault)"); nullopt when it
  // exited (then it has said why on stderr).
  std::optional<std::string> reap_killed_analyzer();

  std::vector<std::string> command_;  // ckptcheck-analyze's arguments (what the cache key covers)
  double time_limit_seconds_ = 0;
  bool serving_ = false;               // the running engine, answering exact_at
  std::optional<SpecCache> cache_;
  std::string cache_key_;
  ModelSpec spec_;
  pid_t server_ = -1;
  FILE* requests_ = nullptr;
  FILE* answers_ = nullptr;
};

}  // namespace ckptcheck
