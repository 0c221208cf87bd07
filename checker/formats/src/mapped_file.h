// A checkpoint file mapped read-only, so the reader touches only the pages it
// parses and a file's size does not decide the memory used.
//
// A mapped file can shrink under the reader (torch.save overwriting it, a copy
// still in progress): touching a page past the new end raises SIGBUS, which
// would kill the process. A SIGBUS inside a mapping made here is answered by
// mapping a page of zeros over the missing one and marking the file changed;
// the reader finishes on zeros and throw_if_changed() turns the result into a
// clear CK101, so a shrinking file is an error about the input, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace ckptcheck {

class MappedFile {
 public:
  // Throws ReadError (CK101) when the path cannot be opened, is not a regular
  // file (FIFOs are refused without blocking) or cannot be mapped.
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::span<const uint8_t> bytes() const { return {data_, size_}; }

  // Drops the whole pages inside `part` from memory; a later read maps them again
  // from the file. Only ever applied to this read-only mapping.
  void release(std::span<const uint8_t> part) const;

  // Whether a page was missing when it was read: the file shrank meanwhile.
  bool changed() const;
  // Throws ReadError (CK101) when changed().
  void throw_if_changed() const;

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  int guard_slot_ = -1;  // this mapping's entry in the SIGBUS guard's table; -1 when unguarded
};

}  // namespace ckptcheck
