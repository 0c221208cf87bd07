// The static engine's interpreter tests' fixture: a snippet of model code
// written to a temporary file and analysed with --no-exec (interpreter_test.cpp,
// interpreter_torch_api_test.cpp).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/analyzer/analyze.h"

namespace ckptcheck {

class Snippet {
 public:
  // `torch_include` "" analyses with LibTorch's headers (when installed).
  explicit Snippet(const std::string& code, std::map<std::string, std::string> args = {},
                   std::optional<std::string> root = std::nullopt, std::string torch_include = "bundled") {
    dir_ = std::filesystem::temp_directory_path() /
           ("ckptcheck-interp-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "model.cpp") << "#include <torch/torch.h>\n" << code;
    AnalyzeOptions options;
    options.files = {(dir_ / "model.cpp").string()};
    options.args = std::move(args);
    options.root_class = std::move(root);
    options.torch_include = std::move(torch_include);
    options.no_exec = true;  // these are the --no-exec engine's tests
    spec = analyze(options);
  }
  ~Snippet() { std::filesystem::remove_all(dir_); }

  // "name [d0, d1] dtype kind", in the analyzer's order.
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const SpecEntry& e : spec.entries) {
      std::string shape;
      for (const DimExpr& d : e.shape) shape += (shape.empty() ? "" : ", ") + d.to_string();
      out.push_back(e.name + " [" + shape + "] " + e.dtype + " " + entry_kind_name(e.kind));
    }
    return out;
  }
  const SpecEntry* entry(const std::string& name) const {
    for (const SpecEntry& e : spec.entries)
      if (e.name == name) return &e;
    return nullptr;
  }
  // Messages of diagnostics with this rule.
  std::vector<std::string> messages(RuleId rule) const {
    std::vector<std::string> out;
    for (const Diagnostic& d : spec.diagnostics)
      if (d.rule == rule) out.push_back(d.message);
    return out;
  }
  std::string all_diagnostics() const {
    std::string s;
    for (const Diagnostic& d : spec.diagnostics) s += d.message + "\n";
    return s;
  }

  ModelSpec spec;

 private:
  std::filesystem::path dir_;
  static inline int counter_ = 0;
};

using Entries = std::vector<std::string>;

// A snippet analysed with LibTorch's headers and with the bundled
// declarations: both must give the same entries and the same diagnostics.
struct BothModes {
  explicit BothModes(const std::string& code, std::map<std::string, std::string> args = {})
      : libtorch(code, args, std::nullopt, ""), bundled(code, args) {
    EXPECT_EQ(libtorch.entries(), bundled.entries()) << libtorch.all_diagnostics() << bundled.all_diagnostics();
    EXPECT_EQ(libtorch.all_diagnostics(), bundled.all_diagnostics());
  }
  std::vector<std::string> entries() const { return bundled.entries(); }
  std::string all_diagnostics() const { return bundled.all_diagnostics(); }
  // Whether a CK501 message contains `text`.
  bool reports(const std::string& text) const {
    for (const std::string& m : bundled.messages(RuleId::AnalysisIncomplete))
      if (m.find(text) != std::string::npos) return true;
    return false;
  }
  Snippet libtorch, bundled;
};

}  // namespace ckptcheck
