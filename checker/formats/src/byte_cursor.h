// Bounds-checked reading of little-endian integers and byte runs from a span.
// Every read that would pass the end throws a ReadError naming the record and offset.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "ckptcheck/formats/read_error.h"

namespace ckptcheck {

class ByteCursor {
 public:
  // `base_offset` is where `bytes` starts in its record, so errors report record offsets.
  ByteCursor(std::span<const uint8_t> bytes, std::string record, uint64_t base_offset = 0)
      : bytes_(bytes), record_(std::move(record)), base_(base_offset) {}

  uint64_t position() const { return pos_; }
  uint64_t record_offset() const { return base_ + pos_; }
  uint64_t remaining() const { return bytes_.size() - pos_; }
  bool at_end() const { return pos_ >= bytes_.size(); }
  const std::string& record() const { return record_; }

  uint8_t u8() { return take(1)[0]; }
  uint16_t u16() { return static_cast<uint16_t>(le(take(2))); }
  uint32_t u32() { return static_cast<uint32_t>(le(take(4))); }
  uint64_t u64() { return le(take(8)); }
  int32_t i32() { return static_cast<int32_t>(u32()); }

  std::span<const uint8_t> take(uint64_t n) {
    if (n > remaining())
      fail(RuleId::UnreadableFile, "needs " + std::to_string(n) + " bytes but only " +
                                       std::to_string(remaining()) + " remain (truncated?)");
    auto out = bytes_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  std::string_view take_chars(uint64_t n) {
    auto s = take(n);
    return {reinterpret_cast<const char*>(s.data()), s.size()};
  }
  // Reads up to and excluding '\n' (consumed). Text pickle opcodes use this.
  std::string_view line(uint64_t max_len) {
    uint64_t limit = std::min<uint64_t>(remaining(), max_len + 1);
    for (uint64_t i = 0; i < limit; ++i)
      if (bytes_[pos_ + i] == '\n') {
        auto s = take_chars(i);
        ++pos_;
        return s;
      }
    fail(RuleId::UnreadableFile, "a text argument has no end of line within " +
                                     std::to_string(max_len) + " bytes");
  }
  void seek(uint64_t pos) {
    if (pos > bytes_.size()) fail(RuleId::UnreadableFile, "offset past the end");
    pos_ = pos;
  }

  [[noreturn]] void fail(RuleId rule, const std::string& detail) const {
    throw ReadError(rule, record_, record_offset(), detail);
  }

 private:
  static uint64_t le(std::span<const uint8_t> b) {
    uint64_t v = 0;
    for (size_t i = b.size(); i-- > 0;) v = (v << 8) | b[i];
    return v;
  }

  std::span<const uint8_t> bytes_;
  std::string record_;
  uint64_t base_;
  uint64_t pos_ = 0;
};

}  // namespace ckptcheck
