#include "ckptcheck/formats/read_error.h"

namespace ckptcheck {

static std::string format_read_error(const std::string& record, uint64_t offset,
                                     const std::string& detail) {
  if (record.empty()) return detail;
  if (offset == ReadError::kNoOffset) return record + ": " + detail;
  return record + " (byte " + std::to_string(offset) + "): " + detail;
}

ReadError::ReadError(RuleId rule, std::string record, uint64_t offset, const std::string& detail)
    : std::runtime_error(format_read_error(record, offset, detail)),
      rule_(rule), record_(std::move(record)), offset_(offset), detail_(detail) {}

}  // namespace ckptcheck
