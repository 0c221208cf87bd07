// The real file system without some directories: installed LibTorch headers
// must not leak in through a system include path when the analyzer compiles
// against meta LibTorch (an unbundled <ATen/Functions.h> would mix two APIs).
// Both engines wrap Clang's file system in it (analyze.cpp, exec/jit_compiler.cpp).
#pragma once

#include <string>
#include <system_error>
#include <vector>

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>

namespace ckptcheck {

class HidingFileSystem : public llvm::vfs::ProxyFileSystem {
 public:
  HidingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs, std::vector<std::string> hidden)
      : ProxyFileSystem(std::move(fs)), hidden_(std::move(hidden)) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine& path) override {
    if (is_hidden(path)) return std::make_error_code(std::errc::no_such_file_or_directory);
    return ProxyFileSystem::status(path);
  }
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(const llvm::Twine& path) override {
    if (is_hidden(path)) return std::make_error_code(std::errc::no_such_file_or_directory);
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
  bool is_hidden(const llvm::Twine& path) const {
    llvm::SmallString<256> p;
    path.toVector(p);
    llvm::sys::fs::make_absolute(p);
    llvm::sys::path::remove_dots(p, /*remove_dot_dot=*/true);
    llvm::StringRef s = p.str();
    for (const std::string& h : hidden_)
      if (s.starts_with(h) && (s.size() == h.size() || s[h.size()] == '/')) return true;
    return false;
  }

  std::vector<std::string> hidden_;
};

}  // namespace ckptcheck
