// Where the check gets its ModelSpec: ckptcheck-analyze run on the --model
// files (its own process, so the checker never loads Clang), or a saved
// `ckptcheck analyze --format json` file given with --spec.
#include "model_spec_source.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzer_process.h"
#include "ckptcheck/rules/display.h"
#include "ckptcheck/rules/model_spec_json.h"
#include "tool_directory.h"

namespace ckptcheck {
namespace {

std::vector<std::string> analyzer_command(const ModelSource& source) {
  std::vector<std::string> argv{"--format", "json", "--symbolic-defaults"};
  argv.push_back(source.no_exec ? "--no-exec" : "--serve");
  argv.insert(argv.end(), source.models.begin(), source.models.end());
  if (source.root_class) argv.insert(argv.end(), {"--class", *source.root_class});
  if (source.construct) argv.insert(argv.end(), {"--construct", *source.construct});
  for (const std::string& a : source.args) argv.insert(argv.end(), {"--arg", a});
  if (source.build_dir) argv.insert(argv.end(), {"-p", *source.build_dir});
  if (!source.torch_include.empty() && source.no_exec) argv.insert(argv.end(), {"--torch-include", source.torch_include});
  if (!source.compiler_args.empty()) {
    argv.push_back("--");
    argv.insert(argv.end(), source.compiler_args.begin(), source.compiler_args.end());
  }
  return argv;
}

ModelSpec parse(const std::string& json, const std::string& from) {
  try {
    return read_model_spec_json(json);
  } catch (const ModelSpecError& e) {
    throw std::runtime_error(from + ": " + e.what());
  }
}

}  // namespace

ModelSpecSource::ModelSpecSource(const ModelSource& source) {
  if (!source.spec_file.empty()) {
    std::ifstream in(source.spec_file, std::ios::binary);
    if (!in) throw std::runtime_error("--spec " + source.spec_file + ": cannot open it");
    std::ostringstream text;
    text << in.rdbuf();
    spec_ = parse(text.str(), "--spec " + source.spec_file);
    return;
  }
  command_ = analyzer_command(source);
  time_limit_seconds_ = source.time_limit_seconds;
  serving_ = !source.no_exec;
  std::optional<std::string> cache_dir = source.no_cache ? std::nullopt : SpecCache::default_directory();
  if (cache_dir) {
    cache_.emplace(*cache_dir, tool_directory());
    cache_key_ = cache_->key_for(command_);
    if (auto hit = cache_->find(cache_key_)) {
      spec_ = parse(hit->output, "the cached analysis");
      return;  // the analyzer starts only if a request misses the cache
    }
  }
  std::string first = start_analyzer();
  if (first.empty()) {
    // An analyzer that exits has said why on stderr; one killed by a signal
    // (a stack overflow on deeply nested model code) has not.
    if (std::optional<std::string> death = reap_killed_analyzer())
      std::cerr << "ckptcheck: error: the analyzer was killed by " << *death
                << " while analysing the model; no prediction was made\n";
    throw AnalyzerFailed();
  }
  spec_ = parse(first, "the analyzer's output");
}

std::optional<std::string> ModelSpecSource::reap_killed_analyzer() {
  if (server_ <= 0) return std::nullopt;
  for (FILE** stream : {&requests_, &answers_}) {
    if (*stream) std::fclose(*stream);
    *stream = nullptr;
  }
  int status = 0;
  while (::waitpid(server_, &status, 0) < 0 && errno == EINTR) {
  }
  server_ = -1;
  if (!WIFSIGNALED(status)) return std::nullopt;
  int signal = WTERMSIG(status);
  return "signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
}

std::string ModelSpecSource::start_analyzer() {
  int to_server[2], from_server[2];
  if (::pipe2(to_server, O_CLOEXEC) != 0 || ::pipe2(from_server, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  AnalyzerInvocation invocation{command_, std::nullopt, std::nullopt};
  invocation.arguments.insert(invocation.arguments.begin(), {"--time-limit", seconds_text(time_limit_seconds_)});
  if (cache_) invocation.cache_dir = cache_->directory(), invocation.cache_key = cache_key_;
  try {
    server_ = spawn_analyzer(invocation, to_server[0], from_server[1]);
  } catch (...) {
    for (int fd : {to_server[0], to_server[1], from_server[0], from_server[1]}) ::close(fd);
    server_ = -1;
    throw;
  }
  ::close(to_server[0]);
  ::close(from_server[1]);
  requests_ = ::fdopen(to_server[1], "w");
  answers_ = ::fdopen(from_server[0], "r");
  await_answer();
  std::string first;
  if (!serving_) {
    // The static engine writes one spec and exits; 0 and 1 (diagnostics in
    // the spec) both give one, anything else has said why on stderr.
    std::ostringstream all;
    char buf[65536];
    for (size_t got; (got = std::fread(buf, 1, sizeof buf, answers_)) > 0;) all.write(buf, static_cast<std::streamsize>(got));
    first = all.str();
  } else {
    first = read_message();
  }
  if (first.empty()) {
    std::fclose(requests_);
    requests_ = nullptr;
  }
  return first;
}

ModelSpecSource::~ModelSpecSource() {
  if (requests_) std::fclose(requests_);  // end of requests: the server exits
  if (answers_) std::fclose(answers_);
  if (server_ > 0) {
    int status = 0;
    while (::waitpid(server_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

void ModelSpecSource::await_answer() {
  // The analyzer stops itself at its --time-limit; this is for one that cannot.
  constexpr double kGraceSeconds = 10;
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                             std::chrono::duration<double>(time_limit_seconds_ + kGraceSeconds));
  pollfd answer{::fileno(answers_), POLLIN, 0};
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    int ready = ::poll(&answer, 1, static_cast<int>(std::max<int64_t>(left.count(), 0)));
    if (ready > 0) return;  // an answer, or the end of one that stopped
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    break;
  }
  ::kill(server_, SIGKILL);
  reap_killed_analyzer();
  throw std::runtime_error("the analyzer did not answer within " + seconds_text(time_limit_seconds_) +
                           " s (--analyze-time-limit) and was stopped; no prediction was made");
}

// A message: its length on a line, then that many bytes; "" at the end of
// the stream (the analyzer stopped).
std::string ModelSpecSource::read_message() {
  if (!answers_) return {};
  char line[64];
  if (!std::fgets(line, sizeof line, answers_)) return {};
  char* end = nullptr;
  unsigned long long length = std::strtoull(line, &end, 10);
  if (end == line || length > (1ull << 34)) return {};
  std::string message(length, '\0');
  if (std::fread(message.data(), 1, length, answers_) != length) return {};
  return message;
}

std::optional<ModelSpec> ModelSpecSource::exact_at(const std::map<std::string, int64_t>& values) {
  if (!serving_ || spec_.engine != "exec") return std::nullopt;
  std::string request = nlohmann::json{{"args", values}}.dump();
  if (cache_)
    if (auto hit = cache_->find(SpecCache::request_key(cache_key_, request))) return parse(hit->output, "the cached analysis");
  if (server_ < 0 && start_analyzer().empty()) return std::nullopt;  // its first answer is the spec we have
  if (!requests_) return std::nullopt;
  std::string line = request + "\n";
  if (std::fwrite(line.data(), 1, line.size(), requests_) != line.size() || std::fflush(requests_) != 0)
    return std::nullopt;
  await_answer();
  std::string answer = read_message();
  nlohmann::json reply = nlohmann::json::parse(answer, nullptr, /*allow_exceptions=*/false);
  if (answer.empty() || reply.is_discarded() || reply.contains("error")) return std::nullopt;
  return parse(answer, "the analyzer's output");
}

}  // namespace ckptcheck
