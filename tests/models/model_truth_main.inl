// The ground-truth program's main, included at the end of the TU that
// gen_truth_registry.py generates (after every fixture and the kFixtures table).
//
//   ckptcheck_model_truth OUTPUT_DIR [NAME...]   writes OUTPUT_DIR/<name>.json and <name>.pt
//   ckptcheck_model_truth --list                 prints the fixture names
//
// Each file is {"name", "root", "entries": [{"name", "kind", "shape", "dtype"}],
// "modules": [{"name", "type"}]}: named_parameters() in LibTorch's order, then
// named_buffers() in order; then named_modules() in order (the root first, named
// ""), each with Module::name(), the fixture's namespace fixture_<name>:: removed.
// <name>.pt is the model saved by torch::save at the manifest's arguments.
// Exit status 1 if any fixture failed to construct or could not be written.

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>

namespace ckptcheck_truth {

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

nlohmann::ordered_json entry(const std::string& name, const char* kind, const torch::Tensor& t) {
  nlohmann::ordered_json e;
  e["name"] = name;
  e["kind"] = kind;
  e["shape"] = t.sizes().vec();
  e["dtype"] = dtype_name(t.scalar_type());
  return e;
}

// Module::name() is the demangled dynamic type. Every fixture is compiled inside
// `namespace fixture_<name>`, which the fixture's own code never spells: remove
// it wherever it occurs (also inside template arguments), so the type reads as
// in the fixture ("ResNetImpl<BasicBlockImpl>", "vision::MobileStemImpl").
std::string module_type(const Fixture& fixture, const torch::nn::Module& module) {
  const std::string prefix = std::string("fixture_") + fixture.name + "::";
  std::string type = module.name();
  for (auto at = type.find(prefix); at != std::string::npos; at = type.find(prefix, at)) {
    // Only a whole namespace name: not the tail of another identifier.
    const bool starts_name = at == 0 || !(std::isalnum(static_cast<unsigned char>(type[at - 1])) || type[at - 1] == '_');
    if (starts_name) {
      type.erase(at, prefix.size());
    } else {
      at += prefix.size();
    }
  }
  return type;
}

nlohmann::ordered_json describe(const Fixture& fixture, const torch::nn::Module& model) {
  nlohmann::ordered_json out;
  out["name"] = fixture.name;
  out["root"] = fixture.root;
  auto entries = nlohmann::ordered_json::array();
  for (const auto& item : model.named_parameters(/*recurse=*/true)) {
    entries.push_back(entry(item.key(), "parameter", item.value()));
  }
  for (const auto& item : model.named_buffers(/*recurse=*/true)) {
    entries.push_back(entry(item.key(), "buffer", item.value()));
  }
  out["entries"] = std::move(entries);
  auto modules = nlohmann::ordered_json::array();
  for (const auto& item : model.named_modules(/*name_prefix=*/"", /*include_self=*/true)) {
    nlohmann::ordered_json m;
    m["name"] = item.key();
    m["type"] = module_type(fixture, *item.value());
    modules.push_back(std::move(m));
  }
  out["modules"] = std::move(modules);
  return out;
}

}  // namespace ckptcheck_truth

int main(int argc, char** argv) {
  using ckptcheck_truth::kFixtures;
  if (argc == 2 && std::strcmp(argv[1], "--list") == 0) {
    for (const auto& fixture : kFixtures) std::cout << fixture.name << "\n";
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
  for (const auto& fixture : kFixtures) {
    if (!wanted.empty() && !wanted.erase(fixture.name)) continue;
    try {
      const auto model = fixture.construct();
      const auto path = dir / (std::string(fixture.name) + ".json");
      std::ofstream file(path);
      file << ckptcheck_truth::describe(fixture, *model).dump(1) << "\n";
      if (!file.flush()) throw std::runtime_error("cannot write " + path.string());
      // The model saved as torch::save(model, path) saves it: a checkpoint made
      // at the manifest's arguments, for the check to solve them from.
      torch::serialize::OutputArchive archive;
      model->save(archive);
      archive.save_to((dir / (std::string(fixture.name) + ".pt")).string());
      ++written;
    } catch (const std::exception& e) {
      std::cerr << fixture.name << ": " << e.what() << "\n";
      ++failures;
    }
  }
  for (const auto& name : wanted) {
    std::cerr << name << ": no such fixture\n";
    ++failures;
  }
  std::cout << "wrote " << written << " fixture listings to " << dir.string() << "\n";
  return failures == 0 ? 0 : 1;
}
