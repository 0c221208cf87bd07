// The loader table (CK601, rules/CK601_loader_format.cpp) predicted from an Inventory. Every rule below was
// read off what torch 1.13.1 / LibTorch 1.13.1 do with the fixtures
// (tests/loaders/expected_loaders.json); the quoted errors are theirs, verbatim.
#include "ckptcheck/match/loaders.h"

#include <cctype>
#include <cstdio>
#include <set>

namespace ckptcheck {
namespace {

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

LoaderSupport reads(const char* loader, std::string note = {}) { return {loader, true, std::move(note), std::nullopt}; }
LoaderSupport fails(const char* loader, std::string error) { return {loader, false, std::move(error), std::nullopt}; }

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
  // LibTorch's unpickler stops at whichever comes first in the stream: a
  // global it does not resolve (as for a module's class above), or the first
  // item stored into an OrderedDict (torch.save(model.state_dict()) pickles
  // one), which it has turned into None.
  const std::string& cls = inv.first_foreign_global;
  bool global_first =
      !cls.empty() && (!inv.filled_ordered_dict || inv.first_foreign_global_opcode < inv.filled_ordered_dict_opcode);
  if (global_first) {
    if (cls.rfind("__main__.", 0) == 0) return fails(kPickleLoad, "Unknown pickler class id" + cls.substr(9));
    return fails(kPickleLoad, "Unpickler found unknown type " + cls);
  }
  if (inv.filled_ordered_dict)
    return fails(kPickleLoad,
                 "isGenericDict() INTERNAL ASSERT FAILED at \"./aten/src/ATen/core/ivalue_inl.h\":1945, please report "
                 "a bug to PyTorch. Expected GenericDict but got None");
  // Plain dicts of plain tensors and values (sd_plain_dict.pt, ckpt_plain_dict.pt).
  return reads(kPickleLoad);
}

}  // namespace

int pickle_protocol(const Inventory& inv) { return inv.pickle_protocol.value_or(2); }

std::string root_type(const Inventory& inv) { return inv.modules.empty() ? std::string() : inv.modules.front().type; }

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

}  // namespace ckptcheck
