#include "symbol_inference.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "fit.h"
#include "spec_fitting.h"

namespace ckptcheck::exec {
namespace {

class Inference {
 public:
  Inference(MetaSession& session, std::vector<int64_t> hints) : session_(session), hints_(std::move(hints)) {
    const ConstructionPlan& plan = session.plan();
    for (size_t k = 0; k < plan.symbols.size(); ++k)
      if (plan.argument[k] >= 0) {
        vars_.push_back(plan.symbols[k].name);
        defaults_.push_back(plan.symbols[k].default_number);
        boolean_.push_back(k < plan.boolean.size() && plan.boolean[k]);
      }
  }

  std::vector<int64_t> baseline() {
    find_baseline();
    return arguments(runs_.front().at);
  }

  ModelSpec infer() {
    find_baseline();
    if (vars_.empty()) return runs_.front().spec;
    perturb();
    bisect();
    return fit_spec(runs_, vars_);
  }

 private:
  std::vector<int64_t> arguments(const Assignment& at) const {
    std::vector<int64_t> values;
    for (const std::string& v : vars_) values.push_back(at.at(v));
    return values;
  }

  std::optional<size_t> try_run(const Assignment& at) {
    for (size_t i = 0; i < runs_.size(); ++i)
      if (runs_[i].at == at) return i;
    RunResult r = session_.run(arguments(at));
    if (r.failure != RunFailure::None) {
      last_failure_ = session_.describe_failure(r);
      // A forbidden call or a missing definition does not depend on the
      // values, and the probe values are too small for a limit to depend on
      // them (while each timed-out try costs the whole --timeout): stop rather
      // than try more. A crash or an exception may (a division by zero, a
      // failed TORCH_CHECK): that value is refused, and others are tried.
      bool value_independent = vars_.empty() || r.failure == RunFailure::MissingSymbol ||
                               (r.failure == RunFailure::Confinement && r.outcome != SandboxOutcome::Crashed);
      if (value_independent) throw AnalysisFailure(last_failure_, std::nullopt);
      return std::nullopt;
    }
    runs_.push_back({at, session_.spec_of(r)});
    return runs_.size() - 1;
  }

