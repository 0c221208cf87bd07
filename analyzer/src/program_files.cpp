#include "program_files.h"

#include <clang/Basic/FileManager.h>
#include <clang/Basic/SourceManager.h>

#include <filesystem>
#include <stdexcept>

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> with_sibling_sources(const std::vector<std::string>& files) {
  static const std::set<std::string> kHeaders = {".h", ".hh", ".hpp", ".hxx", ".h++"};
  static const char* const kSources[] = {".cpp", ".cc", ".cxx", ".c++"};
  std::set<fs::path> given;
  for (const std::string& f : files) {
    if (!fs::exists(f)) throw std::runtime_error("cannot open '" + f + "'");
    // Checked before Clang opens it: opening a FIFO blocks, a device never ends.
    if (!fs::is_regular_file(f))
      throw std::runtime_error("'" + f + "' is not a regular file (a directory, FIFO, device or socket)");
    given.insert(fs::weakly_canonical(fs::absolute(f)));
  }
  std::vector<std::string> out;
  for (const std::string& f : files) {
    out.push_back(f);
    if (!kHeaders.count(fs::path(f).extension().string())) continue;
    for (const char* ext : kSources) {
      fs::path source = fs::path(f).replace_extension(ext);
      if (!fs::is_regular_file(source)) continue;
      if (given.insert(fs::weakly_canonical(fs::absolute(source))).second) out.push_back(source.string());
      break;
    }
  }
  return out;
}

}  // namespace

ModelProgram make_program(const std::vector<std::string>& files) {
  if (files.empty()) throw std::runtime_error("no source files to analyse");
  ModelProgram program;
  program.files = with_sibling_sources(files);
  for (const std::string& f : program.files) {
    fs::path p = fs::weakly_canonical(fs::absolute(f));
    program.user_dirs.insert(p.parent_path().string());
    program.source += "#include \"" + p.string() + "\"\n";
  }
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
