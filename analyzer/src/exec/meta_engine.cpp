// analyze_by_running: the meta-execution engine. Compiles the model against
// meta LibTorch, runs the root's constructor in the sandbox, and reads the
// module tree it built. See meta_session.h.
#include <chrono>

#include "ckptcheck/analyzer/analyze.h"
#include "meta_session.h"

namespace ckptcheck {

ModelSpec analyze_by_running(const AnalyzeOptions& options) {
  auto start = std::chrono::steady_clock::now();
  exec::MetaSession session(options);
  auto compiled = std::chrono::steady_clock::now();
  std::vector<int64_t> values;
  const exec::ConstructionPlan& plan = session.plan();
  for (size_t i = 0; i < plan.symbols.size(); ++i)
    if (plan.argument[i] >= 0) values.push_back(plan.symbols[i].default_number.value_or(16));
  exec::RunResult run = session.run(values);
  if (run.failure != exec::RunFailure::None) throw exec::AnalysisFailure(session.describe_failure(run), std::nullopt);
  ModelSpec spec = session.spec_of(run);
  if (options.timings) {
    options.timings->parse_seconds = std::chrono::duration<double>(compiled - start).count();
    options.timings->evaluate_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - compiled).count();
  }
  return spec;
}

}  // namespace ckptcheck
