// The allowlist follows torch/_weights_only_unpickler.py and docs/FORMATS.md §7.3;
// the dangerous list follows what pickle scanners (fickling, picklescan) flag.
#include "pickle_allowlist.h"

#include <utility>

namespace ckptcheck::pickle {
namespace {

constexpr std::pair<std::string_view, std::string_view> kStorageDtypes[] = {
    {"DoubleStorage", "float64"}, {"FloatStorage", "float32"}, {"HalfStorage", "float16"},
    {"BFloat16Storage", "bfloat16"}, {"LongStorage", "int64"}, {"IntStorage", "int32"},
    {"ShortStorage", "int16"}, {"CharStorage", "int8"}, {"ByteStorage", "uint8"},
    {"BoolStorage", "bool"}, {"ComplexDoubleStorage", "complex128"},
    {"ComplexFloatStorage", "complex64"}, {"QInt8Storage", "qint8"}, {"QUInt8Storage", "quint8"},
    {"QInt32Storage", "qint32"}, {"QUInt4x2Storage", "quint4x2"}, {"QUInt2x4Storage", "quint2x4"},
    {"UntypedStorage", "uint8"},
};

constexpr std::string_view kTorchDtypes[] = {
    "float32", "float64", "float16", "bfloat16", "int8", "uint8", "int16", "int32", "int64",
    "bool", "complex32", "complex64", "complex128", "qint8", "quint8", "qint32", "quint4x2",
    "quint2x4", "float8_e5m2", "float8_e4m3fn", "float8_e5m2fnuz", "float8_e4m3fnuz",
    "uint16", "uint32", "uint64", "per_tensor_affine", "per_tensor_symmetric",
    "per_channel_affine", "per_channel_symmetric", "per_channel_affine_float_qparams",
    "Size", "device", "Tensor", "FloatTensor", "DoubleTensor", "HalfTensor", "LongTensor",
    "IntTensor", "ShortTensor", "CharTensor", "ByteTensor", "BoolTensor", "BFloat16Tensor",
};

constexpr std::string_view kTorchUtils[] = {
    "_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_tensor_v3", "_rebuild_parameter",
    "_rebuild_parameter_with_state", "_rebuild_qtensor", "_rebuild_sparse_tensor",
    "_rebuild_sparse_csr_tensor", "_rebuild_nested_tensor", "_rebuild_meta_tensor_no_storage",
    "_rebuild_wrapper_subclass", "_rebuild_device_tensor_from_numpy", "_rebuild_xla_tensor",
    "_rebuild_device_tensor_from_cpu_tensor",
};

constexpr std::string_view kDangerousModules[] = {
    "os", "posix", "nt", "sys", "subprocess", "shutil", "socket", "importlib", "runpy",
    "pickle", "_pickle", "marshal", "ctypes", "pty", "webbrowser", "code", "commands",
    "platform", "multiprocessing", "asyncio", "types", "torch.hub", "urllib", "requests",
    "http", "ftplib", "telnetlib", "smtplib", "shelve", "pdb", "bdb", "timeit", "cProfile",
};

constexpr std::string_view kDangerousBuiltins[] = {
    "eval", "exec", "compile", "open", "getattr", "setattr", "delattr", "__import__",
    "globals", "locals", "vars", "breakpoint", "input", "execfile", "apply",
};

constexpr std::pair<std::string_view, std::string_view> kDangerousNames[] = {
    {"torch", "load"}, {"torch.serialization", "load"}, {"torch.jit", "load"},
    {"numpy", "load"}, {"numpy.testing._private.utils", "runstring"},
    {"functools", "partial"}, {"operator", "attrgetter"}, {"operator", "methodcaller"},
    {"operator", "itemgetter"},
};

template <typename Range>
bool contains(const Range& r, std::string_view s) {
  for (std::string_view x : r)
    if (x == s) return true;
  return false;
}

bool module_in(std::string_view module, std::string_view root) {
  return module == root || (module.size() > root.size() && module.substr(0, root.size()) == root &&
                            module[root.size()] == '.');
}

}  // namespace

std::string_view storage_dtype(std::string_view storage_class) {
  for (auto [name, dtype] : kStorageDtypes)
    if (name == storage_class) return dtype;
  return {};
}

std::optional<size_t> forwarded_call_argument(const GlobalRef& callable) {
  if (callable.module == "torch._tensor" && callable.name.rfind("_rebuild_from_type", 0) == 0) return 0;
  if (callable.module == "copyreg" && callable.name == "_reconstructor") return 1;
  return std::nullopt;
}

bool unpickles_argument(const GlobalRef& callable) {
  return callable.module == "torch.storage" && callable.name == "_load_from_bytes";
}

GlobalVerdict classify_global(const GlobalRef& g) {
  std::string_view m = g.module, n = g.name;
  GlobalVerdict v;
  for (std::string_view root : kDangerousModules)
    if (module_in(m, root)) v.dangerous = true;
  // From protocol 4 on, a name may be a dotted path that find_class walks with
  // getattr: "torch.serialization" + "os.system" is os.system. Any dangerous
  // module or builtin along the path makes it dangerous.
  if (size_t last_dot = n.rfind('.'); last_dot != std::string_view::npos) {
    for (size_t dot = n.find('.'); dot != std::string_view::npos; dot = n.find('.', dot + 1)) {
      std::string_view path = n.substr(0, dot);
      for (std::string_view root : kDangerousModules)
        if (module_in(path, root) || path.ends_with("." + std::string(root))) v.dangerous = true;
    }
    if (contains(kDangerousBuiltins, n.substr(last_dot + 1))) v.dangerous = true;
    return v;  // not one of the names the weights-only unpickler resolves: a dotted path is never allowed
  }
  if (m == "builtins" && contains(kDangerousBuiltins, n)) v.dangerous = true;
  for (auto [dm, dn] : kDangerousNames)
    if (m == dm && n == dn) v.dangerous = true;
  if (v.dangerous) return v;

  bool torch_storage = (m == "torch" || m == "torch.cuda" || m == "torch.storage") &&
                       (!storage_dtype(n).empty() || n == "TypedStorage");
  if ((m == "torch._utils" && contains(kTorchUtils, n)) || torch_storage ||
      (m == "torch" && contains(kTorchDtypes, n)) ||
      (m == "collections" && n == "OrderedDict") ||
      (m == "torch._tensor" && (n == "_rebuild_from_type_v2" || n == "_rebuild_from_type")) ||
      (m == "torch.nn.parameter" && n == "Parameter") ||
      (m == "torch.serialization" && n == "_get_layout") ||
      (m == "builtins" && (n == "set" || n == "frozenset" || n == "bytearray" || n == "complex" ||
                           n == "slice")) ||
      (m == "_codecs" && n == "encode")) {
    v.interpreted = v.weights_only = true;
    return v;
  }
  // Interpreted here, but refused by torch.load(weights_only=True).
  if ((m == "collections" && (n == "Counter" || n == "defaultdict")) ||
      (m == "copyreg" && (n == "_reconstructor" || n == "__newobj__")) ||
      (m == "builtins" && n == "object") ||
      (m == "torch.storage" && n == "_load_from_bytes") ||
      (m == "torch.jit._pickle") ||
      (m == "numpy.core.multiarray" && (n == "_reconstruct" || n == "scalar")) ||
      (m == "numpy" && (n == "dtype" || n == "ndarray"))) {
    v.interpreted = true;
  }
  return v;
}

}  // namespace ckptcheck::pickle
