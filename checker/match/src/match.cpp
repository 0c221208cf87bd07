// match_checkpoint: one checkpoint against the ModelSpec, in the order the
// evidence needs. Keys are aligned first (state dict, prefixes), because
// symbols are solved from the shapes of entries found by name; the spec is
// then written out at the solved values, and only what is still unpaired is
// looked at for renames before it is called missing or unexpected.
#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "argument_values.h"
#include "ckptcheck/match/layer_types.h"
#include "ckptcheck/match/loaders.h"
#include "ckptcheck/match/match.h"
#include "ckptcheck/rules/display.h"
#include "expected_entries.h"
#include "finding_fold.h"
#include "key_rewrite.h"
#include "load_state_dict_model.h"
#include "renames.h"
#include "rules/CK301_missing_key.h"
#include "rules/CK302_unexpected_key.h"
#include "rules/CK303_key_prefix.h"
#include "rules/CK304_likely_rename.h"
#include "rules/CK305_tied_alias.h"
#include "rules/CK306_legacy_buffer.h"
#include "rules/CK307_kind_mismatch.h"
#include "rules/CK308_module_type_mismatch.h"
#include "rules/CK401_shape_mismatch.h"
#include "rules/CK402_dtype_mismatch.h"
#include "rules/CK403_transposed.h"
#include "rules/CK404_symbol_conflict.h"
#include "rules/CK501_analysis_incomplete.h"
#include "rules/CK601_loader_format.h"
#include "rules/contradicted_default.h"
#include "spec_templates.h"
#include "state_dict_choice.h"
#include "symbol_solver.h"
#include "torch_load_model.h"

namespace ckptcheck {
namespace {

class CheckpointMatcher {
 public:
  CheckpointMatcher(const ModelSpec& spec, const SpecTemplates& templates, const Inventory& inv,
                    const MatchOptions& options, Report& report)
      : spec_(spec), templates_(templates), inv_(inv), options_(options), report_(report) {}

  void run() {
    CheckedFile file;
    file.file = inv_.file;
    file.format = inv_.format;
    file.content = inv_.content;
    file.stand_in = inv_.stand_in;
    first_finding_ = report_.findings.size();
    for (const Diagnostic& d : inv_.diagnostics) report(Diagnostic(d).in(inv_.file));

    supported_ = loader_support(inv_);
    context_.checkpoint = inv_.file;
    context_.torch_load_reads = reads(kTorchLoadCpp);
    assume_loader();
    StateDictChoice choice = choose_state_dict(inv_, options_.key);
    file.state_dict_key = state_dict_key_ = choice.key;
    tensors_ = std::move(choice.tensors);
    apply_explicit_rewrites();
    detect_prefixes();
    for (size_t i = 0; i < tensors_.size(); ++i) file_index_.emplace(tensors_[i].name, i);
    symbols_ = solve_arguments(spec_, templates_, tensors_, file_index_, options_);
    if (symbols_.exact_spec) exact_templates_ = std::make_unique<SpecTemplates>(*symbols_.exact_spec);
    for (const SymbolConflict& c : symbols_.conflicts) report(ArgumentConflict{c, find_symbol(spec_, c.symbol)});
    file.symbols = symbols_.report;
    compare();
    choose_model_as_written();
    without_tensors_ = modules_without_tensors();
    submodules_torch_load_needs();
    torch_load_verdict();
    load_state_dict_verdicts(file);
    module_types();
    loaders(file);
    file.entries = tensors_.size();
    report_.checkpoints.push_back(std::move(file));
    if (report_.symbols.empty()) report_.symbols = symbols_.report;
  }

 private:
  // Every finding passes here; notes a rule left empty (a LibTorch note where
  // torch::load cannot read the file) are dropped.
  void report(Diagnostic f) {
    f.notes.erase(std::remove(f.notes.begin(), f.notes.end(), std::string()), f.notes.end());
    report_.findings.push_back(std::move(f));
  }
  template <typename Fact>
  void report(const Fact& fact) {
    report(to_finding(fact, context_));
  }

