#include "mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>

#include "ckptcheck/formats/read_error.h"

namespace ckptcheck {
namespace {

// The mappings the SIGBUS handler may repair. A signal handler can only read
// lock-free atomics, so this is a fixed table rather than a container; a slot
// is claimed by compare-and-swap of `begin` from 0.
struct GuardedRange {
  std::atomic<uintptr_t> begin{0};
  std::atomic<uintptr_t> end{0};
  std::atomic<bool> changed{false};
};
constexpr int kGuardSlots = 64;  // more files mapped at once than that are read unguarded
GuardedRange g_ranges[kGuardSlots];
struct sigaction g_previous_bus_action;

void on_sigbus(int signal, siginfo_t* info, void* context) {
  auto address = reinterpret_cast<uintptr_t>(info->si_addr);
  for (GuardedRange& range : g_ranges) {
    uintptr_t begin = range.begin.load(), end = range.end.load();
    if (begin == 0 || address < begin || address >= end) continue;
    uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
    void* missing = reinterpret_cast<void*>(address & ~(page - 1));
    // mmap is not on POSIX's async-signal-safe list, but it is a plain system
    // call on Linux; this is the usual way to survive a truncated mapping.
    if (::mmap(missing, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) break;
    range.changed.store(true);
    return;
  }
  // Not ours: what would have happened without this handler.
  if (g_previous_bus_action.sa_flags & SA_SIGINFO) {
    if (g_previous_bus_action.sa_sigaction) return g_previous_bus_action.sa_sigaction(signal, info, context);
  } else if (g_previous_bus_action.sa_handler != SIG_DFL && g_previous_bus_action.sa_handler != SIG_IGN) {
    return g_previous_bus_action.sa_handler(signal);
  }
  ::signal(SIGBUS, SIG_DFL);
  ::raise(SIGBUS);
}

void install_sigbus_guard() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action{};
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, &g_previous_bus_action);
  });
}

int claim_slot(const uint8_t* data, size_t size) {
  install_sigbus_guard();
  for (int i = 0; i < kGuardSlots; ++i) {
    uintptr_t expected = 0;
    // Only a claimed slot is written: another thread's live mapping keeps its own.
    // Until `end` is set the handler sees an empty range and ignores the slot.
    if (g_ranges[i].begin.compare_exchange_strong(expected, reinterpret_cast<uintptr_t>(data))) {
      g_ranges[i].changed.store(false);
      g_ranges[i].end.store(reinterpret_cast<uintptr_t>(data) + size);
      return i;
    }
  }
  return -1;
}

}  // namespace

MappedFile::MappedFile(const std::string& path) {
  // O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever; it is
  // refused below like every file that is not a regular one.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw ReadError(RuleId::UnreadableFile, "", 0, std::string("cannot open: ") + std::strerror(errno));
  struct stat st{};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw ReadError(RuleId::UnreadableFile, "", 0,
                    S_ISFIFO(st.st_mode)  ? "a FIFO (named pipe), not a regular file"
                    : S_ISDIR(st.st_mode) ? "a directory, not a regular file"
                                          : "not a regular file (a device or socket?)");
  }
  size_ = static_cast<size_t>(st.st_size);
  if (size_ > 0) {
    void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      ::close(fd);
      throw ReadError(RuleId::UnreadableFile, "", 0, std::string("cannot map: ") + std::strerror(errno));
    }
    data_ = static_cast<const uint8_t*>(p);
    ::madvise(p, size_, MADV_RANDOM);  // no read-ahead into tensor data
    guard_slot_ = claim_slot(data_, size_);
  }
  ::close(fd);
}

MappedFile::~MappedFile() {
  if (guard_slot_ >= 0) {
    g_ranges[guard_slot_].end.store(0);
    g_ranges[guard_slot_].begin.store(0);
  }
  if (data_) ::munmap(const_cast<uint8_t*>(data_), size_);
}

void MappedFile::release(std::span<const uint8_t> part) const {
  const uint8_t* begin = part.data();
  const uint8_t* end = begin + part.size();
  if (!data_ || begin < data_ || end > data_ + size_) return;
  static const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  uintptr_t first = (reinterpret_cast<uintptr_t>(begin) + page - 1) & ~(page - 1);
  uintptr_t last = reinterpret_cast<uintptr_t>(end) & ~(page - 1);
  if (first < last) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

bool MappedFile::changed() const { return guard_slot_ >= 0 && g_ranges[guard_slot_].changed.load(); }

void MappedFile::throw_if_changed() const {
  if (changed())
    throw ReadError(RuleId::UnreadableFile, "", ReadError::kNoOffset,
                    "the file shrank while it was read (is it still being written?); read it again when it "
                    "is complete");
}

}  // namespace ckptcheck
