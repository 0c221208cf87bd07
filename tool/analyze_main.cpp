// ckptcheck-analyze: the analyzer's own executable. `ckptcheck analyze` runs it,
// so reading checkpoints never loads Clang (about 60 MiB of libraries).
#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include <CLI/CLI.hpp>

#include "ckptcheck/analyzer/analyze.h"
#include "ckptcheck/analyzer/process_limits.h"
#include "ckptcheck/rules/model_spec_json.h"
#include "ckptcheck/rules/model_spec_text.h"
#include "command_line.h"
#include "exit_codes.h"
#include "spec_cache.h"
#include "tool_directory.h"

// Longer than the house limit (~80 lines): it declares every flag with its
// help text, which reads best in one place.
int main(int argc, char** argv) {
  CLI::App app{
      "ckptcheck analyze: predict a LibTorch model's named_parameters(), named_buffers() and named_modules() "
      "from its C++ source, without building the project and without LibTorch.\n\n"
      "How: the sources are compiled in-process by Clang's incremental compiler against ckptcheck's meta "
      "LibTorch (LibTorch's C++ API on tensors that have shapes but no data), and the root module's constructor "
      "runs, so any C++ the constructor uses gives its exact result. The constructor runs confined, in a child "
      "process: it cannot start programs or threads, open sockets or write files (seccomp); its CPU time, "
      "memory and wall-clock time are limited (--timeout; --no-exec: its interpretation too). Files it reads (a "
      "config, a backbone's weights) are "
      "allowed and listed. An attempt to do more stops the analysis with what was attempted. --no-exec runs "
      "nothing and interprets the constructor's source instead.\n\n"
      "Constructor arguments: --arg gives one; --construct gives a C++ expression that builds the root. Integer "
      "arguments left unbound become symbols: the constructor runs at a few values of them, and shapes, layer "
      "counts and conditions are fitted as expressions over them (marked inferred_from_runs).\n\n"
      "Exit codes: 0 analysed; 1 diagnostics at warning or error severity (the static engine's CK501, an "
      "ambiguous root); 2 no result: usage error, code that does not compile against meta LibTorch (the first "
      "error is shown), a constructor that throws, calls something no given file defines, is stopped by its "
      "confinement, or a -p directory without a usable compile_commands.json.",
      "ckptcheck analyze"};
  ckptcheck::AnalyzeOptions options;
  std::string format = "text";
  std::vector<std::string> args;
  app.add_option("files", options.files,
                 "C++ sources defining the model, analysed together (headers or .cpp). A header also brings in "
                 "the source that defines it: the one next to it with the same stem (net.h -> net.cpp, .cc, "
                 ".cxx), else, with -p, the build's source of that stem closest to it, else the closest one that "
                 "#includes it. Classes in the project's headers (-I directories) count as the model's")
      ->required();
  app.add_option("--class", options.root_class,
                 "Root module: its Impl class or holder, plain or qualified (Net, NetImpl, vision::NetImpl). "
                 "Default: the one module no other analysed module contains; of several, the one main() builds, "
                 "else the one a factory or other function builds");
  app.add_option("--arg", args,
                 "NAME=VALUE binds a root constructor parameter; VALUE is a JSON literal (128, true, [2,2], \"relu\") "
                 "or else a plain string; cfg.MEMBER=VALUE sets one member of a config struct parameter "
                 "(cfg.encoder.width inside a nested one). Unbound "
                 "parameters take their defaults, or stay symbols")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("-p", options.build_dir,
                 "Build directory holding compile_commands.json, read as clang-tidy's -p does: the flags of the "
                 "first file it lists (a header it does not list takes those of its closest source), relative "
                 "paths resolved against the command's directory");
  app.add_option("--torch-include", options.torch_include,
                 "With --no-exec: the directory of LibTorch's C++ API headers (holding torch/torch.h), or 'bundled' for the declarations "
                 "shipped with ckptcheck (when the build has them). Default: found automatically");
  app.add_option("--format", format, "Output: 'text' or 'json' (ckptcheck/modelspec/v1)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--construct", options.construct,
                 "A C++ expression that builds the root, compiled with the model's code, for roots whose "
                 "constructor takes objects, or factories (e.g. 'cpprl::Policy(space, std::make_shared<cpprl::MlpBase>(4, "
                 "false, 64))', 'make_model(10)'). It may give a holder, a shared_ptr or a module");
  app.add_flag("--no-exec", options.no_exec,
               "Never run any of the model's code: interpret its constructor statically instead. Handles less "
               "C++ (what it cannot follow is a CK501 diagnostic); --torch-include applies to it");
  app.add_option("--timeout", options.timeout_seconds,
                 "Seconds (wall clock and CPU) one run of the constructor may take before it is stopped; with "
                 "--no-exec, how long interpreting it may take")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  double time_limit = ckptcheck::kDefaultAnalysisSeconds;
  app.add_option("--time-limit", time_limit,
                 "Seconds the whole analysis may take: compiling the model and every run of its constructor (with "
                 "--serve, until the first answer). The analyzer's memory is bounded too, at " +
                     std::to_string(ckptcheck::kAnalyzerAddressSpaceBytes >> 30) + " GiB of address space")
      ->check(CLI::Range(1.0, 86400.0))
      ->capture_default_str();
  app.add_flag("--symbolic-defaults", options.symbolic_defaults,
               "Keep root integer parameters that have a default as symbols too (the default is listed with them), "
               "and the integer and bool members of a config struct parameter built from its member initialisers "
               "(cfg.width), so shapes show which argument decides them; what the check uses");
  bool serve = false;
  app.add_flag("--serve", serve,
               "For the check: after the ModelSpec, keep the compiled model and answer requests on stdin for the "
               "exact ModelSpec at other argument values (each answer its length on a line, then its JSON)");
  bool no_cache = false;  // ckptcheck looks results up; here it only means: do not store
  app.add_flag("--no-cache", no_cache,
               "Analyse even if the cache has this result, and do not store it. The cache "
               "($XDG_CACHE_HOME/ckptcheck, else ~/.cache/ckptcheck) keeps each result with every file the "
               "analysis read (sources, headers, files the constructor read) and their SHA-256; it is used only "
               "while all are unchanged, and for the same arguments, working directory and ckptcheck build. It is "
               "bounded by $CKPTCHECK_CACHE_SIZE_MB (default 256), least recently used results going first");
  // Given by `ckptcheck analyze` and the check after a cache miss: where to
  // store this analysis's result (tool/spec_cache.h).
  std::string cache_dir, cache_key;
  app.add_option("--cache-dir", cache_dir)->group("");
  app.add_option("--cache-key", cache_key)->group("");
  bool timings = false;
  app.add_flag("--timings", timings,
               "Print to stderr where the time went: parsing (Clang) and evaluating the model (the benchmark's split)");
  app.footer("Arguments after '--' go to the compiler unchanged (e.g. -- -DUSE_BN=1 -Iinclude), after the -p "
             "command's flags and, like them, relative to its directory.");
  // Split off "-- compiler args" before CLI11 sees them.
  int own = ckptcheck::split_compiler_args(argc, argv, options.extra_args);
  try {
    app.parse(own, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? ckptcheck::kExitClean : ckptcheck::kExitInputError;
  }
  for (const std::string& a : args) {
    auto binding = ckptcheck::split_binding(a);
    if (!binding) {
      std::cerr << "ckptcheck analyze: error: --arg expects NAME=VALUE, got '" << a << "'\n";
      return ckptcheck::kExitInputError;
    }
    options.args[binding->first] = binding->second;
  }
  ckptcheck::bound_analyzer_process(time_limit);
  options.meta_dir = ckptcheck::tool_directory();
  std::optional<ckptcheck::SpecCache> cache;
  std::vector<std::string> files_compiled;
  double started = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (!cache_dir.empty() && !cache_key.empty() && !no_cache) {
    cache.emplace(cache_dir, ckptcheck::tool_directory());
    options.files_compiled = &files_compiled;
  }
  // What a cached result depends on: every file compiled, and those the
  // constructor read.
  auto dependencies = [&](const ckptcheck::ModelSpec& spec) {
    std::vector<std::string> files = files_compiled;
    files.insert(files.end(), spec.files_read.begin(), spec.files_read.end());
    if (options.build_dir) files.push_back(*options.build_dir + "/compile_commands.json");
    return files;
  };
  if (serve) {
    if (options.no_exec) {
      std::cerr << "ckptcheck analyze: error: --serve needs the running engine (without --no-exec)\n";
      return ckptcheck::kExitInputError;
    }
    try {
      ckptcheck::serve_by_running(
          options, std::cin, std::cout,
          [&](const std::string& request, const std::string& answer, const ckptcheck::ModelSpec& spec) {
            if (request.empty()) ckptcheck::cancel_analysis_time_limit();
            if (!cache) return;
            std::string key = request.empty() ? cache_key : ckptcheck::SpecCache::request_key(cache_key, request);
            cache->store(key, {ckptcheck::kExitClean, answer}, dependencies(spec), started);
          });
    } catch (const std::exception& e) {
      std::cerr << "ckptcheck analyze: error: " << e.what() << '\n';
      return ckptcheck::kExitInputError;
    }
    return ckptcheck::kExitClean;
  }
  ckptcheck::ModelSpec spec;
  ckptcheck::AnalyzeTimings spent;
  if (timings) options.timings = &spent;
  try {
    spec = ckptcheck::analyze(options);
  } catch (const std::bad_alloc&) {
    ckptcheck::report_out_of_memory();
  } catch (const std::exception& e) {
    std::cerr << "ckptcheck analyze: error: " << e.what() << '\n';
    return ckptcheck::kExitInputError;
  }
  if (timings)
    std::cerr << "ckptcheck analyze: parsing " << std::fixed << std::setprecision(3) << spent.parse_seconds
              << " s, evaluation " << spent.evaluate_seconds << " s\n";
  std::ostringstream output;
  if (format == "json") ckptcheck::write_model_spec_json(output, spec);
  else ckptcheck::write_model_spec_text(output, spec);
  int exit_code = ckptcheck::kExitClean;
  for (const ckptcheck::Diagnostic& d : spec.diagnostics)
    if (d.severity != ckptcheck::Severity::Info) exit_code = ckptcheck::kExitFindings;
  std::cout << output.str() << std::flush;
  if (cache && !timings) cache->store(cache_key, {exit_code, output.str()}, dependencies(spec), started);
  // Tearing down the incremental compiler and its JIT costs about 0.3 s and
  // does nothing the operating system does not do at exit.
  std::cerr.flush();
  std::_Exit(exit_code);
}
