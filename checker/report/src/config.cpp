// Finding, reading and validating the configuration file, and overlaying the
// flags. Validation is strict: a misspelt key or rule must not silently turn a
// gate off, so anything unknown is an error naming the file and the JSON path.
#include "ckptcheck/report/config.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <system_error>

#include "config_vocabulary.h"

namespace ckptcheck {

using namespace config_detail;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kConfigNames[] = {".ckptcheck.json", "ckptcheck.json"};

// One rule assignment before it is applied: assignments are applied from the
// broadest selector to the most specific, so the specific one wins.
struct RuleAssignment {
  Selection selection;
  std::optional<Severity> level;
};

void assign_rules(Config& config, std::vector<RuleAssignment> assignments, const std::string& source) {
  std::stable_sort(assignments.begin(), assignments.end(), [](const RuleAssignment& a, const RuleAssignment& b) {
    return a.selection.specificity < b.selection.specificity;
  });
  for (const RuleAssignment& a : assignments)
    for (RuleId id : a.selection.rules) config.rules[id] = RuleSetting{a.level, source};
}

// A member's path as users read it: rules.CK306, renames["encoder.fc."].
std::string member_path(std::string_view parent, std::string_view key) {
  bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
  std::string head = parent.empty() ? "" : std::string(parent);
  if (plain) return head.empty() ? std::string(key) : head + "." + std::string(key);
  return head + "[" + json(key).dump() + "]";
}

// Reads one file's values, failing with "FILE: PATH: what is wrong".
class FileReader {
 public:
  explicit FileReader(const fs::path& file) : file_(file.string()) {}

  [[noreturn]] void fail(std::string_view path, std::string_view what) const {
    std::string message = file_ + ": ";
    if (!path.empty()) message += std::string(path) + ": ";
    throw ConfigError(message + std::string(what));
  }

  void expect(const json& value, json::value_t type, std::string_view path, std::string_view expected) const {
    if (value.type() != type) fail(path, "expected " + std::string(expected) + ", got " + value.type_name());
  }

  const std::string& text(const json& value, std::string_view path) const {
    expect(value, json::value_t::string, path, "a string");
    const std::string& s = value.get_ref<const std::string&>();
    if (s.empty()) fail(path, "must not be empty");
    return s;
  }

  std::optional<std::string> text_or_null(const json& value, std::string_view path) const {
    if (value.is_null()) return std::nullopt;
    if (!value.is_string()) fail(path, std::string("expected a string or null, got ") + value.type_name());
    return text(value, path);
  }

  std::string choice(const json& value, std::string_view path, std::span<const std::string_view> allowed) const {
    const std::string& s = text(value, path);
    if (!is_one_of(s, allowed)) fail(path, "unknown value '" + s + "'; expected " + join(allowed));
    return s;
  }

  Selection resolve(const std::string& selector, std::string_view path) const {
    std::optional<Selection> s = select_rules(selector);
    if (!s) fail(path, "unknown rule '" + selector + "'; " + std::string(kSelectorHelp));
    return *s;
  }

  void read_rules(const json& rules, Config& config) const {
    expect(rules, json::value_t::object, "rules", "an object mapping rules to " + std::string(kLevelHelp));
    std::vector<RuleAssignment> assignments;
    std::map<RuleId, std::string> exact;  // a rule set by code and by name would be ambiguous
    for (const auto& [selector, value] : rules.items()) {
      std::string path = member_path("rules", selector);
      Selection selection = resolve(selector, path);
      if (!value.is_string()) fail(path, "expected " + std::string(kLevelHelp) + ", got " + value.type_name());
      Level level = parse_level(value.get_ref<const std::string&>());
      if (!level.known)
        fail(path, "unknown level '" + value.get<std::string>() + "'; expected " + std::string(kLevelHelp));
      if (selection.rules.size() == 1 && find_rule(selector)) {
        auto [it, fresh] = exact.emplace(selection.rules.front(), selector);
        if (!fresh) fail(path, "the rule is already set as '" + it->second + "'");
      }
      assignments.push_back({std::move(selection), level.severity});
    }
    assign_rules(config, std::move(assignments), file_);
  }

