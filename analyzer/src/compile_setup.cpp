#include "compile_setup.h"

#include <cstdlib>
#include <filesystem>
#include <memory>

#include <clang/Tooling/CompilationDatabase.h>

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

// include/ directories of a pip-installed torch: <prefix>/lib/python3.*/{site,dist}-packages/torch/include.
std::vector<fs::path> pip_torch_includes() {
  std::vector<fs::path> prefixes = {"/usr/local", "/usr"};
  if (const char* venv = std::getenv("VIRTUAL_ENV")) prefixes.insert(prefixes.begin(), venv);
  if (const char* conda = std::getenv("CONDA_PREFIX")) prefixes.insert(prefixes.begin(), conda);
  if (const char* home = std::getenv("HOME")) prefixes.push_back(fs::path(home) / ".local");
  std::vector<fs::path> out;
  std::error_code ec;
  for (const fs::path& prefix : prefixes) {
    fs::path lib = prefix / "lib";
    if (!fs::is_directory(lib, ec)) continue;
    for (const auto& entry : fs::directory_iterator(lib, ec)) {
      if (entry.path().filename().string().rfind("python3", 0) != 0) continue;
      for (const char* packages : {"site-packages", "dist-packages"})
        out.push_back(entry.path() / packages / "torch/include");
    }
    out.push_back(lib / "python3/dist-packages/torch/include");
  }
  return out;
}

// Include roots that may hold LibTorch's headers (ATen/, c10/, torch/csrc/api/include).
std::vector<fs::path> libtorch_include_roots() {
  std::vector<fs::path> roots;
  for (const char* var : {"LIBTORCH", "Torch_DIR", "TORCH_DIR"})
    if (const char* v = std::getenv(var)) {
      roots.push_back(fs::path(v) / "include");
      roots.push_back(fs::path(v) / "../../../include");  // Torch_DIR is share/cmake/Torch
    }
  for (const char* r : {"/opt/libtorch/include", "/usr/include", "/usr/local/include"}) roots.push_back(r);
  for (const fs::path& p : pip_torch_includes()) roots.push_back(p);
  return roots;
}

// The directory holding torch/torch.h of LibTorch's C++ API, if one is installed.
std::string find_libtorch_api_include() {
  std::vector<fs::path> candidates;
  for (const char* var : {"LIBTORCH", "Torch_DIR", "TORCH_DIR"})
    if (const char* v = std::getenv(var)) {
      fs::path p(v);
      candidates.push_back(p / "include/torch/csrc/api/include");
      // Torch_DIR points at share/cmake/Torch inside the installation.
      candidates.push_back(p / "../../../include/torch/csrc/api/include");
    }
  candidates.push_back("/opt/libtorch/include/torch/csrc/api/include");
  candidates.push_back("/usr/include/torch/csrc/api/include");
  candidates.push_back("/usr/local/include/torch/csrc/api/include");
  for (const fs::path& p : pip_torch_includes()) candidates.push_back(p / "torch/csrc/api/include");
  for (const fs::path& c : candidates)
    if (fs::exists(c / "torch/torch.h")) return fs::weakly_canonical(c).string();
  return {};
}

}  // namespace

CompileSetup make_compile_setup(const AnalyzeOptions& options) {
  CompileSetup setup;
  if (options.build_dir && !options.files.empty()) {
    std::string error;
    auto db = clang::tooling::CompilationDatabase::loadFromDirectory(*options.build_dir, error);
    if (!db) throw std::runtime_error("cannot read compile_commands.json in '" + *options.build_dir + "': " + error);
    auto commands = db->getCompileCommands(fs::absolute(options.files.front()).string());
    if (!commands.empty()) {
      // Keep the flags, drop the compiler, the input and the output.
      const auto& line = commands.front().CommandLine;
      for (size_t i = 1; i < line.size(); ++i) {
        if (line[i] == "-o" || line[i] == "-c") { i += line[i] == "-o"; continue; }
        if (line[i] == commands.front().Filename) continue;
        setup.args.push_back(line[i]);
      }
    }
  }
  if (setup.args.empty()) setup.args = {"-std=c++17"};

  std::string libtorch = options.torch_include == "bundled" ? std::string()
                       : !options.torch_include.empty()     ? options.torch_include
                                                            : find_libtorch_api_include();
  if (!libtorch.empty()) {
    setup.args.push_back("-I" + libtorch);
    fs::path root = fs::path(libtorch) / "../../../..";  // .../include, for ATen, c10, torch/csrc
    setup.args.push_back("-I" + fs::weakly_canonical(root).string());
    setup.torch_headers = "libtorch:" + libtorch;
  } else {
    if (!fs::exists(fs::path(CKPTCHECK_STUBS_DIR) / "torch/torch.h"))
      throw std::runtime_error(options.torch_include == "bundled"
                                   ? "this build has no bundled LibTorch declarations yet; give --torch-include DIR"
                                   : "LibTorch's headers were not found; give --torch-include DIR (the directory "
                                     "holding torch/torch.h) or set LIBTORCH");
    setup.args.push_back("-I" CKPTCHECK_STUBS_DIR);
    setup.torch_headers = "bundled";
    std::error_code ec;
    for (const fs::path& root : libtorch_include_roots())
      for (const char* dir : {"torch", "ATen", "c10", "caffe2"})
        if (fs::is_directory(root / dir, ec)) setup.hidden_dirs.push_back(fs::weakly_canonical(root / dir).string());
  }
  setup.args.push_back("-resource-dir=" CKPTCHECK_CLANG_RESOURCE_DIR);
  setup.args.push_back("-fsyntax-only");
  setup.args.push_back("-w");  // model code's own warnings are not ours to report
  for (const std::string& a : options.extra_args) setup.args.push_back(a);
  return setup;
}

}  // namespace ckptcheck
