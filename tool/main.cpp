// ckptcheck's command line: flag parsing and dispatch only.
#include <unistd.h>

#include <climits>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "ckptcheck/rules/catalog.h"
#include "ckptcheck/rules/rule_docs.h"
#include "commands.h"

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

// `ckptcheck analyze ...` runs ckptcheck-analyze from the same directory.
int run_analyzer(int argc, char** argv) {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  std::string dir = n > 0 ? std::string(self, static_cast<size_t>(n)) : std::string(argv[0]);
  dir = dir.substr(0, dir.rfind('/') + 1);
  std::string analyzer = dir + "ckptcheck-analyze";
  std::vector<char*> args;
  args.push_back(const_cast<char*>(analyzer.c_str()));
  for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(analyzer.c_str(), args.data());
  std::cerr << "ckptcheck: error: cannot run '" << analyzer << "': " << std::strerror(errno)
            << " (was ckptcheck built with CKPTCHECK_BUILD_ANALYZER=ON?)\n";
  return ckptcheck::kExitInputError;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "analyze") return run_analyzer(argc, argv);
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
                        "Exit 1 when any warning is reported (for example CK201 unsafe-global)");

  app.add_subcommand("analyze",
                     "Predict a LibTorch model's parameters and buffers from its C++ source "
                     "('ckptcheck analyze --help' for its flags)");
  app.add_subcommand("rules", "List the diagnostic catalog: code, name, default severity, lifecycle, summary");
  std::string code;
  CLI::App* explain_cmd = app.add_subcommand("explain", "Print one rule's documentation page, by code (CK201) or name (unsafe-global)");
  explain_cmd->add_option("rule", code, "Rule code or name")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? ckptcheck::kExitClean : ckptcheck::kExitInputError;
  }
  if (inspect_cmd->parsed()) return ckptcheck::run_inspect(inspect);
  if (explain_cmd->parsed()) return explain(code);
  return print_rules();
}
