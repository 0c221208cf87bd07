// The Report: what `ckptcheck --model ... CHECKPOINT` found, before it is
// rendered (text, json, sarif, markdown). The matcher fills it; configuration
// adjusts severities and drops ignored findings; renderers only read it.
//
// A finding is a Diagnostic (ckptcheck/rules/diagnostic.h, with its glossary)
// in the report: one breakage or remark about one entry, one file or one group
// of entries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ckptcheck/formats/inventory.h"
#include "ckptcheck/rules/diagnostic.h"

namespace ckptcheck {

inline constexpr const char* kReportSchema = "ckptcheck/report/v1";

// How a root constructor argument got its value.
struct SymbolValue {
  std::string name;
  std::optional<int64_t> value;           // none when nothing decides it
  std::string origin;                      // "arg" (--arg), "checkpoint" (solved from shapes), "default"
  std::optional<std::string> default_text; // the code's default argument, when it has one
  bool boolean = false;                    // shown as true/false (its default is written so)
};

// What torch::load(module, path) does with the model the code defines and a
// file it reads (checker/match/src/torch_load_model.h): it throws, or it loads,
// silently resizing or corrupting some entries.
struct TorchLoadVerdict {
  bool throws = false;
  std::string error;  // when it throws: LibTorch's message; "" when the model is only partly known
  std::string at;     // the module path or key it throws at (the first of `could_throw` otherwise)
  // When some of the model is not known member by member (a condition not
  // decided, a repeated submodule without tensors): the messages of what it
  // lacks among the members known. It throws at the first it reaches, which
  // may also be one of the members not known.
  std::vector<std::string> could_throw;
  std::vector<std::string> resized;    // loaded at the file's shape, not the code's
  std::vector<std::string> corrupted;  // another dtype: the file's bytes read as the model's dtype
};

// What Python's model.load_state_dict(state_dict, strict) does with a Python
// module holding the entries the code defines (checker/match/src/load_state_dict_model.h).
struct LoadStateDictVerdict {
  bool strict = true;
  bool raises = false;
  std::vector<std::string> missing;        // its missing_keys, in the code's spelling
  std::vector<std::string> unexpected;     // its unexpected_keys, in the file's
  std::vector<std::string> size_mismatch;  // each raises, strict or not
  std::vector<std::string> cast;           // another dtype in the file: copied into the model's
};

// One loader and whether it reads a file (CK601's table).
struct LoaderSupport {
  std::string loader;  // "torch.load", "torch.load(weights_only=True)", "torch.jit.load", "torch::load", "torch::pickle_load"
  bool reads = false;
  std::string note;    // why not, or what it would do silently
  // torch::load's verdict on this file for the model, when it reads the file
  // and the model's state dict is the file's root.
  std::optional<TorchLoadVerdict> with_model;
};

struct CheckedFile {
  std::string file;                  // as given
  std::string format;                // inventory format: "torch-zip", ...
  std::string content;               // "state_dict", "checkpoint", "module", "torchscript"
  std::string state_dict_key;        // where the entries were found: "" (the root), "model_state_dict", ...
  size_t entries = 0;                // tensors matched against the model
  std::vector<LoaderSupport> loaders;
  // The root's arguments as this checkpoint decides them (checkpoints made
  // with other arguments give other values; Report::symbols is the first file's).
  std::vector<SymbolValue> symbols;
  // Python's load_state_dict with strict=True, then strict=False, when
  // torch.load reads the file's state dict and the model is known entry by entry.
  std::vector<LoadStateDictVerdict> load_state_dict;
  // When the file stands in for the checkpoint (a manifest, a header-only
  // safetensors file): what it is and which checkpoint it describes.
  std::optional<StandIn> stand_in;
};

struct Report {
  std::vector<std::string> models;   // the --model files
  std::string root;                  // the root module class
  std::vector<SymbolValue> symbols;
  std::vector<CheckedFile> checkpoints;
  std::vector<Diagnostic> findings;  // ordered: by checkpoint, then by location, then by key
  // Findings the configuration hid (an ignore entry, or a rule turned off):
  // counted, so that what is hidden never vanishes without a trace.
  size_t suppressed = 0;
  // What a baseline (ckptcheck/report/baseline.h) took out: none when no
  // baseline was used.
  struct BaselineCounts {
    std::string file;
    size_t matched = 0;  // findings the baseline holds: known, so not reported
    size_t fixed = 0;    // its entries that no finding matches any more
  };
  std::optional<BaselineCounts> baseline;
};

struct SeverityCounts {
  size_t error = 0, warning = 0, info = 0;
};
SeverityCounts count_severities(const Report& report);

// The process exit code for a report: 1 when a finding is an error (or a
// warning, with warnings_as_errors), else 0.
int report_exit_code(const Report& report, bool warnings_as_errors);

// One finding per code location: a finding at a location of the code that
// another checkpoint has too, word for word (same rule, severity, key,
// message, notes, fix and values), is folded into the first one, whose
// `also_in` lists the other files. Findings about a file alone stay one per file.
void merge_across_checkpoints(Report& report);

}  // namespace ckptcheck
