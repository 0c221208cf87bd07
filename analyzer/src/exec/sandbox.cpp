// The confined child and the parent that watches it; see sandbox.h.
//
// The child tells the parent things three ways: the payload pipe
// (ResultWriter); a side pipe of fixed-layout records (files read, the refused
// call its SIGSYS handler caught, an escaping exception, a setup failure),
// each at most PIPE_BUF bytes so it arrives whole; and, for attempts to start
// a thread or process, the kernel itself, through the seccomp notification fd
// the child hands to the parent before running any untrusted code.
#include "sandbox.h"

#if !defined(__x86_64__)
#error "the sandbox's SIGSYS handler reads x86_64 registers; port on_sigsys() and the open re-issue first"
#endif

#include <fcntl.h>
#include <linux/capability.h>
#include <poll.h>
#include <seccomp.h>
#include <sched.h>
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
namespace {

// ---------------------------------------------------------------------------
// What the filter refuses, and how the parent words it.

enum class Refusal { Program, Process, Network, FileWrite, FileChange, OtherProcess, SignalHandler, Other, TooNew };

struct RefusedCall {
  const char* name;
  Refusal why;
};

// Refused whatever their arguments, reported by the child's SIGSYS handler. A
// name libseccomp does not know on this architecture is a call that does not
// exist here, and is skipped.
constexpr RefusedCall kRefusedCalls[] = {
    {"execve", Refusal::Program}, {"execveat", Refusal::Program},
    {"socket", Refusal::Network}, {"socketpair", Refusal::Network}, {"connect", Refusal::Network},
    {"bind", Refusal::Network}, {"listen", Refusal::Network}, {"accept", Refusal::Network},
    {"accept4", Refusal::Network},
    {"creat", Refusal::FileWrite}, {"open_by_handle_at", Refusal::FileWrite},
    {"rename", Refusal::FileChange}, {"renameat", Refusal::FileChange}, {"renameat2", Refusal::FileChange},
    {"unlink", Refusal::FileChange}, {"unlinkat", Refusal::FileChange}, {"rmdir", Refusal::FileChange},
    {"mkdir", Refusal::FileChange}, {"mkdirat", Refusal::FileChange},
    {"link", Refusal::FileChange}, {"linkat", Refusal::FileChange},
    {"symlink", Refusal::FileChange}, {"symlinkat", Refusal::FileChange},
    {"chmod", Refusal::FileChange}, {"fchmod", Refusal::FileChange}, {"fchmodat", Refusal::FileChange},
    {"fchmodat2", Refusal::FileChange},
    {"chown", Refusal::FileChange}, {"fchown", Refusal::FileChange}, {"lchown", Refusal::FileChange},
    {"fchownat", Refusal::FileChange},
    {"truncate", Refusal::FileChange}, {"ftruncate", Refusal::FileChange},
    {"utime", Refusal::FileChange}, {"utimes", Refusal::FileChange}, {"utimensat", Refusal::FileChange},
    {"futimesat", Refusal::FileChange},
    {"mknod", Refusal::FileChange}, {"mknodat", Refusal::FileChange},
    {"setxattr", Refusal::FileChange}, {"lsetxattr", Refusal::FileChange}, {"fsetxattr", Refusal::FileChange},
    {"removexattr", Refusal::FileChange}, {"lremovexattr", Refusal::FileChange},
    {"fremovexattr", Refusal::FileChange},
    {"ptrace", Refusal::OtherProcess}, {"process_vm_readv", Refusal::OtherProcess},
    {"process_vm_writev", Refusal::OtherProcess}, {"pidfd_getfd", Refusal::OtherProcess},
    {"pidfd_send_signal", Refusal::OtherProcess},
    // io_uring can open and write files without passing through this filter.
    {"io_uring_setup", Refusal::Other}, {"io_uring_enter", Refusal::Other}, {"io_uring_register", Refusal::Other},
    {"mount", Refusal::Other}, {"umount2", Refusal::Other}, {"fsopen", Refusal::Other},
    {"fsconfig", Refusal::Other}, {"fsmount", Refusal::Other}, {"fspick", Refusal::Other},
    {"move_mount", Refusal::Other}, {"open_tree", Refusal::Other}, {"mount_setattr", Refusal::Other},
    {"unshare", Refusal::Other}, {"setns", Refusal::Other}, {"chroot", Refusal::Other},
    {"pivot_root", Refusal::Other}, {"reboot", Refusal::Other},
    {"init_module", Refusal::Other}, {"finit_module", Refusal::Other}, {"delete_module", Refusal::Other},
    {"kexec_load", Refusal::Other}, {"kexec_file_load", Refusal::Other},
    {"bpf", Refusal::Other}, {"perf_event_open", Refusal::Other},
    {"keyctl", Refusal::Other}, {"add_key", Refusal::Other}, {"request_key", Refusal::Other},
    {"personality", Refusal::Other}, {"swapon", Refusal::Other}, {"swapoff", Refusal::Other},
    {"sethostname", Refusal::Other}, {"setdomainname", Refusal::Other},
    {"settimeofday", Refusal::Other}, {"clock_settime", Refusal::Other}, {"clock_adjtime", Refusal::Other},
    {"adjtimex", Refusal::Other}, {"acct", Refusal::Other}, {"quotactl", Refusal::Other},
    {"quotactl_fd", Refusal::Other}, {"iopl", Refusal::Other}, {"ioperm", Refusal::Other},
};

// Refused and reported to the parent by the kernel (SECCOMP_RET_USER_NOTIF),
// not by SIGSYS: glibc blocks every signal around clone in pthread_create and
// posix_spawn (system(), popen()), and a trap with SIGSYS blocked kills the
// child without a word.
constexpr RefusedCall kProcessCalls[] = {
    {"fork", Refusal::Process}, {"vfork", Refusal::Program}, {"clone", Refusal::Process},
    {"clone3", Refusal::Process},
};

// x86_64 calls newer than Debian's libseccomp 2.5.4, refused by number.
struct NumberedCall {
  int nr;
  const char* name;
  Refusal why;
};
constexpr NumberedCall kNumberedCalls[] = {
    {463, "setxattrat", Refusal::FileChange},
    {466, "removexattrat", Refusal::FileChange},
    {467, "open_tree_attr", Refusal::Other},
    {469, "file_setattr", Refusal::FileChange},
};
// The filter allows by default, so a call added to the kernel after these
// rules were written would pass unjudged: refuse every native number from
// here on (512 and up are x32 numbers, which libseccomp refuses already).
constexpr int kFirstUnjudgedCall = 470;
constexpr int kLastNativeCall = 511;

// The mode argument the SIGSYS handler passes when it re-issues a read-only
// open. The kernel ignores mode without O_CREAT/O_TMPFILE (both refused), and
// the filter lets an open with this mode through. Code that knows the value can
// open files for reading unreported; it cannot open them for writing.
using sandbox_detail::kReadOpenMarker;
constexpr uint64_t kWriteOpenFlags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;

constexpr const char* kConfinementNote =
    "model code runs confined: no programs or threads, no network, no file writes";

// Exit codes of the child when it stops itself (the parent relies on the side
// channel first; these only matter if the child closed it).
constexpr int kForbiddenExit = 128 + SIGSYS;
constexpr int kStoppedExit = 125;

// ---------------------------------------------------------------------------
// Side-channel records.

enum class RecordKind : char {
  FileRead = 'R',     // text: the resolved path of a file opened read-only
  Forbidden = 'F',    // nr, args, text: a path argument if the call has one
  OutOfMemory = 'M',  // std::bad_alloc escaped body
  Exception = 'X',    // text: what() of another exception that escaped body
  SetupFailed = 'U',  // text: which step of confining the child failed
};

struct RecordHeader {
  RecordKind kind;
  int32_t nr;
  uint64_t args[6];
  uint32_t text_size;
};
constexpr size_t kMaxRecordText = PIPE_BUF - sizeof(RecordHeader);

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
    case SYS_execve: case SYS_open: case SYS_creat: case SYS_rename: case SYS_unlink: case SYS_rmdir:
    case SYS_mkdir: case SYS_link: case SYS_chmod: case SYS_chown: case SYS_lchown: case SYS_truncate:
    case SYS_utime: case SYS_utimes: case SYS_mknod: case SYS_setxattr: case SYS_lsetxattr:
    case SYS_removexattr: case SYS_lremovexattr:
      return reinterpret_cast<const char*>(args[0]);
    case SYS_execveat: case SYS_openat: case SYS_renameat: case SYS_renameat2: case SYS_unlinkat:
    case SYS_mkdirat: case SYS_linkat: case SYS_symlink: case SYS_fchmodat: case SYS_fchownat:
    case SYS_utimensat: case SYS_futimesat: case SYS_mknodat:
      return reinterpret_cast<const char*>(args[1]);
    case SYS_symlinkat:
      return reinterpret_cast<const char*>(args[2]);
    default:
      return nullptr;
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

// A number field of /proc/self/status ("VmSize:  1234 kB" gives 1234), or -1.
long proc_status_number(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.size() > field.size() && line.compare(0, field.size(), field) == 0 && line[field.size()] == ':')
      return std::strtol(line.c_str() + field.size() + 1, nullptr, 10);
  return -1;
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
  rlim_t address_space = limits.memory_bytes > RLIM_INFINITY - inherited ? RLIM_INFINITY
                                                                          : inherited + limits.memory_bytes;
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
  struct sigaction action {};
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

struct ChildPlan {
  std::string directory;
  int payload_fd;
  int side_fd;
  int listener_socket;  // where the filter's notification fd goes
  pid_t parent;
};

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

// ---------------------------------------------------------------------------
// The parent: resources that clean up after themselves.

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), "sandbox: " + what);
}

