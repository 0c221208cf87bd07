// One run of the compiled construction, in the sandbox: the child runs the
// model's static initialisers and the entry point with the run's argument
// values, and sends back what the model registered, or why it could not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "host_calls.h"
#include "sandbox.h"

namespace ckptcheck::exec {

enum class RunFailure {
  None,
  Exception,      // the constructor threw (TORCH_CHECK, std::runtime_error, ...)
  MissingSymbol,  // it called (or read) something no given file defines
  Confinement,    // the sandbox stopped it: forbidden call, time, memory, crash
};

struct RunResult {
  RunFailure failure = RunFailure::None;
  std::string message;     // the exception's text, the missing symbol, the sandbox's sentence
  std::string exception_type;  // demangled, for exceptions
  SandboxOutcome outcome = SandboxOutcome::Finished;
  Recording recording;     // when failure is None
  std::vector<std::string> files_read;
};

struct CompiledConstruction {
  std::vector<uint64_t> static_initialisers;  // run the program's static initialisers, in order
  uint64_t entry = 0;               // constructs and records the root
};

RunResult run_construction(const CompiledConstruction& compiled, const std::vector<int64_t>& arguments,
                           const SandboxLimits& limits);

}  // namespace ckptcheck::exec
