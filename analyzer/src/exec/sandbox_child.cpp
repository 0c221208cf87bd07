// The sandbox's child: confines itself (process group, signals, stdio, file
// descriptors, rlimits, capabilities, the seccomp filter), runs the body and
// exits. Everything from the SIGSYS handler down is async-signal-safe.
#include "sandbox_internal.h"

#if !defined(__x86_64__)
#error "the sandbox's SIGSYS handler reads x86_64 registers; port on_sigsys() and the open re-issue first"
#endif

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
namespace ckptcheck::exec {
namespace sandbox_internal {
namespace {

// The child's end of the side channel, for the SIGSYS handler.
int g_side_fd = -1;

// Async-signal-safe: a write() loop.
void write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the parent is gone or the fd was closed: nothing to tell
    data += n;
    size -= static_cast<size_t>(n);
  }
}

// Async-signal-safe: one write() of at most PIPE_BUF bytes, so it arrives whole.
void send_record(RecordKind kind, int nr, const uint64_t* args, const char* text, size_t size) {
  char buffer[PIPE_BUF];
  RecordHeader header{kind, nr, {}, static_cast<uint32_t>(std::min(size, kMaxRecordText))};
  if (args != nullptr) memcpy(header.args, args, sizeof header.args);
  memcpy(buffer, &header, sizeof header);
  if (header.text_size > 0) memcpy(buffer + sizeof header, text, header.text_size);
  write_all(g_side_fd, buffer, sizeof header + header.text_size);
}

void send_text_record(RecordKind kind, std::string_view text) {
  send_record(kind, 0, nullptr, text.data(), text.size());
}

// ---------------------------------------------------------------------------
// The SIGSYS handler (async-signal-safe: only syscalls and memcpy).

// Length of a C string from the trapped process, bounded.
size_t bounded_length(const char* s, size_t max) {
  size_t n = 0;
  while (n < max && s[n] != '\0') ++n;
  return n;
}

// The argument of a refused call worth naming in the report (a path), if any.
const char* path_argument(long nr, const uint64_t* args) {
  switch (nr) {
    case SYS_execve:
    case SYS_open:
    case SYS_creat:
    case SYS_rename:
    case SYS_unlink:
    case SYS_rmdir:
    case SYS_mkdir:
    case SYS_link:
    case SYS_chmod:
    case SYS_chown:
    case SYS_lchown:
    case SYS_truncate:
    case SYS_utime:
    case SYS_utimes:
    case SYS_mknod:
    case SYS_setxattr:
    case SYS_lsetxattr:
    case SYS_removexattr:
    case SYS_lremovexattr: return reinterpret_cast<const char*>(args[0]);
    case SYS_execveat:
    case SYS_openat:
    case SYS_renameat:
    case SYS_renameat2:
    case SYS_unlinkat:
    case SYS_mkdirat:
    case SYS_linkat:
    case SYS_symlink:
    case SYS_fchmodat:
    case SYS_fchownat:
    case SYS_utimensat:
    case SYS_futimesat:
    case SYS_mknodat: return reinterpret_cast<const char*>(args[1]);
    case SYS_symlinkat: return reinterpret_cast<const char*>(args[2]);
    default: return nullptr;
  }
}

bool is_read_only_open(long nr, const uint64_t* args) {
  if (nr == SYS_open) return (args[1] & kWriteOpenFlags) == 0;
  if (nr == SYS_openat) return (args[2] & kWriteOpenFlags) == 0;
  return false;
}

// The raw result of a syscall: the value, or -errno (what the trapped caller
// expects in RAX).
long raw_syscall_result(long value) { return value == -1 ? -errno : value; }

// Tells the parent which file an open returned, as the kernel resolved it.
void record_opened_file(long fd) {
  char link[32] = "/proc/self/fd/";
  char digits[20];
  size_t count = 0;
  do {
    digits[count++] = static_cast<char>('0' + fd % 10);
    fd /= 10;
  } while (fd > 0);
  size_t at = strlen(link);
  while (count > 0) link[at++] = digits[--count];
  link[at] = '\0';

  char path[PATH_MAX];
  ssize_t size = readlink(link, path, sizeof path);
  if (size > 0) send_record(RecordKind::FileRead, 0, nullptr, path, static_cast<size_t>(size));
}

// Does the read-only open the filter trapped, with the marker mode, and
// records the file it opened. Returns the raw result for RAX.
long reopen_for_reading(long nr, const uint64_t* args) {
  bool at = nr == SYS_openat;
  long dirfd = at ? static_cast<long>(static_cast<int>(args[0])) : AT_FDCWD;
  uint64_t path = at ? args[1] : args[0];
  uint64_t flags = at ? args[2] : args[1];
  long fd = raw_syscall_result(syscall(SYS_openat, dirfd, path, flags, kReadOpenMarker));
  if (fd >= 0) record_opened_file(fd);
  return fd;
}

// Tells the parent which refused call was attempted.
void report_forbidden(long nr, const uint64_t* args) {
  const char* path = path_argument(nr, args);
  size_t size = path != nullptr ? bounded_length(path, kMaxRecordText) : 0;
  send_record(RecordKind::Forbidden, static_cast<int>(nr), args, path, size);
}

// si_code of a seccomp trap: SYS_SECCOMP in <asm-generic/siginfo.h>, which
// cannot be included next to glibc's <signal.h>.
constexpr int kSiCodeSeccomp = 1;

void on_sigsys(int, siginfo_t* info, void* context) {
  // Only the filter's traps; a SIGSYS sent by hand is ignored.
  if (info->si_code != kSiCodeSeccomp) return;
  int saved_errno = errno;
  greg_t* regs = static_cast<ucontext_t*>(context)->uc_mcontext.gregs;
  uint64_t args[6] = {static_cast<uint64_t>(regs[REG_RDI]), static_cast<uint64_t>(regs[REG_RSI]),
                      static_cast<uint64_t>(regs[REG_RDX]), static_cast<uint64_t>(regs[REG_R10]),
                      static_cast<uint64_t>(regs[REG_R8]),  static_cast<uint64_t>(regs[REG_R9])};
  long nr = info->si_syscall;
  if (is_read_only_open(nr, args)) {
    // The trapped call returns what we put in RAX.
    regs[REG_RAX] = reopen_for_reading(nr, args);
    errno = saved_errno;
    return;
  }
  report_forbidden(nr, args);
  _exit(kForbiddenExit);
}

// ---------------------------------------------------------------------------
// The child: confine, run body, _exit.

// Reports a setup step that failed (with errno) and exits: body never runs.
[[noreturn]] void fail_setup(const std::string& step) {
  std::string text = step + ": " + strerror(errno);
  send_text_record(RecordKind::SetupFailed, text);
  _exit(kStoppedExit);
}

// Its own process group (so the parent can kill everything in it), killed if
// the parent dies.
void detach_from_parent(pid_t parent) {
  setpgid(0, 0);
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail_setup("prctl(PR_SET_PDEATHSIG)");
  if (getppid() != parent) _exit(kStoppedExit);  // the parent died before the line above
}

// Handlers inherited from the parent (LLVM's crash handlers, say) must not run
// in the child: they would print, clean up files, or mask the real signal.
void reset_signals() {
  for (int sig = 1; sig < NSIG; ++sig)
    if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
}

int keep_above_stdio(int fd) {
  if (fd > STDERR_FILENO) return fd;
  int moved = fcntl(fd, F_DUPFD, STDERR_FILENO + 1);
  if (moved < 0) fail_setup("fcntl(F_DUPFD)");
  return moved;
}

// stdin, stdout, stderr on /dev/null: what the code prints must not reach the
// parent's output.
void silence_stdio() {
  int null_fd = open("/dev/null", O_RDWR);
  if (null_fd < 0) fail_setup("open /dev/null");
  for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd)
    if (dup2(null_fd, fd) < 0) fail_setup("dup2");
  if (null_fd > STDERR_FILENO) close(null_fd);
}

