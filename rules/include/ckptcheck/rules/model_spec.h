// The ModelSpec: what the analyzer predicts a model's named_parameters() and
// named_buffers() to be, read from its C++ source without building it.
//
// Glossary
//   parameter   a tensor registered with register_parameter (trained); still a
//               parameter when requires_grad is false
//   buffer      a tensor registered with register_buffer (state that is saved but
//               not trained, e.g. BatchNorm's running_mean)
//   registered name   the string given to register_module/parameter/buffer; dotted
//               paths join them ("layer1.0.conv1.weight"). It is not the C++ member
//               name, although the two usually agree.
//   shape expression  each dimension is a DimExpr: a number, or an expression over
//               symbols ("4*hidden")
//   symbol      a root constructor parameter the analyzer cannot know; bound with
//               --arg, by a default argument, or solved later from a checkpoint
//   repeated group   entries a loop with a symbolic trip count registers
//               (`for (i = 0; i < num_layers; ++i)`), listed once with `{i}` in
//               their names ("layers.{i}.weight") and the index range
//   root        the module class being checked: the one no other analysed module
//               contains, or the one --class names
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/rules/diagnostic.h"
#include "ckptcheck/rules/dim_expr.h"

namespace ckptcheck {

enum class EntryKind { Parameter, Buffer };
const char* entry_kind_name(EntryKind k);  // "parameter", "buffer"

// One loop index of a repeated group: `index` runs over [from, to). Entries with
// the same `group` that are next to each other in the entry list are one
// iteration's worth; expanded, they repeat index value by index value
// (layers.0.weight, layers.0.bias, layers.1.weight, ...). In names the index
// appears as "{i}" or as an expression of it ("{i+1}"); shapes may use it too.
struct SpecRepeat {
  std::string index;  // "i"
  DimExpr from;       // usually 0
  DimExpr to;         // "num_layers"
  int group = 0;      // which loop run; nested loops list outer groups first
};

struct SpecEntry {
  std::string name;                 // dotted path, as named_parameters() gives it
  EntryKind kind = EntryKind::Parameter;
  std::vector<DimExpr> shape;
  std::string dtype = "float32";    // torch short name
  std::string layer;                // "torch::nn::Linear", or the custom class for direct registrations
  bool conditional = false;         // exists only on some branch the analyzer could not decide
  std::string condition;            // the branch condition's source text, when conditional
  std::vector<SpecRepeat> repeat;   // the loops it repeats in, outermost first; empty for a single entry
  std::optional<Location> location; // the registration that creates it
  // The C++ expression that decides its shape, as written: the layer's
  // construction ("torch::nn::Linear(in, 4 * hidden)") or the registered
  // tensor ("torch::zeros({1, dim})"), so messages can quote it.
  std::string source;
  // Tied to another entry (decoder->weight.set_(embedding->weight)): both are
  // registered, one storage. The other entry's name; empty when not tied.
  std::string alias_of;
};

// Both conditions, in the spelling of SpecEntry::condition ("" is true).
inline std::string both_conditions(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return "(" + a + ")&&(" + b + ")";
}

// A root constructor parameter: a symbol (no default and no --arg), or one
// that took its default. Under symbolic defaults (the check's analysis) a
// defaulted integer parameter is a symbol too, and its shapes are expressions
// over it, so the checker can tell "the checkpoint implies hidden=768".
struct SpecSymbol {
  std::string name;
  std::optional<std::string> default_value;  // the default argument's source text
  std::optional<Location> location;
  std::optional<int64_t> default_number;     // the default's value, when it is a known integer
  bool symbolic = true;                      // shapes are expressions over it; false when it took its default
};

// A bool parameter or member: its default is written `true` or `false`.
inline bool written_as_bool(const SpecSymbol& s) {
  return s.default_value && (*s.default_value == "true" || *s.default_value == "false");
}

// A symbol's value as a reader should see it: `false` for a bool's 0.
inline std::string shown_value(int64_t value, bool boolean) {
  if (boolean && (value == 0 || value == 1)) return value ? "true" : "false";
  return std::to_string(value);
}
inline std::string shown_value(const SpecSymbol& s, int64_t value) { return shown_value(value, written_as_bool(s)); }

// A symbol's default as a reader should see it: as written, followed by its
// value when it is written as a name or an expression ("kWidth (64)").
inline std::optional<std::string> shown_default(const SpecSymbol& s) {
  if (!s.default_number) return s.default_value;
  std::string number = shown_value(s, *s.default_number);
  if (!s.default_value || *s.default_value == number) return number;
  return *s.default_value + " (" + number + ")";
}

// A call in the analysed code to one of LibTorch's loaders, so the checker can
// tell whether that loader reads the checkpoint (CK601).
struct SpecLoader {
  std::string function;               // "torch::load", "torch::jit::load", "torch::pickle_load",
                                      // "torch::serialize::InputArchive::load_from"
  std::optional<Location> location;   // the call
};

// A module as named_modules() lists it: the root as "", then every submodule,
// parameterless ones included, by dotted path.
struct SpecModule {
  std::string name;                  // "", "features", "features.0"
  std::string type;                  // LibTorch's Module::name(): "torch::nn::Conv2dImpl", "NetImpl"
  std::optional<Location> location;  // the registration that creates it; none for the root
  bool conditional = false;          // as SpecEntry's, when symbols decide whether it exists
  std::string condition;
  std::vector<SpecRepeat> repeat;
};

struct ModelSpec {
  std::string root;                  // "NetImpl"
  std::vector<SpecSymbol> symbols;
  std::vector<SpecEntry> entries;    // in named_parameters()/named_buffers() order, parameters first
  std::vector<SpecModule> modules;   // in named_modules() order; empty from the static engine
  std::vector<Diagnostic> diagnostics;
  std::vector<SpecLoader> loaders;   // in source order; empty when the code loads nothing
  // Which LibTorch declarations the code was compiled with: "meta" (ckptcheck's
  // meta LibTorch, the running engine), or for the static engine
  // "libtorch:<include dir>" or "bundled" (ckptcheck's own declarations).
  std::string torch_headers;
  // How the model was analysed: "exec" (its constructor ran against meta
  // LibTorch) or "static" (--no-exec: read without running anything).
  std::string engine = "static";
  // How the root was constructed, for the reader ("NetImpl(int64_t hidden = 64)",
  // "--construct ...", "main() at net.cpp:47"); empty from the static engine.
  std::string construction;
  // Exec engine, with symbols: how many runs of the constructor (at chosen
  // values of them) the shape expressions, conditions and repeated groups were
  // fitted to; 0 when nothing was inferred. Inferred specs are exact only at
  // those values; the check runs the constructor again at the ones it solves.
  int inferred_from_runs = 0;
  // Files the constructor read (a config, a backbone's weights), reported
  // because the result depends on them.
  std::vector<std::string> files_read;
};

}  // namespace ckptcheck
