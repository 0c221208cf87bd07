// The analyzer's side of meta LibTorch's host interface
// (analyzer/meta/ckptcheck_torch/host.h): the layer-rule bridge, call-site
// capture, the construction arguments of a run, and the recording of what the
// constructed model registered. It all runs inside the sandboxed child that
// runs the constructor, so its state is per process.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ckptcheck::exec {

struct RecordedModule {
  std::string path;  // "" for the root
  std::string type;  // LibTorch's name(): "torch::nn::LinearImpl"
  long site = -1;    // index into Recording::sites
  bool internal = false;
};

struct RecordedTensor {
  std::string path;
  bool buffer = false;
  std::vector<int64_t> shape;
  std::string dtype;
  bool requires_grad = false;
  uint64_t storage = 0;  // equal for tensors that share storage (tied)
  long site = -1;
  bool internal = false;
};

struct RecordedWarning {
  std::string message;
  long site = -1;
};

// Everything one run of a constructor reported.
struct Recording {
  std::vector<RecordedModule> modules;  // named_modules() order
  std::vector<RecordedTensor> tensors;  // named_parameters(), then named_buffers()
  std::vector<RecordedWarning> warnings;
  std::vector<std::vector<uint64_t>> sites;  // return addresses, innermost first
};

nlohmann::json to_json(const Recording& r);
Recording recording_from_json(const nlohmann::json& j);  // throws nlohmann::json::exception

// This process's recording (the child's, after the constructor ran).
Recording& current_recording();

// The integer arguments of this run, by index (ckptcheck_arg_int).
std::vector<int64_t>& run_arguments();

// Address ranges of the JIT's code, sorted by start: call-site capture
// follows frame pointers only through these, since host code may not keep them.
std::vector<std::pair<uint64_t, uint64_t>>& jit_code_ranges();

// The host functions meta LibTorch calls, by name, for the JIT to link against.
std::vector<std::pair<const char*, void*>> host_symbols();

}  // namespace ckptcheck::exec
