#include "compile_setup.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <tuple>

#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>

#include "path_within.h"

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

// -p's compilation database, read once per process: the project layout, the
// analysis's flags and the JIT's flags all ask for it, and a large project's
// compile_commands.json takes a while to parse. Null when it cannot be read
// (not kept, so the caller can say why).
std::shared_ptr<clang::tooling::CompilationDatabase> build_dir_database(const std::string& build_dir,
                                                                        std::string& error) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<clang::tooling::CompilationDatabase>> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  std::string key = fs::absolute(build_dir).lexically_normal().string();
  if (auto it = loaded.find(key); it != loaded.end()) return it->second;
  std::shared_ptr<clang::tooling::CompilationDatabase> db =
      clang::tooling::CompilationDatabase::loadFromDirectory(build_dir, error);
  if (db) loaded.emplace(key, db);
  return db;
}

// The compile command for the analysed files from -p's compile_commands.json
// (or compile_flags.txt), as clang-tidy finds it: a file's own command first; a
// file the database does not list (a header) takes the command of the closest
// file that it lists. Unusable databases are errors, not silent defaults: the
// user asked for these flags.
clang::tooling::CompileCommand command_from_build_dir(const std::string& build_dir,
                                                     const std::vector<std::string>& files) {
  if (!fs::is_directory(build_dir)) throw std::runtime_error("-p: '" + build_dir + "' is not a directory");
  const fs::path json = fs::path(build_dir) / "compile_commands.json";
  std::string error;
  auto db = build_dir_database(build_dir, error);
  if (!db && !fs::exists(json))
    throw std::runtime_error("-p: no compile_commands.json in '" + build_dir +
                             "' (CMake writes one with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)");
  if (!db) {
    // loadFromDirectory's message lists every database kind it tried; the JSON
    // reader's own message is the one that explains what is wrong.
    clang::tooling::JSONCompilationDatabase::loadFromFile(json.string(), error,
                                                         clang::tooling::JSONCommandLineSyntax::AutoDetect);
    throw std::runtime_error("-p: '" + json.string() + "' is not a valid compilation database: " + error);
  }
  std::optional<clang::tooling::CompileCommand> inferred;
  for (const std::string& f : files)
    for (clang::tooling::CompileCommand& c : db->getCompileCommands(fs::absolute(f).string())) {
      if (c.Heuristic.empty()) return c;
      if (!inferred) inferred = std::move(c);
    }
  if (inferred) return *inferred;
  throw std::runtime_error("-p: '" + json.string() + "' has no compile command for '" + files.front() +
                           "', nor any file to take one from");
}

// `path` as an absolute, normalised path, relative ones taken from `dir`.
fs::path absolute_in(const std::string& dir, const std::string& path) {
  fs::path p(path);
  return (p.is_absolute() ? p : fs::path(dir) / p).lexically_normal();
}

// The flags of -p's command (without the compiler, the input and the
// outputs), and its directory.
std::pair<std::vector<std::string>, std::string> build_dir_flags(const AnalyzeOptions& options) {
  std::vector<std::string> args;
  const clang::tooling::CompileCommand command = command_from_build_dir(*options.build_dir, options.files);
  // As clang-tidy does: drop the outputs and dependency files, and resolve
  // relative paths in the command against its directory.
  std::vector<std::string> line = command.CommandLine;
  line = clang::tooling::getClangStripOutputAdjuster()(line, command.Filename);
  line = clang::tooling::getClangStripDependencyFileAdjuster()(line, command.Filename);
  const fs::path input = absolute_in(command.Directory, command.Filename);
  for (size_t i = 1; i < line.size(); ++i) {  // [0] is the compiler
    // The analysis compiles its own main file, which includes every file given,
    // so the command's input goes; so does a "--", after which only inputs
    // follow (an inferred command has one), or our own flags would be read as inputs.
    if (line[i] == "--") break;
    bool is_input = line[i].rfind('-', 0) != 0 && absolute_in(command.Directory, line[i]) == input;
    if (line[i] != "-c" && !is_input) args.push_back(line[i]);
  }
  return {args, command.Directory};
}

// Of a compile command, what decides how the program parses: include paths,
// macros, forced includes and the language standard.
std::vector<std::string> parsing_flags(const std::vector<std::string>& args) {
  static const char* const kWithValue[] = {"-I", "-isystem", "-iquote", "-idirafter", "-D", "-U", "-include"};
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("-std=", 0) == 0) {
      out.push_back(a);
      continue;
    }
    for (const char* flag : kWithValue) {
      std::string f = flag;
      if (a == f && i + 1 < args.size()) {
        out.push_back(a);
        out.push_back(args[++i]);
        break;
      }
      if (a.size() > f.size() && a.rfind(f, 0) == 0 && (f.size() == 2 || a[f.size()] != '-')) {
        out.push_back(a);
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> hidden_libtorch_dirs() {
  std::vector<std::string> hidden;
  std::error_code ec;
  for (const fs::path& root : libtorch_include_roots())
    for (const char* dir : {"torch", "ATen", "c10", "caffe2"})
      if (fs::is_directory(root / dir, ec)) hidden.push_back(fs::weakly_canonical(root / dir).string());
  return hidden;
}

// The directories of the -I and -iquote flags in `args`, absolute (relative
// ones from `dir`).
std::vector<std::string> include_flag_dirs(const std::vector<std::string>& args, const std::string& dir) {
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i)
    for (const std::string flag : {"-I", "-iquote"}) {
      if (args[i] == flag && i + 1 < args.size())
        out.push_back(absolute_in(dir, args[++i]).string());
      else if (args[i].size() > flag.size() && args[i].rfind(flag, 0) == 0 &&
               (flag == "-I" || args[i][flag.size()] != '-'))
        out.push_back(absolute_in(dir, args[i].substr(flag.size())).string());
      else
        continue;
      break;
    }
  return out;
}

}  // namespace

