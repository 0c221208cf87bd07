// analyze_by_running and serve_by_running: the meta-execution engine.
// Compiles the model against meta LibTorch, runs the root's constructor in
// the sandbox, and reads the module tree it built. See meta_session.h.
#include <chrono>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ckptcheck/analyzer/analyze.h"
#include "ckptcheck/rules/model_spec_json.h"
#include "meta_session.h"
#include "symbol_inference.h"

namespace ckptcheck {

ModelSpec analyze_by_running(const AnalyzeOptions& options) {
  auto start = std::chrono::steady_clock::now();
  exec::MetaSession session(options);
  auto compiled = std::chrono::steady_clock::now();
  ModelSpec spec = exec::infer_symbolic_spec(session);
  if (options.timings) {
    options.timings->parse_seconds = std::chrono::duration<double>(compiled - start).count();
    options.timings->evaluate_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - compiled).count();
  }
  return spec;
}

namespace {

// One message of the protocol: its length in bytes on a line, then the bytes.
void send(std::ostream& out, const std::string& message) {
  out << message.size() << '\n' << message;
  out.flush();
}

std::string spec_message(const ModelSpec& spec) {
  std::ostringstream text;
  write_model_spec_json(text, spec);
  return text.str();
}

}  // namespace

void serve_by_running(const AnalyzeOptions& options, std::istream& in, std::ostream& out,
                      const std::function<void(const std::string&, const std::string&, const ModelSpec&)>& answered) {
  exec::MetaSession session(options);
  auto answer = [&](const std::string& request, const ModelSpec& spec) {
    std::string message = spec_message(spec);
    send(out, message);
    if (answered) answered(request, message, spec);
  };
  answer("", exec::infer_symbolic_spec(session));
  const exec::ConstructionPlan& plan = session.plan();
  for (std::string line; std::getline(in, line);) {
    nlohmann::json request = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    nlohmann::json args = request.is_object() ? request.value("args", nlohmann::json::object()) : nlohmann::json();
    std::vector<int64_t> values;
    std::string missing;
    for (size_t k = 0; k < plan.symbols.size(); ++k) {
      if (plan.argument[k] < 0) continue;
      if (!args.is_object() || !args.contains(plan.symbols[k].name) || !args[plan.symbols[k].name].is_number_integer())
        missing += (missing.empty() ? "" : ", ") + plan.symbols[k].name;
      else
        values.push_back(args[plan.symbols[k].name].get<int64_t>());
    }
    if (!missing.empty()) {
      send(out, nlohmann::json{{"error", "the request has no integer value for " + missing}}.dump());
      continue;
    }
    exec::RunResult run = session.run(values);
    if (run.failure != exec::RunFailure::None) send(out, nlohmann::json{{"error", session.describe_failure(run)}}.dump());
    else answer(line, session.spec_of(run));
  }
}

}  // namespace ckptcheck
