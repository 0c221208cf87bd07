// The configuration file and flags: discovery, strict validation, overrides,
// and the values handed on. Files live in a fresh temporary directory per test.
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "ckptcheck/report/config.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ckptcheck-config-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

fs::path write_file(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
  return file;
}

// What load_config refuses the file with; "" when it accepts it.
std::string load_refusal(const fs::path& file) {
  try {
    load_config(file);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

// ---- discovery -------------------------------------------------------------

TEST(ConfigDiscovery, FindsTheFileInTheStartDirectory) {
  TempDir dir;
  fs::path file = write_file(dir.path() / ".ckptcheck.json", "{}");
  EXPECT_EQ(find_config_file(dir.path()), file);
}

TEST(ConfigDiscovery, WalksUpToAParent) {
  TempDir dir;
  fs::path file = write_file(dir.path() / ".ckptcheck.json", "{}");
  fs::create_directories(dir.path() / "a" / "b" / "c");
  EXPECT_EQ(find_config_file(dir.path() / "a" / "b" / "c"), file);
}

TEST(ConfigDiscovery, TheNearestFileWins) {
  TempDir dir;
  write_file(dir.path() / ".ckptcheck.json", "{}");
  fs::path nearer = write_file(dir.path() / "a" / ".ckptcheck.json", "{}");
  fs::create_directories(dir.path() / "a" / "b");
  EXPECT_EQ(find_config_file(dir.path() / "a" / "b"), nearer);
}

TEST(ConfigDiscovery, AcceptsTheNameWithoutADot) {
  TempDir dir;
  fs::path file = write_file(dir.path() / "ckptcheck.json", "{}");
  EXPECT_EQ(find_config_file(dir.path()), file);
}

TEST(ConfigDiscovery, PrefersTheDottedNameInOneDirectory) {
  TempDir dir;
  write_file(dir.path() / "ckptcheck.json", "{}");
  fs::path dotted = write_file(dir.path() / ".ckptcheck.json", "{}");
  EXPECT_EQ(find_config_file(dir.path()), dotted);
}

TEST(ConfigDiscovery, SkipsADirectoryWithTheName) {
  TempDir dir;
  fs::create_directories(dir.path() / "a" / ".ckptcheck.json");
  fs::path file = write_file(dir.path() / "ckptcheck.json", "{}");
  EXPECT_EQ(find_config_file(dir.path() / "a"), file);
}

// Assumes no configuration file above the system's temporary directory.
TEST(ConfigDiscovery, FindsNothingWhenNoDirectoryHasOne) {
  TempDir dir;
  fs::create_directories(dir.path() / "a");
  EXPECT_EQ(find_config_file(dir.path() / "a"), std::nullopt);
}

TEST(ConfigDiscovery, AnExplicitFileWinsOverTheFoundOne) {
  TempDir dir;
  write_file(dir.path() / ".ckptcheck.json", R"({"format": "json"})");
  fs::path chosen = write_file(dir.path() / "other.json", R"({"format": "sarif"})");
  Config found = resolve_config(std::nullopt, dir.path(), {});
  EXPECT_EQ(found.format.value, "json");
  EXPECT_EQ(found.file, dir.path() / ".ckptcheck.json");
  Config explicit_file = resolve_config(chosen, dir.path(), {});
  EXPECT_EQ(explicit_file.format.value, "sarif");
  EXPECT_EQ(explicit_file.file, chosen);
}

TEST(ConfigDiscovery, AMissingExplicitFileIsAnErrorEvenWhenOneIsFound) {
  TempDir dir;
  write_file(dir.path() / ".ckptcheck.json", "{}");
  fs::path missing = dir.path() / "nope.json";
  try {
    resolve_config(missing, dir.path(), {});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), missing.string() + ": no such configuration file");
  }
}

