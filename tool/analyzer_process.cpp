#include "analyzer_process.h"

#include <spawn.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include "exit_codes.h"
#include "tool_directory.h"

extern char** environ;

namespace ckptcheck {
namespace {

const char* const kAnalyzerMissingHint = "was ckptcheck built with CKPTCHECK_BUILD_ANALYZER=ON?";

std::vector<std::string> command_line(const std::string& analyzer, const AnalyzerInvocation& invocation) {
  std::vector<std::string> argv{analyzer};
  if (invocation.cache_dir && invocation.cache_key)
    argv.insert(argv.end(), {"--cache-dir", *invocation.cache_dir, "--cache-key", *invocation.cache_key});
  argv.insert(argv.end(), invocation.arguments.begin(), invocation.arguments.end());
  return argv;
}

std::vector<char*> c_strings(std::vector<std::string>& argv) {
  std::vector<char*> out;
  for (std::string& a : argv) out.push_back(a.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

int exec_analyzer(const AnalyzerInvocation& invocation) {
  std::string analyzer = analyzer_executable();
  std::vector<std::string> argv = command_line(analyzer, invocation);
  ::execv(analyzer.c_str(), c_strings(argv).data());
  std::cerr << "ckptcheck: error: cannot run '" << analyzer << "': " << std::strerror(errno) << " ("
            << kAnalyzerMissingHint << ")\n";
  return kExitInputError;
}

pid_t spawn_analyzer(const AnalyzerInvocation& invocation, int stdin_fd, int stdout_fd) {
  std::string analyzer = analyzer_executable();
  std::vector<std::string> argv = command_line(analyzer, invocation);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, STDOUT_FILENO);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, analyzer.c_str(), &actions, nullptr, c_strings(argv).data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    throw std::runtime_error("cannot run '" + analyzer + "': " + std::strerror(rc) + " (" + kAnalyzerMissingHint +
                             " a saved spec works with --spec)");
  return pid;
}

}  // namespace ckptcheck
