#include "argument_values.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace ckptcheck {
namespace {

class ArgumentSolver {
 public:
  ArgumentSolver(const ModelSpec& spec, const SpecTemplates& templates, const std::vector<FileTensor>& tensors,
                 const std::unordered_map<std::string, size_t>& file_index, const MatchOptions& options)
      : spec_(spec), templates_(templates), tensors_(tensors), file_index_(file_index), options_(options) {}

  ArgumentValues run() {
    solve();
    use_exact_listing();
    use_listing_as_written();
    describe_values();
    return std::move(out_);
  }

 private:
  // Symbols from shapes and from the lengths of repeated groups. A key that
  // fits several patterns (projector.7.running_mean: the last layer's own
  // entry, and also the pattern of a loop's group projector.{3*i+1}) says
  // something true of only one of them: the symbols are solved without such
  // keys first, and with them only if that leaves a conflict.
  void solve() {
    KeySolution with = solve_from_keys(true);
    if (!with.solution.conflicts.empty()) {
      KeySolution without = solve_from_keys(false);
      if (without.solution.conflicts.empty()) with = std::move(without);
    }
    use_solution(with.solution);
    key_solution_ = std::move(with);
  }

  // The solution, and what it came from: the equations, and the defaults
  // that decided the other factor of a product (see use_exact_listing).
  struct KeySolution {
    Solution solution;
    std::vector<Equation> equations;
    std::map<std::string, int64_t> known;
    std::vector<std::string> decided_by_default;
  };

  KeySolution solve_from_keys(bool ambiguous_keys) {
    std::map<std::string, int64_t> known = options_.args;
    std::vector<std::string> decided_by_default;
    std::vector<Equation> equations;
    // Per entry and loop level: the largest index seen under each outer index tuple.
    std::map<std::tuple<const EntryTemplate*, size_t, std::vector<int64_t>>, std::pair<int64_t, std::string>> lengths;
    for (const FileTensor& t : tensors_) {
      std::vector<PatternHit> hits = templates_.hits(t.name);
      if (hits.size() > 1 && !ambiguous_keys) continue;
      for (const PatternHit& hit : hits) {
        auto indices = index_values(*hit.entry, hit.slot_values, known);
        if (!indices) continue;
        const SpecEntry& e = *hit.entry->entry;
        if (e.shape.size() == t.tensor->shape.size())
          for (size_t d = 0; d < e.shape.size(); ++d)
            if (!e.shape[d].constant()) equations.push_back(Equation{e.shape[d], t.tensor->shape[d], *indices, t.name});
        std::vector<int64_t> outer;
        for (size_t level = 0; level < e.repeat.size(); ++level) {
          int64_t i = indices->at(e.repeat[level].index);
          auto& seen = lengths[{hit.entry, level, outer}];
          if (seen.second.empty() || i > seen.first) seen = {i, t.name};
          outer.push_back(i);
        }
      }
    }
    for (const auto& [where, seen] : lengths) {
      const auto& [entry, level, outer] = where;
      const std::vector<SpecRepeat>& loops = entry->entry->repeat;
      if (loops[level].to.constant()) continue;
      std::map<std::string, int64_t> locals;
      for (size_t k = 0; k < level; ++k) locals[loops[k].index] = outer[k];
      equations.push_back(Equation{loops[level].to, seen.first + 1, locals, seen.second});
    }
    Solution solution = solve_symbols(equations, known);
    // An equation in two unknowns (a group of stacks*layers entries) leaves
    // both open; the code's default of one of them, in declaration order,
    // decides the other, if that agrees with every equation.
    for (const SpecSymbol& sym : spec_.symbols) {
      if (!sym.default_number || known.count(sym.name) || solution.values.count(sym.name)) continue;
      std::map<std::string, int64_t> trial = known;
      trial[sym.name] = *sym.default_number;
      Solution with_default = solve_symbols(equations, trial);
      if (!with_default.conflicts.empty() || with_default.values.size() <= solution.values.size()) continue;
      known = std::move(trial);
      solution = std::move(with_default);
      solution.values.erase(sym.name);  // still the default, not a value from the checkpoint
      decided_by_default.push_back(sym.name);
    }
    return {std::move(solution), std::move(equations), options_.args, std::move(decided_by_default)};
  }

