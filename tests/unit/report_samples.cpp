#include "report_samples.h"

#include <string>

namespace ckptcheck::samples {
namespace {

CheckedFile weights_pth() {
  CheckedFile f;
  f.file = "weights.pth";
  f.format = "torch-zip";
  f.content = "state_dict";
  f.entries = 4;
  f.loaders = {{"torch.load", true, "", std::nullopt},
               {"torch::load", false, "cannot read a Python pickle", std::nullopt}};
  return f;
}

Diagnostic finding(RuleId rule, std::string key, std::string message) {
  Diagnostic f;
  f.rule = rule;
  f.severity = rule_info(rule).default_severity;
  f.checkpoint = "weights.pth";
  f.key = std::move(key);
  f.message = std::move(message);
  return f;
}

}  // namespace

Report clean() {
  Report r;
  r.models = {"src/net.cpp"};
  r.root = "NetImpl";
  r.symbols = {{"hidden", 768, "checkpoint", "512"}, {"layers", 2, "arg", std::nullopt},
               {"heads", 8, "default", "8"}, {"vocab", std::nullopt, "", std::nullopt}};
  r.checkpoints = {weights_pth()};
  return r;
}

Report breakage() {
  Report r = clean();
  CheckedFile train = weights_pth();
  train.file = "runs/ckpt 7.pt";
  train.content = "checkpoint";
  train.state_dict_key = "model_state_dict";
  train.load_state_dict = {{true, true, {"fc1.weight"}, {"extra.bias"}, {}, {}},
                           {false, false, {"fc1.weight"}, {"extra.bias"}, {}, {"scale"}}};
  r.checkpoints.push_back(train);

  Diagnostic shape = finding(RuleId::ShapeMismatch, "fc1.weight",
                             "shape of 'fc1.weight' differs: the code makes [64, 784], the checkpoint has [128, 784]");
  shape.location = Location{"src/net.cpp", 12, 5};
  shape.notes = {"the checkpoint's 'fc1.weight' is [128, 784] float32",
                 "'Linear(784, hidden)' decides dimension 0: hidden is 64"};
  shape.fix = "construct Net with hidden=128";
  shape.expected = {64, 784};
  shape.actual = {128, 784};
  shape.also_in = {"runs/ckpt 7.pt"};

  Diagnostic unexpected =
      finding(RuleId::UnexpectedKey, "extra.bias", "the checkpoint has 'extra.bias', the code does not");
  unexpected.actual = {10};

  Diagnostic kind =
      finding(RuleId::KindMismatch, "scale", "'scale' is a parameter in the code and a buffer in the checkpoint");
  kind.checkpoint = "runs/ckpt 7.pt";
  kind.location = Location{"src/net.cpp", 20, 0};
  kind.expected = "parameter";
  kind.actual = "buffer";

  Diagnostic legacy = finding(RuleId::LegacyBuffer, "bn.num_batches_tracked",
                              "'bn.num_batches_tracked' is absent, as in checkpoints older than torch 0.4.1");

  Diagnostic incomplete =
      finding(RuleId::AnalysisIncomplete, "", "the size of 'proj' depends on a call ckptcheck cannot follow");
  incomplete.checkpoint = "";
  incomplete.location = Location{"src/net.cpp", 30, 9};

  Diagnostic ambiguous =
      finding(RuleId::AmbiguousRoot, "", "several module classes could be the root: 'NetImpl', 'HeadImpl'");
  ambiguous.checkpoint = "";
  ambiguous.fix = "pass --class NetImpl or --class HeadImpl";

  r.findings = {shape, unexpected, kind, legacy, incomplete, ambiguous};
  return r;
}

Report odd_keys() {
  Report r = clean();
  const std::string keys[] = {
      "quote\"back\\slash",
      "new\nline\ttab",
      "esc\x1b[2Jbell\x07",
      "pipe|back`tick``s",
      "unicode.\xc3\xa9\xe2\x9c\x93",
      "bad\xff\xfe.utf8",
      "c1\xc2\x9b" "31m",
      "<img src=x>*bold*_u_[link](x)&amp;",
  };
  for (const std::string& k : keys) {
    Diagnostic f = finding(RuleId::MissingKey, k, "the code creates '" + k + "', the checkpoint lacks it");
    f.notes = {"note about '" + k + "'"};
    f.fix = "rename '" + k + "'";
    f.expected = {k, 3};
    r.findings.push_back(f);
  }
  return r;
}

Report many(size_t infos) {
  Report r = clean();
  for (size_t i = 0; i < infos; ++i) {
    Diagnostic f = finding(RuleId::TiedAlias, "layers." + std::to_string(i) + ".weight", "shared with 'embed.weight'");
    f.location = Location{"src/net.cpp", static_cast<int>(10 + i), 3};
    r.findings.push_back(f);
  }
  r.findings.push_back(finding(RuleId::MissingKey, "head.weight", "the code creates 'head.weight', the checkpoint lacks it"));
  return r;
}

ModelSpec model_spec() {
  ModelSpec spec;
  spec.root = "NetImpl";
  spec.torch_headers = "bundled";
  spec.symbols = {{"hidden", "512", Location{"src/net.cpp", 3, 20}}, {"layers", std::nullopt, std::nullopt}};
  SpecEntry weight;
  weight.name = "fc1.weight";
  weight.shape = {4 * DimExpr::symbol("hidden"), 784};
  weight.layer = "torch::nn::Linear";
  weight.location = Location{"src/net.cpp", 12, 5};
  weight.source = "torch::nn::Linear(784, 4 * hidden)";
  SpecEntry repeated = weight;
  repeated.name = "layers.{i}.weight";
  repeated.repeat = {{"i", 0, DimExpr::symbol("layers"), 0}};
  SpecEntry buffer;
  buffer.name = "mask";
  buffer.kind = EntryKind::Buffer;
  buffer.dtype = "bool";
  buffer.conditional = true;
  buffer.condition = "use_mask";
  buffer.source = "";
  spec.entries = {weight, repeated, buffer};
  spec.diagnostics = {
      Diagnostic::of(RuleId::AnalysisIncomplete, "cannot follow 'make_proj'", Location{"src/net.cpp", 30, 9}),
      Diagnostic::of(RuleId::AmbiguousRoot, "several roots")};
  return spec;
}

}  // namespace ckptcheck::samples
