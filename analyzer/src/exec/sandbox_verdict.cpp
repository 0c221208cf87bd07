// The sandbox's verdict: what the parent collected (the payload, the side
// channel's records, the exit status, a process start the kernel reported)
// as an outcome and a message that says what the model code tried.
#include "sandbox_internal.h"

#include "sandbox.h"

#if !defined(__x86_64__)
#error "the sandbox's SIGSYS handler reads x86_64 registers; port on_sigsys() and the open re-issue first"
#endif

#include <fcntl.h>
#include <linux/capability.h>
#include <poll.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <optional>
#include <set>
#include <stdexcept>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>
namespace ckptcheck::exec::sandbox_internal {
namespace {

// ---------------------------------------------------------------------------
// The parent: what happened.

bool is_system_location(std::string_view path) {
  static constexpr std::string_view kSystemDirs[] = {"/proc",
                                                     "/sys",
                                                     "/dev",
                                                     "/run",
                                                     "/etc",
                                                     "/lib",
                                                     "/lib32",
                                                     "/lib64",
                                                     "/libx32",
                                                     "/usr/lib",
                                                     "/usr/lib32",
                                                     "/usr/lib64",
                                                     "/usr/libx32",
                                                     "/usr/local/lib",
                                                     "/usr/share/locale",
                                                     "/usr/share/i18n",
                                                     "/usr/share/zoneinfo"};
  for (std::string_view dir : kSystemDirs)
    if (path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/')) return true;
  return false;
}

std::string syscall_name(int nr) {
  if (char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr)) {
    std::string text = name;
    free(name);
    return text;
  }
  for (const NumberedCall& call : kNumberedCalls)
    if (call.nr == nr) return call.name;
  return "system call " + std::to_string(nr);
}

Refusal refusal_of(int nr) {
  for (const RefusedCall& call : kRefusedCalls)
    if (seccomp_syscall_resolve_name(call.name) == nr) return call.why;
  for (const RefusedCall& call : kProcessCalls)
    if (seccomp_syscall_resolve_name(call.name) == nr) return call.why;
  for (const NumberedCall& call : kNumberedCalls)
    if (call.nr == nr) return call.why;
  switch (nr) {
    case SYS_open:
    case SYS_openat: return Refusal::FileWrite;
    case SYS_kill:
    case SYS_tkill:
    case SYS_tgkill:
    case SYS_rt_sigqueueinfo:
    case SYS_rt_tgsigqueueinfo: return Refusal::OtherProcess;
    case SYS_rt_sigaction: return Refusal::SignalHandler;
    case SYS_prctl: return Refusal::Other;
    default: return Refusal::TooNew;
  }
}

// clone and clone3 are how threads start, and how system(), popen() and
// posix_spawn() start the program they run (CLONE_VFORK).
std::string describe_clone(const std::string& name, uint64_t flags) {
  if (flags & CLONE_VFORK)
    return "tried to run a program (" + name + " with CLONE_VFORK, as system(), popen() and posix_spawn() do)";
  if (flags & CLONE_THREAD) return "tried to start a thread (" + name + ")";
  return "tried to start a process (" + name + ")";
}

std::string describe_forbidden(const ForbiddenCall& call) {
  std::string name = syscall_name(call.nr);
  std::string named_call = call.path.empty() ? name : name + " '" + call.path + "'";
  std::string what;
  switch (refusal_of(call.nr)) {
    case Refusal::Program: what = "tried to run a program (" + named_call + ")"; break;
    case Refusal::Process:
      if (call.clone_flags)
        what = describe_clone(name, *call.clone_flags);
      else if (call.nr == SYS_fork)
        what = "tried to start a process (" + name + ")";
      else
        what = "tried to start a thread or process (" + name + ")";
      break;
    case Refusal::Network: what = "tried to open or use a network socket (" + name + ")"; break;
    case Refusal::FileWrite:
      what = call.path.empty() ? "tried to open a file for writing (" + name + ")"
                               : "tried to write the file '" + call.path + "' (" + name + ")";
      break;
    case Refusal::FileChange: what = "tried to change the file system (" + named_call + ")"; break;
    case Refusal::OtherProcess: what = "tried to signal or inspect another process (" + name + ")"; break;
    case Refusal::SignalHandler: what = "tried to replace the sandbox's SIGSYS handler (" + name + ")"; break;
    case Refusal::Other: what = "tried a system call the sandbox refuses (" + named_call + ")"; break;
    case Refusal::TooNew:
      what = "tried " + name + ", which is newer than the sandbox's rules and therefore refused";
      break;
  }
  return what + "; " + kConfinementNote;
}

std::string seconds_text(double seconds) {
  char text[32];
  snprintf(text, sizeof text, "%g s", seconds);
  return text;
}

std::string bytes_text(uint64_t bytes) {
  for (auto [shift, unit] : {std::pair{40, "TiB"}, {30, "GiB"}, {20, "MiB"}, {10, "KiB"}})
    if (bytes >= (uint64_t{1} << shift) && bytes % (uint64_t{1} << shift) == 0)
      return std::to_string(bytes >> shift) + " " + unit;
  return std::to_string(bytes) + " bytes";
}

// "SIGSEGV (segmentation fault)"
std::string signal_text(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  const char* description = sigdescr_np(sig);
  if (abbrev == nullptr) return "signal " + std::to_string(sig);
  std::string text = std::string("SIG") + abbrev;
  if (description != nullptr && *description != '\0') {
    std::string d = description;
    d[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(d[0])));
    text += " (" + d + ")";
  }
  return text;
}

double cpu_seconds_used(const rusage& usage) {
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

Records parse_records(const std::string& bytes) {
  Records r;
  size_t at = 0;
  while (bytes.size() - at >= sizeof(RecordHeader)) {
    RecordHeader header;
    memcpy(&header, bytes.data() + at, sizeof header);
    at += sizeof header;
    if (header.text_size > bytes.size() - at) break;
    std::string text = bytes.substr(at, header.text_size);
    at += header.text_size;
    switch (header.kind) {
      case RecordKind::FileRead: r.opened.push_back(std::move(text)); break;
      case RecordKind::Forbidden:
        if (!r.forbidden) {
          r.forbidden = ForbiddenCall{header.nr, {}, std::move(text), std::nullopt};
          memcpy(r.forbidden->args, header.args, sizeof header.args);
        }
        break;
      case RecordKind::OutOfMemory: r.out_of_memory = true; break;
      case RecordKind::Exception: r.exception = std::move(text); break;
      case RecordKind::SetupFailed: r.setup_failure = std::move(text); break;
    }
  }
  return r;
}

// In first-open order, once each, without system locations or non-files
// ("pipe:[...]", "anon_inode:...").
std::vector<std::string> files_read(const std::vector<std::string>& opened) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (const std::string& path : opened)
    if (path.starts_with('/') && !is_system_location(path) && seen.insert(path).second) files.push_back(path);
  return files;
}

std::pair<SandboxOutcome, std::string> classify(const Collected& c, const Records& r, int status, const rusage& usage,
                                                const SandboxLimits& limits) {
  using O = SandboxOutcome;
  const std::string forbidden_unknown =
      std::string("made a system call the sandbox refuses and was stopped (SIGSYS); ") + kConfinementNote;
  if (r.forbidden) return {O::Forbidden, describe_forbidden(*r.forbidden)};
  if (c.process_start) return {O::Forbidden, describe_forbidden(*c.process_start)};
  if (c.too_much_output) return {O::Crashed, "sent more than " + bytes_text(limits.output_bytes) + " of results"};
  if (c.timed_out)
    return {O::TimedOut, "was stopped after " + seconds_text(limits.wall_seconds) + " (wall-clock limit; --timeout)"};
  if (r.out_of_memory) return {O::MemoryLimit, "ran out of its " + bytes_text(limits.memory_bytes) + " memory limit"};
  if (r.exception) return {O::Crashed, "threw an exception that was not caught: " + *r.exception};
  if (WIFEXITED(status)) {
    if (WEXITSTATUS(status) == 0) return {O::Finished, ""};
    if (WEXITSTATUS(status) == kForbiddenExit) return {O::Forbidden, forbidden_unknown};
    return {O::Crashed, "exited with status " + std::to_string(WEXITSTATUS(status)) + " before returning"};
  }
  int sig = WTERMSIG(status);
  std::string cpu_limit = "used up its " + seconds_text(limits.cpu_seconds) + " CPU-time limit";
  if (sig == SIGXCPU) return {O::CpuLimit, cpu_limit};
  if (sig == SIGKILL && cpu_seconds_used(usage) >= limits.cpu_seconds) return {O::CpuLimit, cpu_limit};
  if (sig == SIGSYS) return {O::Forbidden, forbidden_unknown};
  return {O::Crashed, "crashed with " + signal_text(sig)};
}

}  // namespace ckptcheck::exec::sandbox_internal
