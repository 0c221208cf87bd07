// The sandbox's parent: forks the child (sandbox_child.cpp), watches it, and
// hands what it saw to the verdict (sandbox_verdict.cpp); see sandbox.h.
//
// The child tells the parent things three ways: the payload pipe
// (ResultWriter); a side pipe of fixed-layout records (files read, the refused
// call its SIGSYS handler caught, an escaping exception, a setup failure),
// each at most PIPE_BUF bytes so it arrives whole; and, for attempts to start
// a thread or process, the kernel itself, through the seccomp notification fd
// the child hands to the parent before running any untrusted code.
#include "sandbox.h"

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
#include "sandbox_internal.h"

namespace ckptcheck::exec {
namespace {

using namespace sandbox_internal;

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

void require_single_thread() {
  long threads = proc_status_number("Threads");
  if (threads > 1)
    throw std::logic_error("sandbox: run_confined needs a single-threaded process, this one has " +
                           std::to_string(threads) + " threads (fork() copies only the calling thread)");
}

}  // namespace

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
  std::tie(result.outcome, result.message) = classify(collected, records, exit.status, exit.usage, limits);
  result.payload = std::move(collected.payload);
  result.files_read = files_read(records.opened);
  return result;
}

}  // namespace ckptcheck::exec
