#include "ckptcheck/analyzer/process_limits.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <new>
#include <string>

#include <llvm/Support/ErrorHandling.h>

#include "ckptcheck/rules/display.h"

namespace ckptcheck {
namespace {

// Exit code 2 (usage or input error: no result), as tool/exit_codes.h says.
constexpr int kNoResult = 2;

// Prepared before the timer starts: a signal handler may only write() it.
char timeout_message[256];
size_t timeout_message_size = 0;
// A POSIX timer of its own with its own signal: alarm() and SIGALRM belong to
// the incremental parser's guard (exec/jit_compiler.cpp). Not inherited by the
// sandbox's children.
timer_t analysis_timer;
bool timer_armed = false;

void write_all(const char* text, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(STDERR_FILENO, text, size);
    if (n <= 0) return;
    text += n, size -= static_cast<size_t>(n);
  }
}

void on_time_limit(int) {
  write_all(timeout_message, timeout_message_size);
  ::_exit(kNoResult);
}

// Written without allocating: memory has run out. Names the limit reached:
// kAnalyzerAddressSpaceBytes, or the lower one the analyzer was started with.
[[noreturn]] void out_of_memory(const char* during, const char* reason = nullptr) {
  rlimit current{};
  char limit[96] = "address-space";
  if (::getrlimit(RLIMIT_AS, &current) == 0 && current.rlim_cur == kAnalyzerAddressSpaceBytes)
    std::snprintf(limit, sizeof limit, "%llu GiB address-space (kAnalyzerAddressSpaceBytes)",
                  static_cast<unsigned long long>(kAnalyzerAddressSpaceBytes >> 30));
  else if (current.rlim_cur != RLIM_INFINITY)
    std::snprintf(limit, sizeof limit, "%llu MiB address-space (ulimit -v)",
                  static_cast<unsigned long long>(current.rlim_cur >> 20));
  char line[512];
  int n = std::snprintf(line, sizeof line,
                        "ckptcheck analyze: error: out of memory %s%s%s%s: the analyzer reached its %s limit\n", during,
                        reason ? " (" : "", reason ? reason : "", reason ? ")" : "", limit);
  write_all(line, n > 0 ? std::min(static_cast<size_t>(n), sizeof line - 1) : 0);
  ::_exit(kNoResult);
}

// LLVM calls these instead of printing "LLVM ERROR: ..." and aborting; they
// must not return.
void on_out_of_memory(void*, const char* reason, bool) { out_of_memory("while compiling the model", reason); }
void on_fatal_error(void*, const char* reason, bool) {
  const char* prefix = "ckptcheck analyze: error: the compiler gave up on the model's code: ";
  write_all(prefix, std::strlen(prefix));
  write_all(reason, std::strlen(reason));
  write_all("\n", 1);
  ::_exit(kNoResult);
}

// A std::bad_alloc that nothing catches (thrown where the compiler's frames
// cannot pass it on) ends here rather than in "terminate called after ...".
void on_terminate() {
  if (std::exception_ptr thrown = std::current_exception()) try {
      std::rethrow_exception(thrown);
    } catch (const std::bad_alloc&) {
      out_of_memory("while compiling the model");
    } catch (...) {
    }
  std::abort();
}

}  // namespace

void report_out_of_memory() { out_of_memory("while analysing the model"); }

void bound_analyzer_process(double time_limit_seconds) {
  rlimit current{};
  if (::getrlimit(RLIMIT_AS, &current) == 0 && current.rlim_cur > kAnalyzerAddressSpaceBytes) {
    rlimit lowered{std::min<rlim_t>(kAnalyzerAddressSpaceBytes, current.rlim_max), current.rlim_max};
    ::setrlimit(RLIMIT_AS, &lowered);  // best effort: without it, only the machine bounds memory
  }
  llvm::install_bad_alloc_error_handler(on_out_of_memory);
  llvm::install_fatal_error_handler(on_fatal_error);
  std::set_terminate(on_terminate);

  std::string message = "ckptcheck analyze: error: the analysis was stopped after " + seconds_text(time_limit_seconds) +
                        " s (--time-limit): compiling the model and running its constructor took longer\n";
  timeout_message_size = std::min(message.size(), sizeof timeout_message);
  std::memcpy(timeout_message, message.data(), timeout_message_size);
  int signal = SIGRTMIN;
  struct sigaction action{};
  action.sa_handler = on_time_limit;
  ::sigemptyset(&action.sa_mask);
  ::sigaction(signal, &action, nullptr);
  sigevent event{};
  event.sigev_notify = SIGEV_SIGNAL;
  event.sigev_signo = signal;
  if (::timer_create(CLOCK_MONOTONIC, &event, &analysis_timer) != 0) return;
  itimerspec when{};
  when.it_value.tv_sec = static_cast<time_t>(time_limit_seconds);
  when.it_value.tv_nsec = static_cast<long>((time_limit_seconds - static_cast<double>(when.it_value.tv_sec)) * 1e9);
  timer_armed = ::timer_settime(analysis_timer, 0, &when, nullptr) == 0;
}

void cancel_analysis_time_limit() {
  if (!timer_armed) return;
  ::timer_delete(analysis_timer);
  timer_armed = false;
}

}  // namespace ckptcheck
