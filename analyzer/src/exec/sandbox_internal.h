// What the two halves of the sandbox share (sandbox.h is its interface): the
// child (sandbox_child.cpp) confines itself and reports over a side pipe of
// fixed-layout records; the parent (sandbox.cpp) watches it, and
// sandbox_verdict.cpp turns what it collected into an outcome and a message.
// The refusal tables are here because the child's filter is built from them
// and the parent's messages are worded from them: they must be the same table.
#pragma once

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/resource.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sandbox.h"

namespace ckptcheck::exec::sandbox_internal {

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
inline constexpr RefusedCall kRefusedCalls[] = {
    {"execve", Refusal::Program},
    {"execveat", Refusal::Program},
    {"socket", Refusal::Network},
    {"socketpair", Refusal::Network},
    {"connect", Refusal::Network},
    {"bind", Refusal::Network},
    {"listen", Refusal::Network},
    {"accept", Refusal::Network},
    {"accept4", Refusal::Network},
    {"creat", Refusal::FileWrite},
    {"open_by_handle_at", Refusal::FileWrite},
    {"rename", Refusal::FileChange},
    {"renameat", Refusal::FileChange},
    {"renameat2", Refusal::FileChange},
    {"unlink", Refusal::FileChange},
    {"unlinkat", Refusal::FileChange},
    {"rmdir", Refusal::FileChange},
    {"mkdir", Refusal::FileChange},
    {"mkdirat", Refusal::FileChange},
    {"link", Refusal::FileChange},
    {"linkat", Refusal::FileChange},
    {"symlink", Refusal::FileChange},
    {"symlinkat", Refusal::FileChange},
    {"chmod", Refusal::FileChange},
    {"fchmod", Refusal::FileChange},
    {"fchmodat", Refusal::FileChange},
    {"fchmodat2", Refusal::FileChange},
    {"chown", Refusal::FileChange},
    {"fchown", Refusal::FileChange},
    {"lchown", Refusal::FileChange},
    {"fchownat", Refusal::FileChange},
    {"truncate", Refusal::FileChange},
    {"ftruncate", Refusal::FileChange},
    {"utime", Refusal::FileChange},
    {"utimes", Refusal::FileChange},
    {"utimensat", Refusal::FileChange},
    {"futimesat", Refusal::FileChange},
    {"mknod", Refusal::FileChange},
    {"mknodat", Refusal::FileChange},
    {"setxattr", Refusal::FileChange},
    {"lsetxattr", Refusal::FileChange},
    {"fsetxattr", Refusal::FileChange},
    {"removexattr", Refusal::FileChange},
    {"lremovexattr", Refusal::FileChange},
    {"fremovexattr", Refusal::FileChange},
    {"ptrace", Refusal::OtherProcess},
    {"process_vm_readv", Refusal::OtherProcess},
    {"process_vm_writev", Refusal::OtherProcess},
    {"pidfd_getfd", Refusal::OtherProcess},
    {"pidfd_send_signal", Refusal::OtherProcess},
    // io_uring can open and write files without passing through this filter.
    {"io_uring_setup", Refusal::Other},
    {"io_uring_enter", Refusal::Other},
    {"io_uring_register", Refusal::Other},
    {"mount", Refusal::Other},
    {"umount2", Refusal::Other},
    {"fsopen", Refusal::Other},
    {"fsconfig", Refusal::Other},
    {"fsmount", Refusal::Other},
    {"fspick", Refusal::Other},
    {"move_mount", Refusal::Other},
    {"open_tree", Refusal::Other},
    {"mount_setattr", Refusal::Other},
    {"unshare", Refusal::Other},
    {"setns", Refusal::Other},
    {"chroot", Refusal::Other},
    {"pivot_root", Refusal::Other},
    {"reboot", Refusal::Other},
    {"init_module", Refusal::Other},
    {"finit_module", Refusal::Other},
    {"delete_module", Refusal::Other},
    {"kexec_load", Refusal::Other},
    {"kexec_file_load", Refusal::Other},
    {"bpf", Refusal::Other},
    {"perf_event_open", Refusal::Other},
    {"keyctl", Refusal::Other},
    {"add_key", Refusal::Other},
    {"request_key", Refusal::Other},
    {"personality", Refusal::Other},
    {"swapon", Refusal::Other},
    {"swapoff", Refusal::Other},
    {"sethostname", Refusal::Other},
    {"setdomainname", Refusal::Other},
    {"settimeofday", Refusal::Other},
    {"clock_settime", Refusal::Other},
    {"clock_adjtime", Refusal::Other},
    {"adjtimex", Refusal::Other},
    {"acct", Refusal::Other},
    {"quotactl", Refusal::Other},
    {"quotactl_fd", Refusal::Other},
    {"iopl", Refusal::Other},
    {"ioperm", Refusal::Other},
};

// Refused and reported to the parent by the kernel (SECCOMP_RET_USER_NOTIF),
// not by SIGSYS: glibc blocks every signal around clone in pthread_create and
// posix_spawn (system(), popen()), and a trap with SIGSYS blocked kills the
// child without a word.
inline constexpr RefusedCall kProcessCalls[] = {
    {"fork", Refusal::Process},
    {"vfork", Refusal::Program},
    {"clone", Refusal::Process},
    {"clone3", Refusal::Process},
};

// x86_64 calls newer than Debian's libseccomp 2.5.4, refused by number.
struct NumberedCall {
  int nr;
  const char* name;
  Refusal why;
};
inline constexpr NumberedCall kNumberedCalls[] = {
    {463, "setxattrat", Refusal::FileChange},
    {466, "removexattrat", Refusal::FileChange},
    {467, "open_tree_attr", Refusal::Other},
    {469, "file_setattr", Refusal::FileChange},
};
// The filter allows by default, so a call added to the kernel after these
// rules were written would pass unjudged: refuse every native number from
// here on (512 and up are x32 numbers, which libseccomp refuses already).
inline constexpr int kFirstUnjudgedCall = 470;
inline constexpr int kLastNativeCall = 511;

// The mode argument the SIGSYS handler passes when it re-issues a read-only
// open. The kernel ignores mode without O_CREAT/O_TMPFILE (both refused), and
// the filter lets an open with this mode through. Code that knows the value can
// open files for reading unreported; it cannot open them for writing.
using ckptcheck::exec::sandbox_detail::kReadOpenMarker;
inline constexpr uint64_t kWriteOpenFlags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;

inline constexpr const char* kConfinementNote =
    "model code runs confined: no programs or threads, no network, no file writes";

// Exit codes of the child when it stops itself (the parent relies on the side
// channel first; these only matter if the child closed it).
inline constexpr int kForbiddenExit = 128 + SIGSYS;
inline constexpr int kStoppedExit = 125;

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
inline constexpr size_t kMaxRecordText = PIPE_BUF - sizeof(RecordHeader);

// A refused call, from the SIGSYS handler's record or the kernel's notification.
struct ForbiddenCall {
  int nr;
  uint64_t args[6];
  std::string path;                     // a path argument, when the handler could read one
  std::optional<uint64_t> clone_flags;  // what clone/clone3 was asked to start, if known
};

// What the parent read while the child ran.
struct Collected {
  std::string payload;
  std::string records;
  std::optional<ForbiddenCall> process_start;  // notified by the kernel
  bool timed_out = false;
  bool too_much_output = false;
};

// The side channel's records, decoded.
struct Records {
  std::vector<std::string> opened;
  std::optional<ForbiddenCall> forbidden;
  bool out_of_memory = false;
  std::optional<std::string> exception;
  std::optional<std::string> setup_failure;
};

struct ChildPlan {
  std::string directory;
  int payload_fd;
  int side_fd;
  int listener_socket;  // where the filter's notification fd goes
  pid_t parent;
};

// The child: confines itself as `plan` says, runs `body`, and exits; never returns.
[[noreturn]] void run_child(const std::function<void(ResultWriter&)>& body, const SandboxLimits& limits,
                            ChildPlan plan);

// A number field of /proc/self/status ("VmSize:  1234 kB" gives 1234), or -1.
long proc_status_number(std::string_view field);

Records parse_records(const std::string& bytes);
// The files the child opened, without the system's own (libraries, /proc).
std::vector<std::string> files_read(const std::vector<std::string>& opened);
// The outcome and the message for the user, from everything the parent saw.
std::pair<SandboxOutcome, std::string> classify(const Collected& c, const Records& r, int status, const rusage& usage,
                                                const SandboxLimits& limits);

}  // namespace ckptcheck::exec::sandbox_internal