  std::vector<int64_t> candidates(size_t k) const {
    if (boolean_[k]) return {1, 0};
    std::vector<int64_t> out;
    for (int64_t h : hints_)
      if (h > 0 && std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
    for (int64_t v : {64, 32, 96, 128, 16, 48, 8, 256, 4, 2, 1, 3})
      if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
    return out;
  }

  // First tries: multiples of 8 (heads and groups usually divide them) that
  // are not multiples of one another, so that no dimension of one argument
  // (2*hidden) equals another's (in) by chance and hides which it follows.
  static constexpr int64_t kIrregular[] = {40, 56, 72, 88, 104, 24, 120, 136};

  // Defaults where there are some; otherwise distinct values for distinct
  // arguments (so that a dimension shows which one it follows), rotated until
  // the constructor accepts them (a TORCH_CHECK may refuse some).
  void find_baseline() {
    if (!runs_.empty()) return;
    constexpr size_t irregular = sizeof kIrregular / sizeof kIrregular[0];
    for (size_t attempt = 0; attempt < 14; ++attempt) {
      Assignment at;
      for (size_t k = 0; k < vars_.size(); ++k) {
        std::vector<int64_t> c = candidates(k);
        if (defaults_[k] && attempt % 7 == 0) at[vars_[k]] = *defaults_[k];
        else if (attempt < 2 && !boolean_[k] && hints_.empty()) at[vars_[k]] = kIrregular[(k + attempt) % irregular];
        else at[vars_[k]] = c[(k + attempt) % c.size()];
      }
      if (try_run(at)) return;
    }
    throw AnalysisFailure(last_failure_ + " (at every value ckptcheck tried for " + joined_vars() +
                              "; give them with --arg)",
                          std::nullopt);
  }

  std::string joined_vars() const {
    std::string s;
    for (const std::string& v : vars_) s += (s.empty() ? "" : ", ") + v;
    return s;
  }

  // Each argument moved alone to two other values, then all of them together.
  void perturb() {
    const Assignment base = runs_.front().at;
    std::map<std::string, std::vector<int64_t>> accepted;
    for (size_t k = 0; k < vars_.size(); ++k) {
      int64_t b = base.at(vars_[k]);
      std::vector<int64_t> tries = boolean_[k] ? std::vector<int64_t>{1 - b}
                                               : std::vector<int64_t>{2 * b, 4 * b, 3 * b, b / 2, b / 4, b + 8,
                                                                      b + 1, b + 2, b + 16, 8 * b};
      int found = 0;
      // Values another argument has are tried last: only if nothing else is accepted.
      std::stable_partition(tries.begin(), tries.end(), [&](int64_t v) {
        Assignment at = base;
        at[vars_[k]] = v;
        return boolean_[k] || !coincides(at, vars_[k]);
      });
      for (int64_t v : tries) {
        // Sizes stay positive once the default is; a bool's other value is 0.
        if (v == b || v < (b == 0 || boolean_[k] ? 0 : 1) || found == 2) continue;
        Assignment at = base;
        at[vars_[k]] = v;
        if (auto i = try_run(at)) {
          if (found++ == 0) moved_[vars_[k]] = *i;
          accepted[vars_[k]].push_back(v);
        }
      }
    }
    if (vars_.size() > 1) try_joint(base, accepted);
  }

  // All arguments moved at once, to values each was accepted at alone: what
  // tells a product (stacks * layers) from the sum that matches it near the
  // baseline. The values must be distinct (a dimension must not be able to
  // follow two arguments): each argument's first accepted value if they are,
  // else the first distinct ones (other multiples of the baseline if need
  // be), falling back to baseline values. A joint
  // run the constructor refuses is tried with the next choice.
  void try_joint(const Assignment& base, const std::map<std::string, std::vector<int64_t>>& accepted) {
    auto options = [&](size_t k) {
      std::vector<int64_t> out;
      if (auto it = accepted.find(vars_[k]); it != accepted.end()) out = it->second;
      int64_t b = base.at(vars_[k]);
      if (!boolean_[k] && b > 0)  // untried values, in case the accepted ones are all taken
        for (int64_t v : {3 * b, 5 * b, 6 * b, 7 * b})
          if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
      out.push_back(b);
      return out;
    };
    std::vector<Assignment> choices;
    Assignment first = base;
    for (size_t k = 0; k < vars_.size(); ++k) first[vars_[k]] = options(k).front();
    bool distinct = true;
    for (const std::string& v : vars_) distinct &= !coincides(first, v);
    if (distinct) choices.push_back(first);
    Assignment greedy = base;
    std::set<int64_t> taken;
    bool complete = true;
    for (size_t k = 0; k < vars_.size() && complete; ++k) {
      std::vector<int64_t> values = options(k);
      if (boolean_[k]) {
        greedy[vars_[k]] = values.front();
        continue;
      }
      auto free = std::find_if(values.begin(), values.end(), [&](int64_t v) { return !taken.count(v); });
      complete = free != values.end();
      if (complete) greedy[vars_[k]] = *free, taken.insert(*free);
    }
    if (complete && greedy != base && (choices.empty() || greedy != choices.front())) choices.push_back(greedy);
    for (const Assignment& joint : choices)
      if (try_run(joint)) return;
  }

  // Whether `var` has the value of another integer argument: then a dimension
  // could follow either, and a loop's first layer (in_dim wide) could look like
  // the others (width wide).
  bool coincides(const Assignment& at, const std::string& var) const {
    for (size_t k = 0; k < vars_.size(); ++k)
      if (vars_[k] != var && !boolean_[k] && at.at(vars_[k]) == at.at(var)) return true;
    return false;
  }

  std::set<std::string> names(const ModelSpec& spec) const {
    std::set<std::string> out;
    for (const SpecEntry& e : spec.entries) out.insert(e.name);
    for (const SpecModule& m : spec.modules) out.insert("module:" + m.name);
    return out;
  }

  // Where what exists changes between an argument's baseline and moved
  // values, the values next to the change are run too, so that conditions and
  // extents are fitted at their boundary, not somewhere between.
  void bisect() {
    const Assignment base = runs_.front().at;
    for (const auto& [var, moved] : moved_) {
      int64_t lo = base.at(var), hi = runs_[moved].at.at(var);
      std::set<std::string> low = names(runs_.front().spec);
      if (names(runs_[moved].spec) == low) continue;
      bool ascending = lo < hi;
      for (int step = 0; step < 12 && (ascending ? hi - lo : lo - hi) > 1; ++step) {
        int64_t mid = lo + (hi - lo) / 2;
        Assignment at = base;
        at[var] = mid;
        auto i = try_run(at);
        if (!i) break;
        if (names(runs_[*i].spec) == low) lo = mid;
        else hi = mid;
      }
    }
  }

  MetaSession& session_;
  std::vector<int64_t> hints_;
  std::vector<std::string> vars_;
  std::vector<std::optional<int64_t>> defaults_;
  std::vector<bool> boolean_;
  std::vector<ProbeRun> runs_;
  std::map<std::string, size_t> moved_;  // argument -> the run where it first moved alone
  std::string last_failure_;
};

}  // namespace

ModelSpec infer_symbolic_spec(MetaSession& session, const std::vector<int64_t>& hints) {
  return Inference(session, hints).infer();
}

std::vector<int64_t> baseline_arguments(MetaSession& session, const std::vector<int64_t>& hints) {
  return Inference(session, hints).baseline();
}

}  // namespace ckptcheck::exec