  void use_solution(const Solution& solution) {
    out_.values = options_.args;
    for (const auto& [name, value] : solution.values) out_.values[name] = value;
    // A default is the code's value until the checkpoint proves otherwise: its
    // solved value replaces it only where that makes more entries agree. (A
    // transposed weight also "solves" in and out to swapped values, and a
    // changed layer solves its argument to something new: neither proves it.)
    std::vector<const SpecSymbol*> contested;
    for (const SpecSymbol& sym : spec_.symbols) {
      if (!sym.symbolic || !sym.default_number || options_.args.count(sym.name)) continue;
      auto it = solution.values.find(sym.name);
      if (it != solution.values.end() && it->second != *sym.default_number) contested.push_back(&sym);
      out_.values[sym.name] = *sym.default_number;
    }
    size_t best = disagreements(out_.values);
    for (const SpecSymbol* sym : contested) keep_if_closer(*sym, solution.values.at(sym->name), best);
    decide_by_presence(solution, best);
    // A conflict matters only for a value taken from the checkpoint.
    for (const SymbolConflict& c : solution.conflicts)
      if (origin_of(c.symbol) == "checkpoint") out_.conflicts.push_back(c);
  }

  // A default the shapes do not solve may still decide which entries exist
  // (`if (cfg.use_norm) norm = register_module(...)`): values on the other
  // side of a condition over it are tried, nearest first, and one is kept,
  // like a contested default, where it makes more entries agree.
  void decide_by_presence(const Solution& solution, size_t& best) {
    for (const SpecSymbol& sym : spec_.symbols) {
      if (best == 0) return;
      if (!sym.symbolic || !sym.default_number || options_.args.count(sym.name) || solution.values.count(sym.name))
        continue;
      for (int64_t v : condition_flips(sym.name))
        if (keep_if_closer(sym, v, best)) break;
    }
  }

  // Gives `sym` the value `value`, a contradicted default, when that leaves
  // fewer entries disagreeing than `best` (which it then lowers).
  bool keep_if_closer(const SpecSymbol& sym, int64_t value, size_t& best) {
    std::map<std::string, int64_t> trial = out_.values;
    trial[sym.name] = value;
    size_t d = disagreements(trial);
    if (d >= best) return false;
    best = d;
    out_.values = std::move(trial);
    out_.differing_defaults.push_back({&sym, value});
    return true;
  }

  // Values of `symbol` that change whether some entry exists, compared with
  // its current value: the constants its conditions compare with, and their
  // neighbours; nearest first, then non-negative ones.
  std::vector<int64_t> condition_flips(const std::string& symbol) const {
    std::vector<const DimExpr*> conditions;
    std::set<int64_t> candidates;
    for (const EntryTemplate& t : templates_.entries())
      if (t.condition && t.condition->symbols().count(symbol)) {
        conditions.push_back(&*t.condition);
        add_constants(*t.condition, candidates);
      }
    int64_t from = out_.values.at(symbol);
    std::vector<int64_t> flips;
    for (int64_t v : candidates) {
      std::map<std::string, int64_t> trial = out_.values;
      trial[symbol] = v;
      if (std::any_of(conditions.begin(), conditions.end(),
                      [&](const DimExpr* c) { return c->evaluate(trial) != c->evaluate(out_.values); }))
        flips.push_back(v);
    }
    auto distance = [from](int64_t v) {
      return std::make_tuple(v > from ? static_cast<uint64_t>(v) - static_cast<uint64_t>(from)
                                      : static_cast<uint64_t>(from) - static_cast<uint64_t>(v),
                             v < 0, v);
    };
    std::sort(flips.begin(), flips.end(), [&](int64_t a, int64_t b) { return distance(a) < distance(b); });
    return flips;
  }

  // Every constant in `e`, and its neighbours (the two sides of `x > c`).
  static void add_constants(const DimExpr& e, std::set<int64_t>& out) {
    if (auto c = e.constant()) {
      for (int64_t d : {-1, 0, 1})
        if (int64_t v; !__builtin_add_overflow(*c, d, &v)) out.insert(v);
      return;
    }
    auto [op, lhs, rhs] = e.parts();
    if (lhs) add_constants(*lhs, out);
    if (rhs) add_constants(*rhs, out);
  }

  // Where a symbol's value came from: "arg" (--arg), "" (nothing decides it),
  // "default" (the code's), "checkpoint" (solved from its shapes).
  std::string origin_of(const std::string& name) const {
    if (options_.args.count(name)) return "arg";
    auto value = out_.values.find(name);
    if (value == out_.values.end()) return "";
    const SpecSymbol* sym = symbol_named(name);
    return sym && sym->default_number == value->second ? "default" : "checkpoint";
  }

  // Each symbol, its final value and where it came from.
  void describe_values() {
    for (const SpecSymbol& sym : spec_.symbols) {
      SymbolValue v{sym.name, std::nullopt, origin_of(sym.name), shown_default(sym), written_as_bool(sym)};
      if (auto value = out_.values.find(sym.name); value != out_.values.end()) v.value = value->second;
      out_.report.push_back(std::move(v));
    }
  }

