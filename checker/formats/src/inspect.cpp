// Dispatch: triage the bytes, then hand them to the reader for that format.
#include "ckptcheck/formats/inspect.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "format_readers.h"
#include "safetensors_reader.h"
#include "triage.h"

namespace ckptcheck {

const char* tensor_kind_name(TensorKind k) {
  switch (k) {
    case TensorKind::Parameter: return "parameter";
    case TensorKind::Buffer: return "buffer";
    case TensorKind::Tensor: return "tensor";
  }
  return "tensor";
}

namespace {

Inventory read_any(std::span<const uint8_t> bytes, const std::string& name, const ReleaseHint& release,
                   TensorStream* stream) {
  switch (triage(bytes)) {
    case FileKind::Zip: return read_torch_zip(bytes, name, release, stream);
    case FileKind::LegacyTorch: return read_torch_legacy(bytes, name, release, stream);
    case FileKind::Safetensors: return read_safetensors(bytes, name);
    case FileKind::Pickle:
      throw ReadError(RuleId::UnsupportedFormat, "", 0,
                      "a plain pickle (pickle.dump), not a torch.save file; torch.load reads it only with "
                      "weights_only=False, which runs its code");
    case FileKind::Unknown: break;
  }
  throw ReadError(RuleId::UnreadableFile, "", 0, "not a checkpoint");
}

// A read-only private mapping: the reader touches only the pages it parses,
// so a file's size does not decide the memory used.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    // O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever; it is
    // refused below like every file that is not a regular one.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw ReadError(RuleId::UnreadableFile, "", 0, std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
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
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<uint8_t*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::span<const uint8_t> bytes() const { return {data_, size_}; }

  // Drops the whole pages inside `part` from memory; a later read maps them again
  // from the file. Only ever applied to this read-only mapping.
  void release(std::span<const uint8_t> part) const {
    const uint8_t* begin = part.data();
    const uint8_t* end = begin + part.size();
    if (!data_ || begin < data_ || end > data_ + size_) return;
    static const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
    uintptr_t first = (reinterpret_cast<uintptr_t>(begin) + page - 1) & ~(page - 1);
    uintptr_t last = reinterpret_cast<uintptr_t>(end) & ~(page - 1);
    if (first < last) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
  }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace

Inventory inspect_bytes(std::span<const uint8_t> bytes, const std::string& name) {
  return read_any(bytes, name, {}, nullptr);
}

Inventory inspect_file(const std::string& path) {
  MappedFile file(path);
  return read_any(file.bytes(), path, [&file](std::span<const uint8_t> part) { file.release(part); }, nullptr);
}

void inspect_file(const std::string& path, InventorySink& sink) {
  TensorStream stream(sink);
  try {
    MappedFile file(path);
    Inventory inv = read_any(file.bytes(), path, [&file](std::span<const uint8_t> part) { file.release(part); }, &stream);
    stream.finish(inv);
  } catch (const ReadError& e) {
    if (!stream.begun()) throw;
    Inventory rest;
    rest.file = path;
    rest.diagnostics.push_back(Diagnostic::of(e.rule(), e.what()).with_severity(Severity::Error));
    stream.finish(rest);
  }
}

}  // namespace ckptcheck
