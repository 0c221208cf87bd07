// ckptcheck's command line: flag parsing and dispatch only.
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <iostream>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "analyzer_process.h"
#include "ckptcheck/rules/catalog.h"
#include "ckptcheck/rules/rule_docs.h"
#include "command_line.h"
#include "commands.h"
#include "project_command.h"
#include "spec_cache.h"
#include "tool_directory.h"

namespace {

std::string version_text() { return std::string("ckptcheck ") + CKPTCHECK_VERSION; }

// Pads a column to width (at least one space), so the catalog lines up.
std::string column(std::string_view text, size_t width) {
  return std::string(text) + std::string(text.size() < width ? width - text.size() : 1, ' ');
}

int print_rules() {
  for (const ckptcheck::RuleInfo& r : ckptcheck::all_rules())
    std::cout << r.code << "  " << column(r.name, 28) << column(ckptcheck::severity_name(r.default_severity), 9)
              << column(ckptcheck::lifecycle_name(r.lifecycle), 11) << r.summary << '\n';
  return ckptcheck::kExitClean;
}

// What a rule's lifecycle promises, for `explain`.
std::string_view lifecycle_note(ckptcheck::Lifecycle l) {
  switch (l) {
    case ckptcheck::Lifecycle::Stable: return "";
    case ckptcheck::Lifecycle::Preview: return " (new: what it reports and its default severity may still change)";
    case ckptcheck::Lifecycle::Deprecated: return " (still reported, but will be removed)";
    case ckptcheck::Lifecycle::Removed: return " (no longer reported; the code stays reserved)";
  }
  return "";
}

// Prints the rule's shipped page with the catalog's severity and lifecycle
// under its title line; a rule without a page gets its one-line summary.
int explain(const std::string& code) {
  auto id = ckptcheck::find_rule(code);
  if (!id) {
    std::cerr << "ckptcheck: error: no rule '" << code << "'; 'ckptcheck rules' lists them\n";
    return ckptcheck::kExitInputError;
  }
  const ckptcheck::RuleInfo& r = ckptcheck::rule_info(*id);
  std::string status = std::string("Default severity: ") + std::string(ckptcheck::severity_name(r.default_severity)) +
                       ". Lifecycle: " + std::string(ckptcheck::lifecycle_name(r.lifecycle)) +
                       std::string(lifecycle_note(r.lifecycle)) + ".\n";
  std::string_view page = ckptcheck::rule_documentation(*id);
  if (page.empty()) {
    std::cout << "# " << r.code << " " << r.name << "\n" << status << "\n" << r.summary << '\n';
    return ckptcheck::kExitClean;
  }
  size_t title_end = page.find('\n');
  std::string_view title = page.substr(0, title_end);
  std::string_view rest = title_end == std::string_view::npos ? std::string_view() : page.substr(title_end + 1);
  std::cout << title << '\n' << status << rest;
  if (!rest.empty() && rest.back() != '\n') std::cout << '\n';
  return ckptcheck::kExitClean;
}

// `ckptcheck analyze ...` runs ckptcheck-analyze from the same directory,
// unless the cache has its result: looked up here, so that a warm analysis
// never loads Clang (tool/spec_cache.h).
int run_analyzer(int argc, char** argv) {
  ckptcheck::AnalyzerInvocation invocation{{argv + 2, argv + argc}, std::nullopt, std::nullopt};
  bool cacheable = true;
  for (const std::string& a : invocation.arguments) {
    if (a == "--") break;
    cacheable &= a != "--no-cache" && a != "--timings" && a != "--serve" && a != "-h" && a != "--help" &&
                 a.rfind("--cache-", 0) != 0;
  }
  if (cacheable) invocation.cache_dir = ckptcheck::SpecCache::default_directory();
  if (invocation.cache_dir) {
    ckptcheck::SpecCache cache(*invocation.cache_dir, ckptcheck::tool_directory());
    invocation.cache_key = cache.key_for(invocation.arguments);
    if (auto hit = cache.find(*invocation.cache_key)) {
      std::cout << hit->output << std::flush;
      return hit->exit_code;
    }
  }
  return ckptcheck::exec_analyzer(invocation);
}

// "ckptcheck --model net.cpp w.pt" is "ckptcheck check --model net.cpp w.pt",
// and bare "ckptcheck" is "ckptcheck check" of the project's models: the check
// is the tool's main job, so it needs no subcommand word.
std::vector<char*> with_default_subcommand(int argc, char** argv) {
  std::vector<char*> args(argv, argv + argc);
  static char check[] = "check";
  static const std::set<std::string> kSubcommands = {"check", "inspect", "manifest", "analyze", "rules", "explain"};
  static const std::set<std::string> kAppFlags = {"-h", "--help", "--version"};
  // Bare `ckptcheck` checks the project the configuration file describes.
  if (argc == 1 || (!kSubcommands.count(argv[1]) && !kAppFlags.count(argv[1]))) args.insert(args.begin() + 1, check);
  return args;
}

// The report's formats, for --format and --write alike.
const std::vector<std::string> kOutputFormats = {"text", "json", "sarif", "markdown", "gitlab"};

// Adds the check's flags to `cmd`; the values land in `options`.
void add_check_flags(CLI::App* cmd, ckptcheck::CheckOptions& options, std::vector<std::string>& args,
                     std::vector<std::string>& writes) {
  cmd->add_option("checkpoints", options.checkpoints,
                  "Checkpoint files: torch.save (state dict, training checkpoint, whole model; zip or legacy), "
                  "torch.jit.save / C++ torch::save archives, safetensors, or their manifests ('ckptcheck manifest "
                  "--help'). Never written to");
  cmd->add_option("--model", options.source.models,
                  "C++ source of the model (repeatable; analysed together as one program, like "
                  "'ckptcheck analyze')")
      ->allow_extra_args(false);
  cmd->add_option("--spec", options.source.spec_file,
                  "A saved 'ckptcheck analyze --format json' ModelSpec instead of --model (no Clang needed)");
  cmd->add_option("--class", options.source.root_class,
                  "Root module: its Impl class or holder (Net, NetImpl, ns::NetImpl). Default: the one module no "
                  "other analysed module contains; of several, the one main() (else another function) builds");
  cmd->add_option("--arg", args,
                  "NAME=VALUE binds a root constructor parameter (JSON literal); cfg.MEMBER=VALUE one member of a "
                  "config struct parameter (cfg.encoder.width inside a nested one). Unbound integer parameters, and "
                  "the integer members of a config struct "
                  "built from its member initialisers, are solved from the checkpoint's shapes; a default the "
                  "checkpoint contradicts is reported at its line (the parameter, the member or the constant)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--construct", options.source.construct,
                  "A C++ expression that builds the root ('ckptcheck analyze --help'), for roots whose constructor "
                  "takes objects, or factories");
  cmd->add_flag("--no-exec", options.source.no_exec,
                "Never run the model's code: interpret its constructor statically (handles less C++)");
  cmd->add_option("--analyze-time-limit", options.source.time_limit_seconds,
                  "Seconds the model's analysis may take, compiling and running its constructor ('ckptcheck analyze "
                  "--time-limit'); past it the check stops with exit 2")
      ->check(CLI::Range(1.0, 86400.0))
      ->capture_default_str();
  cmd->add_flag("--no-cache", options.source.no_cache,
                "Analyse the model even if the analysis cache has the result ('ckptcheck analyze --help')");
  cmd->add_option("--key", options.match.key,
                  "Where the state dict is inside a training checkpoint (model_state_dict, state_dict, "
                  "generator, ...). Default: found, and the report says which");
  cmd->add_option("--strip-prefix", options.flags.strip_prefix,
                  "Remove this prefix from every checkpoint key first (module., _orig_mod., model.)");
  cmd->add_option("--add-prefix", options.flags.add_prefix, "Add this prefix to every checkpoint key first");
  cmd->add_option("--loader", options.flags.loader,
                  "The loader the deployment uses (torch::load, torch::jit::load, torch::pickle_load, torch.load, "
                  "...); default: the ones the analysed sources call");
  cmd->add_option("--format", options.flags.format,
                  "Output: 'text' (compiler-style; the default), 'json' (ckptcheck/report/v1), 'sarif' (2.1.0, for "
                  "code scanning), 'markdown' (a pull-request comment), 'gitlab' (GitLab's Code Quality report)")
      ->check(CLI::IsMember(kOutputFormats));
  cmd->add_flag("--warnings-as-errors", options.warnings_as_errors_flag, "Exit 1 on warnings too");
  cmd->add_option("--config", options.config_file,
                  "Configuration file (JSON). Default: .ckptcheck.json or ckptcheck.json in the working directory "
                  "or the nearest parent that has one (docs/config.md)");
  cmd->add_flag("--dump-config", options.dump_config,
                "Print the effective configuration (file, then flags) with where each value came from, and exit");
  cmd->add_option("--severity", options.flags.severity,
                  "RULE=error|warning|info|off: a rule's severity (RULE is a code, a name, or a prefix like CK3)")
      ->allow_extra_args(false);
  cmd->add_option("--disable", options.flags.disable, "RULE: turn a rule off (the same as --severity RULE=off)")
      ->allow_extra_args(false);
  cmd->add_option("-p", options.source.build_dir,
                  "Build directory with compile_commands.json (as clang-tidy's -p): the model's flags, and the "
                  "source that defines a header given alone, wherever it is in the project");
  cmd->add_option("--torch-include", options.source.torch_include,
                  "With --no-exec: LibTorch's C++ API headers, or 'bundled' for ckptcheck's own declarations. "
                  "Default: found");
  cmd->add_option("--baseline", options.flags.baseline,
                  "A baseline file (--write-baseline): the findings it records are not reported, only counted "
                  "(\"3 in the baseline, 1 fixed since\"), so only new findings fail. Findings are matched by rule, "
                  "entry and checkpoint, not by line. Overrides \"baseline\" in .ckptcheck.json");
  cmd->add_option("--write-baseline", options.write_baseline,
                  "Record this run's findings in FILE (written atomically) and exit 0; later runs with --baseline "
                  "FILE fail only on new findings. Exit 2, writing nothing, when the check could not be done");
  cmd->add_option(
         "--write", writes,
         "FORMAT=FILE: also write the report as FORMAT (text, json, sarif, markdown, gitlab) to FILE, atomically, "
         "so one run gives the CI log, the SARIF upload and the job summary (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("-j,--jobs", options.jobs,
                  "With the project's models (bare ckptcheck): how many to check at once. Default: one per core");
  cmd->add_flag("--timings", options.timings, "Print to stderr where the time went: analysis, reading, matching");
  cmd->footer(
      "Arguments after '--' go to the compiler (e.g. -- -DUSE_BN=1 -Iinclude).\n"
      "Without a model or checkpoint (bare 'ckptcheck'), it checks every model .ckptcheck.json lists under\n"
      "\"models\" with its checkpoints or manifests, side by side, and prints one summary (docs/config.md).\n"
      "Exit codes: 0 no finding at error severity; 1 findings at error severity (a breakage); 2 the check\n"
      "could not be done: a usage error, an unreadable checkpoint, model code that does not compile, no\n"
      "module class or several possible roots (CK502).");
}

}  // namespace

