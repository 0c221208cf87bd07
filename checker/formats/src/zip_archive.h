// A strict, read-only view of a zip archive held in memory: the central
// directory, each record's place in the file, and record contents on demand.
// Only the directory and the records asked for are touched, so listing a
// multi-gigabyte checkpoint reads a few kilobytes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ckptcheck {

struct ZipEntry {
  std::string name;
  uint64_t local_header_offset = 0;
  uint64_t compressed_size = 0;
  uint64_t uncompressed_size = 0;
  uint32_t crc32 = 0;
  uint16_t method = 0;  // 0 stored, 8 deflated
  uint16_t flags = 0;
};

class ZipArchive {
 public:
  // Parses the end records and the central directory. Throws ReadError:
  // CK101 when there is no end-of-central-directory record (truncated) or the
  // directory is malformed; CK103 for duplicate names or records that overlap
  // or run past the directory.
  ZipArchive(std::span<const uint8_t> file, std::string display_name);

  const std::vector<ZipEntry>& entries() const { return entries_; }
  const ZipEntry* find(std::string_view name) const;
  bool used_zip64() const { return zip64_; }
  // The central directory's bytes; entries() holds copies of all it says.
  std::span<const uint8_t> directory() const { return file_.subspan(cd_offset_, cd_size_); }

  // File offset of the entry's first data byte (reads its local header).
  uint64_t data_offset(const ZipEntry& e) const;
  // The entry's bytes: a view into the file when stored; when deflated, inflated
  // into `scratch` under the limits of reader_limits.h. Checks the CRC when `verify_crc`.
  std::span<const uint8_t> read(const ZipEntry& e, std::vector<uint8_t>& scratch,
                                bool verify_crc = false) const;

 private:
  [[noreturn]] void fail_at(uint64_t offset, const std::string& detail, bool corrupt = false) const;
  std::span<const uint8_t> inflate_record(const ZipEntry& e, std::span<const uint8_t> raw, uint64_t at,
                                          std::vector<uint8_t>& scratch) const;
  void parse_directory(uint64_t cd_offset, uint64_t cd_size, uint64_t count);
  void check_layout() const;

  std::span<const uint8_t> file_;
  std::string display_;
  std::vector<ZipEntry> entries_;
  std::vector<uint32_t> by_name_;  // indices into entries_, sorted by name
  uint64_t cd_offset_ = 0;
  uint64_t cd_size_ = 0;
  bool zip64_ = false;
};

}  // namespace ckptcheck