TEST(ConfigDiscovery, WithoutAFileTheDefaultsApply) {
  TempDir dir;
  Config config = resolve_config(std::nullopt, dir.path(), {});
  EXPECT_EQ(config.file, std::nullopt);
  EXPECT_TRUE(config.rules.empty());
  EXPECT_EQ(config.format.value, "text");
  EXPECT_EQ(config.format.source, "default");
}

// ---- reading ---------------------------------------------------------------

TEST(ConfigFile, ReadsEveryKeyAndRecordsItsSource) {
  TempDir dir;
  fs::path file = write_file(dir.path() / ".ckptcheck.json", R"({
    "rules": {"CK306": "off", "CK402": "error", "key-prefix": "warning"},
    "ignore": [{"rule": "CK302", "key": "aux_head.*", "checkpoint": "old/*.pt",
                "reason": "aux head dropped in v2", "expires": "2027-03-01"},
               {"key": "extra.*", "reason": "not loaded"}],
    "renames": {"encoder.fc.": "encoder.proj."},
    "strip_prefix": "module.", "add_prefix": null,
    "loader": "torch::load", "warnings_as_errors": true, "format": "sarif"})");
  Config c = load_config(file);
  EXPECT_EQ(c.file, file);
  ASSERT_EQ(c.rules.size(), 3u);
  EXPECT_EQ(c.rules.at(RuleId::LegacyBuffer).severity, std::nullopt);
  EXPECT_EQ(c.rules.at(RuleId::DtypeMismatch).severity, Severity::Error);
  EXPECT_EQ(c.rules.at(RuleId::KeyPrefix).severity, Severity::Warning);
  EXPECT_EQ(c.rules.at(RuleId::KeyPrefix).source, file.string());
  ASSERT_EQ(c.ignore.size(), 2u);
  EXPECT_EQ(c.ignore[0].rule, "CK302");
  EXPECT_EQ(c.ignore[0].key, "aux_head.*");
  EXPECT_EQ(c.ignore[0].checkpoint, "old/*.pt");
  EXPECT_EQ(c.ignore[0].reason, "aux head dropped in v2");
  EXPECT_EQ(c.ignore[0].expires, "2027-03-01");
  EXPECT_EQ(c.ignore[1].rule, "");
  EXPECT_EQ(c.ignore[1].checkpoint, std::nullopt);
  EXPECT_EQ(c.ignore[1].index, 1u);
  EXPECT_EQ(c.renames.at("encoder.fc.").value, "encoder.proj.");
  EXPECT_EQ(c.strip_prefix.value, "module.");
  EXPECT_EQ(c.strip_prefix.source, file.string());
  EXPECT_EQ(c.add_prefix.value, std::nullopt);
  EXPECT_EQ(c.loader.value, "torch::load");
  EXPECT_TRUE(c.warnings_as_errors.value);
  EXPECT_EQ(c.format.value, "sarif");
  EXPECT_EQ(c.format.source, file.string());
}

TEST(ConfigFile, AMoreSpecificRuleSelectorWins) {
  TempDir dir;
  fs::path file = write_file(dir.path() / "c.json", R"({"rules": {"CK302": "error", "CK3": "warning"}})");
  Config c = load_config(file);
  EXPECT_EQ(effective_severity(c, RuleId::UnexpectedKey), Severity::Error);
  EXPECT_EQ(effective_severity(c, RuleId::MissingKey), Severity::Warning);
  EXPECT_EQ(effective_severity(c, RuleId::ShapeMismatch), Severity::Error);  // CK401: untouched default
}

#define SELECTOR_HELP \
  "use a code (CK302), a name (unexpected-key) or the start of a code (CK3); 'ckptcheck rules' lists them"

struct BadFile {
  const char* name;
  const char* text;
  const char* message;  // what follows "FILE: "
};

class ConfigValidation : public testing::TestWithParam<BadFile> {};

