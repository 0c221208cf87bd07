// A model compiled for meta execution, ready to be constructed any number of
// times: the program compiled against meta LibTorch, the root and how to
// construct it, the compiled entry point, and what maps a run's recording to
// a ModelSpec (locations through the line tables, source text through the
// AST). Compiling is the expensive part (seconds); a run costs milliseconds.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/analyzer/analyze.h"
#include "construction.h"
#include "construction_run.h"
#include "program_files.h"

namespace ckptcheck::exec {

// Why there is no ModelSpec: a message for the user and where it points.
struct AnalysisFailure : std::runtime_error {
  AnalysisFailure(const std::string& message, std::optional<Location> where)
      : std::runtime_error(where ? where->file + ":" + std::to_string(where->line) + ":" + std::to_string(where->column) +
                                       ": " + message
                                 : message),
        location(std::move(where)) {}
  std::optional<Location> location;
};

class MetaSession {
 public:
  // Compiles the model and its construction. Throws AnalysisFailure when the
  // code does not compile, there is no root, or no way to construct it.
  explicit MetaSession(const AnalyzeOptions& options);
  ~MetaSession();
  MetaSession(const MetaSession&) = delete;
  MetaSession& operator=(const MetaSession&) = delete;

  // Root, symbols (the integer arguments each run chooses), loaders,
  // construction and engine: everything but the entries and modules.
  const ModelSpec& outline() const { return outline_; }
  const ConstructionPlan& plan() const { return plan_; }

  // Runs the constructor with these values for plan().symbols.
  RunResult run(const std::vector<int64_t>& values);
  // The ModelSpec of a successful run: outline() plus its entries and modules.
  ModelSpec spec_of(const RunResult& run);
  // A failed run's reason, for the user.
  std::string describe_failure(const RunResult& run) const;

 private:
  // The constructor's three steps: compile the sources, decide how to build
  // the root, compile that construction as the entry point.
  void compile_program(const ModelProgram& program);
  ConstructionPlan plan_root_construction();
  void compile_construction();

  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
  AnalyzeOptions options_;
  ModelSpec outline_;
  ConstructionPlan plan_;
};

}  // namespace ckptcheck::exec
