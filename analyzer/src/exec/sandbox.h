// Runs untrusted code (a user's model constructor, JIT-compiled) in a forked
// child that cannot run programs, start threads or processes, use the network,
// write files or touch other processes, and that is bounded in wall-clock time,
// CPU time and memory. What the code attempted is reported, not just refused.
//
// How (Linux x86_64 only): fork(); the child gets its own process group, dies
// with the parent, has stdio on /dev/null, a fresh empty working directory, no
// inherited fds but its pipes to the parent, rlimits, no capabilities except
// reading (CAP_DAC_READ_SEARCH, if it had it), PR_SET_NO_NEW_PRIVS and a
// libseccomp filter (default allow, with a deny list). Refused system calls
// raise SIGSYS (SECCOMP_RET_TRAP); the child's handler tells the parent what
// was attempted over a side pipe and exits. Attempts to start a thread or
// process are reported to the parent by the kernel instead
// (SECCOMP_RET_USER_NOTIF), and the parent kills the child: glibc makes those
// calls with every signal blocked, and a trap would then kill without a word.
// Read-only opens are trapped too, so the handler can record the file, then
// re-issued with a marker in the (ignored) mode argument that the filter lets
// through.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ckptcheck::exec {

struct SandboxLimits {
  double wall_seconds = 20;             // killed after this (SIGKILL), reported as TimedOut
  int cpu_seconds = 20;                 // RLIMIT_CPU
  uint64_t memory_bytes = 4ull << 30;   // address space the child may add to what it inherits at fork
  uint64_t output_bytes = 256ull << 20; // payload and reports the child may send; beyond, it is stopped (Crashed)
};

enum class SandboxOutcome { Finished, Forbidden, TimedOut, CpuLimit, MemoryLimit, Crashed };

struct SandboxResult {
  SandboxOutcome outcome = SandboxOutcome::Crashed;
  // Everything the child wrote through its ResultWriter.
  std::string payload;
  // Empty for Finished. Otherwise one sentence without a subject, for the caller
  // to prefix with one: "the model's constructor " + message, e.g.
  // "tried to run a program (execve '/bin/sh'); model code runs confined: ...",
  // "was stopped after 20 s (wall-clock limit; --timeout)",
  // "ran out of its 4 GiB memory limit", "crashed with SIGSEGV (segmentation fault)".
  std::string message;
  // Files the child opened read-only (successfully), as absolute resolved paths,
  // in first-open order, without repeats and without system locations (/proc,
  // /sys, /dev, /etc, /lib, /usr/lib, locale and time-zone data, ...).
  std::vector<std::string> files_read;
};

// The child's way to hand bytes to the parent (over a pipe): they all end up,
// in order, in SandboxResult::payload.
class ResultWriter {
 public:
  explicit ResultWriter(int fd) : fd_(fd) {}
  void write(std::string_view bytes);

 private:
  int fd_;
};

// Runs body(writer) in a confined child process and waits for it (see the top
// of this file). The child never returns into the caller's code: when body
// returns it _exit(0)s, without atexit handlers or static destructors. An
// exception escaping body is reported: std::bad_alloc as MemoryLimit, anything
// else as Crashed with its what().
//
// Preconditions:
// - The calling process is single-threaded (fork() copies only the calling
//   thread; the child runs arbitrary code). Checked: std::logic_error otherwise.
//   Note that LLVM's ORC JIT may start threads; compile on the same thread
//   without a thread pool, or fork before starting any.
// - The caller does not reap children with waitpid(-1, ...) or ignore SIGCHLD
//   (SA_NOCLDWAIT) while this runs; run_confined reaps its own child.
// Throws std::system_error if the child cannot be started or watched, and
// std::runtime_error if it cannot be confined (then body never ran).
// Never leaves a child, a zombie, an fd or its temporary directory behind.
SandboxResult run_confined(const std::function<void(ResultWriter&)>& body, const SandboxLimits& limits = {});

namespace sandbox_detail {
// The mode argument with which the child's SIGSYS handler re-issues a read-only
// open, and which the filter lets through. Here so the tests can check that
// knowing it opens nothing for writing; not a secret (code that passes it
// reads files unreported, nothing more).
inline constexpr uint64_t kReadOpenMarker = 0x5eccfeedc0de0000ull;
}  // namespace sandbox_detail

}  // namespace ckptcheck::exec