TEST_P(ConfigValidation, NamesTheFileThePathAndWhatIsAllowed) {
  TempDir dir;
  fs::path file = write_file(dir.path() / ".ckptcheck.json", GetParam().text);
  EXPECT_EQ(load_refusal(file), file.string() + ": " + GetParam().message) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    EachMistake, ConfigValidation,
    testing::Values(
        BadFile{"TopLevelNotAnObject", "[]", "expected a JSON object at the top level, got array"},
        BadFile{"UnknownTopLevelKey", R"({"rule": {}})",
                "rule: unknown key; expected rules, ignore, renames, strip_prefix, add_prefix, loader, "
                "warnings_as_errors, format, baseline or models"},
        BadFile{"RulesNotAnObject", R"({"rules": ["CK306"]})",
                "rules: expected an object mapping rules to error, warning, info or off, got array"},
        BadFile{"UnknownRuleCode", R"({"rules": {"CK3O6": "off"}})",
                "rules.CK3O6: unknown rule 'CK3O6'; use a code (CK302), a name (unexpected-key) or the start "
                "of a code (CK3); 'ckptcheck rules' lists them"},
        BadFile{"PrefixWithoutRules", R"({"rules": {"CK9": "off"}})", "rules.CK9: unknown rule 'CK9'; " SELECTOR_HELP},
        BadFile{"BarePrefix", R"({"rules": {"CK": "off"}})", "rules.CK: unknown rule 'CK'; " SELECTOR_HELP},
        BadFile{"UnknownLevel", R"({"rules": {"CK306": "fatal"}})",
                "rules.CK306: unknown level 'fatal'; expected error, warning, info or off"},
        BadFile{"LevelNotAString", R"({"rules": {"CK306": false}})",
                "rules.CK306: expected error, warning, info or off, got boolean"},
        BadFile{"RuleByCodeAndByName", R"({"rules": {"CK306": "off", "legacy-buffer": "error"}})",
                "rules.legacy-buffer: the rule is already set as 'CK306'"},
        BadFile{"IgnoreNotAnArray", R"({"ignore": {}})", "ignore: expected an array of objects, got object"},
        BadFile{"IgnoreEntryNotAnObject", R"({"ignore": ["CK302"]})",
                "ignore[0]: expected an object with a reason, got string"},
        BadFile{"IgnoreWithoutReason", R"({"ignore": [{"rule": "CK302", "reason": "x"}, {"rule": "CK302"}]})",
                "ignore[1]: missing 'reason': say why the finding may be ignored"},
        BadFile{"IgnoreEmptyReason", R"({"ignore": [{"rule": "CK302", "reason": ""}]})",
                "ignore[0].reason: must not be empty"},
        BadFile{"IgnoreBlankReason", R"({"ignore": [{"rule": "CK302", "reason": "  "}]})",
                "ignore[0].reason: must not be blank"},
        BadFile{"IgnoreUnknownKey", R"({"ignore": [{"rule": "CK302", "reasn": "x"}]})",
                "ignore[0].reasn: unknown key; expected rule, key, checkpoint, reason or expires"},
        BadFile{"IgnoreUnknownRule", R"({"ignore": [{"rule": "CK3O2", "reason": "x"}]})",
                "ignore[0].rule: unknown rule 'CK3O2'; " SELECTOR_HELP},
        BadFile{"IgnoreNamesNothing", R"({"ignore": [{"reason": "x"}]})",
                "ignore[0]: names no rule, key or checkpoint, so it would hide every finding"},
        BadFile{"IgnoreEmptyKey", R"({"ignore": [{"key": "", "reason": "x"}]})", "ignore[0].key: must not be empty"},
        BadFile{"IgnoreCheckpointNotAString", R"({"ignore": [{"checkpoint": 1, "reason": "x"}]})",
                "ignore[0].checkpoint: expected a string, got number"},
        BadFile{"ExpiresNotADay", R"({"ignore": [{"key": "a", "reason": "x", "expires": "2027-02-30"}]})",
                "ignore[0].expires: '2027-02-30' is not a date; expected YYYY-MM-DD"},
        BadFile{"ExpiresShort", R"({"ignore": [{"key": "a", "reason": "x", "expires": "2027-3-1"}]})",
                "ignore[0].expires: '2027-3-1' is not a date; expected YYYY-MM-DD"},
        BadFile{"RenamesNotAnObject", R"({"renames": [["a", "b"]]})",
                "renames: expected an object mapping checkpoint names to the code's, got array"},
        BadFile{"RenameTargetNotAString", R"({"renames": {"encoder.fc.": 3}})",
                "renames[\"encoder.fc.\"]: expected a string, got number"},
        BadFile{"RenameFromEmpty", R"({"renames": {"": "a"}})", "renames[\"\"]: the checkpoint name must not be empty"},
        BadFile{"StripPrefixNotAString", R"({"strip_prefix": 1})",
                "strip_prefix: expected a string or null, got number"},
        BadFile{"StripPrefixEmpty", R"({"strip_prefix": ""})", "strip_prefix: must not be empty"},
        BadFile{"BothPrefixes", R"({"strip_prefix": "module.", "add_prefix": "model."})",
                "add_prefix: strip_prefix and add_prefix exclude each other; use renames to replace a prefix"},
        BadFile{"UnknownLoader", R"({"loader": "torch.loads"})",
                "loader: unknown loader 'torch.loads'; expected torch.load, torch.load(weights_only=True), "
                "torch.jit.load, torch::load, torch::jit::load or torch::pickle_load"},
        BadFile{"WarningsAsErrorsNotABool", R"({"warnings_as_errors": "yes"})",
                "warnings_as_errors: expected true or false, got string"},
        BadFile{"UnknownFormat", R"({"format": "html"})",
                "format: unknown value 'html'; expected text, json, sarif, markdown or gitlab"}),
    [](const testing::TestParamInfo<BadFile>& info) { return info.param.name; });

