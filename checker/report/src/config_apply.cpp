// Using a loaded configuration: on the matcher's options, on a report's
// findings, and as the effective values --dump-config prints.
#include <fnmatch.h>

#include <algorithm>
#include <ctime>

#include "ckptcheck/report/config.h"
#include "config_vocabulary.h"

namespace ckptcheck {

using namespace config_detail;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// fnmatch(3) without flags: '*' and '?' also match '.' and '/', so "aux_head.*"
// covers a whole subtree and "*old/*.pt" an absolute path.
bool glob_matches(const std::string& pattern, const std::string& text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

// A pattern without '/' names a file wherever it is ("legacy_*.pt"), as in
// .gitignore; one with '/' is matched against the whole path as given.
bool checkpoint_matches(const std::string& pattern, const std::string& checkpoint) {
  if (checkpoint.empty()) return false;
  fs::path path = fs::path(checkpoint).lexically_normal();
  return glob_matches(pattern,
                      pattern.find('/') == std::string::npos ? path.filename().string() : path.generic_string());
}

bool rule_matches(const std::string& selector, RuleId rule) {
  if (selector.empty()) return true;
  std::optional<Selection> s = select_rules(selector);
  return s && std::find(s->rules.begin(), s->rules.end(), rule) != s->rules.end();
}

bool entry_matches(const IgnoreEntry& entry, const Diagnostic& finding) {
  return rule_matches(entry.rule, finding.rule) && (!entry.key || glob_matches(*entry.key, finding.key)) &&
         (!entry.checkpoint || checkpoint_matches(*entry.checkpoint, finding.checkpoint));
}

std::string origin(const IgnoreEntry& entry) { return entry.source + ": ignore[" + std::to_string(entry.index) + "]"; }

// ISO dates compare as strings; an entry expires on its date.
bool has_expired(const IgnoreEntry& entry, std::string_view today) {
  return entry.expires && std::string_view(*entry.expires) <= today;
}

// An entry can only be judged unused when it could have applied to this run.
bool could_apply(const IgnoreEntry& entry, const Report& report) {
  if (!entry.checkpoint) return true;
  for (const CheckedFile& f : report.checkpoints)
    if (checkpoint_matches(*entry.checkpoint, f.file)) return true;
  return false;
}

json optional_json(const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); }

json ignore_entry_json(const IgnoreEntry& entry) {
  json j = json::object();
  if (!entry.rule.empty()) j["rule"] = entry.rule;
  if (entry.key) j["key"] = *entry.key;
  if (entry.checkpoint) j["checkpoint"] = *entry.checkpoint;
  j["reason"] = entry.reason;
  if (entry.expires) j["expires"] = *entry.expires;
  return j;
}

}  // namespace

std::optional<Severity> effective_severity(const Config& config, RuleId rule) {
  auto it = config.rules.find(rule);
  return it != config.rules.end() ? it->second.severity : std::optional<Severity>(rule_info(rule).default_severity);
}

void fill_match_options(const Config& config, MatchOptions& options) {
  options.renames.clear();
  for (const auto& [from, to] : config.renames) options.renames[from] = to.value;
  options.strip_prefix = config.strip_prefix.value;
  options.add_prefix = config.add_prefix.value;
  options.loader = config.loader.value.value_or("");
}

