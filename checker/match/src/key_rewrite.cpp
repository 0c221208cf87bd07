#include "key_rewrite.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace ckptcheck {
namespace {

// How many leading or inserted segments are tried; wrappers are shallow.
constexpr size_t kMaxDepth = 4;
// Nested wrappers (DataParallel around torch.compile) give a rewrite each.
constexpr int kMaxRewrites = 4;

// Positions just after each '.' of `key`, the first kMaxDepth of them.
std::vector<size_t> segment_ends(std::string_view key) {
  std::vector<size_t> out;
  for (size_t i = 0; i < key.size() && out.size() < kMaxDepth; ++i)
    if (key[i] == '.') out.push_back(i + 1);
  return out;
}

bool is_index(std::string_view segment) {
  return !segment.empty() && std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool apply_rewrite(const KeyRewrite& r, std::string& key) {
  if (key.compare(0, r.from.size(), r.from) != 0) return false;
  key = r.to + key.substr(r.from.size());
  return true;
}

std::vector<KeyRewrite> detect_key_rewrites(std::vector<std::string> keys,
                                            const std::function<bool(std::string_view)>& fits,
                                            const std::vector<std::string>& code_names) {
  // The code's names without their first segments: "model.fc.weight" is
  // found from "fc.weight" with the prefix "model.".
  // A suffix several names share ("weight") says nothing about which prefix: dropped.
  std::unordered_map<std::string, std::optional<std::string>> code_suffixes;
  for (const std::string& name : code_names)
    for (size_t end : segment_ends(name)) {
      auto [it, fresh] = code_suffixes.emplace(name.substr(end), name.substr(0, end));
      if (!fresh && it->second != name.substr(0, end)) it->second.reset();
    }

  std::vector<KeyRewrite> found;
  for (int round = 0; round < kMaxRewrites; ++round) {
    std::vector<std::string*> misfits;
    for (std::string& k : keys)
      if (!fits(k)) misfits.push_back(&k);
    if (misfits.empty()) break;
    std::map<std::pair<std::string, std::string>, size_t> votes;
    for (const std::string* k : misfits) {
      std::vector<size_t> ends = segment_ends(*k);
      // A run of segments removed: at the start (a prefix, nested wrappers
      // like "module._orig_mod.") or after some segments.
      for (size_t j = 0; j < ends.size(); ++j) {
        size_t start = j == 0 ? 0 : ends[j - 1];
        for (size_t k2 = j; k2 < ends.size(); ++k2) {
          // Wrappers are named attributes; a number is a container's index,
          // and dropping one is a renumbering (renames judge those by shapes).
          if (is_index(k->substr(k2 == 0 ? 0 : ends[k2 - 1], ends[k2] - (k2 == 0 ? 0 : ends[k2 - 1]) - 1))) break;
          std::string candidate = k->substr(0, start) + k->substr(ends[k2]);
          if (fits(candidate)) ++votes[{k->substr(0, ends[k2]), k->substr(0, start)}];
        }
      }
      // A prefix added.
      if (auto it = code_suffixes.find(*k); it != code_suffixes.end() && it->second) ++votes[{"", *it->second}];
    }
    if (votes.empty()) break;
    auto best = std::max_element(votes.begin(), votes.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    // One key alone is as likely a coincidence as a wrapper, unless it is all there is.
    if (best->second < 2 && misfits.size() > 1) break;
    KeyRewrite r{best->first.first, best->first.second, best->second};
    for (std::string* k : misfits) {
      std::string rewritten = *k;
      if (apply_rewrite(r, rewritten) && fits(rewritten)) *k = rewritten;
    }
    found.push_back(std::move(r));
  }
  return found;
}

}  // namespace ckptcheck
