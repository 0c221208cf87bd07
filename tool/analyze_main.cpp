// ckptcheck-analyze: the analyzer's own executable. `ckptcheck analyze` runs it,
// so reading checkpoints never loads Clang (about 60 MiB of libraries).
#include <iomanip>
#include <iostream>

#include <CLI/CLI.hpp>

#include "ckptcheck/analyzer/analyze.h"
#include "ckptcheck/rules/model_spec_output.h"
#include "exit_codes.h"

int main(int argc, char** argv) {
  CLI::App app{
      "ckptcheck analyze: predict a LibTorch model's named_parameters() and named_buffers() from its C++ source, "
      "statically (no build, no run).\n\nExit codes: 0 analysed; 1 the analysis is incomplete, the code does not "
      "compile or the root is ambiguous (see the diagnostics); 2 usage error (including a -p directory without a "
      "usable compile_commands.json).",
      "ckptcheck analyze"};
  ckptcheck::AnalyzeOptions options;
  std::string format = "text";
  std::vector<std::string> args;
  app.add_option("files", options.files,
                 "C++ sources defining the model, analysed together (headers or .cpp). A header also brings in "
                 "the source next to it with the same stem (net.h -> net.cpp, .cc, .cxx), where its constructors "
                 "are usually defined")
      ->required();
  app.add_option("--class", options.root_class,
                 "Root module: its Impl class or holder, plain or qualified (Net, NetImpl, vision::NetImpl). "
                 "Default: the one module no other analysed module contains");
  app.add_option("--arg", args,
                 "NAME=VALUE binds a root constructor parameter; VALUE is a JSON literal (128, true, [2,2], \"relu\") "
                 "or else a plain string. Unbound parameters take their defaults, or stay symbols")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("-p", options.build_dir,
                 "Build directory holding compile_commands.json, read as clang-tidy's -p does: the flags of the "
                 "first file it lists (a header it does not list takes those of its closest source), relative "
                 "paths resolved against the command's directory");
  app.add_option("--torch-include", options.torch_include,
                 "Directory of LibTorch's C++ API headers (holding torch/torch.h), or 'bundled' for the declarations "
                 "shipped with ckptcheck (when the build has them). Default: found automatically");
  app.add_option("--format", format, "Output: 'text' or 'json' (ckptcheck/modelspec/v1)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--construct", options.construct,
                 "A C++ expression that builds the root, compiled with the model's code, for roots whose "
                 "constructor takes objects, or factories (e.g. 'cpprl::Policy(space, std::make_shared<cpprl::MlpBase>(4, "
                 "false, 64))', 'make_model(10)'). It may give a holder, a shared_ptr or a module");
  bool exec = false;
  app.add_flag("--exec", exec,
               "Compile the model against ckptcheck's meta LibTorch and run its constructor, confined, to read the "
               "module tree it builds (exact for any C++; integer arguments must be bound with --arg for now)");
  app.add_option("--timeout", options.timeout_seconds,
                 "Seconds (wall clock and CPU) one run of the constructor may take before it is stopped")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  app.add_flag("--symbolic-defaults", options.symbolic_defaults,
               "Keep root integer parameters that have a default as symbols too (the default is listed with them), "
               "so shapes show which argument decides them; what the check uses");
  bool timings = false;
  app.add_flag("--timings", timings,
               "Print to stderr where the time went: parsing (Clang) and evaluating the model (the benchmark's split)");
  app.footer("Arguments after '--' go to the compiler unchanged (e.g. -- -DUSE_BN=1 -Iinclude), after the -p "
             "command's flags and, like them, relative to its directory.");
  // Split off "-- compiler args" before CLI11 sees them.
  int own = argc;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--") {
      own = i;
      options.extra_args.assign(argv + i + 1, argv + argc);
      break;
    }
  try {
    app.parse(own, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? ckptcheck::kExitClean : ckptcheck::kExitInputError;
  }
  for (const std::string& a : args) {
    auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "ckptcheck analyze: error: --arg expects NAME=VALUE, got '" << a << "'\n";
      return ckptcheck::kExitInputError;
    }
    options.args[a.substr(0, eq)] = a.substr(eq + 1);
  }
  options.no_exec = !exec;
  ckptcheck::ModelSpec spec;
  ckptcheck::AnalyzeTimings spent;
  if (timings) options.timings = &spent;
  try {
    spec = ckptcheck::analyze(options);
  } catch (const std::exception& e) {
    std::cerr << "ckptcheck analyze: error: " << e.what() << '\n';
    return ckptcheck::kExitInputError;
  }
  if (timings)
    std::cerr << "ckptcheck analyze: parsing " << std::fixed << std::setprecision(3) << spent.parse_seconds
              << " s, evaluation " << spent.evaluate_seconds << " s\n";
  if (format == "json") ckptcheck::write_model_spec_json(std::cout, spec);
  else ckptcheck::write_model_spec_text(std::cout, spec);
  for (const ckptcheck::Diagnostic& d : spec.diagnostics)
    if (d.severity != ckptcheck::Severity::Info) return ckptcheck::kExitFindings;
  return ckptcheck::kExitClean;
}
