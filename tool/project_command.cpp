#include "project_command.h"

#include <fcntl.h>
#include <glob.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "atomic_file.h"
#include "project_output.h"
#include "tool_directory.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A checkpoint entry's files: the file itself, or what its glob pattern
// matches, relative to `dir` as written. Throws when a pattern matches nothing.
std::vector<std::string> expand(const std::string& pattern, const fs::path& dir) {
  if (pattern.find_first_of("*?[") == std::string::npos) return {pattern};
  std::string absolute = (dir / pattern).string();
  glob_t found{};
  int rc = ::glob(absolute.c_str(), 0, nullptr, &found);
  std::vector<std::string> out;
  for (size_t i = 0; rc == 0 && i < found.gl_pathc; ++i)
    out.push_back(fs::path(found.gl_pathv[i]).lexically_relative(dir).string());
  ::globfree(&found);
  if (out.empty()) throw std::runtime_error("the pattern '" + pattern + "' matches no file");
  return out;
}

// The flags every model's check shares: those given with the bare command.
std::vector<std::string> shared_flags(const CheckOptions& o) {
  std::vector<std::string> args;
  for (const std::string& s : o.flags.severity) args.insert(args.end(), {"--severity", s});
  for (const std::string& s : o.flags.disable) args.insert(args.end(), {"--disable", s});
  if (o.flags.strip_prefix) args.insert(args.end(), {"--strip-prefix", *o.flags.strip_prefix});
  if (o.flags.add_prefix) args.insert(args.end(), {"--add-prefix", *o.flags.add_prefix});
  if (o.flags.loader) args.insert(args.end(), {"--loader", *o.flags.loader});
  if (o.flags.baseline) args.insert(args.end(), {"--baseline", fs::absolute(*o.flags.baseline).string()});
  if (o.warnings_as_errors_flag) args.push_back("--warnings-as-errors");
  if (!o.source.torch_include.empty()) args.insert(args.end(), {"--torch-include", o.source.torch_include});
  if (o.source.no_exec) args.push_back("--no-exec");
  if (o.source.no_cache) args.push_back("--no-cache");
  args.insert(args.end(), {"--analyze-time-limit", std::to_string(o.source.time_limit_seconds)});
  return args;
}

// One model's `ckptcheck check` command line, without its output flags.
std::vector<std::string> model_arguments(const ProjectModel& m, const std::vector<std::string>& checkpoints,
                                         const fs::path& config_file) {
  std::vector<std::string> args = {"check", "--config", config_file.string()};
  for (const std::string& s : m.sources) args.insert(args.end(), {"--model", s});
  if (m.spec) args.insert(args.end(), {"--spec", *m.spec});
  if (m.build_dir) args.insert(args.end(), {"-p", *m.build_dir});
  if (m.root_class) args.insert(args.end(), {"--class", *m.root_class});
  if (m.construct) args.insert(args.end(), {"--construct", *m.construct});
  for (const std::string& a : m.args) args.insert(args.end(), {"--arg", a});
  if (m.key) args.insert(args.end(), {"--key", *m.key});
  if (m.loader) args.insert(args.end(), {"--loader", *m.loader});
  if (m.no_exec) args.push_back("--no-exec");
  args.insert(args.end(), checkpoints.begin(), checkpoints.end());
  return args;
}

// Starts `ckptcheck ARGS` in `dir` with stdout and stderr into files in
// `job_dir`, where its --write files go too.
pid_t start(const std::vector<std::string>& args, const fs::path& dir, const fs::path& job_dir) {
  std::vector<std::string> argv_text = {tool_directory() + "/ckptcheck"};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string out = (job_dir / "out").string(), err = (job_dir / "err").string();
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (out_fd < 0 || err_fd < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0 || ::chdir(dir.c_str()) != 0)
    ::_exit(127);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

// The whole command line of one model's check: its own arguments, the
// flags given with the bare command, and its outputs into `job_dir`.
std::vector<std::string> check_command(const ProjectModel& m, const std::vector<std::string>& checkpoints,
                                       const fs::path& config_file, const CheckOptions& options,
                                       const std::string& format, const fs::path& job_dir) {
  std::vector<std::string> args = model_arguments(m, checkpoints, config_file);
  std::vector<std::string> shared = shared_flags(options);
  args.insert(args.end(), shared.begin(), shared.end());
  args.insert(args.end(), {"--format", format, "--write", "json=" + (job_dir / "report.json").string()});
  for (const auto& [written, file] : options.writes)
    args.insert(args.end(), {"--write", written + "=" + (job_dir / ("write." + written)).string()});
  if (options.write_baseline) args.insert(args.end(), {"--write-baseline", (job_dir / "baseline.json").string()});
  if (!m.compiler_args.empty()) {
    args.push_back("--");
    args.insert(args.end(), m.compiler_args.begin(), m.compiler_args.end());
  }
  return args;
}

// Runs the commands side by side, `jobs` at a time, in the order given (an
// empty command could not be built; its run already says why), and fills
// each run from what its check wrote into scratch/INDEX.
void run_side_by_side(const std::vector<std::vector<std::string>>& commands, std::vector<ModelRun>& runs,
                      const fs::path& dir, const fs::path& scratch, const CheckOptions& options, size_t jobs) {
  std::map<pid_t, size_t> running;
  size_t next = 0;
  auto start_next = [&] {
    while (next < commands.size() && commands[next].empty()) ++next;
    if (next == commands.size()) return false;
    pid_t pid = start(commands[next], dir, scratch / std::to_string(next));
    if (pid < 0)
      runs[next].errors = "ckptcheck: error: cannot start the check of " + runs[next].name + '\n';
    else
      running[pid] = next;
    ++next;
    return true;
  };
  while (running.size() < jobs && start_next()) {
  }
  while (!running.empty()) {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) break;
    auto it = running.find(pid);
    if (it == running.end()) continue;
    ModelRun& run = runs[it->second];
    fs::path job_dir = scratch / std::to_string(it->second);
    running.erase(it);
    // Killed by a signal, or an exit code that is not ckptcheck's: the check was not done.
    run.exit_code = WIFEXITED(status) && WEXITSTATUS(status) <= kExitInputError ? WEXITSTATUS(status) : kExitInputError;
    run.output = read_file(job_dir / "out");
    run.errors = read_file(job_dir / "err");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && run.errors.empty())
      run.errors = "ckptcheck: error: cannot run " + tool_directory() + "/ckptcheck in " + dir.string() + '\n';
    run.report_json = read_file(job_dir / "report.json");
    for (const auto& [format, file] : options.writes) run.writes[format] = read_file(job_dir / ("write." + format));
    if (options.write_baseline) run.baseline = read_file(job_dir / "baseline.json");
    while (running.size() < jobs && start_next()) {
    }
  }
}