// The user page's example must stay a file ckptcheck accepts.
TEST(ConfigFile, TheDocumentedExampleLoads) {
  std::ifstream page(CKPTCHECK_DOCS_DIR "/config.md");
  std::string text((std::istreambuf_iterator<char>(page)), std::istreambuf_iterator<char>());
  size_t start = text.find("```json\n");
  ASSERT_NE(start, std::string::npos) << "no example in docs/config.md";
  start += 8;
  size_t end = text.find("```", start);
  TempDir dir;
  Config c = load_config(write_file(dir.path() / ".ckptcheck.json", text.substr(start, end - start)));
  EXPECT_EQ(c.ignore.size(), 1u);
  EXPECT_EQ(c.rules.size(), 3u);
}

TEST(ConfigFile, InvalidJsonSaysWhere) {
  TempDir dir;
  fs::path file = write_file(dir.path() / ".ckptcheck.json", "{\n  \"rules\": {,}\n}");
  std::string message = load_refusal(file);
  EXPECT_EQ(message.rfind(file.string() + ": not valid JSON: parse error at line 2, column ", 0), 0u) << message;
}

// Found by fuzz_config: a number too large for a double is nlohmann's out_of_range,
// not a parse_error, and escaped load_config's contract.
TEST(ConfigFile, ANumberTooLargeIsAConfigError) {
  TempDir dir;
  fs::path file = write_file(dir.path() / ".ckptcheck.json", R"({"rules": {"CK401": 1e99999}})");
  std::string message = load_refusal(file);
  EXPECT_EQ(message.rfind(file.string() + ": not valid JSON: number overflow parsing '1e99999'", 0), 0u) << message;
}

