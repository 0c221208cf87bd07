// The class header format is what torch/csrc/jit/serialization/python_print.cpp
// emits (docs/FORMATS.md §5.3): `class Name(Module):` then `__parameters__ = ["w", ]`.
#include "torchscript_code.h"

#include <set>
#include <string>

#include "ckptcheck/formats/read_error.h"
#include "reader_limits.h"

namespace ckptcheck {
namespace {

// Double-quoted string literals in a Python list literal, with \\ and \" escapes.
// `count(1)` is called for each before it is kept (it throws past the limit).
template <typename Count>
std::set<std::string, std::less<>> quoted_strings(std::string_view list, Count&& count) {
  std::set<std::string, std::less<>> out;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] != '"') continue;
    std::string s;
    for (++i; i < list.size() && list[i] != '"'; ++i) {
      if (list[i] == '\\' && i + 1 < list.size()) ++i;
      s.push_back(list[i]);
    }
    count(1);
    out.insert(std::move(s));
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string script_module_of_record(std::string_view record) {
  constexpr std::string_view kPrefix = "code/", kSuffix = ".py";
  if (record.substr(0, kPrefix.size()) != kPrefix || record.size() <= kPrefix.size() + kSuffix.size() ||
      record.substr(record.size() - kSuffix.size()) != kSuffix)
    return {};
  std::string m(record.substr(kPrefix.size(), record.size() - kPrefix.size() - kSuffix.size()));
  for (char& c : m)
    if (c == '/') c = '.';
  return m;
}

void parse_script_classes(std::string_view source, const std::string& module, const std::string& record,
                          std::map<std::string, ScriptClassMembers>& classes, size_t& declared) {
  auto count = [&](size_t more) {
    declared += more;
    if (declared > limits::kMaxTensors)
      throw ReadError(RuleId::UnreadableFile, record, ReadError::kNoOffset,
                      "code/ declares more than " + std::to_string(limits::kMaxTensors) +
                          " classes and parameter or buffer names (kMaxTensors)");
  };
  ScriptClassMembers* current = nullptr;
  size_t pos = 0;
  while (pos < source.size()) {
    size_t eol = source.find('\n', pos);
    if (eol == std::string_view::npos) eol = source.size();
    std::string_view line = source.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.substr(0, 6) == "class ") {
      size_t end = line.find_first_of("(:", 6);
      std::string name(trim(line.substr(6, end == std::string_view::npos ? std::string_view::npos : end - 6)));
      count(1);
      current = &classes[module + "." + name];
      continue;
    }
    if (!current || line.empty() || (line[0] != ' ' && line[0] != '\t')) {
      if (!line.empty() && line[0] != ' ' && line[0] != '\t') current = nullptr;
      continue;
    }
    std::string_view body = trim(line);
    auto list_after = [&](std::string_view key) -> std::string_view {
      if (body.substr(0, key.size()) != key) return {};
      std::string_view rest = trim(body.substr(key.size()));
      if (rest.empty() || rest[0] != '=') return {};
      return rest.substr(1);
    };
    if (auto l = list_after("__parameters__"); !l.empty())
      current->parameters = quoted_strings(l, count);
    else if (auto b = list_after("__buffers__"); !b.empty())
      current->buffers = quoted_strings(b, count);
  }
}

}  // namespace ckptcheck
