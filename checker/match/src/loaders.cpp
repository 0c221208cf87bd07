// CK601: the loader table predicted from an Inventory. Every rule below was
// read off what torch 1.13.1 / LibTorch 1.13.1 do with the fixtures
// (tests/loaders/expected_loaders.json); the quoted errors are theirs, verbatim.
#include "ckptcheck/match/loaders.h"

#include <cctype>
#include <cstdio>
#include <set>

namespace ckptcheck {
namespace {

const char* const kTorchLoad = "torch.load";
const char* const kWeightsOnly = "torch.load(weights_only=True)";
const char* const kJitLoadPy = "torch.jit.load";
const char* const kTorchLoadCpp = "torch::load";
const char* const kJitLoadCpp = "torch::jit::load";
const char* const kPickleLoad = "torch::pickle_load";

// caffe2's PytorchStreamReader (miniz) on what is not a TorchScript archive.
const char* const kNoConstants = "PytorchStreamReader failed locating file constants.pkl: file not found";
const char* const kNoCentralDir = "PytorchStreamReader failed reading zip archive: failed finding central directory";
const char* const kNotZip = "PytorchStreamReader failed reading zip archive: not a ZIP archive";
const char* const kWeightsOnlyFailed =
    "UnpicklingError: Weights only load failed. Re-running `torch.load` with `weights_only` set to `False` will "
    "likely succeed, but it can result in arbitrary code execution.Do it only if you get the file from a trusted "
    "source. WeightsUnpickler error: ";
const char* const kDispatchWarning =
    "warns \"'torch.load' received a zip file that looks like a TorchScript archive dispatching to "
    "'torch.jit.load' (call 'torch.jit.load' directly to silence this warning)\" and returns the TorchScript module";
const char* const kTorchLoadSilent =
    "reads each parameter, buffer and submodule of the C++ module by name: throws on the first one the file lacks "
    "(\"No such serialized tensor '<key>'\"), ignores entries the module does not have, and replaces a tensor of "
    "another shape or dtype without a word";

int pickle_protocol(const Inventory& inv) { return inv.pickle_protocol.value_or(2); }

// The first class weights_only refuses; "" when none. Pickle protocols below 3
// spell Python 3's `copyreg` as `copy_reg` (fix_imports), and torch quotes the
// name as the file spells it.
std::string refused_class(const Inventory& inv) {
  if (inv.weights_only_refused.empty()) return {};
  std::string name = inv.weights_only_refused.front();
  if (pickle_protocol(inv) < 3 && name.rfind("copyreg.", 0) == 0) name = "copy_reg." + name.substr(8);
  return name;
}

// The file's first byte as Python's repr shows it in "invalid load key, '\x08'.".
std::string python_byte(unsigned b) {
  if (b >= 0x20 && b < 0x7f && b != '\'' && b != '\\') return std::string(1, static_cast<char>(b));
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02x", b);
  return buf;
}

uint64_t safetensors_header_bytes(const Inventory& inv) { return inv.safetensors_header_bytes.value_or(0); }

// What a zip reader says about a file that is not a zip: miniz calls anything
// shorter than an end-of-central-directory record (22 bytes) "not a ZIP archive".
std::string zip_error(const Inventory& inv) {
  if (inv.format == "safetensors") {
    uint64_t size = 8 + safetensors_header_bytes(inv);
    std::set<std::string> seen;
    for (const TensorEntry& t : inv.tensors)
      if (t.storage && seen.insert(t.storage->key).second) size += t.storage->nbytes;
    if (size < 22) return kNotZip;
  }
  return kNoCentralDir;
}

bool has_parameter_objects(const Inventory& inv) {
  for (const TensorEntry& t : inv.tensors)
    if (t.kind == TensorKind::Parameter) return true;
  return false;
}

std::string root_type(const Inventory& inv) { return inv.modules.empty() ? std::string() : inv.modules.front().type; }

LoaderSupport reads(const char* loader, std::string note = {}) { return {loader, true, std::move(note)}; }
LoaderSupport fails(const char* loader, std::string error) { return {loader, false, std::move(error)}; }

LoaderSupport python_load(const Inventory& inv) {
  if (inv.format == "safetensors")
    return fails(kTorchLoad, "UnpicklingError: invalid load key, '" + python_byte(safetensors_header_bytes(inv) & 0xff) + "'.");
  if (inv.format == "torchscript") return reads(kTorchLoad, kDispatchWarning);
  if (inv.content == "module") {
    std::string cls = root_type(inv);
    if (cls.rfind("__main__.", 0) == 0)
      return fails(kTorchLoad, "AttributeError: Can't get attribute '" + cls.substr(9) +
                                   "' on <module '__main__' from '<the loading script>'>");
    return reads(kTorchLoad, "imports '" + cls + "' and runs the file's pickle: only for files you trust; where that "
                             "class is not importable it fails (ModuleNotFoundError or \"Can't get attribute\")");
  }
  for (const Diagnostic& d : inv.diagnostics)
    if (d.rule == RuleId::UnsafeGlobal) return reads(kTorchLoad, "runs the callables the file's pickle names (CK201)");
  return reads(kTorchLoad);
}

LoaderSupport weights_only_load(const Inventory& inv) {
  if (inv.format == "safetensors")
    return fails(kWeightsOnly, std::string(kWeightsOnlyFailed) + "Unsupported operand " +
                                   std::to_string(safetensors_header_bytes(inv) & 0xff));
  if (inv.format == "torchscript") return reads(kWeightsOnly, kDispatchWarning);
  if (pickle_protocol(inv) >= 4)  // FRAME (149), the opcode after PROTO
    return fails(kWeightsOnly, std::string(kWeightsOnlyFailed) + "Unsupported operand 149");
  if (std::string cls = refused_class(inv); !cls.empty())
    return fails(kWeightsOnly, std::string(kWeightsOnlyFailed) + "Unsupported class " + cls);
  if (int op = inv.weights_only_unsupported_opcode)
    return fails(kWeightsOnly, std::string(kWeightsOnlyFailed) + "Unsupported operand " + std::to_string(op));
  return reads(kWeightsOnly);
}

// torch.jit.load, torch::jit::load and torch::load all open a TorchScript archive.
LoaderSupport archive_load(const Inventory& inv, const char* loader, const std::string& silent, const char* prefix) {
  if (inv.format == "torchscript") return reads(loader, silent);
  std::string error = inv.format == "torch-zip" ? std::string(kNoConstants) : zip_error(inv);
  return fails(loader, prefix + error);
}

LoaderSupport pickle_load(const Inventory& inv) {
  if (inv.format == "torch-legacy" || inv.format == "safetensors") return fails(kPickleLoad, zip_error(inv));
  // LibTorch's unpickler resolves only its own types; a module's class is not one.
  if (inv.format == "torchscript") return fails(kPickleLoad, "Unpickler found unknown type " + root_type(inv));
  int protocol = pickle_protocol(inv);
  if (protocol < 2) {
    // A module pickle starts with the GLOBAL ('c', 99) of its class.
    std::string found = inv.content == "module" ? ", found 99" : "";
    return fails(kPickleLoad, "Expected PROTO opcode at the start of pickle archive" + found);
  }
  if (protocol > 2)
    return fails(kPickleLoad, "Only Pickle protocol 2 is supported, found protocol = " +
                                  std::string(1, static_cast<char>(protocol)));
  if (inv.content == "module") {
    std::string cls = root_type(inv);
    if (cls.rfind("__main__.", 0) == 0) return fails(kPickleLoad, "Unknown pickler class id" + cls.substr(9));
    return fails(kPickleLoad, "Unpickler found unknown type " + cls);
  }
  if (has_parameter_objects(inv))
    return fails(kPickleLoad, "Unpickler found unknown type torch._utils._rebuild_parameter");
  // torch.save(model.state_dict()) pickles an OrderedDict, which LibTorch's
  // unpickler turns into None; the first item stored into it fails. (A plain
  // dict would be read, but the Inventory does not tell the two apart.)
  return fails(kPickleLoad,
               "isGenericDict() INTERNAL ASSERT FAILED at \"./aten/src/ATen/core/ivalue_inl.h\":1945, please report "
               "a bug to PyTorch. Expected GenericDict but got None");
}

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
           "torch.jit.script(tree).save(new_path); " + loader + " reads that archive";
  if (loader == kPickleLoad) {
    if (inv.format == "torchscript") return "read it with torch::load or torch::jit::load, which read TorchScript archives";
    return "re-save it in Python as a plain dict of plain tensors with pickle protocol 2: torch.save({k: v.detach() "
           "for k, v in " + state_dict_expr(inv) + ".items()}, new_path)";
  }
  if (loader == kJitLoadPy) return "read it with torch.load, or re-save the model with torch.jit.script(model).save(path)";
  if (inv.format == "safetensors") return "read it with safetensors.torch.load_file(path)";
  if (loader == kTorchLoad)
    return "define '" + root_type(inv).substr(9) + "' in an importable module before saving, or save its state_dict() "
           "instead of the whole module";
  // weights_only=True
  if (inv.content == "module") return "save model.state_dict() instead of the whole module, or pass weights_only=False for a file you trust";
  if (pickle_protocol(inv) >= 4) return "re-save it with torch.save's default pickle protocol (2)";
  return "save the non-tensor values (floats, large ints) apart from the tensors, or pass weights_only=False for a "
         "file you trust";
}

}  // namespace