  // A spec whose expressions were fitted to runs of the constructor is exact
  // only at those runs' values: at the values solved here, the constructor
  // runs again, and that listing is compared. A dimension keeps its fitted
  // expression where that gives the same number, so findings still say which
  // argument decides it.
  void use_exact_listing() {
    if (spec_.inferred_from_runs == 0 || !options_.exact_spec_at) return;
    std::optional<std::map<std::string, int64_t>> values = run_values();
    if (!values) return;
    std::optional<ModelSpec> exact = options_.exact_spec_at(*values);
    if (!exact) return;
    if (listing_disagreements(*exact) > 0) exact = other_split(std::move(*exact));
    std::set<std::string> symbols;
    for (const SpecSymbol& sym : spec_.symbols) symbols.insert(sym.name);
    std::unordered_map<std::string, const ExpectedEntry*> fitted;
    Expansion expansion = expand_entries(templates_, out_.values);
    for (const ExpectedEntry& e : expansion.entries) fitted.emplace(e.name, &e);
    for (SpecEntry& e : exact->entries) {
      auto it = fitted.find(e.name);
      if (it == fitted.end() || it->second->shape.size() != e.shape.size()) continue;
      const std::vector<DimExpr>& expressions = it->second->from->entry->shape;
      for (size_t d = 0; d < e.shape.size(); ++d) {
        std::set<std::string> used = expressions[d].symbols();
        bool over_arguments =
            std::all_of(used.begin(), used.end(), [&](const std::string& x) { return symbols.count(x) > 0; });
        if (over_arguments && it->second->shape[d] == e.shape[d].constant()) e.shape[d] = expressions[d];
      }
    }
    out_.exact_spec = std::make_unique<ModelSpec>(std::move(*exact));
  }

  // The values to run the constructor at: each symbol's current one; none
  // when a symbol is unsolved and has no default (nothing to run at).
  std::optional<std::map<std::string, int64_t>> run_values() const {
    std::map<std::string, int64_t> values;
    for (const SpecSymbol& sym : spec_.symbols) {
      if (!sym.symbolic) continue;
      auto it = out_.values.find(sym.name);
      if (it == out_.values.end()) return std::nullopt;
      values[sym.name] = it->second;
    }
    return values;
  }

  // ArgumentValues::as_written: the listing at the code's defaults.
  void use_listing_as_written() {
    if (!out_.splits.empty()) {  // the split's default is the code's: its listing is the one
      if (out_.differing_defaults.empty() && out_.at_default_listing)
        out_.as_written = std::make_unique<ModelSpec>(*out_.at_default_listing);
      return;
    }
    if (out_.differing_defaults.empty() || spec_.inferred_from_runs == 0 || !options_.exact_spec_at) return;
    std::optional<std::map<std::string, int64_t>> values = run_values();
    if (!values) return;
    for (const auto& [symbol, solved] : out_.differing_defaults) (*values)[symbol->name] = *symbol->default_number;
    if (std::optional<ModelSpec> exact = options_.exact_spec_at(*values))
      out_.as_written = std::make_unique<ModelSpec>(std::move(*exact));
  }

  // A default that decided the other factor of a product (dim_head, when the
  // shapes hold only dim_head*heads) is only the code's guess. When the
  // constructor at that split builds something else than the checkpoint (at
  // heads == 1 a ViT drops a projection), each other split the shapes allow
  // is run in turn, nearest to the default first; the first whose listing is
  // the checkpoint's is kept, and the default is reported as contradicted.
  ModelSpec other_split(ModelSpec at_default) {
    constexpr size_t kMaxRuns = 4;
    const KeySolution& k = key_solution_;
    for (const std::string& name : k.decided_by_default) {
      const SpecSymbol* sym = symbol_named(name);
      if (!sym || !sym->default_number) continue;
      for (int64_t v : other_fitting_values(k.equations, k.known, name, *sym->default_number, kMaxRuns)) {
        std::map<std::string, int64_t> known = k.known;
        known[name] = v;
        Solution split = solve_symbols(k.equations, known);
        std::map<std::string, int64_t> trial = out_.values, run_at;
        trial[name] = v;
        for (const auto& [n, value] : split.values) trial[n] = value;
        for (const SpecSymbol& s : spec_.symbols)
          if (s.symbolic) run_at[s.name] = trial.at(s.name);
        std::optional<ModelSpec> exact = options_.exact_spec_at(run_at);
        if (!exact || listing_disagreements(*exact) > 0) continue;
        out_.at_default_listing = std::make_unique<ModelSpec>(std::move(at_default));
        out_.splits.push_back(SplitDefault{sym, v, product_text(k.equations, name, trial)});
        out_.values = trial;
        return std::move(*exact);
      }
    }
    return at_default;
  }