  // The model the loaders load into is the one the code builds as written:
  // where the checkpoint contradicts a default, the model at the default, not
  // at the value the checkpoint implies (the one ckptcheck compares with).
  void choose_model_as_written() {
    as_written_ = {&listing_spec(), &expansion_};
    if (symbols_.as_written) {
      as_written_templates_ = std::make_unique<SpecTemplates>(*symbols_.as_written);
      as_written_expansion_ = expand_entries(*as_written_templates_, symbols_.values);
      as_written_ = {symbols_.as_written.get(), &as_written_expansion_};
    } else if (!symbols_.splits.empty()) {
      as_written_ = {};  // the split's listing at the default is not known
    } else if (!symbols_.differing_defaults.empty()) {
      std::map<std::string, int64_t> values = symbols_.values;
      for (const auto& [symbol, solved] : symbols_.differing_defaults) values[symbol->name] = *symbol->default_number;
      as_written_expansion_ = expand_entries(templates_, values);
      as_written_ = {&spec_, &as_written_expansion_};
    }
  }

  // What Python's load_state_dict does with the state dict torch.load reads.
  void load_state_dict_verdicts(CheckedFile& file) {
    if (!reads(kTorchLoad) || (inv_.content != "state_dict" && inv_.content != "checkpoint") || tensors_.empty() ||
        !as_written_.spec)
      return;
    const StateDictEntry* state_dict = nullptr;
    for (const StateDictEntry& d : inv_.state_dicts)
      if (d.path == state_dict_key_) state_dict = &d;
    if (auto verdicts =
            predict_load_state_dict(*as_written_.spec, *as_written_.expansion, tensors_, state_dict_key_, state_dict))
      file.load_state_dict = std::move(*verdicts);
  }

  // Whether `loader` reads the file (the loader table).
  bool reads(const char* loader) const {
    return std::any_of(supported_.begin(), supported_.end(),
                       [&](const LoaderSupport& l) { return l.loader == loader && l.reads; });
  }

  // CK601: the loader the code calls (or --loader) against what can read the file.
  void loaders(CheckedFile& file) {
    file.loaders = supported_;
    for (LoaderSupport& l : file.loaders)
      if (l.loader == kTorchLoadCpp && torch_load_) l.with_model = torch_load_->verdict;
    std::vector<SpecLoader> calls;
    if (!options_.loader.empty()) calls.push_back(SpecLoader{options_.loader, std::nullopt});
    else calls = spec_.loaders;
    std::vector<std::string> without_tensors;
    for (const SpecModule* m : without_tensors_) without_tensors.push_back(m->name);
    std::set<std::string> seen;
    for (const SpecLoader& call : calls)
      if (seen.insert(call.function).second)
        if (auto f = loader_finding(inv_, call.function, call.location, without_tensors)) report(std::move(*f));
  }

  // The loader findings may assume: --loader, else the code's only loader call
  // (code that calls two loaders does not say which one reads this file).
  void assume_loader() {
    if (!options_.loader.empty()) {
      context_.loader = options_.loader;
      context_.loader_origin = "--loader";
      return;
    }
    std::set<std::string> called;
    for (const SpecLoader& call : spec_.loaders) called.insert(call.function);
    if (called.size() != 1) return;
    const SpecLoader& call = spec_.loaders.front();
    context_.loader = call.function;
    context_.loader_origin = "called";
    if (call.location)
      context_.loader_origin += " at " + std::filesystem::path(call.location->file).filename().string() + ":" +
                                std::to_string(call.location->line);
  }

  // CK301 for a submodule without tensors: torch::load (Module::load) asks the
  // archive for every child, so one the file lacks throws although no entry is
  // missing. Only C++ archives and TorchScript files record submodules, and
  // only this loader minds; the file's own names count, as the loader sees them.
  void submodules_torch_load_needs() {
    if (context_.loader != kTorchLoadCpp || !context_.torch_load_reads || inv_.modules.empty() ||
        !state_dict_key_.empty())
      return;
    std::set<std::string> in_file;
    for (const ModuleEntry& m : inv_.modules) in_file.insert(m.path);
    std::set<std::string> reported;
    for (const SpecModule* m : without_tensors_) {
      if (in_file.contains(m->name)) continue;
      // The loader throws at the outermost missing one.
      std::vector<std::string> enclosing = enclosing_modules(m->name);
      if (std::any_of(enclosing.begin(), enclosing.end(), [&](const auto& p) { return reported.contains(p); }))
        continue;
      reported.insert(m->name);
      report(MissingSubmodule{*m});
    }
  }

