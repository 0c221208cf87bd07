// Runs LibTorch's own loaders on checkpoint files and says what each one does:
// the C++ half of the ground truth behind CK601 (tests/loaders/run_loaders.py
// runs the Python half and writes expected_loaders.json).
//
//   loader_probe FILE...
//       one JSON object per file, an array in all: for each of torch::load,
//       torch::jit::load and torch::pickle_load whether it reads the file and the
//       first line of the error it throws when it does not
//   loader_probe --load-simple FILE HIDDEN WITH_SCALE
//       torch::load(model, FILE) into a C++ twin of fixture_models.SimpleModel
//       whose hidden width is HIDDEN (the fixture's is 3), with or without its
//       `scale` buffer; prints every parameter and buffer (shape, sum) after
//       loading, so a test can tell what loaded, what was resized and what was ignored
//
// torch::load here is torch::load(std::shared_ptr<nn::Module>, path) into a module
// with nothing registered: InputArchive::load_from opens the file and Module::load
// then reads no key, so success means "LibTorch can read this file's format" and
// says nothing about keys (a module with keys reads them by name, throwing on the
// first that is missing).
#include <torch/script.h>
#include <torch/torch.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

std::string base_name(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::vector<char> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs one loader; `what` fills the detail of a successful read.
template <typename F>
json attempt(F&& load) {
  try {
    std::string detail = load();
    json r = {{"reads", true}};
    if (!detail.empty()) r["detail"] = detail;
    return r;
  } catch (const std::exception& e) {
    return {{"reads", false}, {"error", first_line(e.what())}};
  }
}

json probe(const std::string& path) {
  json loaders;
  loaders["torch::load"] = attempt([&] {
    auto empty = std::make_shared<torch::nn::Module>();
    torch::load(empty, path);
    return std::string();
  });
  loaders["torch::jit::load"] = attempt([&] {
    torch::jit::Module m = torch::jit::load(path);
    return std::string();
  });
  loaders["torch::pickle_load"] = attempt([&] {
    c10::IValue v = torch::pickle_load(read_bytes(path));
    return std::string(v.tagKind());
  });
  return {{"file", base_name(path)}, {"loaders", loaders}};
}

// fixture_models.SimpleModel in C++: fc1 Linear(4, hidden), bn BatchNorm1d(hidden),
// fc2 Linear(hidden, 2, bias=false), 0-dim buffer `scale` (optional here).
struct SimpleModelImpl : torch::nn::Module {
  SimpleModelImpl(int64_t hidden, bool with_scale) {
    fc1 = register_module("fc1", torch::nn::Linear(4, hidden));
    bn = register_module("bn", torch::nn::BatchNorm1d(hidden));
    fc2 = register_module("fc2", torch::nn::Linear(torch::nn::LinearOptions(hidden, 2).bias(false)));
    if (with_scale) scale = register_buffer("scale", torch::tensor(1.0));
  }
  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
  torch::nn::BatchNorm1d bn{nullptr};
  torch::Tensor scale;
};
TORCH_MODULE(SimpleModel);

json describe(const std::string& name, const torch::Tensor& t, const char* kind) {
  return {{"name", name}, {"kind", kind}, {"shape", t.sizes().vec()},
          {"dtype", std::string(c10::toString(t.scalar_type()))},
          {"sum", t.to(torch::kFloat64).sum().item<double>()}};
}

int load_simple(const std::string& path, int64_t hidden, bool with_scale) {
  SimpleModel model(hidden, with_scale);
  json out = {{"file", base_name(path)}};
  try {
    torch::load(model, path);
  } catch (const std::exception& e) {
    out["error"] = first_line(e.what());
  }
  json entries = json::array();
  for (const auto& p : model->named_parameters()) entries.push_back(describe(p.key(), p.value(), "parameter"));
  for (const auto& b : model->named_buffers()) entries.push_back(describe(b.key(), b.value(), "buffer"));
  out["entries"] = entries;
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 4 && args[0] == "--load-simple")
    return load_simple(args[1], std::stoll(args[2]), args[3] == "1" || args[3] == "true");
  if (args.empty() || args[0].rfind("--", 0) == 0) {
    std::cerr << "usage: loader_probe FILE... | loader_probe --load-simple FILE HIDDEN WITH_SCALE\n";
    return 2;
  }
  json all = json::array();
  for (const std::string& path : args) all.push_back(probe(path));
  std::cout << all.dump(1) << "\n";
  return 0;
}
