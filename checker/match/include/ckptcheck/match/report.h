// The Report: what `ckptcheck --model ... CHECKPOINT` found, before it is
// rendered (text, json, sarif, markdown). The matcher fills it; configuration
// adjusts severities and drops ignored findings; renderers only read it.
//
// Glossary
//   finding      one breakage or remark about one entry (or one file, or one
//                group of entries): a rule of the catalog at a severity
//   key          the entry a finding is about, in the code's spelling
//                ("fc1.weight"); a repeated layer's findings are folded into one
//                with a range ("layers.{0..11}.attn.weight"); "" for a whole file
//   location     the primary place: the model source line that registers the entry
//   notes        the other side: what the checkpoint holds and where, what the
//                runtime loader would do with it
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ckptcheck/rules/catalog.h"

namespace ckptcheck {

inline constexpr const char* kReportSchema = "ckptcheck/report/v1";

struct Finding {
  RuleId rule{};
  Severity severity = Severity::Error;
  std::string checkpoint;            // the file, as given on the command line; "" for model-only findings
  std::string key;                   // see the glossary
  std::string message;               // one sentence, lowercase start, no trailing period
  std::optional<Location> location;  // model source
  std::vector<std::string> notes;    // further lines, each a sentence without trailing period
  std::string fix;                   // what to change, one sentence; "" when there is nothing to suggest
  // Both sides, as report/v1 gives them: shapes as arrays (integers, or strings
  // for expressions), dtypes and names as strings; null when not applicable.
  nlohmann::json expected;
  nlohmann::json actual;
  // Every entry the finding stands for, when that is more than `key`: the
  // layers of a folded finding, the keys a prefix or rename explains (in both
  // spellings), the entries a contradicted default reshapes.
  std::vector<std::string> keys;
  // CK303/CK304: the rewrites that make the checkpoint's keys the code's,
  // checkpoint key or prefix -> the code's, ready for "renames" in .ckptcheck.json.
  std::vector<std::pair<std::string, std::string>> renames;

  // A diagnostic of the reader or the analyzer as a finding, about
  // `checkpoint` ("" when it is about the model).
  static Finding of(const Diagnostic& d, std::string checkpoint = "");
};

// How a root constructor argument got its value.
struct SymbolValue {
  std::string name;
  std::optional<int64_t> value;           // none when nothing decides it
  std::string origin;                      // "arg" (--arg), "checkpoint" (solved from shapes), "default"
  std::optional<std::string> default_text; // the code's default argument, when it has one
};

// One loader and whether it reads a file (CK601's table).
struct LoaderSupport {
  std::string loader;  // "torch.load", "torch.load(weights_only=True)", "torch.jit.load", "torch::load", "torch::pickle_load"
  bool reads = false;
  std::string note;    // why not, or what it would do silently
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
};

struct Report {
  std::vector<std::string> models;   // the --model files
  std::string root;                  // the root module class
  std::vector<SymbolValue> symbols;
  std::vector<CheckedFile> checkpoints;
  std::vector<Finding> findings;     // ordered: by checkpoint, then by location, then by key
};

struct SeverityCounts {
  size_t error = 0, warning = 0, info = 0;
};
SeverityCounts count_severities(const Report& report);

// The process exit code for a report: 1 when a finding is an error (or a
// warning, with warnings_as_errors), else 0.
int report_exit_code(const Report& report, bool warnings_as_errors);

}  // namespace ckptcheck