  IgnoreEntry read_ignore_entry(const json& item, size_t index) const {
    std::string path = "ignore[" + std::to_string(index) + "]";
    expect(item, json::value_t::object, path, "an object with a reason");
    IgnoreEntry entry;
    entry.source = file_;
    entry.index = index;
    for (const auto& [name, value] : item.items()) {
      std::string member = member_path(path, name);
      if (name == "rule") {
        entry.rule = text(value, member);
        resolve(entry.rule, member);
      } else if (name == "key") {
        entry.key = text(value, member);
      } else if (name == "checkpoint") {
        entry.checkpoint = text(value, member);
      } else if (name == "reason") {
        entry.reason = text(value, member);
        if (entry.reason.find_first_not_of(" \t\r\n") == std::string::npos) fail(member, "must not be blank");
      } else if (name == "expires") {
        entry.expires = text(value, member);
        if (!is_iso_date(*entry.expires)) fail(member, "'" + *entry.expires + "' is not a date; expected YYYY-MM-DD");
      } else {
        fail(member, "unknown key; expected rule, key, checkpoint, reason or expires");
      }
    }
    if (entry.reason.empty()) fail(path, "missing 'reason': say why the finding may be ignored");
    // An entry that names nothing would hide every finding: that is "off", said loudly.
    if (entry.rule.empty() && !entry.key && !entry.checkpoint)
      fail(path, "names no rule, key or checkpoint, so it would hide every finding");
    return entry;
  }

  std::vector<std::string> texts(const json& value, std::string_view path) const {
    expect(value, json::value_t::array, path, "an array of strings");
    std::vector<std::string> out;
    for (size_t i = 0; i < value.size(); ++i)
      out.push_back(text(value[i], std::string(path) + "[" + std::to_string(i) + "]"));
    return out;
  }

  ProjectModel read_model(const json& item, size_t index) const {
    std::string path = "models[" + std::to_string(index) + "]";
    expect(item, json::value_t::object, path, "an object naming a model and its checkpoints");
    ProjectModel model;
    for (const auto& [name, value] : item.items()) {
      std::string member = member_path(path, name);
      if (name == "name")
        model.name = text(value, member);
      else if (name == "sources")
        model.sources = texts(value, member);
      else if (name == "spec")
        model.spec = text(value, member);
      else if (name == "build_dir")
        model.build_dir = text(value, member);
      else if (name == "class")
        model.root_class = text(value, member);
      else if (name == "construct")
        model.construct = text(value, member);
      else if (name == "compiler_args")
        model.compiler_args = texts(value, member);
      else if (name == "checkpoints")
        model.checkpoints = texts(value, member);
      else if (name == "key")
        model.key = text(value, member);
      else if (name == "loader") {
        model.loader = text(value, member);
        if (!is_one_of(*model.loader, loader_names()))
          fail(member, "unknown loader '" + *model.loader + "'; expected " + join(loader_names()));
      } else if (name == "no_exec") {
        expect(value, json::value_t::boolean, member, "true or false");
        model.no_exec = value.get<bool>();
      } else if (name == "args") {
        expect(value, json::value_t::object, member, "an object mapping constructor parameters to values");
        for (const auto& [parameter, argument] : value.items()) {
          if (parameter.empty()) fail(member, "a parameter name must not be empty");
          model.args.push_back(parameter + "=" + argument.dump());
        }
      } else {
        fail(member,
             "unknown key; expected name, sources, spec, build_dir, class, construct, args, compiler_args, "
             "checkpoints, loader, key or no_exec");
      }
    }
    if (model.sources.empty() == !model.spec)
      fail(path, "give the model as \"sources\" (C++ files) or \"spec\" (a saved ModelSpec)");
    if (model.checkpoints.empty())
      fail(path, "missing \"checkpoints\": the files (or manifests) this model must keep loading");
    if (model.name.empty())
      model.name = model.root_class
                       ? *model.root_class
                       : fs::path(model.sources.empty() ? *model.spec : model.sources.front()).stem().string();
    return model;
  }

