// What every rule's finding needs besides its own facts, and the small text
// helpers the rules share. Each rule of the matcher has its own file here,
// named by its code (CK401_shape_mismatch.cpp): the typed facts it reports,
// its message, notes and fix. The matcher (../match.cpp) decides *that* a rule
// fires; the rule's file decides *what it says*. The rule's page is
// docs/rules/CKnnn.md and its example case tests/rules/CKnnn_<name>/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ckptcheck/match/report.h"
#include "ckptcheck/rules/dim_expr.h"

namespace ckptcheck {

struct FindingContext {
  std::string checkpoint;  // the file the finding is about, as given
  // Whether LibTorch's torch::load reads the file at all: what it would do is
  // said only where it can (else CK601 says what it does instead).
  bool torch_load_reads = true;
  // The loader the deployment uses, when known: --loader, or the one call the
  // model's code makes ("torch::load"); "" when neither says. `loader_origin`
  // says which ("--loader", "called at net.cpp:42").
  std::string loader;
  std::string loader_origin;

  // "the loader assumed is torch::load (--loader)", for findings whose verdict
  // depends on it; only meaningful when `loader` is set.
  std::string assumed_loader_note() const;

  // `note` when torch::load reads the file, else "" (the matcher drops empty notes).
  std::string libtorch(std::string note) const { return torch_load_reads ? std::move(note) : std::string(); }
  // A finding of `rule` at the catalog's default severity, about `checkpoint`.
  Diagnostic start(RuleId rule) const;
};

std::string in_quotes(const std::string& s);

// Shapes as report/v1 gives them: integers, or strings for expressions.
nlohmann::json shape_json(const std::vector<int64_t>& shape);
nlohmann::json shape_json(const std::vector<std::optional<int64_t>>& shape, const std::vector<DimExpr>& exprs);

}  // namespace ckptcheck
