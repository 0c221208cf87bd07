#include "CK601_loader_format.h"

#include "ckptcheck/match/loaders.h"

namespace ckptcheck {
namespace {

std::string describe(const Inventory& inv) {
  if (inv.format == "torchscript") return "a TorchScript archive";
  if (inv.format == "safetensors") return "a safetensors file";
  std::string what = inv.content == "module"       ? "a whole pickled module ('" + root_type(inv) + "')"
                     : inv.content == "checkpoint" ? "a training checkpoint"
                                                   : "a state dict";
  return what + (inv.format == "torch-legacy" ? " in torch.save's legacy (pre-1.6) format" : " written by torch.save");
}

// Where the tensors to convert are, in Python terms.
std::string state_dict_expr(const Inventory& inv) {
  if (inv.format == "safetensors") return "safetensors.torch.load_file(path)";
  if (inv.content == "module") return "torch.load(path).state_dict()";
  if (inv.content == "checkpoint" && !inv.state_dicts.empty()) {
    std::string expr = "torch.load(path)";
    const std::string& p = inv.state_dicts.front().path;
    size_t start = 0;
    while (start <= p.size() && !p.empty()) {
      size_t dot = p.find('.', start);
      expr += "['" + p.substr(start, dot == std::string::npos ? std::string::npos : dot - start) + "']";
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return expr;
  }
  return "torch.load(path)";
}

// The conversions tests/loaders/conversion_test.py runs for real.
std::string fix_for(const Inventory& inv, const std::string& loader) {
  bool cpp_archive = loader == kTorchLoadCpp || loader == kJitLoadCpp;
  if (cpp_archive)
    return "re-save it for LibTorch in Python: take sd = " + state_dict_expr(inv) +
           ", register each tensor as a buffer under its dotted key in a tree of torch.nn.Module() objects and save "
           "torch.jit.script(tree).save(new_path); " +
           loader + " reads that archive";
  if (loader == kPickleLoad) {
    if (inv.format == "torchscript")
      return "read it with torch::load or torch::jit::load, which read TorchScript archives";
    return "re-save it in Python as a plain dict of plain tensors with pickle protocol 2: torch.save({k: v.detach() "
           "for k, v in " +
           state_dict_expr(inv) + ".items()}, new_path)";
  }
  if (loader == kJitLoadPy)
    return "read it with torch.load, or re-save the model with torch.jit.script(model).save(path)";
  if (inv.format == "safetensors") return "read it with safetensors.torch.load_file(path)";
  if (loader == kTorchLoad)
    return "define '" + root_type(inv).substr(9) +
           "' in an importable module before saving, or save its state_dict() "
           "instead of the whole module";
  // weights_only=True
  if (inv.content == "module")
    return "save model.state_dict() instead of the whole module, or pass weights_only=False for a file you trust";
  if (pickle_protocol(inv) >= 4) return "re-save it with torch.save's default pickle protocol (2)";
  return "save the non-tensor values (floats, large ints) apart from the tensors, or pass weights_only=False for a "
         "file you trust";
}

}  // namespace

std::optional<Diagnostic> loader_finding(const Inventory& inv, const std::string& loader,
                                         const std::optional<Location>& call_site) {
  std::string name = loader == "torch::serialize::InputArchive::load_from" ? kTorchLoadCpp : loader;
  for (const LoaderSupport& s : loader_support(inv)) {
    if (s.loader != name) continue;
    if (s.reads) return std::nullopt;
    Diagnostic f = Diagnostic::of(RuleId::LoaderFormat,
                                  "'" + loader + "' cannot read '" + inv.file + "', " + describe(inv) +
                                      ": it throws \"" + s.note + "\"",
                                  call_site)
                       .in(inv.file);
    f.fix = fix_for(inv, name);
    f.actual = inv.format;
    return f;
  }
  return std::nullopt;
}

}  // namespace ckptcheck