struct Pipe {
  Fd read, write;
};

// The parent's read end is non-blocking, so it can drain what is there.
Pipe make_pipe() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw_errno("pipe2");
  Pipe p{Fd(fds[0]), Fd(fds[1])};
  if (fcntl(p.read.get(), F_SETFL, O_NONBLOCK) != 0) throw_errno("fcntl(O_NONBLOCK)");
  return p;
}

// The child's private working directory, removed with whatever is in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ckptcheck-sandbox-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw_errno("mkdtemp " + pattern);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Kills the child's process group (the child itself too, in case it has not
// made the group yet).
void kill_child(pid_t pid) {
  kill(-pid, SIGKILL);
  kill(pid, SIGKILL);
}

// The child until it is reaped: if the parent unwinds early, it is killed and
// reaped, never left running or as a zombie.
class ChildProcess {
 public:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  ~ChildProcess() {
    if (pid_ > 0) {
      kill_child(pid_);
      while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  struct Exit {
    int status;
    rusage usage;
  };
  Exit reap() {
    Exit exit{};
    while (wait4(pid_, &exit.status, 0, &exit.usage) < 0)
      if (errno != EINTR) throw_errno("wait4");
    pid_ = -1;
    return exit;
  }

 private:
  pid_t pid_;
};

// The parent's end of the socket the child sends its seccomp listener over.
struct SocketPair {
  Fd parent, child;
};

SocketPair make_socket_pair() {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0) throw_errno("socketpair");
  return {Fd(fds[0]), Fd(fds[1])};
}

// The child's seccomp notification fd, or no fd if the child exited first
// (it failed to confine itself, and says why on the side channel). Blocks
// only through the child's setup, which runs no untrusted code.
Fd receive_listener(int socket) {
  char byte;
  iovec data{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr message{};
  message.msg_iov = &data;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  ssize_t n;
  while ((n = recvmsg(socket, &message, MSG_CMSG_CLOEXEC)) < 0)
    if (errno != EINTR) throw_errno("recvmsg");
  cmsghdr* header = CMSG_FIRSTHDR(&message);
  if (n == 0 || header == nullptr || header->cmsg_type != SCM_RIGHTS) return Fd();
  int fd;
  memcpy(&fd, CMSG_DATA(header), sizeof fd);
  return Fd(fd);
}

// ---------------------------------------------------------------------------
// The parent: watching the child.

// A refused call, from the SIGSYS handler's record or the kernel's notification.
struct ForbiddenCall {
  int nr;
  uint64_t args[6];
  std::string path;                     // a path argument, when the handler could read one
  std::optional<uint64_t> clone_flags;  // what clone/clone3 was asked to start, if known
};

struct Collected {
  std::string payload;
  std::string records;
  std::optional<ForbiddenCall> process_start;  // notified by the kernel
  bool timed_out = false;
  bool too_much_output = false;
};

// Reads what the pipe holds. Returns false at end of file.
bool drain(int fd, std::string& into) {
  char buffer[65536];
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n > 0) {
      into.append(buffer, static_cast<size_t>(n));
    } else if (n == 0) {
      return false;
    } else if (errno == EINTR) {
      continue;
    } else if (errno == EAGAIN) {
      return true;
    } else {
      throw_errno("read");
    }
  }
}

