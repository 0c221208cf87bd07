#include "finding_fold.h"

#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

#include "name_pattern.h"

namespace ckptcheck {
namespace {

std::string replace_all(std::string text, const std::string& what, const std::string& with) {
  if (what.empty()) return text;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
  return text;
}

// The digit runs of a key, in order.
std::vector<std::string> numbers_in(const std::string& key) {
  std::vector<std::string> out;
  for (size_t i = 0; i < key.size();) {
    if (!std::isdigit(static_cast<unsigned char>(key[i]))) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < key.size() && std::isdigit(static_cast<unsigned char>(key[i]))) ++i;
    out.push_back(key.substr(start, i - start));
  }
  return out;
}

// "{0..11}" for a run without gaps, else "{0,2,5}".
std::string range_text(const std::set<long long>& values) {
  bool contiguous = *values.rbegin() - *values.begin() + 1 == static_cast<long long>(values.size());
  if (contiguous) return "{" + std::to_string(*values.begin()) + ".." + std::to_string(*values.rbegin()) + "}";
  std::string s = "{";
  for (long long v : values) s += (s.size() > 1 ? "," : "") + std::to_string(v);
  return s + "}";
}

std::string folded_key(const std::vector<const Diagnostic*>& members) {
  const std::string& first = members.front()->key;
  std::vector<std::set<long long>> values(numbers_in(first).size());
  for (const Diagnostic* f : members) {
    std::vector<std::string> n = numbers_in(f->key);
    for (size_t k = 0; k < n.size() && k < values.size(); ++k) values[k].insert(n[k].size() > 15 ? -1 : std::stoll(n[k]));
  }
  std::string out;
  size_t k = 0;
  for (size_t i = 0; i < first.size();) {
    if (!std::isdigit(static_cast<unsigned char>(first[i]))) {
      out += first[i++];
      continue;
    }
    size_t start = i;
    while (i < first.size() && std::isdigit(static_cast<unsigned char>(first[i]))) ++i;
    out += values[k].size() > 1 ? range_text(values[k]) : first.substr(start, i - start);
    ++k;
  }
  return out;
}

}  // namespace

void fold_repeated_findings(std::vector<Diagnostic>& findings, size_t first) {
  std::unordered_map<std::string, std::vector<size_t>> groups;
  std::vector<std::string> order;
  for (size_t i = first; i < findings.size(); ++i) {
    const Diagnostic& f = findings[i];
    if (f.key.empty()) continue;
    std::string id = std::to_string(static_cast<int>(f.rule)) + "|" + std::to_string(static_cast<int>(f.severity)) + "|" +
                     digit_mask(f.key) + "|" + f.expected.dump() + "|" + f.actual.dump() + "|" +
                     replace_all(f.message, f.key, "\x01");
    auto [it, fresh] = groups.try_emplace(id);
    if (fresh) order.push_back(id);
    it->second.push_back(i);
  }
  std::vector<bool> drop(findings.size(), false);
  for (const std::string& id : order) {
    const std::vector<size_t>& members = groups[id];
    if (members.size() < 2) continue;
    std::vector<const Diagnostic*> list;
    for (size_t i : members) list.push_back(&findings[i]);
    Diagnostic& head = findings[members.front()];
    std::string key = folded_key(list);
    head.message = replace_all(head.message, head.key, key);
    for (std::string& note : head.notes) note = replace_all(note, head.key, key);
    head.fix = replace_all(head.fix, head.key, key);
    head.notes.push_back("the same for " + std::to_string(members.size()) + " entries of a repeated layer");
    std::string first_key = head.key;
    head.key = key;
    std::vector<std::string> keys;
    for (size_t i : members) {
      const Diagnostic& f = findings[i];
      if (f.keys.empty()) keys.push_back(i == members.front() ? first_key : f.key);
      keys.insert(keys.end(), f.keys.begin(), f.keys.end());
    }
    head.keys = std::move(keys);
    for (size_t k = 1; k < members.size(); ++k) drop[members[k]] = true;
  }
  size_t out = first;
  for (size_t i = first; i < findings.size(); ++i)
    if (!drop[i]) {
      if (out != i) findings[out] = std::move(findings[i]);
      ++out;
    }
  findings.resize(out);
}

}  // namespace ckptcheck