std::vector<std::string> apply_config(const Config& config, Report& report, std::string_view today) {
  std::vector<bool> used(config.ignore.size(), false);
  std::vector<Diagnostic> kept;
  for (Diagnostic& finding : report.findings) {
    // Only a configured rule changes severity: the matcher may have chosen
    // another than the default on purpose (CK402 narrowing is an error).
    if (auto it = config.rules.find(finding.rule); it != config.rules.end()) {
      if (!it->second.severity) {
        ++report.suppressed;
        continue;
      }
      finding.severity = *it->second.severity;
    }
    bool hidden = false;
    std::vector<std::string> expired_notes;
    for (size_t i = 0; i < config.ignore.size(); ++i) {
      const IgnoreEntry& entry = config.ignore[i];
      if (!entry_matches(entry, finding)) continue;
      used[i] = true;
      if (has_expired(entry, today))
        expired_notes.push_back("the ignore entry " + origin(entry) + " expired on " + *entry.expires +
                                " (reason: " + entry.reason + ")");
      else
        hidden = true;
    }
    if (hidden) {
      ++report.suppressed;
      continue;
    }
    finding.notes.insert(finding.notes.end(), expired_notes.begin(), expired_notes.end());
    kept.push_back(std::move(finding));
  }
  report.findings = std::move(kept);

  std::vector<std::string> unused;
  for (size_t i = 0; i < config.ignore.size(); ++i)
    if (!used[i] && could_apply(config.ignore[i], report))
      unused.push_back(origin(config.ignore[i]) + ": matched no finding; remove it if what it hid is fixed");
  return unused;
}

// A project model as the configuration file gives it (ProjectModel).
static json model_json(const ProjectModel& m) {
  json out = {{"name", m.name}, {"checkpoints", m.checkpoints}};
  if (!m.sources.empty()) out["sources"] = m.sources;
  if (m.spec) out["spec"] = *m.spec;
  if (m.build_dir) out["build_dir"] = *m.build_dir;
  if (m.root_class) out["class"] = *m.root_class;
  if (m.construct) out["construct"] = *m.construct;
  if (!m.args.empty()) {
    json args = json::object();
    for (const std::string& a : m.args) {
      size_t eq = a.find('=');
      args[a.substr(0, eq)] = json::parse(a.substr(eq + 1));
    }
    out["args"] = args;
  }
  if (!m.compiler_args.empty()) out["compiler_args"] = m.compiler_args;
  if (m.loader) out["loader"] = *m.loader;
  if (m.key) out["key"] = *m.key;
  if (m.no_exec) out["no_exec"] = true;
  return out;
}

json effective_config_json(const Config& config) {
  json rules = json::object(), rule_sources = json::object();
  for (const RuleInfo& r : all_rules()) {
    std::string code(r.code);
    rules[code] = level_name(effective_severity(config, r.id));
    auto it = config.rules.find(r.id);
    rule_sources[code] = it != config.rules.end() ? it->second.source : "default";
  }
  json ignore = json::array(), ignore_sources = json::array();
  for (const IgnoreEntry& entry : config.ignore) {
    ignore.push_back(ignore_entry_json(entry));
    ignore_sources.push_back(entry.source);
  }
  json renames = json::object(), rename_sources = json::object();
  for (const auto& [from, to] : config.renames) {
    renames[from] = to.value;
    rename_sources[from] = to.source;
  }
  json models = json::array();
  for (const ProjectModel& m : config.models) models.push_back(model_json(m));
  return json{
      {"schema", kConfigSchema},
      {"config_file", config.file ? json(config.file->string()) : json(nullptr)},
      {"effective",
       {{"rules", rules},
        {"ignore", ignore},
        {"renames", renames},
        {"strip_prefix", optional_json(config.strip_prefix.value)},
        {"add_prefix", optional_json(config.add_prefix.value)},
        {"loader", optional_json(config.loader.value)},
        {"warnings_as_errors", config.warnings_as_errors.value},
        {"format", config.format.value},
        {"baseline", optional_json(config.baseline.value)},
        {"models", models}}},
      {"sources",
       {{"rules", rule_sources},
        {"ignore", ignore_sources},
        {"renames", rename_sources},
        {"strip_prefix", config.strip_prefix.source},
        {"add_prefix", config.add_prefix.source},
        {"loader", config.loader.source},
        {"warnings_as_errors", config.warnings_as_errors.source},
        {"format", config.format.source},
        {"baseline", config.baseline.source},
        {"models", config.models.empty() ? "default" : config.file->string()}}},
  };
}

std::string today_local_date() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

}  // namespace ckptcheck