// clone3's flags are the first field of the struct its first argument points
// to, in the child's memory.
std::optional<uint64_t> read_clone3_flags(pid_t pid, uint64_t address) {
  uint64_t flags;
  iovec local{&flags, sizeof flags};
  iovec remote{reinterpret_cast<void*>(address), sizeof flags};
  if (process_vm_readv(pid, &local, 1, &remote, 1, 0) != static_cast<ssize_t>(sizeof flags)) return std::nullopt;
  return flags;
}

// The call the child is blocked in. The parent never answers: it kills the child.
std::optional<ForbiddenCall> receive_notification(int listener) {
  seccomp_notif* request = nullptr;
  seccomp_notif_resp* response = nullptr;
  if (seccomp_notify_alloc(&request, &response) != 0) throw std::bad_alloc();
  std::optional<ForbiddenCall> call;
  if (seccomp_notify_receive(listener, request) == 0) {
    call = ForbiddenCall{request->data.nr, {}, "", std::nullopt};
    memcpy(call->args, request->data.args, sizeof call->args);
    if (call->nr == SYS_clone) call->clone_flags = call->args[0];
    if (call->nr == SYS_clone3) call->clone_flags = read_clone3_flags(static_cast<pid_t>(request->pid), call->args[0]);
  }
  seccomp_notify_free(request, response);
  return call;
}

