#include "program_files.h"

#include <clang/Basic/FileManager.h>
#include <clang/Basic/SourceManager.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <stdexcept>

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

bool is_header(const fs::path& f) {
  static const std::set<std::string> kHeaders = {".h", ".hh", ".hpp", ".hxx", ".h++"};
  return kHeaders.count(f.extension().string()) > 0;
}

const char* const kSourceExtensions[] = {".cpp", ".cc", ".cxx", ".c++"};

fs::path absolute_canonical(const fs::path& f) { return fs::weakly_canonical(fs::absolute(f)); }

// How many leading directories two files share: the source "closest" to a
// header is the one in the same subtree (src/net/ for include/net/).
size_t shared_directories(const fs::path& a, const fs::path& b) {
  const fs::path da = a.parent_path(), db = b.parent_path();
  size_t n = 0;
  for (auto i = da.begin(), j = db.begin(); i != da.end() && j != db.end() && *i == *j; ++i, ++j) ++n;
  return n;
}

// Whether `source` #includes `header` by a path that ends it ("net/net.h" or
// "net.h" for include/net/net.h). Reads at most the first 256 KiB: includes
// come first, and a generated source can be huge.
bool includes(const fs::path& source, const fs::path& header) {
  std::ifstream in(source);
  const std::string target = header.generic_string();
  std::string line;
  size_t read = 0;
  while (read < (256u << 10) && std::getline(in, line)) {
    read += line.size() + 1;
    size_t i = line.find_first_not_of(" \t");
    if (i == std::string::npos || line[i] != '#') continue;
    i = line.find_first_not_of(" \t", i + 1);
    if (i == std::string::npos || line.compare(i, 7, "include") != 0) continue;
    size_t open = line.find_first_of("\"<", i + 7);
    if (open == std::string::npos) continue;
    size_t close = line.find(line[open] == '<' ? '>' : '"', open + 1);
    if (close == std::string::npos) continue;
    const std::string name = line.substr(open + 1, close - open - 1);
    if (target == name ||
        (target.size() > name.size() && target.compare(target.size() - name.size(), name.size(), name) == 0 &&
         target[target.size() - name.size() - 1] == '/'))
      return true;
  }
  return false;
}

// The build's source closest to `header` among those `fits` accepts.
std::optional<fs::path> closest_source(const fs::path& header, const ProjectLayout& project,
                                       const std::function<bool(const fs::path&)>& fits) {
  std::optional<fs::path> best;
  size_t best_shared = 0;
  for (const std::string& s : project.sources) {
    fs::path source = absolute_canonical(s);
    size_t shared = shared_directories(header, source);
    if ((!best || shared > best_shared) && fs::is_regular_file(source) && fits(source)) {
      best = source;
      best_shared = shared;
    }
  }
  return best;
}

// The source that defines what `header` declares (see make_program).
std::optional<fs::path> defining_source(const fs::path& header, const ProjectLayout& project) {
  for (const char* ext : kSourceExtensions)
    if (fs::path source = fs::path(header).replace_extension(ext); fs::is_regular_file(source)) return source;
  auto same_stem = [&](const fs::path& source) { return source.stem() == header.stem() && !is_header(source); };
  if (auto source = closest_source(header, project, same_stem)) return source;
  return closest_source(header, project, [&](const fs::path& source) { return includes(source, header); });
}

}  // namespace

ModelProgram make_program(const std::vector<std::string>& files, const ProjectLayout& project) {
  if (files.empty()) throw std::runtime_error("no source files to analyse");
  std::set<fs::path> given;
  for (const std::string& f : files) {
    if (!fs::exists(f)) throw std::runtime_error("cannot open '" + f + "'");
    // Checked before Clang opens it: opening a FIFO blocks, a device never ends.
    if (!fs::is_regular_file(f))
      throw std::runtime_error("'" + f + "' is not a regular file (a directory, FIFO, device or socket)");
    given.insert(absolute_canonical(f));
  }
  ModelProgram program;
  for (const std::string& f : files) {
    program.files.push_back(f);
    if (!is_header(f)) continue;
    if (auto source = defining_source(absolute_canonical(f), project);
        source && given.insert(absolute_canonical(*source)).second)
      program.files.push_back(source->string());
  }
  for (const std::string& f : program.files) {
    const fs::path p = absolute_canonical(f);
    program.user_code.dirs.insert(p.parent_path().string());
    program.source += "#include \"" + p.string() + "\"\n";
  }
  for (const std::string& dir : project.include_dirs)
    program.user_code.roots.push_back(absolute_canonical(dir).string());
  for (const std::string& dir : project.torch_dirs)
    program.user_code.excluded.push_back(absolute_canonical(dir).string());
  return program;
}

}  // namespace ckptcheck

namespace ckptcheck {

std::vector<std::string> files_compiled(const clang::SourceManager& sources) {
  std::set<std::string> files;
  std::error_code ec;
  for (auto it = sources.fileinfo_begin(); it != sources.fileinfo_end(); ++it) {
    llvm::StringRef name = it->first.getName();
    // Clang's in-memory buffers (the main file that includes the model's
    // files, each incremental part) are not on disk.
    if (name.empty() || name.starts_with("<")) continue;
    // Relative to the compile command's directory, as the compiler read it.
    llvm::SmallString<256> absolute(name);
    sources.getFileManager().makeAbsolutePath(absolute);
    std::filesystem::path path(absolute.str().str());
    if (std::filesystem::is_regular_file(path, ec)) files.insert(path.lexically_normal().string());
  }
  return {files.begin(), files.end()};
}

}  // namespace ckptcheck