  // The code's submodules that hold no tensors but that torch::load asks the
  // archive for (a GELU member, an Identity in a Sequential), in named_modules()
  // order. Repeated and conditional ones are left out: how many exist is not
  // known here; so is all of a Functional, which torch::load never asks for.
  std::vector<const SpecModule*> modules_without_tensors() const {
    std::set<std::string> owners;
    for (const EntryTemplate& t : templates_.entries())
      for (std::string& path : enclosing_modules(t.name.text())) owners.insert(std::move(path));
    for (const ExpectedEntry& e : expansion_.entries)
      for (std::string& path : enclosing_modules(e.name)) owners.insert(std::move(path));
    std::set<std::string> not_asked_for;
    std::vector<const SpecModule*> out;
    for (const SpecModule& m : listing_spec().modules) {
      if (m.name.empty() || !m.repeat.empty() || m.conditional) continue;
      std::vector<std::string> enclosing = enclosing_modules(m.name);
      bool inside_functional =
          std::any_of(enclosing.begin(), enclosing.end(), [&](const auto& p) { return not_asked_for.contains(p); });
      if (inside_functional || !torch_load_needs(m.type)) {
        not_asked_for.insert(m.name);
        continue;
      }
      if (!owners.contains(m.name)) out.push_back(&m);
    }
    return out;
  }

  // What torch::load does with this file and the model, when it reads the file
  // into the model's root. When it is the loader assumed and it throws at
  // something no CK301 names (ckptcheck paired it through a rename or
  // prefix), that is a finding of its own: the loader's verdict does not
  // change with ckptcheck's pairing.
  void torch_load_verdict() {
    if (!context_.torch_load_reads || !state_dict_key_.empty() || inv_.format.empty() || !as_written_.spec) return;
    torch_load_ = predict_torch_load(*as_written_.spec, *as_written_.expansion, inv_);
    const TorchLoadVerdict& v = torch_load_->verdict;
    if (context_.loader != kTorchLoadCpp || !v.throws) return;
    for (size_t i = first_finding_; i < report_.findings.size(); ++i) {
      Diagnostic& f = report_.findings[i];
      // Named by the finding's key, or by one of its keys (a contradicted default's).
      auto under_it = [&](const std::string& key) { return key == v.at || key.starts_with(v.at + "."); };
      bool names_it = under_it(f.key) || std::any_of(f.keys.begin(), f.keys.end(), under_it);
      if (f.rule != RuleId::MissingKey || !names_it || f.severity != Severity::Error) continue;
      if (v.error.empty()) return;
      std::string quoted = "\"" + v.error + "\"";
      bool says_it = f.message.find(quoted) != std::string::npos;
      for (const std::string& n : f.notes) says_it |= n.find(quoted) != std::string::npos;
      if (says_it) {
        f.notes.push_back("it is the first thing torch::load reads that the file lacks: the load throws here");
        return;
      }
      std::string exact = "torch::load throws " + quoted + " here: the first thing it reads that the file lacks";
      auto general = std::find_if(f.notes.begin(), f.notes.end(), [](const std::string& n) {
        return n == kTorchLoadFirstMissingNote || n == kTorchLoadFirstOfThemNote;
      });
      if (general != f.notes.end())
        *general = std::move(exact);
      else
        f.notes.push_back(std::move(exact));
      return;
    }
    report(UnmappedForTorchLoad{*torch_load_, pairings_, rewrite_pairs()});
  }

  std::vector<std::pair<std::string, std::string>> rewrite_pairs() const {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const KeyRewrite& r : rewrites_) pairs.emplace_back(r.from, r.to);
    pairs.insert(pairs.end(), renamed_.begin(), renamed_.end());
    return pairs;
  }