// JSON parsers keep the last of two equal keys silently; the configuration refuses them.
TEST(ConfigFile, AKeyGivenTwiceInOneObjectIsRefused) {
  TempDir dir;
  for (const char* text :
       {R"({"rules": {"CK302": "error"}, "rules": {}})", R"({"rules": {"CK302": "error", "CK302": "info"}})"}) {
    fs::path file = write_file(dir.path() / ".ckptcheck.json", text);
    std::string message = load_refusal(file);
    EXPECT_NE(message.find("is given twice in one object"), std::string::npos) << text << ": " << message;
  }
  // The same key in two different objects is fine.
  fs::path file = write_file(dir.path() / ".ckptcheck.json",
                             R"({"rules": {"CK302": "error"}, "ignore": [{"rule": "CK302", "key": "a.*", "reason": "r"},
                                                                         {"rule": "CK302", "key": "b.*", "reason": "r"}]})");
  EXPECT_NO_THROW(load_config(file));
}

TEST(ConfigFile, ADirectoryIsNotAFile) {
  TempDir dir;
  EXPECT_THROW(load_config(dir.path()), ConfigError);
}

// ---- flags -----------------------------------------------------------------

Config loaded_example(const TempDir& dir) {
  return load_config(write_file(dir.path() / "c.json", R"({
    "rules": {"CK402": "error", "CK306": "off"}, "add_prefix": "model.",
    "loader": "torch::load", "warnings_as_errors": true, "format": "json"})"));
}

TEST(ConfigFlags, OverrideTheFilesValues) {
  TempDir dir;
  Config c = loaded_example(dir);
  ConfigFlags flags;
  flags.severity = {"CK402=info", "CK306=warning"};
  flags.strip_prefix = "module.";
  flags.loader = "torch::pickle_load";
  flags.warnings_as_errors = false;
  flags.format = "markdown";
  apply_flag_overrides(c, flags);
  EXPECT_EQ(c.rules.at(RuleId::DtypeMismatch).severity, Severity::Info);
  EXPECT_EQ(c.rules.at(RuleId::DtypeMismatch).source, "flag");
  EXPECT_EQ(c.rules.at(RuleId::LegacyBuffer).severity, Severity::Warning);
  // A prefix flag replaces the file's prefix choice as a whole.
  EXPECT_EQ(c.strip_prefix.value, "module.");
  EXPECT_EQ(c.add_prefix.value, std::nullopt);
  EXPECT_EQ(c.add_prefix.source, "flag");
  EXPECT_EQ(c.loader.value, "torch::pickle_load");
  EXPECT_FALSE(c.warnings_as_errors.value);
  EXPECT_EQ(c.warnings_as_errors.source, "flag");
  EXPECT_EQ(c.format.value, "markdown");
}

TEST(ConfigFlags, AbsentFlagsKeepTheFilesValues) {
  TempDir dir;
  Config c = loaded_example(dir);
  apply_flag_overrides(c, {});
  EXPECT_EQ(c.add_prefix.value, "model.");
  EXPECT_EQ(c.loader.value, "torch::load");
  EXPECT_TRUE(c.warnings_as_errors.value);
  EXPECT_EQ(c.format.value, "json");
  EXPECT_EQ(c.rules.at(RuleId::DtypeMismatch).source, (dir.path() / "c.json").string());
}

TEST(ConfigFlags, DisableTurnsRulesOffByPrefix) {
  Config c;
  ConfigFlags flags;
  flags.disable = {"CK3"};
  apply_flag_overrides(c, flags);
  EXPECT_EQ(effective_severity(c, RuleId::MissingKey), std::nullopt);
  EXPECT_EQ(effective_severity(c, RuleId::ModuleTypeMismatch), std::nullopt);
  EXPECT_EQ(effective_severity(c, RuleId::ShapeMismatch), Severity::Error);
}

