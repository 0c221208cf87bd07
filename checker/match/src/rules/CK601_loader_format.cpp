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

// Python that re-saves the file's tensors as an archive torch::load reads: each
// tensor a buffer under its dotted key in a tree of torch.nn.Module()s, with
// the code's submodules that hold no tensors added, since torch::load asks for
// every submodule. One line, for the fix; tests/loaders/printed_fixes_test.py runs it.
std::string libtorch_archive_recipe(const Inventory& inv, const std::vector<std::string>& modules_without_tensors) {
  std::string code = std::string(inv.format == "safetensors" ? "import safetensors.torch; " : "") +
                     "import functools, torch; sd = " + state_dict_expr(inv) +
                     "; tree = torch.nn.Module(); at = lambda p: functools.reduce(lambda m, s: "
                     "m._modules.setdefault(s, torch.nn.Module()), p.split('.') if p else [], tree); "
                     "[at(k.rpartition('.')[0]).register_buffer(k.rpartition('.')[2], v.detach()) for k, v in "
                     "sd.items()]; ";
  if (!modules_without_tensors.empty()) {
    code += "[at(p) for p in [";
    for (size_t i = 0; i < modules_without_tensors.size(); ++i)
      code += (i ? ", '" : "'") + modules_without_tensors[i] + "'";
    code += "]]; ";
  }
  return code + "torch.jit.script(tree).save(new_path)";
}

// The conversions tests/loaders/printed_fixes_test.py applies and checks with
// the real loaders; `path` is the file, `new_path` the converted one.
std::string fix_for(const Inventory& inv, const std::string& loader,
                    const std::vector<std::string>& modules_without_tensors) {
  bool cpp_archive = loader == kTorchLoadCpp || loader == kJitLoadCpp;
  if (cpp_archive)
    return "re-save it for LibTorch with this Python, then " + loader + " reads new_path: `" +
           libtorch_archive_recipe(inv, modules_without_tensors) + "`";
  if (loader == kPickleLoad) {
    if (inv.format == "torchscript")
      return "read it with torch::load or torch::jit::load, which read TorchScript archives";
    return "re-save it as a plain dict of plain tensors (pickle protocol 2) with this Python: `import torch; "
           "torch.save({k: v.detach() for k, v in " +
           state_dict_expr(inv) + ".items()}, new_path)`";
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
                                         const std::optional<Location>& call_site,
                                         const std::vector<std::string>& modules_without_tensors) {
  std::string name = loader == "torch::serialize::InputArchive::load_from" ? kTorchLoadCpp : loader;
  for (const LoaderSupport& s : loader_support(inv)) {
    if (s.loader != name) continue;
    if (s.reads) return std::nullopt;
    Diagnostic f = Diagnostic::of(RuleId::LoaderFormat,
                                  "'" + loader + "' cannot read '" + checkpoint_name(inv) + "', " + describe(inv) +
                                      ": it throws \"" + s.note + "\"",
                                  call_site)
                       .in(inv.file);
    f.fix = fix_for(inv, name, modules_without_tensors);
    f.actual = inv.format;
    return f;
  }
  return std::nullopt;
}

}  // namespace ckptcheck