  // CK308: whole-model and TorchScript files record each module's class; the
  // code's layer at that path must be the same kind of layer.
  void module_types() {
    if (inv_.modules.empty()) return;
    std::unordered_map<std::string, const SpecEntry*> layer_at;  // module path -> an entry it creates
    for (const EntryTemplate& t : templates_.entries())
      if (!t.name.has_slots() && !t.entry->layer.empty()) layer_at.emplace(module_of(t.name.text()), t.entry);
    for (const ModuleEntry& m : inv_.modules) {
      std::string path = m.path + ".";
      if (!state_dict_key_.empty()) {
        if (path.compare(0, state_dict_key_.size() + 1, state_dict_key_ + ".") != 0) continue;
        path = path.substr(state_dict_key_.size() + 1);
      }
      if (path == ".") continue;  // the root: its class is the model's, named differently in Python
      for (const KeyRewrite& r : rewrites_) apply_rewrite(r, path);
      path.pop_back();
      auto it = layer_at.find(path);
      if (it == layer_at.end() || same_layer(m.type, it->second->layer)) continue;
      report(ModuleTypeMismatch{path, m.type, *it->second});
    }
  }

  // --strip-prefix, --add-prefix and the configuration's renames.
  void apply_explicit_rewrites() {
    std::vector<KeyRewrite> rules;
    if (options_.strip_prefix) {
      rules.push_back(KeyRewrite{*options_.strip_prefix, "", 0});
      pairings_.push_back("the prefix " + in_quotes(*options_.strip_prefix) + " it was told to strip");
    }
    if (options_.add_prefix) {
      rules.push_back(KeyRewrite{"", *options_.add_prefix, 0});
      pairings_.push_back("the prefix " + in_quotes(*options_.add_prefix) + " it was told to add");
    }
    for (const auto& [from, to] : options_.renames) {
      rules.push_back(KeyRewrite{from, to, 0});
      pairings_.push_back("the configuration's rename " + in_quotes(from) + " -> " + in_quotes(to));
    }
    for (FileTensor& t : tensors_)
      for (const KeyRewrite& r : rules) apply_rewrite(r, t.name);
    rewrites_.insert(rewrites_.end(), rules.begin(), rules.end());
  }

  // CK303: a prefix (or an inserted segment) that explains many keys at once.
  void detect_prefixes() {
    std::vector<std::string> keys, code_names;
    for (const FileTensor& t : tensors_) keys.push_back(t.name);
    for (const EntryTemplate& e : templates_.entries())
      if (!e.name.has_slots()) code_names.push_back(e.name.text());
    auto fits = [this](std::string_view k) { return templates_.fits(k); };
    for (const KeyRewrite& r : detect_key_rewrites(std::move(keys), fits, code_names)) {
      rewrites_.push_back(r);
      size_t applied = 0;
      std::vector<std::string> keys;
      for (FileTensor& t : tensors_) {
        std::string before = t.name;
        if (!apply_rewrite(r, t.name)) continue;
        ++applied;
        keys.push_back(before);
        keys.push_back(t.name);
      }
      pairings_.push_back("the key prefix it found (CK303)");
      report(KeyPrefix{r, applied, std::move(keys)});
    }
  }

  // A default argument the checkpoint contradicts: what changes at the default.
  void default_differs(const SpecSymbol& s, int64_t solved, std::string split_product, const Expansion& at_solved,
                       const Expansion& at_default) {
    ContradictedDefault fact{s, solved, std::move(split_product), {}, {}, {}};
    std::unordered_map<std::string, bool> expected_at_default;  // name -> it agrees with the file
    for (const ExpectedEntry& e : at_default.entries) expected_at_default.emplace(e.name, agrees_with_file(e));
    std::unordered_map<std::string, bool> expected_solved;
    for (const ExpectedEntry& e : at_solved.entries) expected_solved.emplace(e.name, agrees_with_file(e));
    for (const auto& [name, agrees] : expected_at_default) {
      auto solved_it = expected_solved.find(name);
      bool in_file = file_index_.count(name) > 0;
      if (!in_file && solved_it == expected_solved.end())
        fact.absent.push_back(name);
      else if (in_file && !agrees && solved_it != expected_solved.end() && solved_it->second)
        fact.reshaped.push_back(name);
    }
    for (const FileTensor& t : tensors_)
      if (!expected_at_default.count(t.name) && expected_solved.count(t.name)) fact.extra.push_back(t.name);
    for (Diagnostic& f : to_findings(std::move(fact), context_)) report(std::move(f));
  }