int milliseconds_until(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
  return static_cast<int>(std::clamp<decltype(left)>(left, 0, 60'000));  // long limits: wake up now and then
}

// Reads both pipes and the seccomp listener until the child exits, killing it
// at the wall-clock limit, when it sends too much, or when it tries to start a
// thread or process.
Collected collect(pid_t pid, int pidfd, int payload_fd, int side_fd, int listener, const SandboxLimits& limits) {
  Collected c;
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                      std::chrono::duration<double>(std::min(limits.wall_seconds, 1e9)));
  pollfd fds[4] = {{payload_fd, POLLIN, 0}, {side_fd, POLLIN, 0}, {listener, POLLIN, 0}, {pidfd, POLLIN, 0}};
  std::string* sinks[2] = {&c.payload, &c.records};
  bool stopping = false;
  for (bool exited = false; !exited;) {
    int timeout = stopping ? -1 : milliseconds_until(deadline);
    if (!stopping && timeout == 0) {
      kill_child(pid);
      c.timed_out = stopping = true;
      continue;
    }
    if (poll(fds, 4, timeout) < 0) {
      if (errno == EINTR) continue;
      throw_errno("poll");
    }
    for (int i = 0; i < 2; ++i)
      if (fds[i].revents != 0 && !drain(fds[i].fd, *sinks[i])) fds[i].fd = -1;
    if (fds[2].revents & POLLIN) {
      c.process_start = receive_notification(listener);
      if (c.process_start) {
        kill_child(pid);
        stopping = true;
        fds[2].fd = -1;  // the first attempt is the one reported
      }
    }
    if (fds[2].revents & (POLLHUP | POLLERR)) fds[2].fd = -1;  // the filter went with the child
    if (!stopping && c.payload.size() + c.records.size() > limits.output_bytes) {
      kill_child(pid);
      c.too_much_output = stopping = true;
    }
    exited = fds[3].revents != 0;
  }
  // The child is gone; what it wrote last is still in the pipes.
  for (int i = 0; i < 2; ++i)
    if (fds[i].fd >= 0) drain(fds[i].fd, *sinks[i]);
  return c;
}

// ---------------------------------------------------------------------------
// The parent: what happened.

struct Records {
  std::vector<std::string> opened;
  std::optional<ForbiddenCall> forbidden;
  bool out_of_memory = false;
  std::optional<std::string> exception;
  std::optional<std::string> setup_failure;
};

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

bool is_system_location(std::string_view path) {
  static constexpr std::string_view kSystemDirs[] = {
      "/proc", "/sys", "/dev", "/run", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/usr/lib", "/usr/lib32",
      "/usr/lib64", "/usr/libx32", "/usr/local/lib", "/usr/share/locale", "/usr/share/i18n", "/usr/share/zoneinfo"};
  for (std::string_view dir : kSystemDirs)
    if (path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/')) return true;
  return false;
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
    case SYS_open: case SYS_openat: return Refusal::FileWrite;
    case SYS_kill: case SYS_tkill: case SYS_tgkill: case SYS_rt_sigqueueinfo: case SYS_rt_tgsigqueueinfo:
      return Refusal::OtherProcess;
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
      if (call.clone_flags) what = describe_clone(name, *call.clone_flags);
      else if (call.nr == SYS_fork) what = "tried to start a process (" + name + ")";
      else what = "tried to start a thread or process (" + name + ")";
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

std::pair<SandboxOutcome, std::string> classify(const Collected& c, const Records& r,
                                                const ChildProcess::Exit& exit, const SandboxLimits& limits) {
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
  int status = exit.status;
  if (WIFEXITED(status)) {
    if (WEXITSTATUS(status) == 0) return {O::Finished, ""};
    if (WEXITSTATUS(status) == kForbiddenExit) return {O::Forbidden, forbidden_unknown};
    return {O::Crashed, "exited with status " + std::to_string(WEXITSTATUS(status)) + " before returning"};
  }
  int sig = WTERMSIG(status);
  std::string cpu_limit = "used up its " + seconds_text(limits.cpu_seconds) + " CPU-time limit";
  if (sig == SIGXCPU) return {O::CpuLimit, cpu_limit};
  if (sig == SIGKILL && cpu_seconds_used(exit.usage) >= limits.cpu_seconds) return {O::CpuLimit, cpu_limit};
  if (sig == SIGSYS) return {O::Forbidden, forbidden_unknown};
  return {O::Crashed, "crashed with " + signal_text(sig)};
}

void require_single_thread() {
  long threads = proc_status_number("Threads");
  if (threads > 1)
    throw std::logic_error("sandbox: run_confined needs a single-threaded process, this one has " +
                           std::to_string(threads) + " threads (fork() copies only the calling thread)");
}

}  // namespace

void ResultWriter::write(std::string_view bytes) { write_all(fd_, bytes.data(), bytes.size()); }

SandboxResult run_confined(const std::function<void(ResultWriter&)>& body, const SandboxLimits& limits) {
  require_single_thread();
  TempDir directory;
  Pipe payload = make_pipe();
  Pipe side = make_pipe();
  SocketPair listener_socket = make_socket_pair();

  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw_errno("fork");
  if (pid == 0)
    run_child(body, limits,
              ChildPlan{directory.path(), payload.write.get(), side.write.get(), listener_socket.child.get(), parent});

  ChildProcess child(pid);
  setpgid(pid, pid);  // also here, so a kill of the group cannot race the child's own setpgid
  payload.write.reset();
  side.write.reset();
  listener_socket.child.reset();
  Fd pidfd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
  if (pidfd.get() < 0) throw_errno("pidfd_open");
  Fd listener = receive_listener(listener_socket.parent.get());
  listener_socket.parent.reset();

  Collected collected =
      collect(pid, pidfd.get(), payload.read.get(), side.read.get(), listener.get(), limits);
  kill_child(pid);  // nothing may outlive the call, whatever the child did
  ChildProcess::Exit exit = child.reap();

  Records records = parse_records(collected.records);
  if (records.setup_failure) throw std::runtime_error("sandbox: could not confine the child: " + *records.setup_failure);
  SandboxResult result;
  std::tie(result.outcome, result.message) = classify(collected, records, exit, limits);
  result.payload = std::move(collected.payload);
  result.files_read = files_read(records.opened);
  return result;
}

}  // namespace ckptcheck::exec
