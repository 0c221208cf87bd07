// The file system Clang sees when it compiles model code (both engines wrap
// theirs in it: analyze.cpp, exec/jit_compiler.cpp). It differs from the real
// one in two ways:
// - Some directories are hidden: installed LibTorch headers must not leak in
//   through a system include path when the analyzer compiles against meta
//   LibTorch (an unbundled <ATen/Functions.h> would mix two APIs).
// - Only regular files are opened. `#include "/dev/zero"` would be read for
//   ever and an `#include` of a FIFO blocks in open(); both are refused before
//   the open, with a message Clang shows as "cannot open file 'X': ...".
#pragma once

#include <string>
#include <system_error>
#include <vector>

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>

#include "path_within.h"

namespace ckptcheck {

class ModelFileSystem : public llvm::vfs::ProxyFileSystem {
 public:
  ModelFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs, std::vector<std::string> hidden)
      : ProxyFileSystem(std::move(fs)), hidden_(std::move(hidden)) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine& path) override {
    if (is_hidden(path)) return std::make_error_code(std::errc::no_such_file_or_directory);
    return ProxyFileSystem::status(path);
  }
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(const llvm::Twine& path) override {
    if (is_hidden(path)) return std::make_error_code(std::errc::no_such_file_or_directory);
    llvm::ErrorOr<llvm::vfs::Status> found = ProxyFileSystem::status(path);
    if (found && found->getType() != llvm::sys::fs::file_type::regular_file) return not_a_regular_file();
    return ProxyFileSystem::openFileForRead(path);
  }
  llvm::vfs::directory_iterator dir_begin(const llvm::Twine& dir, std::error_code& ec) override {
    if (is_hidden(dir)) {
      ec = std::make_error_code(std::errc::no_such_file_or_directory);
      return {};
    }
    return ProxyFileSystem::dir_begin(dir, ec);
  }

 private:
  static std::error_code not_a_regular_file() {
    struct Category : std::error_category {
      const char* name() const noexcept override { return "ckptcheck"; }
      std::string message(int) const override {
        return "not a regular file (a FIFO, device or socket); model code is read only from regular files";
      }
    };
    static const Category category;
    return {1, category};
  }
  bool is_hidden(const llvm::Twine& path) const {
    llvm::SmallString<256> p;
    path.toVector(p);
    llvm::sys::fs::make_absolute(p);
    llvm::sys::path::remove_dots(p, /*remove_dot_dot=*/true);
    llvm::StringRef s = p.str();
    for (const std::string& h : hidden_)
      if (path_within(s, h)) return true;
    return false;
  }

  std::vector<std::string> hidden_;
};

}  // namespace ckptcheck