  // The checkpoint has the entry, at the shape the code makes.
  bool agrees_with_file(const ExpectedEntry& e) const { return ckptcheck::agrees_with_file(e, tensors_, file_index_); }

  // What the comparison expands: the exact listing when there is one.
  const SpecTemplates& listing() const { return exact_templates_ ? *exact_templates_ : templates_; }
  const ModelSpec& listing_spec() const { return symbols_.exact_spec ? *symbols_.exact_spec : spec_; }

  void compare() {
    expansion_ = expand_entries(listing(), symbols_.values);
    const Expansion& expansion = expansion_;
    if (expansion.truncated) report(ExpansionTruncated{kMaxExpectedEntries});
    for (const auto& [symbol, solved] : symbols_.differing_defaults) {
      std::map<std::string, int64_t> at_default = symbols_.values;
      at_default[symbol->name] = *symbol->default_number;
      default_differs(*symbol, solved, "", expansion, expand_entries(templates_, at_default));
    }
    // A default that split a product: compared with the listing the analyzer gave at the default.
    for (const SplitDefault& split : symbols_.splits)
      default_differs(*split.symbol, split.value, split.product, expansion,
                      expand_entries(SpecTemplates(*symbols_.at_default_listing), symbols_.values));
    std::vector<bool> file_used(tensors_.size(), false);
    std::vector<const ExpectedEntry*> missing;
    for (const ExpectedEntry& e : expansion.entries) {
      auto it = file_index_.find(e.name);
      if (it == file_index_.end() || file_used[it->second]) {
        if (!e.undecided) missing.push_back(&e);
        continue;
      }
      file_used[it->second] = true;
      compare_pair(e, tensors_[it->second]);
    }
    for (const EntryTemplate* t : expansion.unexpanded) report(MissingRepeatedKey{*t->entry});
    std::vector<const FileTensor*> unexpected;
    for (size_t i = 0; i < tensors_.size(); ++i)
      if (!file_used[i]) unexpected.push_back(&tensors_[i]);

    pair_renames(missing, unexpected);
    std::unordered_map<std::string, const FileTensor*> storage_of_present;
    for (size_t i = 0; i < tensors_.size(); ++i)
      if (file_used[i] && tensors_[i].tensor->storage) storage_of_present.emplace(storage_key(tensors_[i]), &tensors_[i]);
    for (const ExpectedEntry* e : missing)
      if (e) missing_entry(*e);
    for (const FileTensor* t : unexpected)
      if (t) unexpected_entry(*t, storage_of_present, expansion);
  }

  static std::string storage_key(const FileTensor& t) {
    const StorageRef& s = *t.tensor->storage;
    return s.key + "@" + std::to_string(s.offset) + ":" + shape_text(t.tensor->shape);
  }

  // CK304: renamed entries, reported per rule; the pairs are then compared as matched.
  void pair_renames(std::vector<const ExpectedEntry*>& missing, std::vector<const FileTensor*>& unexpected) {
    if (missing.empty() || unexpected.empty()) return;
    std::vector<RenameSide> code, file;
    for (const ExpectedEntry* e : missing) {
      RenameSide side{e->name, {}, e->from->entry->dtype};
      for (const auto& d : e->shape) side.shape.push_back(d.value_or(-1));
      code.push_back(std::move(side));
    }
    for (const FileTensor* t : unexpected) file.push_back(RenameSide{t->name, t->tensor->shape, t->tensor->dtype});
    for (const RenameRule& rule : find_renames(code, file)) {
      const ExpectedEntry& first = *missing[rule.pairs.front().missing];
      LikelyRename fact{rule, first.from->entry->location, {}, {}};
      if (rule.pairs.size() == 1) fact.shape = file[rule.pairs.front().unexpected].shape;
      for (const RenamePair& p : rule.pairs) {
        fact.keys.push_back(unexpected[p.unexpected]->name);
        fact.keys.push_back(missing[p.missing]->name);
      }
      pairings_.push_back("the rename it found, " + in_quotes(rule.from) + " -> " + in_quotes(rule.to) + " (CK304)");
      renamed_.emplace_back(rule.from, rule.to);
      report(std::move(fact));
      for (const RenamePair& p : rule.pairs) {
        compare_pair(*missing[p.missing], *unexpected[p.unexpected]);
        missing[p.missing] = nullptr;
        unexpected[p.unexpected] = nullptr;
      }
    }
  }