  void read(const json& root, Config& config) const {
    expect(root, json::value_t::object, "", "a JSON object at the top level");
    for (const auto& [name, value] : root.items()) {
      if (name == "rules") {
        read_rules(value, config);
      } else if (name == "ignore") {
        expect(value, json::value_t::array, name, "an array of objects");
        for (size_t i = 0; i < value.size(); ++i) config.ignore.push_back(read_ignore_entry(value[i], i));
      } else if (name == "renames") {
        expect(value, json::value_t::object, name, "an object mapping checkpoint names to the code's");
        for (const auto& [from, to] : value.items()) {
          std::string path = member_path(name, from);
          if (from.empty()) fail(path, "the checkpoint name must not be empty");
          config.renames[from] = {text(to, path), file_};
        }
      } else if (name == "strip_prefix") {
        config.strip_prefix = {text_or_null(value, name), file_};
      } else if (name == "add_prefix") {
        config.add_prefix = {text_or_null(value, name), file_};
      } else if (name == "loader") {
        std::optional<std::string> loader = text_or_null(value, name);
        if (loader && !is_one_of(*loader, loader_names()))
          fail(name, "unknown loader '" + *loader + "'; expected " + join(loader_names()));
        config.loader = {loader, file_};
      } else if (name == "warnings_as_errors") {
        expect(value, json::value_t::boolean, name, "true or false");
        config.warnings_as_errors = {value.get<bool>(), file_};
      } else if (name == "format") {
        config.format = {choice(value, name, output_formats()), file_};
      } else if (name == "models") {
        expect(value, json::value_t::array, name, "an array of models, each with its checkpoints");
        for (size_t i = 0; i < value.size(); ++i) config.models.push_back(read_model(value[i], i));
        std::set<std::string> names;
        for (size_t i = 0; i < config.models.size(); ++i)
          if (!names.insert(config.models[i].name).second)
            fail("models[" + std::to_string(i) + "]",
                 "the name '" + config.models[i].name + "' is taken by another model; give each a \"name\"");
      } else if (name == "baseline") {
        std::optional<std::string> baseline = text_or_null(value, name);
        if (baseline) baseline = (fs::path(file_).parent_path() / *baseline).lexically_normal().string();
        config.baseline = {baseline, file_};
      } else {
        fail(name,
             "unknown key; expected rules, ignore, renames, strip_prefix, add_prefix, loader, "
             "warnings_as_errors, format, baseline or models");
      }
    }
    if (config.strip_prefix.value && config.add_prefix.value)
      fail("add_prefix", "strip_prefix and add_prefix exclude each other; use renames to replace a prefix");
  }

 private:
  std::string file_;
};

// nlohmann's messages start with "[json.exception.parse_error.101] "; users need the rest.
std::string without_exception_tag(const std::string& what) {
  size_t end = what.find("] ");
  return what.starts_with("[json.exception.") && end != std::string::npos ? what.substr(end + 2) : what;
}

// --severity and --disable values: "SELECTOR=LEVEL" and "SELECTOR".
RuleAssignment parse_rule_flag(const std::string& value, bool disable) {
  std::string flag = disable ? "--disable" : "--severity";
  auto fail = [&](const std::string& what) -> ConfigError { return ConfigError(flag + " '" + value + "': " + what); };
  std::string selector = value;
  std::optional<Severity> level;
  if (!disable) {
    size_t eq = value.find('=');
    if (eq == std::string::npos) throw fail("expected RULE=LEVEL, such as CK402=error");
    selector = value.substr(0, eq);
    Level parsed = parse_level(std::string_view(value).substr(eq + 1));
    if (!parsed.known) throw fail("unknown level '" + value.substr(eq + 1) + "'; expected " + std::string(kLevelHelp));
    level = parsed.severity;
  }
  std::optional<Selection> selection = select_rules(selector);
  if (!selection) throw fail("unknown rule '" + selector + "'; " + std::string(kSelectorHelp));
  return {std::move(*selection), level};
}

std::optional<std::string> non_empty_flag(const std::optional<std::string>& value, std::string_view flag) {
  if (value && value->empty()) throw ConfigError(std::string(flag) + ": the prefix must not be empty");
  return value;
}

}  // namespace

