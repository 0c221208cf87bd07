// The analyzer's result cache: a ModelSpec analysed once is not analysed again
// while nothing it depends on has changed.
//
// An entry is found by a key made of the request (the analyzer's arguments and
// working directory) and of the analyzer as built (its executable and
// precompiled meta LibTorch). The entry lists every file the analysis read,
// each with its size, modification time and SHA-256, and is used only while
// each still has that content, as ccache's direct mode does. Lookups happen in
// the `ckptcheck` process, which does not load Clang, so a warm analysis costs
// the reading of a few files; entries are stored by ckptcheck-analyze, which
// knows what the compiler read.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ckptcheck {

// What an analysis printed on stdout, and how it exited.
struct CachedResult {
  int exit_code = 0;
  std::string output;
};

class SpecCache {
 public:
  // $XDG_CACHE_HOME/ckptcheck, else $HOME/.cache/ckptcheck; nullopt when
  // neither variable is set.
  static std::optional<std::string> default_directory();

  // tool_dir: the directory of ckptcheck-analyze, whose build is part of
  // every key.
  SpecCache(std::string directory, std::string tool_dir);

  // The key of an analysis run with these arguments (ckptcheck-analyze's,
  // without the program name) in the current working directory.
  std::string key_for(const std::vector<std::string>& arguments) const;
  // The key of one request to a serving analyzer whose own key is `key`.
  static std::string request_key(const std::string& key, const std::string& request);

  // The entry, if there is one and every file it depends on is unchanged.
  std::optional<CachedResult> find(const std::string& key) const;
  // Stores an entry atomically (a temporary file renamed into place). Best
  // effort: a cache that cannot be written is no error. Not stored when a
  // dependency changed after `analysis_started` (seconds since the epoch), as
  // the result might describe the content from before. Then the least
  // recently used entries are removed while the cache is over its bound
  // ($CKPTCHECK_CACHE_SIZE_MB, default 256).
  void store(const std::string& key, const CachedResult& result, const std::vector<std::string>& dependencies,
             double analysis_started) const;

  const std::string& directory() const { return directory_; }

 private:
  std::string entry_path(const std::string& key) const;
  void evict_beyond_bound(const std::string& keep) const;

  std::string directory_;
  std::string tool_identity_;
};

}  // namespace ckptcheck