// Longer than the house limit (~80 lines): it declares every subcommand and
// its flags with their help text, which reads best in one place.
static int run_ckptcheck(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "analyze") return run_analyzer(argc, argv);
  std::vector<char*> argv_check = with_default_subcommand(argc, argv);
  CLI::App app{
      "ckptcheck: will the checkpoints you have still load into the model your code defines?\n"
      "Reads checkpoints without running their code or touching tensor data.\n\n"
      "Exit codes: 0 clean; 1 findings at error severity; 2 usage error or unreadable input.",
      "ckptcheck"};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  app.footer("Run 'ckptcheck SUBCOMMAND --help' for a subcommand's flags.");

  ckptcheck::InspectOptions inspect;
  CLI::App* inspect_cmd = app.add_subcommand(
      "inspect",
      "List what checkpoint files hold: every tensor's name, shape, dtype and kind, the module tree of whole "
      "pickled models and TorchScript archives, other values, and problems found (CK1xx file, CK2xx pickle safety). "
      "Reads torch.save zip and legacy files, TorchScript (Python and C++), and safetensors.");
  inspect_cmd->add_option("files", inspect.files, "Checkpoint files to read (never written to)")->required();
  inspect_cmd->add_option("--format", inspect.format,
                          "Output: 'text' (a table per file) or 'json' (the ckptcheck/inventory/v1 object; "
                          "an array of them for several files)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  inspect_cmd->add_flag("--warnings-as-errors", inspect.warnings_as_errors,
                        "Exit 1 when any warning is reported too (for example a storage record longer than its tensors "
                        "need); errors such as CK201 unsafe-global always exit 1");

  ckptcheck::ManifestOptions manifest;
  manifest.version = CKPTCHECK_VERSION;
  CLI::App* manifest_cmd = app.add_subcommand(
      "manifest",
      "Write a checkpoint's manifest: every tensor's name, shape, dtype and kind, the module tree, the format and "
      "the facts the loaders decide by, the file's size and SHA-256, as JSON (ckptcheck/manifest/v1). Commit the "
      "small manifest instead of the weights: the check reads it wherever it reads a checkpoint, and says so. "
      "A safetensors file cut after its header is read as a manifest too.");
  manifest_cmd->add_option("checkpoint", manifest.checkpoint, "The checkpoint file (never written to)")->required();
  manifest_cmd->add_option(
      "-o,--output", manifest.output,
      "Write the manifest here (atomically: a temporary file renamed into place). Default: stdout");

  ckptcheck::CheckOptions check;
  check.version = CKPTCHECK_VERSION;
  std::vector<std::string> check_args;
  CLI::App* check_cmd = app.add_subcommand(
      "check",
      "The default: will these checkpoints load into the model the C++ code defines? Reports missing, unexpected, "
      "renamed, reshaped and retyped entries, key prefixes and loader incompatibilities (CK3xx, CK4xx, CK6xx). "
      "'ckptcheck --model net.cpp weights.pt' is the same as 'ckptcheck check --model net.cpp weights.pt'");
  std::vector<std::string> check_writes;
  add_check_flags(check_cmd, check, check_args, check_writes);

  app.add_subcommand("analyze",
                     "Predict a LibTorch model's parameters and buffers from its C++ source "
                     "('ckptcheck analyze --help' for its flags)");
  app.add_subcommand("rules", "List the diagnostic catalog: code, name, default severity, lifecycle, summary");
  std::string code;
  CLI::App* explain_cmd = app.add_subcommand("explain", "Print one rule's documentation page, by code (CK201) or name (unsafe-global)");
  explain_cmd->add_option("rule", code, "Rule code or name")->required();

  // "-- compiler args" are split off before CLI11 sees them.
  int own = ckptcheck::split_compiler_args(static_cast<int>(argv_check.size()), argv_check.data(),
                                           check.source.compiler_args);
  try {
    app.parse(own, argv_check.data());
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? ckptcheck::kExitClean : ckptcheck::kExitInputError;
  }
  if (inspect_cmd->parsed()) return ckptcheck::run_inspect(inspect);
  if (manifest_cmd->parsed()) return ckptcheck::run_manifest(manifest);
  if (explain_cmd->parsed()) return explain(code);
  if (check_cmd->parsed()) {
    if (check.warnings_as_errors_flag) check.flags.warnings_as_errors = true;
    for (const std::string& w : check_writes) {
      auto binding = ckptcheck::split_binding(w);
      if (!binding || std::find(kOutputFormats.begin(), kOutputFormats.end(), binding->first) == kOutputFormats.end() ||
          binding->second.empty()) {
        std::cerr
            << "ckptcheck: error: --write expects FORMAT=FILE with FORMAT text, json, sarif, markdown or gitlab, got '"
            << w << "'\n";
        return ckptcheck::kExitInputError;
      }
      check.writes.emplace_back(binding->first, binding->second);
    }
    if (!check.dump_config && check.checkpoints.empty() && check.source.models.empty() &&
        check.source.spec_file.empty())
      return ckptcheck::run_project(check);
    if (!check.dump_config && check.checkpoints.empty()) {
      std::cerr << "ckptcheck: error: no checkpoint given\n" << check_cmd->help();
      return ckptcheck::kExitInputError;
    }
    if (!check.dump_config && check.source.models.empty() == check.source.spec_file.empty()) {
      std::cerr << "ckptcheck: error: give the model as --model FILE (C++ source) or --spec FILE (a saved ModelSpec)\n";
      return ckptcheck::kExitInputError;
    }
    for (const std::string& a : check_args) {
      auto binding = ckptcheck::split_binding(a);
      if (!binding) {
        std::cerr << "ckptcheck: error: --arg expects NAME=VALUE, got '" << a << "'\n";
        return ckptcheck::kExitInputError;
      }
      check.source.args.push_back(a);
      // Integers also bind a saved spec's symbols.
      try {
        size_t used = 0;
        long long v = std::stoll(binding->second, &used);
        if (used == binding->second.size()) check.match.args[binding->first] = v;
      } catch (const std::exception&) {
      }
    }
    return ckptcheck::run_check(check);
  }
  return print_rules();
}

// The readers cap what a file may make them allocate (checker/formats/src/reader_limits.h),
// but under a tight memory limit (ulimit -v, a container) an allocation within the caps can
// still fail: that is a clear error about the input, never an abort.
int main(int argc, char** argv) {
  try {
    return run_ckptcheck(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "ckptcheck: error: out of memory (the input needs more than this process may allocate)\n";
    return ckptcheck::kExitInputError;
  }
}
