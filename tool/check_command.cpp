// `ckptcheck --model net.cpp weights.pt`: the ModelSpec from the analyzer,
// each checkpoint read and matched against it, one report, the exit code.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "atomic_file.h"
#include "ckptcheck/formats/inspect.h"
#include "ckptcheck/match/match.h"
#include "ckptcheck/report/baseline.h"
#include "ckptcheck/report/render.h"
#include "commands.h"
#include "model_spec_source.h"

namespace ckptcheck {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The analyzer's own diagnostics (CK501 analysis-incomplete, CK502, code
// that does not compile) are part of the report: a gate must show what it
// could not check. Returns whether the check could be done at all: not when
// no root was found (CK502) or the code does not compile (CK501 at error
// severity), which exit 2, so that CI can tell them from a breakage (exit 1).
bool add_analysis_findings(const ModelSpec& spec, Report& report) {
  bool analysed = !spec.root.empty();
  for (const Diagnostic& d : spec.diagnostics) {
    report.findings.push_back(d);
    analysed &= d.severity != Severity::Error;
  }
  return analysed;
}

void render(std::ostream& out, const Report& report, const std::string& format, const RenderOptions& text_options,
            const std::string& version) {
  if (format == "json")
    render_json(out, report);
  else if (format == "sarif")
    render_sarif(out, report, version, "https://github.com/ckptcheck/ckptcheck");
  else if (format == "markdown")
    render_markdown(out, report);
  else if (format == "gitlab")
    render_gitlab(out, report);
  else
    render_text(out, report, text_options);
}

bool looks_like_source(const std::string& path) {
  static const char* const kExtensions[] = {".cpp", ".cc", ".cxx", ".c++", ".h", ".hh", ".hpp", ".hxx"};
  const std::string ext = std::filesystem::path(path).extension().string();
  for (const char* e : kExtensions)
    if (ext == e) return true;
  return false;
}

}  // namespace

int run_check(const CheckOptions& given) {
  CheckOptions options = given;
  Config config;
  try {
    std::optional<std::filesystem::path> config_file;
    if (options.config_file) config_file = *options.config_file;
    config = resolve_config(config_file, std::filesystem::current_path(), options.flags);
  } catch (const std::exception& e) {  // ConfigError, or an unreadable working directory
    std::cerr << "ckptcheck: error: " << e.what() << '\n';
    return kExitInputError;
  }
  if (options.dump_config) {
    std::cout << effective_config_json(config).dump(2) << '\n';
    return kExitClean;
  }
  fill_match_options(config, options.match);
  const std::string& format = config.format.value;
  bool warnings_as_errors = config.warnings_as_errors.value;

  Report report;
  report.models = options.source.models;
  if (!options.source.spec_file.empty()) report.models.push_back(options.source.spec_file);
  auto start = Clock::now();
  std::unique_ptr<ModelSpecSource> source;
  try {
    source = std::make_unique<ModelSpecSource>(options.source);
  } catch (const AnalyzerFailed&) {
    return kExitInputError;
  } catch (const std::exception& e) {
    std::cerr << "ckptcheck: error: " << e.what() << '\n';
    return kExitInputError;
  }
  const ModelSpec& spec = source->spec();
  options.match.exact_spec_at = [&source](const std::map<std::string, int64_t>& values) { return source->exact_at(values); };
  double analysis = seconds_since(start), reading = 0, matching = 0;
  report.root = spec.root;
  bool input_error = !add_analysis_findings(spec, report);

  if (!spec.root.empty()) {
    for (const std::string& path : options.checkpoints) {
      auto read_start = Clock::now();
      Inventory inventory;
      try {
        inventory = inspect_file(path);
      } catch (const ReadError& e) {
        Diagnostic unreadable = Diagnostic::of(e.rule(), e.what()).with_severity(Severity::Error).in(path);
        // `--model a.cpp b.cpp w.pt` reads b.cpp as a checkpoint: say how to give it.
        if (e.rule() == RuleId::UnreadableFile && looks_like_source(path))
          unreadable.fix = "it looks like C++ source: give each model file with its own --model";
        report.findings.push_back(std::move(unreadable));
        input_error = true;
        continue;
      }
      reading += seconds_since(read_start);
      auto match_start = Clock::now();
      try {
        match_checkpoint(spec, inventory, options.match, report);
      } catch (const std::exception& e) {  // which state dict: several candidates, or --key names none
        std::cerr << "ckptcheck: error: " << e.what() << '\n';
        return kExitInputError;
      }
      matching += seconds_since(match_start);
    }
  }
  for (const Diagnostic& f : report.findings)
    input_error |= f.severity == Severity::Error && rule_family(f.rule) == RuleFamily::File;
  for (const std::string& unused : apply_config(config, report, today_local_date()))
    std::cerr << "ckptcheck: warning: " << unused << '\n';
  // Before the merge: a baseline holds each checkpoint's finding on its own.
  if (options.write_baseline) {
    if (input_error) {
      std::cerr << "ckptcheck: error: the check could not be done, so no baseline was written to "
                << *options.write_baseline << '\n';
      return kExitInputError;
    }
    try {
      write_file_atomically(*options.write_baseline,
                            baseline_text(baseline_entries(report), "ckptcheck " + options.version));
    } catch (const std::exception& e) {
      std::cerr << "ckptcheck: error: " << e.what() << '\n';
      return kExitInputError;
    }
    std::cerr << "ckptcheck: wrote " << *options.write_baseline << ": " << report.findings.size()
              << (report.findings.size() == 1 ? " finding" : " findings")
              << "; runs with --baseline (or \"baseline\" in .ckptcheck.json) fail only on new ones\n";
  } else if (config.baseline.value) {
    try {
      apply_baseline(read_baseline(*config.baseline.value), report);
    } catch (const BaselineError& e) {
      std::cerr << "ckptcheck: error: " << e.what() << '\n';
      return kExitInputError;
    }
  }
  merge_across_checkpoints(report);

  render(std::cout, report, format, RenderOptions{want_color(STDOUT_FILENO), warnings_as_errors}, options.version);
  for (const auto& [written_format, file] : options.writes) {
    std::ostringstream text;
    render(text, report, written_format, RenderOptions{false, warnings_as_errors}, options.version);
    try {
      write_file_atomically(file, text.str());
    } catch (const std::exception& e) {
      std::cerr << "ckptcheck: error: " << e.what() << '\n';
      return kExitInputError;
    }
  }
  if (options.timings)
    std::cerr << "ckptcheck: analysis " << std::fixed << std::setprecision(6) << analysis << " s, reading " << reading
              << " s, matching " << matching << " s\n";
  if (input_error) return kExitInputError;
  if (options.write_baseline) return kExitClean;  // today's findings are now accepted
  return report_exit_code(report, warnings_as_errors);
}

}  // namespace ckptcheck
