// The pickle memo: slot index -> Value. A checkpoint's pickle stores about eight
// slots per tensor, so slots are packed into 8 bytes and kept in fixed-size
// chunks (a growing vector would briefly hold two copies of millions of them).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "pickle_graph.h"

namespace ckptcheck::pickle {

class Memo {
 public:
  size_t size() const { return size_; }

  Value get(uint64_t index) const {
    if (index >= size_) return Value{};
    return unpack((*chunks_[index / kChunk])[index % kChunk]);
  }

  void set(uint64_t index, const Value& v) {
    while (index >= chunks_.size() * kChunk) chunks_.push_back(std::make_unique<Chunk>());  // zeroed: empty slots
    if (index >= size_) size_ = index + 1;
    (*chunks_[index / kChunk])[index % kChunk] = pack(v);
  }

 private:
  static constexpr size_t kChunk = 1 << 15;
  using Chunk = std::array<uint64_t, kChunk>;
  // Layout: kind in the top 5 bits, `a` in the next 28, `b` in the low 31.
  // Values whose fields do not fit (long strings, floats, negative ints) are
  // kept whole in spilled_ and the slot holds kSpilled and their index.
  static constexpr uint64_t kSpilled = 31;
  static constexpr uint64_t kMaxA = (1ull << 28) - 1, kMaxB = (1ull << 31) - 1;

  uint64_t pack(const Value& v) {
    if (v.kind != Kind::Float && v.a <= kMaxA && v.b <= kMaxB)
      return static_cast<uint64_t>(v.kind) << 59 | static_cast<uint64_t>(v.a) << 31 | v.b;
    spilled_.push_back(v);
    return kSpilled << 59 | (spilled_.size() - 1);
  }
  Value unpack(uint64_t p) const {
    uint64_t kind = p >> 59;
    if (kind == kSpilled) return spilled_[p & ((1ull << 59) - 1)];
    return Value{static_cast<Kind>(kind), static_cast<uint32_t>((p >> 31) & kMaxA), p & kMaxB};
  }

  std::vector<std::unique_ptr<Chunk>> chunks_;
  std::vector<Value> spilled_;
  size_t size_ = 0;
};

}  // namespace ckptcheck::pickle
