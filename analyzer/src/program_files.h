// The model's program: the files given (and the source next to each header
// given alone), the directories that count as the model's own code, and the
// text of a main file that includes them all, for either engine to compile.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
}

namespace ckptcheck {

struct ModelProgram {
  std::vector<std::string> files;     // as given, plus sibling sources
  std::set<std::string> user_dirs;    // their directories, absolute and canonical
  std::string source;                 // #include "<absolute path>" per file
};

// A header given without its source brings in the source of the same stem
// next to it (net.h -> net.cpp), where its constructors are usually defined,
// so that analysing the header alone gives the same result as both. Throws
// std::runtime_error for a file that does not exist.
ModelProgram make_program(const std::vector<std::string>& files);

}  // namespace ckptcheck

namespace ckptcheck {

// Every file the compiler read for the program (the model's, its includes,
// the standard library's), as absolute paths: what a cached result of the
// analysis depends on.
std::vector<std::string> files_compiled(const clang::SourceManager& sources);

}  // namespace ckptcheck