// Closes every fd above stdio except those to keep.
void close_other_fds(std::vector<int> keep) {
  std::sort(keep.begin(), keep.end());
  unsigned next = STDERR_FILENO + 1;  // the lowest fd that may still need closing
  for (int fd : keep) {
    if (static_cast<unsigned>(fd) > next && close_range(next, fd - 1, 0) != 0) fail_setup("close_range");
    next = static_cast<unsigned>(fd) + 1;
  }
  if (close_range(next, ~0u, 0) != 0) fail_setup("close_range");
}

// Lowers a limit, never above the current hard limit (raising it needs privilege).
void lower_limit(int resource, rlim_t soft, rlim_t hard) {
  rlimit current{};
  if (getrlimit(resource, &current) != 0) fail_setup("getrlimit");
  hard = std::min(hard, current.rlim_max);
  rlimit wanted{std::min(soft, hard), hard};
  if (setrlimit(resource, &wanted) != 0) fail_setup("setrlimit");
}

void set_limits(const SandboxLimits& limits) {
  // SIGXCPU at the soft limit; SIGKILL a second later if the code handles it.
  rlim_t cpu = static_cast<rlim_t>(std::max(limits.cpu_seconds, 1));
  lower_limit(RLIMIT_CPU, cpu, cpu + 1);
  // The child starts with the parent's whole address space (LLVM, LibTorch):
  // the limit is what it may add to that.
  long vm_kib = proc_status_number("VmSize");
  if (vm_kib < 0) fail_setup("reading VmSize from /proc/self/status");
  uint64_t inherited = static_cast<uint64_t>(vm_kib) * 1024;
  rlim_t address_space =
      limits.memory_bytes > RLIM_INFINITY - inherited ? RLIM_INFINITY : inherited + limits.memory_bytes;
  lower_limit(RLIMIT_AS, address_space, address_space);
  lower_limit(RLIMIT_FSIZE, 0, 0);
  lower_limit(RLIMIT_CORE, 0, 0);
}

