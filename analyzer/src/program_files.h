// The model's program: the files given (and the source that defines each
// header given alone), the files that count as the model's own code, and the
// text of a main file that includes them all, for either engine to compile.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "module_index.h"

namespace clang {
class SourceManager;
}

namespace ckptcheck {

// What the build says about the project around the given files.
struct ProjectLayout {
  std::vector<std::string> sources;       // every file -p's compile_commands.json compiles
  std::vector<std::string> include_dirs;  // the project's own -I and -iquote directories
  std::vector<std::string> torch_dirs;    // LibTorch's and meta LibTorch's headers: never the model's
};

struct ModelProgram {
  std::vector<std::string> files;  // as given, plus the sources found for headers
  analysis::UserCodeScope user_code;
  std::string source;  // #include "<absolute path>" per file
};

// A header given without its source brings in the source that defines it,
// where its constructors usually are, so that analysing the header alone gives
// the same result as both: the source of the same stem next to it (net.h ->
// net.cpp), else the build's source of that stem closest to it, else the
// closest one of the build's sources that includes it. The model's own code is
// the files' directories and the project's include directories. Throws
// std::runtime_error for a file that does not exist.
ModelProgram make_program(const std::vector<std::string>& files, const ProjectLayout& project = {});

}  // namespace ckptcheck

namespace ckptcheck {

// Every file the compiler read for the program (the model's, its includes,
// the standard library's), as absolute paths: what a cached result of the
// analysis depends on.
std::vector<std::string> files_compiled(const clang::SourceManager& sources);

}  // namespace ckptcheck
