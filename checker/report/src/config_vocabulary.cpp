#include "config_vocabulary.h"

#include <chrono>
#include <limits>

#include "ckptcheck/match/loaders.h"

namespace ckptcheck::config_detail {
namespace {

constexpr std::string_view kFormats[] = {"text", "json", "sarif", "markdown", "gitlab"};

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int to_int(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

std::optional<Selection> select_rules(std::string_view selector) {
  if (std::optional<RuleId> exact = find_rule(selector)) return Selection{{*exact}, std::numeric_limits<size_t>::max()};
  // A prefix needs a digit: "CK" alone would quietly mean every rule.
  if (!selector.starts_with("CK") || !all_digits(selector.substr(2))) return std::nullopt;
  Selection s{{}, selector.size()};
  for (const RuleInfo& r : all_rules())
    if (r.code.starts_with(selector)) s.rules.push_back(r.id);
  if (s.rules.empty()) return std::nullopt;
  return s;
}

Level parse_level(std::string_view text) {
  if (text == "error") return {true, Severity::Error};
  if (text == "warning") return {true, Severity::Warning};
  if (text == "info") return {true, Severity::Info};
  if (text == "off") return {true, std::nullopt};
  return {};
}

std::string_view level_name(std::optional<Severity> level) { return level ? severity_name(*level) : "off"; }

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  std::string_view y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return false;
  using namespace std::chrono;
  return year_month_day{year{to_int(y)}, month{static_cast<unsigned>(to_int(m))}, day{static_cast<unsigned>(to_int(d))}}
      .ok();
}

std::span<const std::string_view> output_formats() { return kFormats; }
// The loaders of CK601's table, which the check can give a verdict for.
std::span<const std::string_view> loader_names() {
  static const std::vector<std::string_view> names(ckptcheck::loader_names().begin(), ckptcheck::loader_names().end());
  return names;
}

bool is_one_of(std::string_view text, std::span<const std::string_view> allowed) {
  for (std::string_view a : allowed)
    if (a == text) return true;
  return false;
}

std::string join(std::span<const std::string_view> words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

}  // namespace ckptcheck::config_detail