std::optional<fs::path> find_config_file(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  for (dir = dir.lexically_normal();; dir = dir.parent_path()) {
    for (const char* name : kConfigNames) {
      fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) return candidate;
    }
    if (dir == dir.parent_path()) return std::nullopt;
  }
}

// Parses the configuration, refusing a key given twice in one object: JSON
// parsers keep the last one silently, so a second "rules" would quietly undo the
// first.
static json parse_without_duplicate_keys(std::istream& in, const fs::path& file) {
  std::vector<std::set<std::string>> open_objects;
  auto on_event = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start)
      open_objects.emplace_back();
    else if (event == json::parse_event_t::object_end)
      open_objects.pop_back();
    else if (event == json::parse_event_t::key && !open_objects.back().insert(parsed.get<std::string>()).second) {
      std::string key = parsed.get<std::string>();
      if (key.size() > 80) key = key.substr(0, 80) + "...";
      throw ConfigError(file.string() + ": the key \"" + key + "\" is given twice in one object (only one may be)");
    }
    return true;
  };
  return json::parse(in, on_event);
}

Config load_config(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) throw ConfigError(file.string() + ": no such configuration file");
  if (fs::is_directory(file, ec)) throw ConfigError(file.string() + ": is a directory, not a configuration file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string() + ": cannot read the configuration file");
  json root;
  try {
    root = parse_without_duplicate_keys(in, file);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number too large
    throw ConfigError(file.string() + ": not valid JSON: " + without_exception_tag(e.what()));
  }
  Config config;
  config.file = file;
  FileReader(file).read(root, config);
  return config;
}

void apply_flag_overrides(Config& config, const ConfigFlags& flags) {
  std::vector<RuleAssignment> assignments;
  for (const std::string& value : flags.severity) assignments.push_back(parse_rule_flag(value, false));
  for (const std::string& value : flags.disable) assignments.push_back(parse_rule_flag(value, true));
  assign_rules(config, std::move(assignments), "flag");

  std::optional<std::string> strip = non_empty_flag(flags.strip_prefix, "--strip-prefix");
  std::optional<std::string> add = non_empty_flag(flags.add_prefix, "--add-prefix");
  if (strip && add) throw ConfigError("--strip-prefix and --add-prefix exclude each other");
  // The two prefixes are one choice: a flag for either replaces the file's pair.
  if (strip || add) {
    config.strip_prefix = {strip, "flag"};
    config.add_prefix = {add, "flag"};
  }
  if (flags.loader) {
    if (!is_one_of(*flags.loader, loader_names()))
      throw ConfigError("--loader: unknown loader '" + *flags.loader + "'; expected " + join(loader_names()));
    config.loader = {flags.loader, "flag"};
  }
  if (flags.warnings_as_errors) config.warnings_as_errors = {*flags.warnings_as_errors, "flag"};
  if (flags.format) {
    if (!is_one_of(*flags.format, output_formats()))
      throw ConfigError("--format: unknown format '" + *flags.format + "'; expected " + join(output_formats()));
    config.format = {*flags.format, "flag"};
  }
  if (flags.baseline) {
    if (flags.baseline->empty()) throw ConfigError("--baseline: the file name must not be empty");
    config.baseline = {flags.baseline, "flag"};
  }
}

Config resolve_config(const std::optional<fs::path>& config_flag, const fs::path& start, const ConfigFlags& flags) {
  std::optional<fs::path> file = config_flag ? config_flag : find_config_file(start);
  Config config = file ? load_config(*file) : Config{};
  apply_flag_overrides(config, flags);
  return config;
}

}  // namespace ckptcheck
