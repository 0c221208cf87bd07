#include "spec_cache.h"

#include "sha256.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

// Bumped when the entry format or the meaning of a key changes.
constexpr int kFormat = 1;

struct FileState {
  long long size = -1;
  long long mtime_ns = 0;
};

std::optional<FileState> state_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileState{static_cast<long long>(st.st_size),
                   static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
}

// The cache's bound: $CKPTCHECK_CACHE_SIZE_MB (MiB, fractions allowed), else
// 256 MiB, some thousands of analyses.
uintmax_t size_limit() {
  constexpr double kDefaultMiB = 256;
  double mib = kDefaultMiB;
  if (const char* given = std::getenv("CKPTCHECK_CACHE_SIZE_MB")) {
    char* end = nullptr;
    double v = std::strtod(given, &end);
    if (end != given && *end == '\0' && v >= 0) mib = v;
  }
  return static_cast<uintmax_t>(mib * 1024 * 1024);
}

std::string current_directory() {
  std::error_code ec;
  return fs::current_path(ec).string();
}

}  // namespace

std::optional<std::string> SpecCache::default_directory() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg == '/') return std::string(xdg) + "/ckptcheck";
  const char* home = std::getenv("HOME");
  if (home && *home == '/') return std::string(home) + "/.cache/ckptcheck";
  return std::nullopt;
}

SpecCache::SpecCache(std::string directory, std::string tool_dir) : directory_(std::move(directory)) {
  // The analyzer as built: a rebuild (a new meta LibTorch, a fixed engine)
  // changes sizes or times, and so every key.
  Sha256 identity;
  identity.add(std::to_string(kFormat));
  for (const char* part : {"ckptcheck-analyze", "ckptcheck-meta.pch", "ckptcheck-meta.o", "ckptcheck-meta-library.o"}) {
    auto state = state_of(tool_dir + "/" + part);
    identity.add(part).add(state ? std::to_string(state->size) + "/" + std::to_string(state->mtime_ns) : "absent");
  }
  tool_identity_ = identity.hex();
}

std::string SpecCache::key_for(const std::vector<std::string>& arguments) const {
  Sha256 key;
  key.add(tool_identity_).add(current_directory());
  for (const std::string& a : arguments) key.add(a);
  return key.hex();
}

std::string SpecCache::request_key(const std::string& key, const std::string& request) {
  return Sha256().add(key).add(request).hex();
}

std::string SpecCache::entry_path(const std::string& key) const {
  return directory_ + "/" + key.substr(0, 2) + "/" + key.substr(2) + ".json";
}

std::optional<CachedResult> SpecCache::find(const std::string& key) const {
  std::ifstream in(entry_path(key), std::ios::binary);
  if (!in) return std::nullopt;
  nlohmann::json entry = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!entry.is_object() || entry.value("format", 0) != kFormat || !entry.contains("dependencies") ||
      !entry["dependencies"].is_array() || !entry.contains("output") || !entry["output"].is_string())
    return std::nullopt;
  for (const nlohmann::json& d : entry["dependencies"]) {
    if (!d.is_array() || d.size() != 4 || !d[0].is_string() || !d[3].is_string()) return std::nullopt;
    std::string path = d[0].get<std::string>();
    auto state = state_of(path);
    if (!state) return std::nullopt;
    if (d[1] == state->size && d[2] == state->mtime_ns) continue;
    // Touched (a checkout, a build) but perhaps not changed: the content decides.
    if (state->size != d[1] || file_sha256(path) != d[3].get<std::string>()) return std::nullopt;
  }
  // Marks it used: the bound evicts the least recently used entries first.
  std::error_code ec;
  fs::last_write_time(entry_path(key), fs::file_time_type::clock::now(), ec);
  return CachedResult{entry.value("exit_code", 0), entry["output"].get<std::string>()};
}

void SpecCache::evict_beyond_bound(const std::string& keep) const {
  struct Entry {
    fs::path path;
    uintmax_t size;
    fs::file_time_type used;
  };
  std::vector<Entry> entries;
  uintmax_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(directory_, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".json") continue;
    Entry e{it->path(), it->file_size(ec), it->last_write_time(ec)};
    if (ec) continue;
    total += e.size;
    entries.push_back(std::move(e));
  }
  uintmax_t limit = size_limit();
  if (total <= limit) return;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (const Entry& e : entries) {
    if (total <= limit) break;
    if (e.path == keep || !fs::remove(e.path, ec)) continue;
    total -= e.size;
  }
}

void SpecCache::store(const std::string& key, const CachedResult& result, const std::vector<std::string>& dependencies,
                      double analysis_started) const {
  nlohmann::json deps = nlohmann::json::array();
  std::error_code ec;
  for (const std::string& file : dependencies) {
    std::string path = fs::absolute(file, ec).lexically_normal().string();
    auto state = state_of(path);
    if (!state) return;  // gone already: nothing to validate a later lookup with
    if (static_cast<double>(state->mtime_ns) / 1e9 >= analysis_started) return;  // changed while being analysed
    auto hash = file_sha256(path);
    if (!hash) return;
    deps.push_back({path, state->size, state->mtime_ns, *hash});
  }
  nlohmann::json entry{{"format", kFormat}, {"exit_code", result.exit_code}, {"output", result.output}, {"dependencies", deps}};
  std::string path = entry_path(key);
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return;
  std::string temporary = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!out.flush()) {
      fs::remove(temporary, ec);
      return;
    }
  }
  fs::rename(temporary, path, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return;
  }
  evict_beyond_bound(path);
}

}  // namespace ckptcheck