TEST(ConfigFlags, TheMoreSpecificFlagWinsThenTheLaterOne) {
  Config c;
  ConfigFlags flags;
  flags.severity = {"CK302=warning", "CK301=warning"};
  flags.disable = {"CK3", "missing-key"};
  apply_flag_overrides(c, flags);
  EXPECT_EQ(effective_severity(c, RuleId::UnexpectedKey), Severity::Warning);  // code beats prefix
  EXPECT_EQ(effective_severity(c, RuleId::MissingKey), std::nullopt);          // --disable after --severity
  EXPECT_EQ(effective_severity(c, RuleId::LegacyBuffer), std::nullopt);
}

template <typename Set>
ConfigFlags flags_with(Set set) {
  ConfigFlags flags;
  set(flags);
  return flags;
}

struct BadFlag {
  const char* name;
  ConfigFlags flags;
  const char* message;
};

class ConfigFlagValidation : public testing::TestWithParam<BadFlag> {};

TEST_P(ConfigFlagValidation, SaysWhichFlagIsWrong) {
  Config c;
  try {
    apply_flag_overrides(c, GetParam().flags);
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), GetParam().message);
  }
}

INSTANTIATE_TEST_SUITE_P(
    EachMistake, ConfigFlagValidation,
    testing::Values(
        BadFlag{"SeverityWithoutLevel", flags_with([](ConfigFlags& f) { f.severity = {"CK402"}; }),
                "--severity 'CK402': expected RULE=LEVEL, such as CK402=error"},
        BadFlag{"SeverityUnknownLevel", flags_with([](ConfigFlags& f) { f.severity = {"CK402=fatal"}; }),
                "--severity 'CK402=fatal': unknown level 'fatal'; expected error, warning, info or off"},
        BadFlag{"SeverityUnknownRule", flags_with([](ConfigFlags& f) { f.severity = {"CK4O2=error"}; }),
                "--severity 'CK4O2=error': unknown rule 'CK4O2'; use a code (CK302), a name (unexpected-key) "
                "or the start of a code (CK3); 'ckptcheck rules' lists them"},
        BadFlag{"DisableUnknownRule", flags_with([](ConfigFlags& f) { f.disable = {"CK7"}; }),
                "--disable 'CK7': unknown rule 'CK7'; use a code (CK302), a name (unexpected-key) or the start "
                "of a code (CK3); 'ckptcheck rules' lists them"},
        BadFlag{"BothPrefixes", flags_with([](ConfigFlags& f) {
                  f.strip_prefix = "module.";
                  f.add_prefix = "model.";
                }),
                "--strip-prefix and --add-prefix exclude each other"},
        BadFlag{"EmptyPrefix", flags_with([](ConfigFlags& f) { f.add_prefix = ""; }),
                "--add-prefix: the prefix must not be empty"},
        BadFlag{"UnknownLoader", flags_with([](ConfigFlags& f) { f.loader = "torch.jit"; }),
                "--loader: unknown loader 'torch.jit'; expected torch.load, torch.load(weights_only=True), "
                "torch.jit.load, torch::load, torch::jit::load or torch::pickle_load"},
        BadFlag{"UnknownFormat", flags_with([](ConfigFlags& f) { f.format = "html"; }),
                "--format: unknown format 'html'; expected text, json, sarif, markdown or gitlab"}),
    [](const testing::TestParamInfo<BadFlag>& info) { return info.param.name; });

// ---- matcher options and the dump ------------------------------------------

TEST(ConfigOutputs, FillsTheMatchersOptions) {
  Config c;
  c.renames["encoder.fc."] = {"encoder.proj.", "cfg"};
  c.strip_prefix = {"module.", "cfg"};
  c.loader = {"torch::load", "cfg"};
  MatchOptions options;
  options.key = "state_dict";
  fill_match_options(c, options);
  EXPECT_EQ(options.renames, (std::map<std::string, std::string>{{"encoder.fc.", "encoder.proj."}}));
  EXPECT_EQ(options.strip_prefix, "module.");
  EXPECT_EQ(options.add_prefix, std::nullopt);
  EXPECT_EQ(options.loader, "torch::load");
  EXPECT_EQ(options.key, "state_dict") << "not the configuration's to change";
  fill_match_options(Config{}, options);
  EXPECT_EQ(options.loader, "") << "no loader: the matcher finds it in the sources";
}

