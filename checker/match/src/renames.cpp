#include "renames.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "name_pattern.h"

namespace ckptcheck {
namespace {

// Below this, two names share too little to call one a rename of the other.
constexpr double kMinSimilarity = 0.3;
// Candidates looked at per missing entry: many equal shapes are no evidence.
constexpr size_t kMaxCandidates = 64;


// Words of a name: split at '.', '_' and between letters and digits.
std::set<std::string> tokens(const std::string& name) {
  std::set<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.insert(word);
    word.clear();
  };
  for (char c : name) {
    if (c == '.' || c == '_') {
      flush();
      continue;
    }
    if (!word.empty() && (std::isdigit(static_cast<unsigned char>(c)) != 0) != (std::isdigit(static_cast<unsigned char>(word.back())) != 0))
      flush();
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  flush();
  return out;
}

double similarity(const std::string& a, const std::string& b) {
  std::set<std::string> ta = tokens(a), tb = tokens(b);
  size_t common = 0;
  for (const std::string& t : ta) common += tb.count(t);
  size_t all = ta.size() + tb.size() - common;
  return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

std::string shape_key(const std::vector<int64_t>& s) {
  std::string out;
  for (int64_t d : s) out += std::to_string(d) + ",";
  return out;
}

// A module's entries: "leaf:shape:dtype;" sorted, so equal modules compare equal.
struct Module {
  std::string path;
  std::vector<size_t> members;  // indices into the side
  std::string signature;
};

std::vector<Module> modules_of(const std::vector<RenameSide>& side, const std::vector<bool>& taken) {
  std::vector<Module> out;
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < side.size(); ++i) {
    if (taken[i]) continue;
    std::string parent = module_of(side[i].name);
    auto [it, fresh] = index.emplace(parent, out.size());
    if (fresh) out.push_back(Module{parent, {}, ""});
    out[it->second].members.push_back(i);
  }
  for (Module& m : out) {
    std::vector<std::string> parts;
    for (size_t i : m.members) parts.push_back(leaf_of(side[i].name) + ":" + shape_key(side[i].shape) + ":" + side[i].dtype);
    std::sort(parts.begin(), parts.end());
    for (const std::string& p : parts) m.signature += p + ";";
  }
  return out;
}

// The rule that turns `file` into `code`: the parts before their longest common tail of segments.
std::pair<std::string, std::string> rule_for(const std::string& file, const std::string& code) {
  size_t f = file.size(), c = code.size();
  size_t tail = 0;  // length of the common tail that starts at a segment boundary
  while (f > 0 && c > 0 && file[f - 1] == code[c - 1]) {
    --f;
    --c;
    // A tail starting at an index ("0.weight") would turn "features.0.0." into
    // "features.": correct but unreadable; module paths read better.
    if (file[f] == '.' && !std::isdigit(static_cast<unsigned char>(file[f + 1]))) tail = file.size() - f - 1;
  }
  if (f == 0 && c == 0) tail = file.size();
  return {file.substr(0, file.size() - tail), code.substr(0, code.size() - tail)};
}

// What is paired so far: (missing, unexpected) indices, and which are taken.
struct Pairing {
  const std::vector<RenameSide>& missing;
  const std::vector<RenameSide>& unexpected;
  std::vector<bool> missing_taken, unexpected_taken;
  std::vector<RenamePair> pairs;

  Pairing(const std::vector<RenameSide>& m, const std::vector<RenameSide>& u)
      : missing(m), unexpected(u), missing_taken(m.size(), false), unexpected_taken(u.size(), false) {}