  // "dim_head*heads = 64": the shortest equation that ties `name` to another
  // symbol and holds at `values`.
  static std::string product_text(const std::vector<Equation>& equations, const std::string& name,
                                  const std::map<std::string, int64_t>& values) {
    std::string simplest;
    for (const Equation& eq : equations)
      if (eq.expr.symbols().count(name) && eq.expr.symbols().size() > 1 && eq.expr.evaluate(values) == eq.value) {
        std::string text = eq.expr.to_string() + " = " + std::to_string(eq.value);
        if (simplest.empty() || text.size() < simplest.size()) simplest = text;
      }
    return simplest;
  }

  const SpecSymbol* symbol_named(const std::string& name) const { return find_symbol(spec_, name); }

  // Entries a concrete listing and the checkpoint do not share, and shared
  // entries whose shapes differ.
  size_t listing_disagreements(const ModelSpec& concrete) const {
    return disagreements(SpecTemplates(concrete), out_.values);
  }

  // How far the code at these argument values is from the checkpoint: entries
  // one side has and the other lacks, and entries whose shapes differ.
  size_t disagreements(const std::map<std::string, int64_t>& values) const { return disagreements(templates_, values); }
  size_t disagreements(const SpecTemplates& templates, const std::map<std::string, int64_t>& values) const {
    size_t count = 0, matched = 0;
    for (const ExpectedEntry& e : expand_entries(templates, values).entries) {
      if (!file_index_.count(e.name)) {
        count += !e.undecided;
        continue;
      }
      ++matched;
      count += !agrees_with_file(e);
    }
    return count + (tensors_.size() - std::min(matched, tensors_.size()));
  }

  bool agrees_with_file(const ExpectedEntry& e) const { return ckptcheck::agrees_with_file(e, tensors_, file_index_); }

  // The repeated groups' index values of a key that fits a pattern, solving
  // each slot for the one index it uses.
  std::optional<std::map<std::string, int64_t>> index_values(const EntryTemplate& t, const std::vector<int64_t>& slots,
                                                             const std::map<std::string, int64_t>& known) {
    std::map<std::string, int64_t> indices;
    std::vector<bool> done(slots.size(), false);
    for (bool progress = true; progress;) {
      progress = false;
      for (size_t k = 0; k < slots.size(); ++k) {
        if (done[k]) continue;
        std::vector<std::string> open;
        for (const std::string& s : t.name.slots()[k].symbols())
          if (!indices.count(s) && !known.count(s)) open.push_back(s);
        std::map<std::string, int64_t> bound = known;
        for (const auto& [name, v] : indices) bound[name] = v;
        if (open.empty()) {
          if (t.name.slots()[k].evaluate(bound) != slots[k]) return std::nullopt;
          done[k] = progress = true;
        } else if (open.size() == 1) {
          auto v = solve_for(t.name.slots()[k], open[0], slots[k], bound);
          if (!v) return std::nullopt;
          indices[open[0]] = *v;
          done[k] = progress = true;
        }
      }
    }
    for (const SpecRepeat& r : t.entry->repeat)
      if (!indices.count(r.index)) return std::nullopt;
    return indices;
  }

  const ModelSpec& spec_;
  const SpecTemplates& templates_;
  const std::vector<FileTensor>& tensors_;
  const std::unordered_map<std::string, size_t>& file_index_;
  const MatchOptions& options_;
  KeySolution key_solution_;
  ArgumentValues out_;
};

}  // namespace

ArgumentValues solve_arguments(const ModelSpec& spec, const SpecTemplates& templates,
                               const std::vector<FileTensor>& tensors,
                               const std::unordered_map<std::string, size_t>& file_index, const MatchOptions& options) {
  return ArgumentSolver(spec, templates, tensors, file_index, options).run();
}

const SpecSymbol* find_symbol(const ModelSpec& spec, const std::string& name) {
  for (const SpecSymbol& s : spec.symbols)
    if (s.name == name) return &s;
  return nullptr;
}

bool agrees_with_file(const ExpectedEntry& e, const std::vector<FileTensor>& tensors,
                      const std::unordered_map<std::string, size_t>& file_index) {
  auto it = file_index.find(e.name);
  return it != file_index.end() && same_shape(e.shape, tensors[it->second].tensor->shape);
}

bool same_shape(const std::vector<std::optional<int64_t>>& code, const std::vector<int64_t>& file) {
  if (code.size() != file.size()) return false;
  for (size_t d = 0; d < file.size(); ++d)
    if (code[d] && *code[d] != file[d]) return false;
  return true;
}

}  // namespace ckptcheck
