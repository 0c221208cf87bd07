// match_checkpoint: one checkpoint against the ModelSpec, in the order the
// evidence needs. Keys are aligned first (state dict, prefixes), because
// symbols are solved from the shapes of entries found by name; the spec is
// then written out at the solved values, and only what is still unpaired is
// looked at for renames before it is called missing or unexpected.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "argument_values.h"
#include "ckptcheck/match/layer_types.h"
#include "ckptcheck/match/loaders.h"
#include "ckptcheck/match/match.h"
#include "ckptcheck/rules/display.h"
#include "ckptcheck/rules/dtype.h"
#include "expected_entries.h"
#include "finding_fold.h"
#include "key_rewrite.h"
#include "renames.h"
#include "spec_templates.h"
#include "state_dict_choice.h"
#include "symbol_solver.h"

namespace ckptcheck {
namespace {

nlohmann::json shape_json(const std::vector<int64_t>& shape) { return nlohmann::json(shape); }

nlohmann::json shape_json(const std::vector<std::optional<int64_t>>& shape, const std::vector<DimExpr>& exprs) {
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i]) out.push_back(*shape[i]);
    else out.push_back(exprs[i].to_string());
  }
  return out;
}

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

bool is_float(const std::string& dtype) {
  return dtype.rfind("float", 0) == 0 || dtype == "bfloat16" || dtype == "half" || dtype == "double";
}

