// Entry point of the checkpoint reader.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

#include "ckptcheck/checker/inventory.h"

namespace ckptcheck {

// A file that cannot be read at all. Carries the rule (CK101/CK102/CK103), the
// record or part of the file it concerns and the byte offset, so messages can
// say exactly where reading stopped.
class ReadError : public std::runtime_error {
 public:
  // For errors about the meaning of a record rather than a byte in it.
  static constexpr uint64_t kNoOffset = UINT64_MAX;

  ReadError(RuleId rule, std::string record, uint64_t offset, const std::string& detail);
  RuleId rule() const { return rule_; }
  const std::string& record() const { return record_; }
  uint64_t offset() const { return offset_; }
  const std::string& detail() const { return detail_; }

 private:
  RuleId rule_;
  std::string record_;
  uint64_t offset_;
  std::string detail_;
};

// Reads a checkpoint held in memory. `name` is used for messages and Inventory::file.
// Throws ReadError for anything it cannot read; everything else, including
// suspicious content, becomes Inventory::diagnostics.
Inventory inspect_bytes(std::span<const uint8_t> bytes, const std::string& name);

// Maps the file read-only and calls inspect_bytes. Never writes to the file.
Inventory inspect_file(const std::string& path);

// Receives a file's inventory while it is read, so a listing of millions of
// tensors never has to be held in memory: begin() once format, content and
// properties are known; tensor() for each tensor, in order; end() with the rest
// (modules, values, state dicts, diagnostics; its `tensors` holds nothing already sent).
class InventorySink {
 public:
  virtual ~InventorySink() = default;
  virtual void begin(const Inventory& header) = 0;
  virtual void tensor(const TensorEntry& t) = 0;
  virtual void end(const Inventory& rest) = 0;
};

// Streams the file into `sink`. Throws ReadError only before begin(); an error
// met after it becomes a diagnostic passed to end().
void inspect_file(const std::string& path, InventorySink& sink);

}  // namespace ckptcheck
