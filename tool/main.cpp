// ckptcheck's command line: flag parsing and dispatch only.
#include <iostream>

#include <CLI/CLI.hpp>

#include "ckptcheck/rules/catalog.h"
#include "commands.h"

namespace {

std::string version_text() { return std::string("ckptcheck ") + CKPTCHECK_VERSION; }

int print_rules() {
  for (const ckptcheck::RuleInfo& r : ckptcheck::all_rules())
    std::cout << r.code << "  " << r.name << std::string(r.name.size() < 28 ? 28 - r.name.size() : 1, ' ')
              << ckptcheck::severity_name(r.default_severity) << std::string(9 - ckptcheck::severity_name(r.default_severity).size(), ' ')
              << r.summary << '\n';
  return ckptcheck::kExitClean;
}

int explain(const std::string& code) {
  auto id = ckptcheck::find_rule(code);
  if (!id) {
    std::cerr << "ckptcheck: error: no rule '" << code << "'; 'ckptcheck rules' lists them\n";
    return ckptcheck::kExitInputError;
  }
  const ckptcheck::RuleInfo& r = ckptcheck::rule_info(*id);
  std::cout << r.code << " " << r.name << " (default severity: " << ckptcheck::severity_name(r.default_severity)
            << ")\n\n" << r.summary << '\n';
  return ckptcheck::kExitClean;
}

}  // namespace

int main(int argc, char** argv) {
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

  app.add_subcommand("rules", "List the diagnostic catalog: code, name, default severity, summary");
  std::string code;
  CLI::App* explain_cmd = app.add_subcommand("explain", "Explain one rule, by code (CK201) or name (unsafe-global)");
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
