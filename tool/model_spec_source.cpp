// Where the check gets its ModelSpec: ckptcheck-analyze run on the --model
// files (its own process, so the checker never loads Clang), or a saved
// `ckptcheck analyze --format json` file given with --spec.
#include "model_spec_source.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "ckptcheck/match/model_spec_input.h"

extern char** environ;

namespace ckptcheck {
namespace {

std::string analyzer_path() {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  std::string dir = n > 0 ? std::string(self, static_cast<size_t>(n)) : std::string();
  return dir.substr(0, dir.rfind('/') + 1) + "ckptcheck-analyze";
}

// Runs `argv`, returns its standard output and exit status; stderr passes through.
std::pair<std::string, int> run_capturing(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (rc != 0) {
    ::close(pipe_fds[0]);
    throw std::runtime_error("cannot run '" + argv[0] + "': " + std::strerror(rc) +
                             " (was ckptcheck built with CKPTCHECK_BUILD_ANALYZER=ON? a saved spec works with --spec)");
  }
  std::string out;
  char buf[65536];
  for (ssize_t got; (got = ::read(pipe_fds[0], buf, sizeof buf)) != 0;) {
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) break;
    out.append(buf, static_cast<size_t>(got));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)};
}

}  // namespace

ModelSpec load_model_spec(const ModelSource& source) {
  std::string json;
  if (!source.spec_file.empty()) {
    std::ifstream in(source.spec_file, std::ios::binary);
    if (!in) throw std::runtime_error("--spec " + source.spec_file + ": cannot open it");
    std::ostringstream text;
    text << in.rdbuf();
    json = text.str();
  } else {
    std::vector<std::string> argv{analyzer_path(), "--format", "json", "--symbolic-defaults"};
    argv.insert(argv.end(), source.models.begin(), source.models.end());
    if (source.root_class) argv.insert(argv.end(), {"--class", *source.root_class});
    for (const std::string& a : source.args) argv.insert(argv.end(), {"--arg", a});
    if (source.build_dir) argv.insert(argv.end(), {"-p", *source.build_dir});
    if (!source.torch_include.empty()) argv.insert(argv.end(), {"--torch-include", source.torch_include});
    if (!source.compiler_args.empty()) {
      argv.push_back("--");
      argv.insert(argv.end(), source.compiler_args.begin(), source.compiler_args.end());
    }
    auto [out, status] = run_capturing(argv);
    // 0 and 1 (diagnostics in the spec) both give a spec; anything else has said why on stderr.
    if (status != 0 && status != 1) throw AnalyzerFailed();
    json = std::move(out);
  }
  try {
    return read_model_spec_json(json);
  } catch (const ModelSpecError& e) {
    throw std::runtime_error(source.spec_file.empty() ? std::string("the analyzer's output: ") + e.what()
                                                      : "--spec " + source.spec_file + ": " + e.what());
  }
}

}  // namespace ckptcheck