// Keeps only CAP_DAC_READ_SEARCH (reading stays what it was for the parent):
// as root, the child could otherwise raise its own hard limits, and any call
// the filter misses that needs privilege would have it.
void drop_capabilities() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
  if (syscall(SYS_capget, &header, data) != 0) fail_setup("capget");
  for (unsigned i = 0; i < _LINUX_CAPABILITY_U32S_3; ++i) {
    uint32_t keep = i == CAP_DAC_READ_SEARCH / 32 ? 1u << (CAP_DAC_READ_SEARCH % 32) : 0;
    data[i].effective &= keep;
    data[i].permitted &= keep;
    data[i].inheritable = 0;
  }
  if (syscall(SYS_capset, &header, data) != 0) fail_setup("capset");
}

void install_sigsys_handler() {
  struct sigaction action{};
  action.sa_sigaction = on_sigsys;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGSYS, &action, nullptr) != 0) fail_setup("sigaction(SIGSYS)");
}

// Adds one rule; a failure means the filter would not be what we think.
void add_rule(scmp_filter_ctx ctx, uint32_t action, int nr, std::initializer_list<scmp_arg_cmp> args,
              const char* what) {
  int rc = seccomp_rule_add_array(ctx, action, nr, static_cast<unsigned>(args.size()), args.begin());
  if (rc != 0) {
    errno = -rc;
    fail_setup(std::string("seccomp_rule_add(") + what + ")");
  }
}

// open/openat trap when they could write (any write flag), and when the mode
// is not the handler's marker (to record the file, then re-issue the open).
void add_open_rules(scmp_filter_ctx ctx, const char* name, unsigned flags_arg, unsigned mode_arg) {
  int nr = seccomp_syscall_resolve_name(name);
  if (nr == __NR_SCMP_ERROR) return;
  for (uint64_t flag : {O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND})
    add_rule(ctx, SCMP_ACT_TRAP, nr, {SCMP_CMP32(flags_arg, SCMP_CMP_MASKED_EQ, flag, flag)}, name);
  add_rule(ctx, SCMP_ACT_TRAP, nr, {SCMP_CMP64(mode_arg, SCMP_CMP_NE, kReadOpenMarker)}, name);
}

// Signals to anything but the child itself (abort() signals itself: allowed).
void add_signal_rules(scmp_filter_ctx ctx, pid_t self) {
  for (const char* name : {"kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo"})
    add_rule(ctx, SCMP_ACT_TRAP, seccomp_syscall_resolve_name(name),
             {SCMP_CMP32(0, SCMP_CMP_NE, static_cast<uint32_t>(self))}, name);
}

