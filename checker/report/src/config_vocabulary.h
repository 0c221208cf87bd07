// The words a configuration is written in — rule selectors, levels, dates,
// formats, loaders — shared by the file reader, the flags and the dump.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ckptcheck/rules/catalog.h"

namespace ckptcheck::config_detail {

// The rules a selector names and how specific it is: an exact code or name
// outranks any prefix, a longer prefix outranks a shorter one.
struct Selection {
  std::vector<RuleId> rules;
  size_t specificity = 0;
};
std::optional<Selection> select_rules(std::string_view selector);
inline constexpr std::string_view kSelectorHelp =
    "use a code (CK302), a name (unexpected-key) or the start of a code (CK3); "
    "'ckptcheck rules' lists them";

// A level as written: a severity, or "off" (no severity). Not `known` when the
// text is neither.
struct Level {
  bool known = false;
  std::optional<Severity> severity;
};
Level parse_level(std::string_view text);
std::string_view level_name(std::optional<Severity> level);
inline constexpr std::string_view kLevelHelp = "error, warning, info or off";

// "YYYY-MM-DD" naming a real calendar day.
bool is_iso_date(std::string_view text);

std::span<const std::string_view> output_formats();
// The loaders MatchOptions::loader may name (the names LoaderSupport uses).
std::span<const std::string_view> loader_names();
bool is_one_of(std::string_view text, std::span<const std::string_view> allowed);
std::string join(std::span<const std::string_view> words);  // "a, b or c"

}  // namespace ckptcheck::config_detail
