#include "name_pattern.h"

#include <cctype>
#include <charconv>

namespace ckptcheck {

std::string module_of(const std::string& name) {
  size_t dot = name.rfind('.');
  return dot == std::string::npos ? "" : name.substr(0, dot);
}

std::string leaf_of(const std::string& name) {
  size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

std::vector<std::string> enclosing_modules(const std::string& name) {
  std::vector<std::string> out;
  for (std::string path = module_of(name); !path.empty(); path = module_of(path)) out.push_back(path);
  return out;
}

std::string digit_mask(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (size_t i = 0; i < key.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(key[i]))) {
      if (out.empty() || out.back() != '#') out += '#';
    } else {
      out += key[i];
    }
  }
  return out;
}

std::optional<NamePattern> NamePattern::parse(std::string_view name) {
  NamePattern p;
  p.text_ = std::string(name);
  std::string literal;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '}') return std::nullopt;
    if (name[i] != '{') {
      literal += name[i];
      continue;
    }
    size_t close = name.find('}', i);
    if (close == std::string_view::npos) return std::nullopt;
    auto slot = DimExpr::parse(name.substr(i + 1, close - i - 1));
    if (!slot) return std::nullopt;
    p.literals_.push_back(std::move(literal));
    literal.clear();
    p.slots_.push_back(*slot);
    i = close;
  }
  p.literals_.push_back(std::move(literal));
  std::string masked;
  for (size_t k = 0; k < p.literals_.size(); ++k) {
    if (k) masked += "\x01";  // a slot: one digit run
    masked += p.literals_[k];
  }
  // Digit runs of the literals and the slots become one '#' each, merged when adjacent.
  std::string out;
  for (char c : masked) {
    bool digit = c == '\x01' || std::isdigit(static_cast<unsigned char>(c));
    if (digit) {
      if (out.empty() || out.back() != '#') out += '#';
    } else {
      out += c;
    }
  }
  p.mask_ = std::move(out);
  return p;
}

std::optional<std::vector<int64_t>> NamePattern::match(std::string_view key) const {
  std::vector<int64_t> values;
  size_t pos = 0;
  for (size_t k = 0; k < literals_.size(); ++k) {
    const std::string& lit = literals_[k];
    if (key.compare(pos, lit.size(), lit) != 0) return std::nullopt;
    pos += lit.size();
    if (k == slots_.size()) break;
    size_t start = pos;
    while (pos < key.size() && std::isdigit(static_cast<unsigned char>(key[pos]))) ++pos;
    if (pos == start || (pos - start > 1 && key[start] == '0')) return std::nullopt;  // torch writes no leading zeros
    int64_t v = 0;
    auto [end, error] = std::from_chars(key.data() + start, key.data() + pos, v);
    if (error != std::errc() || end != key.data() + pos) return std::nullopt;
    values.push_back(v);
  }
  if (pos != key.size()) return std::nullopt;
  return values;
}

std::optional<std::string> NamePattern::instantiate(const std::map<std::string, int64_t>& bindings) const {
  std::string out = literals_[0];
  for (size_t k = 0; k < slots_.size(); ++k) {
    auto v = slots_[k].evaluate(bindings);
    if (!v) return std::nullopt;
    out += std::to_string(*v) + literals_[k + 1];
  }
  return out;
}

}  // namespace ckptcheck