TEST(ConfigOutputs, TheDumpOfDefaultsListsEveryRule) {
  json dump = effective_config_json(Config{});
  EXPECT_EQ(dump["schema"], "ckptcheck/config/v1");
  EXPECT_TRUE(dump["config_file"].is_null());
  ASSERT_EQ(dump["effective"]["rules"].size(), all_rules().size());
  EXPECT_EQ(dump["effective"]["rules"]["CK201"], "error");
  EXPECT_EQ(dump["effective"]["rules"]["CK402"], "warning");
  EXPECT_EQ(dump["effective"]["rules"]["CK306"], "info");
  EXPECT_EQ(dump["sources"]["rules"]["CK306"], "default");
  EXPECT_EQ(dump["effective"]["format"], "text");
  EXPECT_EQ(dump["effective"]["warnings_as_errors"], false);
  EXPECT_TRUE(dump["effective"]["loader"].is_null());
  EXPECT_EQ(dump["sources"]["loader"], "default");
  EXPECT_EQ(dump["effective"]["ignore"], json::array());
}

TEST(ConfigOutputs, TheDumpSaysWhereEachValueCameFrom) {
  TempDir dir;
  fs::path file = write_file(dir.path() / "c.json", R"({
    "rules": {"CK306": "off"}, "renames": {"a.": "b."},
    "ignore": [{"rule": "CK302", "key": "x.*", "reason": "gone", "expires": "2027-03-01"}],
    "format": "json"})");
  ConfigFlags flags;
  flags.severity = {"CK402=error"};
  flags.strip_prefix = "module.";
  Config c = resolve_config(file, dir.path(), flags);
  json dump = effective_config_json(c);
  EXPECT_EQ(dump["config_file"], file.string());
  EXPECT_EQ(dump["effective"]["rules"]["CK306"], "off");
  EXPECT_EQ(dump["sources"]["rules"]["CK306"], file.string());
  EXPECT_EQ(dump["effective"]["rules"]["CK402"], "error");
  EXPECT_EQ(dump["sources"]["rules"]["CK402"], "flag");
  EXPECT_EQ(dump["effective"]["ignore"],
            json::parse(R"([{"rule": "CK302", "key": "x.*", "reason": "gone", "expires": "2027-03-01"}])"));
  EXPECT_EQ(dump["sources"]["ignore"], json::array({file.string()}));
  EXPECT_EQ(dump["effective"]["renames"], json({{"a.", "b."}}));
  EXPECT_EQ(dump["sources"]["renames"]["a."], file.string());
  EXPECT_EQ(dump["effective"]["strip_prefix"], "module.");
  EXPECT_EQ(dump["sources"]["strip_prefix"], "flag");
  EXPECT_EQ(dump["effective"]["format"], "json");
  EXPECT_EQ(dump["sources"]["format"], file.string());
  EXPECT_EQ(dump["sources"]["warnings_as_errors"], "default");
}

TEST(ConfigOutputs, TheEffectiveValuesAreAValidConfigurationFile) {
  TempDir dir;
  Config c = loaded_example(dir);
  c.ignore.push_back(IgnoreEntry{"CK3", "aux.*", "old/*.pt", "gone", "2027-03-01", "c.json", 0});
  json effective = effective_config_json(c)["effective"];
  fs::path copy = write_file(dir.path() / "copy.json", effective.dump(2));
  EXPECT_EQ(effective_config_json(load_config(copy))["effective"], effective);
}

TEST(ConfigOutputs, TodayIsAnIsoDate) {
  EXPECT_TRUE(std::regex_match(today_local_date(), std::regex(R"(\d{4}-\d{2}-\d{2})")));
}

}  // namespace
}  // namespace ckptcheck