const std::vector<std::string>& loader_names() {
  static const std::vector<std::string> names = {kTorchLoad, kWeightsOnly, kJitLoadPy, kTorchLoadCpp, kJitLoadCpp, kPickleLoad};
  return names;
}

std::vector<LoaderSupport> loader_support(const Inventory& inv) {
  if (inv.format.empty()) return {};
  return {python_load(inv),
          weights_only_load(inv),
          archive_load(inv, kJitLoadPy, "", "RuntimeError: "),
          archive_load(inv, kTorchLoadCpp, kTorchLoadSilent, ""),
          archive_load(inv, kJitLoadCpp, "", ""),
          pickle_load(inv)};
}

std::optional<Finding> loader_finding(const Inventory& inv, const std::string& loader,
                                      const std::optional<Location>& call_site) {
  std::string name = loader == "torch::serialize::InputArchive::load_from" ? kTorchLoadCpp : loader;
  for (const LoaderSupport& s : loader_support(inv)) {
    if (s.loader != name) continue;
    if (s.reads) return std::nullopt;
    Finding f;
    f.rule = RuleId::LoaderFormat;
    f.severity = Severity::Error;
    f.checkpoint = inv.file;
    f.message = "'" + loader + "' cannot read '" + inv.file + "', " + describe(inv) + ": it throws \"" + s.note + "\"";
    f.location = call_site;
    f.fix = fix_for(inv, name);
    f.actual = inv.format;
    return f;
  }
  return std::nullopt;
}

}  // namespace ckptcheck