  void compare_pair(const ExpectedEntry& e, const FileTensor& t) {
    if (!same_shape(e.shape, t.tensor->shape)) {
      if (is_transposed(e, t))
        report(Transposed{e, t});
      else
        report(ShapeMismatch{e, t});
    }
    if (t.tensor->dtype != e.from->entry->dtype) report(DtypeMismatch{e, t});
    if (kinds_differ(e, t)) report(KindMismatch{e, t});
  }

  // The nearest thing in the code to a key it lacks: the registration of an
  // entry in the same module, or in the closest enclosing one, so the finding
  // points at source.
  std::optional<Location> nearest_location(const std::string& key, const Expansion& expansion) {
    if (!module_locations_built_)
      for (const ExpectedEntry& e : expansion.entries)
        if (e.from->entry->location)
          for (std::string m = module_of(e.name);; m = module_of(m)) {
            if (!module_locations_.emplace(m, *e.from->entry->location).second || m.empty()) break;
          }
    module_locations_built_ = true;
    for (std::string m = module_of(key);; m = module_of(m)) {
      if (auto it = module_locations_.find(m); it != module_locations_.end()) return it->second;
      if (m.empty()) return std::nullopt;
    }
  }

  void missing_entry(const ExpectedEntry& e) {
    const SpecEntry& s = *e.from->entry;
    if (!s.alias_of.empty() && file_index_.count(s.alias_of))
      report(TiedAliasMissing{e});
    else if (is_legacy_buffer(e))
      report(LegacyBuffer{e});
    else
      report(MissingKey{e});
  }

  void unexpected_entry(const FileTensor& t, const std::unordered_map<std::string, const FileTensor*>& present,
                        const Expansion& expansion) {
    if (t.tensor->storage)
      if (auto it = present.find(storage_key(t)); it != present.end()) {
        report(TiedAliasExtra{t, *it->second, nearest_location(t.name, expansion)});
        return;
      }
    report(UnexpectedKey{t, nearest_location(t.name, expansion)});
  }

  const ModelSpec& spec_;
  const SpecTemplates& templates_;
  std::unique_ptr<SpecTemplates> exact_templates_;  // of symbols_.exact_spec
  struct ModelAsWritten {
    const ModelSpec* spec = nullptr;  // null when not known
    const Expansion* expansion = nullptr;
  };
  ModelAsWritten as_written_;
  std::unique_ptr<SpecTemplates> as_written_templates_;  // of symbols_.as_written
  Expansion as_written_expansion_;
  const Inventory& inv_;
  const MatchOptions& options_;
  Report& report_;
  std::vector<FileTensor> tensors_;
  std::unordered_map<std::string, size_t> file_index_;  // key (after rewrites) -> its tensor
  std::string state_dict_key_;
  std::vector<LoaderSupport> supported_;  // which loaders read this file
  FindingContext context_;
  size_t first_finding_ = 0;  // this checkpoint's first finding in report_
  Expansion expansion_;       // the spec written out at the solved values
  std::vector<const SpecModule*> without_tensors_;  // modules_without_tensors(), once compared
  std::optional<TorchLoadPrediction> torch_load_;
  std::vector<std::string> pairings_;  // how ckptcheck paired keys the file names otherwise, for the reader
  std::vector<std::pair<std::string, std::string>> renamed_;  // CK304's renames: (file's, code's)
  std::vector<KeyRewrite> rewrites_;  // applied to the checkpoint's keys, in order
  ArgumentValues symbols_;
  std::unordered_map<std::string, Location> module_locations_;
  bool module_locations_built_ = false;  // built once, even when no entry has a location
};

}  // namespace

void match_checkpoint(const ModelSpec& spec, const Inventory& inventory, const MatchOptions& options, Report& report) {
  SpecTemplates templates(spec);
  size_t first = report.findings.size();
  CheckpointMatcher(spec, templates, inventory, options, report).run();
  fold_repeated_findings(report.findings, first);
}

}  // namespace ckptcheck
