// The configuration of a check: a JSON file (.ckptcheck.json, found by walking
// up from the working directory, or --config) overlaid by command-line flags.
// It sets rule severities, ignores findings (with a reason, optionally until a
// date), and supplies renames, a prefix, the loader and output settings.
//
// Glossary
//   selector   names rules: a code ("CK302"), a name ("unexpected-key"), or the
//              start of a code with at least one digit ("CK3": every key-set rule);
//              a more specific selector wins over a broader one
//   source     where an effective value came from: the configuration file's
//              path, "flag", or "default"
//   today      the date ignore entries are compared with, "YYYY-MM-DD"; an entry
//              expires on its date (it hides nothing from that day on)
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ckptcheck/match/match.h"
#include "ckptcheck/match/report.h"
#include "ckptcheck/rules/catalog.h"

namespace ckptcheck {

inline constexpr const char* kConfigSchema = "ckptcheck/config/v1";

// Bad configuration: the message names the file (or the flag) and the JSON
// path, says what is wrong and what is allowed. The CLI exits 2 on it.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

template <typename T>
struct Sourced {
  T value{};
  std::string source = "default";
};

struct RuleSetting {
  std::optional<Severity> severity;  // none: the rule is off
  std::string source;
};

struct IgnoreEntry {
  std::string rule;                       // a selector; "" matches any rule
  std::optional<std::string> key;         // glob over Diagnostic::key; none matches any key
  std::optional<std::string> checkpoint;  // glob over Diagnostic::checkpoint; none matches any
  std::string reason;                     // never empty
  std::optional<std::string> expires;     // "YYYY-MM-DD"
  std::string source;                     // the configuration file
  size_t index = 0;                       // its position in the file's "ignore" list
};

// One model the repository guards ("models" in the configuration file): how
// to analyse it and the checkpoints or manifests it must keep loading. Bare
// `ckptcheck` checks every one. Paths are as written, relative to the
// configuration file's directory, where each model's check runs.
struct ProjectModel {
  std::string name;                        // for the summary; default: the class, else the first source's stem
  std::vector<std::string> sources;        // --model files, analysed as one program
  std::optional<std::string> spec;         // --spec: a saved ModelSpec instead of sources
  std::optional<std::string> build_dir;    // -p
  std::optional<std::string> root_class;   // --class
  std::optional<std::string> construct;    // --construct
  std::vector<std::string> args;           // --arg NAME=VALUE, VALUE a JSON literal
  std::vector<std::string> compiler_args;  // after --
  std::vector<std::string> checkpoints;    // files or glob patterns (weights/*.ckpt.json)
  std::optional<std::string> loader;       // the loader this deployment uses; overrides "loader"
  std::optional<std::string> key;          // --key
  bool no_exec = false;                    // --no-exec
};

struct Config {
  std::optional<std::filesystem::path> file;  // the configuration file read, if any
  std::map<RuleId, RuleSetting> rules;        // only the rules the file or flags set
  std::vector<IgnoreEntry> ignore;
  std::map<std::string, Sourced<std::string>> renames;  // checkpoint name or prefix -> the code's
  Sourced<std::optional<std::string>> strip_prefix;
  Sourced<std::optional<std::string>> add_prefix;
  Sourced<std::optional<std::string>> loader;  // none: found in the sources
  Sourced<bool> warnings_as_errors{false};
  Sourced<std::string> format{"text"};
  // The baseline file (ckptcheck/report/baseline.h); a path in the file is
  // relative to the file's directory. None: no baseline.
  Sourced<std::optional<std::string>> baseline;
  std::vector<ProjectModel> models;  // empty: the configuration guards no model by itself
};

// The command-line flags that override the file. Raw strings, so that one place
// parses and reports them.
struct ConfigFlags {
  std::vector<std::string> severity;  // repeatable --severity SELECTOR=error|warning|info|off
  std::vector<std::string> disable;   // repeatable --disable SELECTOR (the same as SELECTOR=off)
  std::optional<std::string> strip_prefix;
  std::optional<std::string> add_prefix;
  std::optional<std::string> loader;
  std::optional<bool> warnings_as_errors;
  std::optional<std::string> format;
  std::optional<std::string> baseline;
};

// The first .ckptcheck.json (or ckptcheck.json) in `start` or one of its
// parents, up to the filesystem root; none when there is none.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start);

// Reads and validates a configuration file. Throws ConfigError.
Config load_config(const std::filesystem::path& file);

// The configuration a run uses: the --config file when given (a missing one is
// an error), else the file found from `start`, else the defaults; then the
// flags on top. Throws ConfigError.
Config resolve_config(const std::optional<std::filesystem::path>& config_flag, const std::filesystem::path& start,
                      const ConfigFlags& flags);

// Overlays the flags on `config`; every flag given wins over the file. Among the
// rule flags, a more specific selector wins, then the later one (--disable
// after --severity). A prefix flag replaces both prefix settings. Throws ConfigError.
void apply_flag_overrides(Config& config, const ConfigFlags& flags);

// The rule's severity after the configuration; none when it is off.
std::optional<Severity> effective_severity(const Config& config, RuleId rule);

// Renames, prefixes and loader into the matcher's options.
void fill_match_options(const Config& config, MatchOptions& options);

// Every effective value, defaults included, and where each came from
// (--dump-config). `effective` is itself a valid configuration file.
nlohmann::json effective_config_json(const Config& config);

// Applies severities (off removes findings) and ignore entries to the report.
// A finding matched by an unexpired entry is dropped; one matched only by
// expired entries stays, with a note per entry. Returns one message per ignore
// entry that matched no finding although its checkpoint pattern (if any) named
// a checked file: the CLI prints each as a warning line.
std::vector<std::string> apply_config(const Config& config, Report& report, std::string_view today);

// Today's local date, "YYYY-MM-DD".
std::string today_local_date();

}  // namespace ckptcheck
