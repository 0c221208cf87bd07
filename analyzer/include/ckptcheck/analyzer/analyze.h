// Entry point of the static analyzer: C++ model sources in, ModelSpec out.
#pragma once

#include <functional>
#include <iosfwd>
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
  // Analysed together, as one program; a header also brings in the source
  // that defines it when that is not given (program_files.h: next to it, or
  // found through -p's compile_commands.json).
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
  // The engine: the root's constructor compiled against meta LibTorch and run
  // in a sandbox, or (no_exec) the constructor's source interpreted without
  // running anything.
  bool no_exec = false;
  // A C++ expression that builds the root (--construct), instead of calling
  // its constructor with --arg values.
  std::optional<std::string> construct;
  // Where the build put meta LibTorch's precompiled parts (next to
  // ckptcheck-analyze): its header as a PCH and its out-of-line definitions.
  std::string meta_dir;
  double timeout_seconds = 20;              // per run of the constructor (wall clock and CPU)
  uint64_t memory_bytes = 4ull << 30;       // per run, on top of the analyzer's own
  AnalyzeTimings* timings = nullptr;  // filled in when given
  // Filled in when given: every file the compiler read, absolute (what a
  // cached result depends on, with the files the constructor read).
  std::vector<std::string>* files_compiled = nullptr;
};

// Analyses the model with the engine the options choose. The static engine
// reports what it cannot resolve as CK501 diagnostics in the result. Throws
// std::runtime_error with a message for the user when there is no result to
// give: unusable options (no files, a file that cannot be opened, a -p
// directory without a usable compile command), and, from the running engine,
// code that does not compile, a constructor that fails, is stopped by its
// confinement, or needs a definition that no given file has.
ModelSpec analyze(const AnalyzeOptions& options);

// The running engine as a server, for the check: sends the (inferred)
// ModelSpec, then answers each request line {"args": {"hidden": 32, ...}}
// (a value for every symbol) with the exact ModelSpec at those values, or
// {"error": "..."}. Each message is its length in bytes on a line of its own,
// then its JSON. Returns at the end of `in`; throws as analyze() does.
// `answered` (when given) sees each request ("" for the first message) with
// the ModelSpec it was answered with; not called for errors.
void serve_by_running(const AnalyzeOptions& options, std::istream& in, std::ostream& out,
                      const std::function<void(const std::string& request, const std::string& answer,
                                               const ModelSpec& spec)>& answered = {});

// The two engines (analyze() picks one).
ModelSpec analyze_by_running(const AnalyzeOptions& options);      // analyzer/src/exec/meta_engine.cpp
ModelSpec analyze_without_running(const AnalyzeOptions& options); // analyzer/src/analyze.cpp

}  // namespace ckptcheck