// Wrappers that add a key prefix, and what they are, for the message.
std::string wrapper_hint(const std::string& segments) {
  static const std::map<std::string, std::string> kWrappers = {
      {"module", "DataParallel or DistributedDataParallel"},
      {"_orig_mod", "torch.compile"},
      {"model", "a wrapper holding it as an attribute, such as a Lightning module"},
  };
  std::string found;
  size_t start = 0;
  for (size_t dot = segments.find('.'); dot != std::string::npos; start = dot + 1, dot = segments.find('.', start))
    if (auto it = kWrappers.find(segments.substr(start, dot - start)); it != kWrappers.end())
      found += (found.empty() ? "" : ", inside ") + it->second;
  return found.empty() ? "" : " (the model was saved wrapped: " + found + ")";
}


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
    for (const Diagnostic& d : inv_.diagnostics) add(d.rule, d.severity, "", d.message, std::nullopt);

    supported_ = loader_support(inv_);
    for (const LoaderSupport& l : supported_)
      if (l.loader == "torch::load") torch_load_reads_ = l.reads;
    StateDictChoice choice = choose_state_dict(inv_, options_.key);
    file.state_dict_key = state_dict_key_ = choice.key;
    tensors_ = std::move(choice.tensors);
    apply_explicit_rewrites();
    detect_prefixes();
    for (size_t i = 0; i < tensors_.size(); ++i) file_index_.emplace(tensors_[i].name, i);
    symbols_ = solve_arguments(spec_, templates_, tensors_, file_index_, options_);
    if (symbols_.exact_spec) exact_templates_ = std::make_unique<SpecTemplates>(*symbols_.exact_spec);
    for (const SymbolConflict& c : symbols_.conflicts) conflict(c);
    file.symbols = symbols_.report;
    compare();
    module_types();
    loaders(file);
    file.entries = tensors_.size();
    report_.checkpoints.push_back(std::move(file));
    if (report_.symbols.empty()) report_.symbols = symbols_.report;
  }

 private:
  void add(RuleId rule, Severity severity, std::string key, std::string message, std::optional<Location> where,
           std::vector<std::string> notes = {}, std::string fix = "", nlohmann::json expected = nullptr,
           nlohmann::json actual = nullptr) {
    notes.erase(std::remove(notes.begin(), notes.end(), std::string()), notes.end());
    Finding f;
    f.rule = rule;
    f.severity = severity;
    f.checkpoint = inv_.file;
    f.key = std::move(key);
    f.message = std::move(message);
    f.location = std::move(where);
    f.notes = std::move(notes);
    f.fix = std::move(fix);
    f.expected = std::move(expected);
    f.actual = std::move(actual);
    report_.findings.push_back(std::move(f));
  }
  void add(RuleId rule, std::string key, std::string message, std::optional<Location> where,
           std::vector<std::string> notes = {}, std::string fix = "", nlohmann::json expected = nullptr,
           nlohmann::json actual = nullptr) {
    add(rule, rule_info(rule).default_severity, std::move(key), std::move(message), std::move(where), std::move(notes),
        std::move(fix), std::move(expected), std::move(actual));
  }

  // CK601: the loader the code calls (or --loader) against what can read the file.
  void loaders(CheckedFile& file) {
    file.loaders = supported_;
    std::vector<SpecLoader> calls;
    if (!options_.loader.empty()) calls.push_back(SpecLoader{options_.loader, std::nullopt});
    else calls = spec_.loaders;
    std::set<std::string> seen;
    for (const SpecLoader& call : calls)
      if (seen.insert(call.function).second)
        if (auto f = loader_finding(inv_, call.function, call.location)) report_.findings.push_back(std::move(*f));
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
      const SpecEntry& code = *it->second;
      auto libtorch = libtorch_layer_for(m.type);
      add(RuleId::ModuleTypeMismatch, path,
          "the checkpoint records " + in_quotes(m.type) + " at " + in_quotes(path) + ", the code has " + code.layer,
          code.location,
          {libtorch ? "its LibTorch counterpart is " + *libtorch : "it is not a layer LibTorch has",
           "loaders match entries by name only: equal names and shapes load into a layer that computes "
           "something else"},
          "make " + in_quotes(path) + " a " + libtorch.value_or(m.type) + " again, or retrain",
          nlohmann::json(code.layer), nlohmann::json(m.type));
    }
  }

  // What LibTorch's torch::load would do, said only where it can read the file
  // at all (else CK601 says what it does instead); "" is left out of the notes.
  std::string libtorch_note(std::string note) const { return torch_load_reads_ ? note : ""; }

  // --strip-prefix, --add-prefix and the configuration's renames.
  void apply_explicit_rewrites() {
    std::vector<KeyRewrite> rules;
    if (options_.strip_prefix) rules.push_back(KeyRewrite{*options_.strip_prefix, "", 0});
    if (options_.add_prefix) rules.push_back(KeyRewrite{"", *options_.add_prefix, 0});
    for (const auto& [from, to] : options_.renames) rules.push_back(KeyRewrite{from, to, 0});
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
      std::string message, fix;
      if (r.to.empty()) {
        message = std::to_string(applied) + " checkpoint keys start with " + in_quotes(r.from) +
                  ", which the code's names do not have" + wrapper_hint(r.from);
        fix = "strip it: --strip-prefix " + r.from + " (or \"strip_prefix\" in .ckptcheck.json), or save the "
              "unwrapped model's state dict";
      } else if (r.from.empty()) {
        message = "the code's names start with " + in_quotes(r.to) + ", which the checkpoint's " + std::to_string(applied) +
                  " keys do not have";
        fix = "add it: --add-prefix " + r.to + " (or \"add_prefix\" in .ckptcheck.json)";
      } else {
        message = std::to_string(applied) + " checkpoint keys start with " + in_quotes(r.from) + " where the code has " +
                  in_quotes(r.to) + wrapper_hint(r.from.substr(r.to.size()));
        fix = "rename it in .ckptcheck.json: \"renames\": {\"" + r.from + "\": \"" + r.to + "\"}";
      }
      add(RuleId::KeyPrefix, r.from.empty() ? r.to : r.from, message, std::nullopt,
          {"until the keys are rewritten, every one of them is missing for the loader"}, fix,
          nlohmann::json(r.to), nlohmann::json(r.from));
      report_.findings.back().keys = std::move(keys);
      report_.findings.back().renames = {{r.from, r.to}};
    }
  }

  // "the checkpoint implies hidden=768; the code's default is 512": one
  // finding per kind of difference the default makes (shapes, extra or
  // missing layers), at the default argument, not one per entry.
  void default_differs(const SpecSymbol& s, int64_t solved, const Expansion& at_solved) {
    std::map<std::string, int64_t> at_default = symbols_.values;
    at_default[s.name] = *s.default_number;
    std::string message = "the checkpoint implies " + s.name + "=" + std::to_string(solved) +
                          "; the code's default is " + s.default_value.value_or(std::to_string(*s.default_number));
    std::string fix = "construct the model with " + s.name + "=" + std::to_string(solved) +
                      " or change the default; "
                      "if the deployment already passes it, check with --arg " +
                      s.name + "=" + std::to_string(solved);
    default_differs(s, solved, at_solved, expand_entries(templates_, at_default), message, fix);
  }

  // A default that split a product: the checkpoint fixes the product only, so
  // the message says which split was kept and that others may fit as well.
  void split_differs(const SplitDefault& split, const Expansion& at_solved) {
    const SpecSymbol& s = *split.symbol;
    std::string message = "the checkpoint does not fit the code's default " + s.name + "=" +
                          s.default_value.value_or(std::to_string(*s.default_number)) + ": its shapes fix only " +
                          split.product + ", and at the default the constructor builds other entries; " + s.name + "=" +
                          std::to_string(split.value) + " builds exactly the checkpoint's (other splits may too)";
    std::string fix = "pass the " + s.name + " the model was trained with (the checkpoint cannot tell which split of " +
                      split.product +
                      " it was), or change the default; if the deployment already passes it, check "
                      "with --arg " +
                      s.name + "=N";
    default_differs(s, split.value, at_solved,
                    expand_entries(SpecTemplates(*symbols_.at_default_listing), symbols_.values), message, fix);
  }

  void default_differs(const SpecSymbol& s, int64_t solved, const Expansion& at_solved, const Expansion& at_default,
                       const std::string& message, const std::string& fix) {
    std::vector<std::string> reshaped, extra, absent;
    std::unordered_map<std::string, bool> expected_at_default;  // name -> it agrees with the file
    for (const ExpectedEntry& e : at_default.entries) expected_at_default.emplace(e.name, agrees_with_file(e));
    std::unordered_map<std::string, bool> expected_solved;
    for (const ExpectedEntry& e : at_solved.entries) expected_solved.emplace(e.name, agrees_with_file(e));
    for (const auto& [name, agrees] : expected_at_default) {
      auto solved_it = expected_solved.find(name);
      bool in_file = file_index_.count(name) > 0;
      if (!in_file && solved_it == expected_solved.end()) absent.push_back(name);
      else if (in_file && !agrees && solved_it != expected_solved.end() && solved_it->second) reshaped.push_back(name);
    }
    for (const FileTensor& t : tensors_)
      if (!expected_at_default.count(t.name) && expected_solved.count(t.name)) extra.push_back(t.name);
    auto emit = [&](RuleId rule, std::vector<std::string> keys, const std::string& what, const std::string& runtime) {
      if (keys.empty()) return;
      std::sort(keys.begin(), keys.end());
      std::string listed = first_items(keys, 5);
      add(rule, s.name, message, s.location, {"at the default, " + what + ": " + listed, runtime}, fix,
          nlohmann::json(*s.default_number), nlohmann::json(solved));
      report_.findings.back().keys = std::move(keys);
    };
    emit(RuleId::ShapeMismatch, reshaped, "these entries have other shapes",
         libtorch_note("LibTorch's torch::load would not complain: it replaces each one by the checkpoint's tensor "
                       "whatever its shape, and the model fails later, far from here"));
    emit(RuleId::UnexpectedKey, extra, "the code creates none of these checkpoint entries",
         libtorch_note("LibTorch's torch::load ignores them without a word: the extra layers' weights are dropped"));
    emit(RuleId::MissingKey, absent, "the checkpoint lacks these entries",
         libtorch_note("LibTorch's torch::load throws at the first of them"));
  }

  // The checkpoint has the entry, at the shape the code makes.
  bool agrees_with_file(const ExpectedEntry& e) const { return ckptcheck::agrees_with_file(e, tensors_, file_index_); }

  // What the comparison expands: the exact listing when there is one.
  const SpecTemplates& listing() const { return exact_templates_ ? *exact_templates_ : templates_; }

  void conflict(const SymbolConflict& c) {
    std::string message = "the checkpoint's shapes give " + c.symbol + " different values:";
    std::vector<std::string> notes;
    for (const auto& [value, keys] : c.values) {
      std::string listed = first_items(keys, 3);
      message += (&value == &c.values.front().first ? " " : ", ") + std::to_string(value);
      notes.push_back(c.symbol + "=" + std::to_string(value) + " from " + listed);
    }
    notes.push_back("the checks below use " + c.symbol + "=" + std::to_string(c.values.front().first) +
                    ", which most entries imply");
    const SpecSymbol* s = nullptr;
    for (const SpecSymbol& sym : spec_.symbols)
      if (sym.name == c.symbol) s = &sym;
    nlohmann::json values = nlohmann::json::array();
    for (const auto& v : c.values) values.push_back(v.first);
    std::vector<std::string> keys;
    for (const auto& [value, listed] : c.values) keys.insert(keys.end(), listed.begin(), listed.end());
    add(RuleId::SymbolConflict, c.symbol, message, s ? s->location : std::nullopt, notes,
        "the checkpoint was not made by this model with any one value of " + c.symbol +
            "; find the layer that changed (the entries listed with the other value)",
        nullptr, values);
    report_.findings.back().keys = std::move(keys);
  }

  void compare() {
    Expansion expansion = expand_entries(listing(), symbols_.values);
    if (expansion.truncated)
      add(RuleId::AnalysisIncomplete, "", "the model expands to more than " + std::to_string(kMaxExpectedEntries) +
                                              " entries; the rest were not checked", std::nullopt);
    for (const auto& [symbol, solved] : symbols_.differing_defaults) default_differs(*symbol, solved, expansion);
    for (const SplitDefault& split : symbols_.splits) split_differs(split, expansion);
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
    for (const EntryTemplate* t : expansion.unexpanded) unexpanded(*t);
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
      std::string what = rule.pairs.size() == 1
                             ? "the checkpoint's " + in_quotes(rule.from) + " looks like the code's " + in_quotes(rule.to) +
                                   " renamed (same shape " + shape_text(file[rule.pairs.front().unexpected].shape) +
                                   " and dtype)"
                             : "the checkpoint's " + in_quotes(rule.from + "*") + " looks like the code's " +
                                   in_quotes(rule.to + "*") + " renamed: " + std::to_string(rule.pairs.size()) +
                                   " entries with the same names after it, shapes and dtypes";
      add(RuleId::LikelyRename, rule.pairs.size() == 1 ? rule.to : rule.to + "*", what, first.from->entry->location,
          {"without the rename the loader sees " + std::to_string(rule.pairs.size()) + " missing and " +
           std::to_string(rule.pairs.size()) + " unexpected entries"},
          "rename in .ckptcheck.json: \"renames\": {\"" + rule.from + "\": \"" + rule.to + "\"}, or rename the "
          "registration back",
          nlohmann::json(rule.to), nlohmann::json(rule.from));
      Finding& finding = report_.findings.back();
      finding.renames = {{rule.from, rule.to}};
      for (const RenamePair& p : rule.pairs) {
        finding.keys.push_back(unexpected[p.unexpected]->name);
        finding.keys.push_back(missing[p.missing]->name);
      }
      for (const RenamePair& p : rule.pairs) {
        compare_pair(*missing[p.missing], *unexpected[p.unexpected]);
        missing[p.missing] = nullptr;
        unexpected[p.unexpected] = nullptr;
      }
    }
  }

  void compare_pair(const ExpectedEntry& e, const FileTensor& t) {
    const SpecEntry& s = *e.from->entry;
    const std::vector<int64_t>& actual = t.tensor->shape;
    if (!same_shape(e.shape, actual)) shape_differs(e, t);
    if (t.tensor->dtype != s.dtype) dtype_differs(e, t);
    bool file_param = t.tensor->kind == TensorKind::Parameter, file_buffer = t.tensor->kind == TensorKind::Buffer;
    if ((s.kind == EntryKind::Parameter && file_buffer) || (s.kind == EntryKind::Buffer && file_param))
      add(RuleId::KindMismatch, e.name,
          in_quotes(e.name) + " is a " + entry_kind_name(s.kind) + " in the code but a " +
              tensor_kind_name(t.tensor->kind) + " in the checkpoint",
          s.location, {}, "register it as the file has it (register_parameter or register_buffer)",
          entry_kind_name(s.kind), tensor_kind_name(t.tensor->kind));
  }

  void shape_differs(const ExpectedEntry& e, const FileTensor& t) {
    const SpecEntry& s = *e.from->entry;
    const std::vector<int64_t>& actual = t.tensor->shape;
    std::string code = shape_text(e.shape, s.shape), file = shape_text(actual);
    bool transposed = actual.size() == 2 && e.shape.size() == 2 && e.shape[0] == actual[1] && e.shape[1] == actual[0];
    std::vector<std::string> notes;
    // Which dimension differs, and the expression (constructor argument) behind it.
    for (size_t d = 0; !transposed && d < std::min(actual.size(), e.shape.size()); ++d) {
      if (e.shape[d] && *e.shape[d] == actual[d]) continue;
      std::string expr = s.shape[d].to_string();
      bool symbolic = !s.shape[d].constant();
      notes.push_back("dimension " + std::to_string(d) + " is " + (symbolic ? expr + " = " : "") +
                      (e.shape[d] ? std::to_string(*e.shape[d]) : expr) + " in the code and " +
                      std::to_string(actual[d]) + " in the checkpoint");
    }
    if (!s.source.empty()) notes.push_back("the shape comes from " + s.source);
    notes.push_back(libtorch_note("LibTorch's torch::load would not complain: it replaces the " + std::string(entry_kind_name(s.kind)) +
                    " by the checkpoint's " + file + " tensor, and the model fails later, far from here"));
    if (transposed) {
      add(RuleId::Transposed, e.name, in_quotes(e.name) + " is transposed: the code makes " + code + ", the checkpoint has " + file,
          s.location, notes, "transpose it when converting (tensor.t()), or swap the layer's dimensions",
          shape_json(e.shape, s.shape), shape_json(actual));
      return;
    }
    add(RuleId::ShapeMismatch, e.name,
        "shape of " + in_quotes(e.name) + " differs: the code makes " + code + ", the checkpoint has " + file, s.location,
        notes, "make the code create " + file + " here, or convert the checkpoint", shape_json(e.shape, s.shape),
        shape_json(actual));
  }

  // Narrowing (a float64 file into float32 code) and int<->float lose values:
  // errors. Widening keeps them: a warning, since memory and speed change.
  void dtype_differs(const ExpectedEntry& e, const FileTensor& t) {
    const SpecEntry& s = *e.from->entry;
    const std::string &code = s.dtype, &file = t.tensor->dtype;
    auto code_bits = dtype_bits(code), file_bits = dtype_bits(file);
    bool kind_changes = is_float(code) != is_float(file);
    bool narrowing = kind_changes || !code_bits || !file_bits || *code_bits < *file_bits ||
                     (code == "float16" && file == "bfloat16") || (code == "bfloat16" && file == "float16");
    add(RuleId::DtypeMismatch, narrowing ? Severity::Error : Severity::Warning, e.name,
        "dtype of " + in_quotes(e.name) + " differs: the code makes " + code + ", the checkpoint has " + file +
            (narrowing ? (kind_changes ? " (integer and floating point)" : " (narrowing: values are lost)")
                       : " (widening)"),
        s.location,
        {"Python's load_state_dict casts silently to the code's dtype",
         libtorch_note("LibTorch's torch::load replaces the tensor, so the model then computes in " + file)},
        "convert the checkpoint (tensor.to(torch." + code + ")) or make the code create " + file, code, file);
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
    if (!s.alias_of.empty() && file_index_.count(s.alias_of)) {
      add(RuleId::TiedAlias, e.name,
          in_quotes(e.name) + " is missing from the checkpoint, but the code ties it to " + in_quotes(s.alias_of) +
              ", which the checkpoint has: the weights are all there",
          s.location,
          {"savers that drop duplicate storages write tied weights once",
           libtorch_note("LibTorch's torch::load still throws \"No such serialized tensor '" + e.name + "'\"")},
          "nothing to do for loaders that re-tie the weights; for torch::load, save both names");
      return;
    }
    if (leaf_of(e.name) == "num_batches_tracked") {
      add(RuleId::LegacyBuffer, e.name,
          in_quotes(e.name) + " is missing from the checkpoint, as in every BatchNorm checkpoint saved before "
          "PyTorch 0.4.1",
          s.location,
          {"Python's load_state_dict fills it in", libtorch_note("LibTorch's torch::load throws \"No such serialized tensor '" +
           e.name + "'\"")},
          "nothing to do for Python; for LibTorch, re-save the state dict with a current PyTorch");
      return;
    }
    add(RuleId::MissingKey, e.name,
        in_quotes(e.name) + " is missing from the checkpoint: the code creates it " + shape_text(e.shape, s.shape) +
            (s.source.empty() ? "" : " (" + s.source + ")"),
        s.location,
        {libtorch_note("LibTorch's torch::load throws at the first missing entry"),
         "Python's load_state_dict(strict=True) lists it under missing keys"},
        "train or convert a checkpoint that has it, or remove the registration", shape_json(e.shape, s.shape), nullptr);
  }

  void unexpanded(const EntryTemplate& t) {
    const SpecEntry& s = *t.entry;
    std::string range;
    for (const SpecRepeat& r : s.repeat) range += " for " + r.index + " in [" + r.from.to_string() + ", " + r.to.to_string() + ")";
    add(RuleId::MissingKey, s.name,
        in_quotes(s.name) + " is missing from the checkpoint: the code creates it" + range +
            ", and the checkpoint has no entry of that name to tell how many",
        s.location, {}, "", nullptr, nullptr);
  }

  void unexpected_entry(const FileTensor& t, const std::unordered_map<std::string, const FileTensor*>& present,
                        const Expansion& expansion) {
    if (t.tensor->storage)
      if (auto it = present.find(storage_key(t)); it != present.end()) {
        add(RuleId::TiedAlias, t.name,
            in_quotes(t.name) + " in the checkpoint is the same tensor as " + in_quotes(it->second->name) +
                ", which the code has; the code does not register it again under this name",
            nearest_location(t.name, expansion), {}, "nothing to do if the code ties the weights another way",
            nullptr, shape_json(t.tensor->shape));
        return;
      }
    add(RuleId::UnexpectedKey, t.name,
        "the checkpoint has " + in_quotes(t.name) + " " + shape_text(t.tensor->shape) + " " + t.tensor->dtype +
            ", which the code does not create",
        nearest_location(t.name, expansion),
        {libtorch_note("LibTorch's torch::load ignores it without a word"),
         "Python's load_state_dict(strict=True) lists it under unexpected keys"},
        "drop it when converting, or register what it belongs to", nullptr, shape_json(t.tensor->shape));
  }

  const ModelSpec& spec_;
  const SpecTemplates& templates_;
  std::unique_ptr<SpecTemplates> exact_templates_;  // of symbols_.exact_spec
  const Inventory& inv_;
  const MatchOptions& options_;
  Report& report_;
  std::vector<FileTensor> tensors_;
  std::unordered_map<std::string, size_t> file_index_;  // key (after rewrites) -> its tensor
  std::string state_dict_key_;
  std::vector<LoaderSupport> supported_;  // which loaders read this file
  bool torch_load_reads_ = true;
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
