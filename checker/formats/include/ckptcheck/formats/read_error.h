// The reader's one error: a file that cannot be read at all. Its own header,
// so that the reader's lowest layers (byte_cursor.h, zip_archive.cpp) throw it
// without including the reader's entry point above them.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "ckptcheck/rules/catalog.h"

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

}  // namespace ckptcheck
