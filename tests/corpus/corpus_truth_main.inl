// The corpus ground-truth program's main, included at the end of the shared TU
// that gen_corpus_truth.py generates (after every shared group and kEntries).
//
//   ckptcheck_corpus_truth OUTPUT_DIR [NAME...]   writes OUTPUT_DIR/<name>.json
//   ckptcheck_corpus_truth --list                 prints the entry names
//
// Each file is {"name", "root", "entries": [{"name", "kind", "shape", "dtype"}],
// "modules": [{"name", "type"}]}: named_parameters() in LibTorch's order, then
// named_buffers() in order; then named_modules() in order with each module's
// name() (its demangled C++ type), less the ckptcheck_corpus_g_* namespace that
// the shared TU wraps a group in. Exit status 1 if any entry failed to construct
// or could not be written. Written without a JSON library on purpose: the
// corpus may bundle its own (older) nlohmann/json.hpp in another TU.

#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace ckptcheck_corpus_truth {

// torch's Python names for the dtypes (torch.float32 -> "float32", ...).
std::string dtype_name(c10::ScalarType type) {
  switch (type) {
    case c10::ScalarType::Float: return "float32";
    case c10::ScalarType::Double: return "float64";
    case c10::ScalarType::Half: return "float16";
    case c10::ScalarType::BFloat16: return "bfloat16";
    case c10::ScalarType::ComplexHalf: return "complex32";
    case c10::ScalarType::ComplexFloat: return "complex64";
    case c10::ScalarType::ComplexDouble: return "complex128";
    case c10::ScalarType::Long: return "int64";
    case c10::ScalarType::Int: return "int32";
    case c10::ScalarType::Short: return "int16";
    case c10::ScalarType::Char: return "int8";
    case c10::ScalarType::Byte: return "uint8";
    case c10::ScalarType::Bool: return "bool";
    default: return c10::toString(type);
  }
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string tensor_entry(const std::string& name, const char* kind, const torch::Tensor& t) {
  std::ostringstream out;
  out << "{\"name\": " << quoted(name) << ", \"kind\": \"" << kind << "\", \"shape\": [";
  const auto sizes = t.sizes();
  for (size_t i = 0; i < sizes.size(); ++i) out << (i ? ", " : "") << sizes[i];
  out << "], \"dtype\": " << quoted(dtype_name(t.scalar_type())) << "}";
  return out.str();
}

std::string module_type(const torch::nn::Module& module) {
  static const std::regex group_namespace("ckptcheck_corpus_g_[A-Za-z0-9_]*::");
  return std::regex_replace(module.name(), group_namespace, "");
}

std::string describe(const Entry& entry, const torch::nn::Module& model) {
  std::ostringstream out;
  out << "{\n \"name\": " << quoted(entry.name) << ",\n \"root\": " << quoted(entry.root) << ",\n \"entries\": [";
  const char* sep = "\n  ";
  for (const auto& item : model.named_parameters(/*recurse=*/true)) {
    out << sep << tensor_entry(item.key(), "parameter", item.value());
    sep = ",\n  ";
  }
  for (const auto& item : model.named_buffers(/*recurse=*/true)) {
    out << sep << tensor_entry(item.key(), "buffer", item.value());
    sep = ",\n  ";
  }
  out << "\n ],\n \"modules\": [";
  sep = "\n  ";
  for (const auto& item : model.named_modules(/*name_prefix=*/"", /*include_self=*/true)) {
    out << sep << "{\"name\": " << quoted(item.key()) << ", \"type\": " << quoted(module_type(*item.value())) << "}";
    sep = ",\n  ";
  }
  out << "\n ]\n}\n";
  return out.str();
}

}  // namespace ckptcheck_corpus_truth

int main(int argc, char** argv) {
  using ckptcheck_corpus_truth::kEntries;
  if (argc == 2 && std::strcmp(argv[1], "--list") == 0) {
    for (const auto& entry : kEntries) std::cout << entry.name << "\n";
    return 0;
  }
  if (argc < 2 || argv[1][0] == '-') {
    std::cerr << "usage: " << argv[0] << " OUTPUT_DIR [NAME...]\n       " << argv[0] << " --list\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::set<std::string> wanted(argv + 2, argv + argc);
  std::filesystem::create_directories(dir);
  torch::manual_seed(0);

  int failures = 0, written = 0;
  for (const auto& entry : kEntries) {
    if (!wanted.empty() && !wanted.erase(entry.name)) continue;
    try {
      const auto model = entry.construct();
      const auto path = dir / (std::string(entry.name) + ".json");
      std::ofstream file(path);
      file << ckptcheck_corpus_truth::describe(entry, *model);
      if (!file.flush()) throw std::runtime_error("cannot write " + path.string());
      ++written;
    } catch (const std::exception& e) {
      std::cerr << entry.name << ": " << e.what() << "\n";
      ++failures;
    }
  }
  for (const auto& name : wanted) {
    std::cerr << name << ": no such entry\n";
    ++failures;
  }
  std::cout << "wrote " << written << " corpus listings to " << dir.string() << "\n";
  return failures == 0 ? 0 : 1;
}