  void take(size_t i, size_t j) {
    pairs.push_back({i, j});
    missing_taken[i] = unexpected_taken[j] = true;
  }
};

// Whole modules: same entries, same shapes. Several alike pair in order.
void pair_whole_modules(Pairing& p) {
  std::vector<Module> code_modules = modules_of(p.missing, p.missing_taken);
  std::vector<Module> file_modules = modules_of(p.unexpected, p.unexpected_taken);
  std::map<std::string, std::vector<const Module*>> code_by_signature, file_by_signature;
  for (const Module& m : code_modules) code_by_signature[m.signature].push_back(&m);
  for (const Module& m : file_modules) file_by_signature[m.signature].push_back(&m);
  auto pair_modules = [&](const Module& code, const Module& file) {
    for (size_t i : code.members)
      for (size_t j : file.members)
        if (!p.unexpected_taken[j] && leaf_of(p.unexpected[j].name) == leaf_of(p.missing[i].name)) {
          p.take(i, j);
          break;
        }
  };
  for (auto& [signature, code_list] : code_by_signature) {
    auto it = file_by_signature.find(signature);
    if (it == file_by_signature.end()) continue;
    std::vector<const Module*>& file_list = it->second;
    if (code_list.size() == file_list.size()) {
      for (size_t k = 0; k < code_list.size(); ++k) pair_modules(*code_list[k], *file_list[k]);
      continue;
    }
    // Unequal counts: the most similar path among the first few unused
    // candidates (looking at all of them would be quadratic in the modules).
    std::set<const Module*> used;
    for (const Module* code : code_list) {
      const Module* best = nullptr;
      double best_score = kMinSimilarity;
      size_t looked = 0;
      for (const Module* file : file_list) {
        if (used.count(file)) continue;
        if (++looked > kMaxCandidates) break;
        double score = similarity(code->path, file->path);
        if (score >= best_score) {
          best_score = score;
          best = file;
        }
      }
      if (best) {
        used.insert(best);
        pair_modules(*code, *best);
      }
    }
  }
}

// Single entries: same shape and dtype, the most similar name, when it is
// clearly the most similar. Candidates come from a bucket of equal shapes, so
// this stays linear however many entries are left.
void pair_single_entries(Pairing& p) {
  std::unordered_map<std::string, std::vector<size_t>> file_by_shape;
  for (size_t j = 0; j < p.unexpected.size(); ++j)
    if (!p.unexpected_taken[j])
      file_by_shape[p.unexpected[j].dtype + "|" + shape_key(p.unexpected[j].shape)].push_back(j);
  for (size_t i = 0; i < p.missing.size(); ++i) {
    if (p.missing_taken[i]) continue;
    auto it = file_by_shape.find(p.missing[i].dtype + "|" + shape_key(p.missing[i].shape));
    if (it == file_by_shape.end()) continue;  // a dimension the code does not know never pairs
    size_t best = SIZE_MAX;
    double best_score = kMinSimilarity, second = 0;
    size_t looked = 0;
    for (size_t j : it->second) {
      if (p.unexpected_taken[j]) continue;
      if (++looked > kMaxCandidates) break;
      double score = similarity(p.missing[i].name, p.unexpected[j].name) +
                     (leaf_of(p.missing[i].name) == leaf_of(p.unexpected[j].name) ? 0.25 : 0.0);
      if (score > best_score) {
        second = best_score;
        best_score = score;
        best = j;
      } else if (score > second) {
        second = score;
      }
    }
    if (best != SIZE_MAX && best_score > second) {
      p.take(i, best);
    }
  }
}

// Pairs that share a rewrite of the key's start are one rule, as coarse as it
// can be without also catching checkpoint keys that are not in it.
std::vector<RenameRule> rules_of(const std::vector<RenameSide>& missing, const std::vector<RenameSide>& unexpected,
                                 const std::vector<RenamePair>& pairs) {
  std::vector<std::string> sorted_names;
  for (const RenameSide& u : unexpected) sorted_names.push_back(u.name);
  std::sort(sorted_names.begin(), sorted_names.end());
  auto captured = [&](const std::string& from) {  // keys starting with `from` are contiguous once sorted
    auto first = std::lower_bound(sorted_names.begin(), sorted_names.end(), from);
    auto last = std::partition_point(first, sorted_names.end(),
                                     [&](const std::string& k) { return k.compare(0, from.size(), from) == 0; });
    return static_cast<size_t>(last - first);
  };
  auto group = [](const std::vector<std::pair<std::pair<std::string, std::string>, RenamePair>>& keyed) {
    std::vector<RenameRule> out;
    std::map<std::pair<std::string, std::string>, size_t> index;
    for (const auto& [key, p] : keyed) {
      auto [it, fresh] = index.emplace(key, out.size());
      if (fresh) out.push_back(RenameRule{key.first, key.second, {}});
      out[it->second].pairs.push_back(p);
    }
    return out;
  };
  std::vector<std::pair<std::pair<std::string, std::string>, RenamePair>> coarse;
  for (const RenamePair& p : pairs) coarse.push_back({rule_for(unexpected[p.unexpected].name, missing[p.missing].name), p});
  std::vector<RenameRule> rules;
  for (RenameRule& r : group(coarse)) {
    if (captured(r.from) == r.pairs.size()) {
      rules.push_back(std::move(r));
      continue;
    }
    std::vector<std::pair<std::pair<std::string, std::string>, RenamePair>> fine;
    for (const RenamePair& p : r.pairs) {
      const std::string &u = unexpected[p.unexpected].name, &m = missing[p.missing].name;
      std::pair<std::string, std::string> module_rule{module_of(u) + ".", module_of(m) + "."};
      bool whole_module = leaf_of(u) == leaf_of(m) && !module_of(u).empty() && !module_of(m).empty();
      fine.push_back({whole_module ? module_rule : std::pair<std::string, std::string>{u, m}, p});
    }
    for (RenameRule& f : group(fine)) {
      if (f.from.back() != '.' || captured(f.from) == f.pairs.size()) {
        rules.push_back(std::move(f));
        continue;
      }
      for (const RenamePair& p : f.pairs) rules.push_back(RenameRule{unexpected[p.unexpected].name, missing[p.missing].name, {p}});
    }
  }
  std::sort(rules.begin(), rules.end(), [](const RenameRule& a, const RenameRule& b) {
    return a.pairs.front().missing < b.pairs.front().missing;
  });
  return rules;
}

}  // namespace

std::vector<RenameRule> find_renames(const std::vector<RenameSide>& missing,
                                     const std::vector<RenameSide>& unexpected) {
  Pairing p(missing, unexpected);
  pair_whole_modules(p);
  pair_single_entries(p);
  return rules_of(missing, unexpected, p.pairs);
}

}  // namespace ckptcheck