// The --write files and the merged baseline; returns the exit code.
int write_files(const ProjectResult& result, const CheckOptions& options) {
  try {
    for (const auto& [format, file] : options.writes) {
      std::ostringstream text;
      write_project_output(text, result, format);
      write_file_atomically(file, text.str());
    }
    if (!options.write_baseline) return result.exit_code;
    if (result.exit_code == kExitInputError) {
      std::cerr << "ckptcheck: error: a model could not be checked, so no baseline was written to "
                << *options.write_baseline << '\n';
      return kExitInputError;
    }
    write_file_atomically(*options.write_baseline, merged_baseline(result.runs, options.version));
    std::cerr << "ckptcheck: wrote " << *options.write_baseline << ": the findings of " << result.runs.size()
              << (result.runs.size() == 1 ? " model\n" : " models\n");
    return kExitClean;
  } catch (const std::exception& e) {
    std::cerr << "ckptcheck: error: " << e.what() << '\n';
    return kExitInputError;
  }
}

}  // namespace

int run_project(const CheckOptions& options) {
  Config config;
  try {
    std::optional<fs::path> given;
    if (options.config_file) given = *options.config_file;
    config = resolve_config(given, fs::current_path(), options.flags);
  } catch (const std::exception& e) {
    std::cerr << "ckptcheck: error: " << e.what() << '\n';
    return kExitInputError;
  }
  if (config.models.empty()) {
    std::cerr << "ckptcheck: error: no model and no checkpoint given, and "
              << (config.file ? config.file->string() + " lists no \"models\"" : "no .ckptcheck.json was found")
              << ".\nGive them (ckptcheck --model net.cpp weights.pt), or list the models the repository guards "
                 "in .ckptcheck.json (docs/config.md, \"models\"); 'ckptcheck --help' says more\n";
    return kExitInputError;
  }
  const fs::path config_file = fs::absolute(*config.file);
  const fs::path dir = config_file.parent_path();
  std::error_code ec;
  std::string scratch_pattern = (fs::temp_directory_path(ec) / "ckptcheck-project-XXXXXX").string();
  if (ec || !::mkdtemp(scratch_pattern.data())) {
    std::cerr << "ckptcheck: error: cannot create a scratch directory in " << fs::temp_directory_path(ec) << '\n';
    return kExitInputError;
  }
  const fs::path scratch(scratch_pattern);

  std::vector<ModelRun> runs(config.models.size());
  std::vector<std::vector<std::string>> commands(config.models.size());
  for (size_t i = 0; i < config.models.size(); ++i) {
    const ProjectModel& m = config.models[i];
    runs[i].name = m.name;
    try {
      for (const std::string& pattern : m.checkpoints)
        for (std::string& file : expand(pattern, dir)) runs[i].checkpoints.push_back(std::move(file));
    } catch (const std::exception& e) {
      runs[i].errors = "ckptcheck: error: " + config.file->string() + ": models[" + std::to_string(i) + "] (" + m.name +
                       "): " + e.what() + '\n';
      continue;
    }
    fs::create_directories(scratch / std::to_string(i), ec);
    commands[i] =
        check_command(m, runs[i].checkpoints, config_file, options, config.format.value, scratch / std::to_string(i));
  }
  // One check per core: each runs one analyzer.
  size_t jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  run_side_by_side(commands, runs, dir, scratch, options, jobs);
  fs::remove_all(scratch, ec);

  // Named as from the working directory: ".ckptcheck.json", "../.ckptcheck.json".
  std::string shown = config_file.lexically_relative(fs::current_path(ec)).string();
  ProjectResult result =
      combine_runs(std::move(runs), shown.empty() ? config_file.string() : shown, config.format.value, options.version);
  write_project_output(std::cout, result, config.format.value);
  return write_files(result, options);
}

}  // namespace ckptcheck