scmp_filter_ctx build_filter(pid_t self) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
  if (ctx == nullptr) fail_setup("seccomp_init");
  // The 32-bit ABIs (int 0x80, x32) would bypass rules written for x86_64.
  if (int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS); rc != 0) {
    errno = -rc;
    fail_setup("seccomp_attr_set(BADARCH)");
  }
  for (const RefusedCall& call : kRefusedCalls)
    if (int nr = seccomp_syscall_resolve_name(call.name); nr != __NR_SCMP_ERROR)
      add_rule(ctx, SCMP_ACT_TRAP, nr, {}, call.name);
  for (const RefusedCall& call : kProcessCalls)
    if (int nr = seccomp_syscall_resolve_name(call.name); nr != __NR_SCMP_ERROR)
      add_rule(ctx, SCMP_ACT_NOTIFY, nr, {}, call.name);
  for (const NumberedCall& call : kNumberedCalls) add_rule(ctx, SCMP_ACT_TRAP, call.nr, {}, call.name);
  for (int nr = kFirstUnjudgedCall; nr <= kLastNativeCall; ++nr) add_rule(ctx, SCMP_ACT_TRAP, nr, {}, "a new call");
  add_open_rules(ctx, "open", 1, 2);
  add_open_rules(ctx, "openat", 2, 3);
  // openat2's flags are behind a pointer the filter cannot read: ENOSYS makes
  // callers (glibc, LLVM) fall back to openat.
  add_rule(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(openat2), {}, "openat2");
  add_signal_rules(ctx, self);
  // Installing another SIGSYS handler would silence the reports.
  add_rule(ctx, SCMP_ACT_TRAP, SCMP_SYS(rt_sigaction),
           {SCMP_CMP32(0, SCMP_CMP_EQ, SIGSYS), SCMP_CMP64(1, SCMP_CMP_NE, 0)}, "rt_sigaction");
  // Without the parent-death signal the child could outlive a dying parent.
  add_rule(ctx, SCMP_ACT_TRAP, SCMP_SYS(prctl), {SCMP_CMP32(0, SCMP_CMP_EQ, PR_SET_PDEATHSIG)}, "prctl");
  return ctx;
}

// Hands the filter's notification fd to the parent (SCM_RIGHTS) and keeps no
// copy: only the parent may answer.
void send_listener(int listener, int socket) {
  char byte = 0;
  iovec data{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr message{};
  message.msg_iov = &data;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  cmsghdr* header = CMSG_FIRSTHDR(&message);
  header->cmsg_level = SOL_SOCKET;
  header->cmsg_type = SCM_RIGHTS;
  header->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(header), &listener, sizeof(int));
  if (sendmsg(socket, &message, 0) != 1) fail_setup("sendmsg of the seccomp listener");
  close(listener);
  close(socket);
}

void load_filter(int listener_socket) {
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail_setup("prctl(PR_SET_NO_NEW_PRIVS)");
  scmp_filter_ctx ctx = build_filter(getpid());
  if (int rc = seccomp_load(ctx); rc != 0) {
    errno = -rc;
    fail_setup("seccomp_load (is seccomp available here?)");
  }
  int listener = seccomp_notify_fd(ctx);
  if (listener < 0) {
    errno = -listener;
    fail_setup("seccomp_notify_fd");
  }
  seccomp_release(ctx);
  send_listener(listener, listener_socket);
}

[[noreturn]] void run_body(const std::function<void(ResultWriter&)>& body, int payload_fd) {
  try {
    ResultWriter writer(payload_fd);
    body(writer);
  } catch (const std::bad_alloc&) {
    send_record(RecordKind::OutOfMemory, 0, nullptr, nullptr, 0);
    _exit(kStoppedExit);
  } catch (const std::exception& e) {
    send_text_record(RecordKind::Exception, e.what());
    _exit(kStoppedExit);
  } catch (...) {
    send_text_record(RecordKind::Exception, "an exception that is not a std::exception");
    _exit(kStoppedExit);
  }
  // No atexit handlers, no static destructors: they belong to the parent.
  _exit(0);
}

}  // namespace

// A number field of /proc/self/status ("VmSize:  1234 kB" gives 1234), or -1.
long proc_status_number(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.size() > field.size() && line.compare(0, field.size(), field) == 0 && line[field.size()] == ':')
      return std::strtol(line.c_str() + field.size() + 1, nullptr, 10);
  return -1;
}

[[noreturn]] void run_child(const std::function<void(ResultWriter&)>& body, const SandboxLimits& limits,
                            ChildPlan plan) {
  g_side_fd = plan.side_fd;
  detach_from_parent(plan.parent);
  reset_signals();
  int payload_fd = keep_above_stdio(plan.payload_fd);
  g_side_fd = keep_above_stdio(plan.side_fd);
  int listener_socket = keep_above_stdio(plan.listener_socket);
  silence_stdio();
  if (chdir(plan.directory.c_str()) != 0) fail_setup("chdir to the sandbox directory");
  close_other_fds({payload_fd, g_side_fd, listener_socket});
  set_limits(limits);
  drop_capabilities();
  install_sigsys_handler();
  load_filter(listener_socket);
  run_body(body, payload_fd);
}

}  // namespace sandbox_internal

void ResultWriter::write(std::string_view bytes) { sandbox_internal::write_all(fd_, bytes.data(), bytes.size()); }

}  // namespace ckptcheck::exec