CompileSetup make_jit_setup(const AnalyzeOptions& options) {
  CompileSetup setup;
  setup.args.push_back("-I" CKPTCHECK_META_DIR);
  bool has_standard = false;
  if (options.build_dir && !options.files.empty()) {
    auto [args, dir] = build_dir_flags(options);
    for (const std::string& a : parsing_flags(args)) {
      has_standard |= a.rfind("-std=", 0) == 0;
      setup.args.push_back(a);
    }
    setup.working_dir = dir;
  }
  if (!has_standard) setup.args.push_back("-std=c++17");
  for (const std::string& a : options.extra_args) setup.args.push_back(a);
  for (const char* a : {"-O0", "-gline-tables-only", "-fno-omit-frame-pointer", "-w"}) setup.args.push_back(a);
  setup.args.push_back("-resource-dir=" CKPTCHECK_CLANG_RESOURCE_DIR);
  setup.hidden_dirs = hidden_libtorch_dirs();
  setup.torch_headers = "meta";
  return setup;
}

CompileSetup make_compile_setup(const AnalyzeOptions& options) {
  CompileSetup setup;
  if (options.build_dir && !options.files.empty()) std::tie(setup.args, setup.working_dir) = build_dir_flags(options);
  if (setup.args.empty()) setup.args = {"-std=c++17"};

  // --torch-include is relative to the current directory, not to -p's command's.
  std::string libtorch = options.torch_include == "bundled" ? std::string()
                       : !options.torch_include.empty()     ? fs::absolute(options.torch_include).string()
                                                            : find_libtorch_api_include();
  if (!libtorch.empty()) {
    setup.args.push_back("-I" + libtorch);
    fs::path root = fs::path(libtorch) / "../../../..";  // .../include, for ATen, c10, torch/csrc
    setup.args.push_back("-I" + fs::weakly_canonical(root).string());
    setup.torch_headers = "libtorch:" + libtorch;
  } else {
    if (!fs::exists(fs::path(CKPTCHECK_BUNDLED_HEADERS_DIR) / "torch/torch.h"))
      throw std::runtime_error(options.torch_include == "bundled"
                                   ? "this build has no bundled LibTorch declarations yet; give --torch-include DIR"
                                   : "LibTorch's headers were not found; give --torch-include DIR (the directory "
                                     "holding torch/torch.h) or set LIBTORCH");
    setup.args.push_back("-I" CKPTCHECK_BUNDLED_HEADERS_DIR);
    setup.torch_headers = "bundled";
    setup.hidden_dirs = hidden_libtorch_dirs();
  }
  setup.args.push_back("-resource-dir=" CKPTCHECK_CLANG_RESOURCE_DIR);
  setup.args.push_back("-fsyntax-only");
  setup.args.push_back("-w");  // model code's own warnings are not ours to report
  // Errors are reported as CK501 diagnostics; without this, Clang also prints
  // its "1 error generated." summary to stderr.
  setup.args.push_back("-fno-caret-diagnostics");
  for (const std::string& a : options.extra_args) setup.args.push_back(a);
  return setup;
}

ProjectLayout project_layout(const AnalyzeOptions& options) {
  ProjectLayout layout;
  layout.torch_dirs = hidden_libtorch_dirs();
  layout.torch_dirs.push_back(CKPTCHECK_META_DIR);
  layout.torch_dirs.push_back(CKPTCHECK_BUNDLED_HEADERS_DIR);
  if (std::string api = find_libtorch_api_include(); !api.empty()) layout.torch_dirs.push_back(api);
  std::vector<std::string> dirs = include_flag_dirs(options.extra_args, fs::current_path().string());
  if (options.build_dir && !options.files.empty()) {
    std::string error;
    if (auto db = build_dir_database(*options.build_dir, error)) {
      layout.sources = db->getAllFiles();
      try {
        auto [args, dir] = build_dir_flags(options);
        for (const std::string& d : include_flag_dirs(args, dir)) dirs.push_back(d);
      } catch (const std::runtime_error&) {
        // No command for these files: make_compile_setup says so.
      }
    }
  }
  for (const std::string& d : dirs) {
    bool torch = std::any_of(layout.torch_dirs.begin(), layout.torch_dirs.end(),
                             [&](const std::string& t) { return path_within(d, t); });
    if (!torch && d.rfind("/usr/", 0) != 0) layout.include_dirs.push_back(d);
  }
  return layout;
}

}  // namespace ckptcheck
