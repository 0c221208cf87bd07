// Zip parsing per PKWARE APPNOTE 6.3 (end records, ZIP64, central directory),
// with the choices PyTorch's reader makes (caffe2/serialize/inline_container.cc):
// the data offset comes from the local header's own name and extra lengths,
// because torch pads records to 64 bytes with an extra field that exists only there.
#include "zip_archive.h"

#include <algorithm>
#include <zlib.h>

#include "byte_cursor.h"
#include "ckptcheck/formats/read_error.h"
#include "reader_limits.h"

namespace ckptcheck {
namespace {

constexpr uint32_t kLocalSig = 0x04034b50;
constexpr uint32_t kCentralSig = 0x02014b50;
constexpr uint32_t kEocdSig = 0x06054b50;
constexpr uint32_t kZip64EocdSig = 0x06064b50;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;
constexpr uint64_t kEocdSize = 22;
constexpr uint64_t kMaxComment = 0xFFFF;

uint32_t read_u32(std::span<const uint8_t> b, uint64_t at) {
  return static_cast<uint32_t>(b[at]) | static_cast<uint32_t>(b[at + 1]) << 8 |
         static_cast<uint32_t>(b[at + 2]) << 16 | static_cast<uint32_t>(b[at + 3]) << 24;
}

}  // namespace

void ZipArchive::fail_at(uint64_t offset, const std::string& detail, bool corrupt) const {
  throw ReadError(corrupt ? RuleId::CorruptEntry : RuleId::UnreadableFile, "zip", offset, detail);
}

ZipArchive::ZipArchive(std::span<const uint8_t> file, std::string display_name)
    : file_(file), display_(std::move(display_name)) {
  if (file_.size() < kEocdSize) fail_at(0, "too short to be a zip archive (" + std::to_string(file_.size()) + " bytes)");

  // The end-of-central-directory record sits in the last 22 + 65535 bytes.
  uint64_t lowest = file_.size() > kEocdSize + kMaxComment ? file_.size() - kEocdSize - kMaxComment : 0;
  uint64_t eocd = UINT64_MAX;
  for (uint64_t pos = file_.size() - kEocdSize + 1; pos-- > lowest;) {
    if (read_u32(file_, pos) == kEocdSig) {
      uint16_t comment_len = static_cast<uint16_t>(file_[pos + 20] | file_[pos + 21] << 8);
      if (pos + kEocdSize + comment_len == file_.size()) { eocd = pos; break; }
    }
  }
  if (eocd == UINT64_MAX)
    fail_at(file_.size(), "no end-of-central-directory record: the zip archive is truncated "
                          "(an interrupted download or save?)");

  ByteCursor c(file_.subspan(eocd, kEocdSize), "zip", eocd);
  c.u32();
  uint16_t disk = c.u16();
  c.u16();  // disk holding the directory
  c.u16();  // records on this disk
  uint64_t count = c.u16();
  uint64_t cd_size = c.u32(), cd_offset = c.u32();
  if (disk != 0 && disk != 0xFFFF) fail_at(eocd, "multi-disk (split) archives are not supported");

  // ZIP64: miniz, which torch uses, always writes the ZIP64 end records; prefer them.
  if (eocd >= 20 && read_u32(file_, eocd - 20) == kZip64LocatorSig) {
    ByteCursor loc(file_.subspan(eocd - 20, 20), "zip", eocd - 20);
    loc.u32();
    loc.u32();
    uint64_t z64 = loc.u64();
    if (z64 > eocd - 20 || eocd - 20 - z64 < 56) fail_at(eocd - 20, "ZIP64 locator points outside the file");
    ByteCursor z(file_.subspan(z64, 56), "zip", z64);
    if (z.u32() != kZip64EocdSig) fail_at(z64, "ZIP64 end record has a bad signature");
    z.u64();  // record size
    z.u16();  // version made by
    z.u16();  // version needed
    z.u32();  // disk
    z.u32();  // cd disk
    z.u64();  // entries on this disk
    count = z.u64();
    cd_size = z.u64();
    cd_offset = z.u64();
    zip64_ = true;
  } else if (count == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {
    fail_at(eocd, "end record is saturated but there is no ZIP64 locator");
  }

  uint64_t cd_end_limit = zip64_ ? eocd - 20 : eocd;
  if (cd_offset > cd_end_limit || cd_size > cd_end_limit - cd_offset)
    fail_at(eocd, "central directory [" + std::to_string(cd_offset) + ", +" + std::to_string(cd_size) +
                      ") lies outside the file (truncated?)");
  if (count > limits::kMaxZipEntries)
    fail_at(eocd, std::to_string(count) + " records exceed the limit of " + std::to_string(limits::kMaxZipEntries) +
                      " (kMaxZipEntries)");
  // Each central record is at least 46 bytes: a count the directory cannot hold is a lie.
  if (count > cd_size / 46) fail_at(eocd, "end record claims " + std::to_string(count) +
                                             " records but the directory holds at most " + std::to_string(cd_size / 46));
  cd_offset_ = cd_offset;
  cd_size_ = cd_size;
  parse_directory(cd_offset, cd_size, count);
  check_layout();
}

void ZipArchive::parse_directory(uint64_t cd_offset, uint64_t cd_size, uint64_t count) {
  ByteCursor c(file_.subspan(cd_offset, cd_size), "zip", cd_offset);
  entries_.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t at = c.record_offset();
    if (c.u32() != kCentralSig) fail_at(at, "central directory record " + std::to_string(i) + " has a bad signature");
    ZipEntry e;
    c.u16();  // version made by
    c.u16();  // version needed
    e.flags = c.u16();
    e.method = c.u16();
    c.u16();  // time
    c.u16();  // date
    e.crc32 = c.u32();
    e.compressed_size = c.u32();
    e.uncompressed_size = c.u32();
    uint16_t name_len = c.u16(), extra_len = c.u16(), comment_len = c.u16();
    c.u16();  // disk
    c.u16();  // internal attributes
    c.u32();  // external attributes
    e.local_header_offset = c.u32();
    e.name = std::string(c.take_chars(name_len));
    // ZIP64 extra: 64-bit values for exactly the fields that were saturated, in this order.
    ByteCursor extra(c.take(extra_len), "zip", c.record_offset() - extra_len);
    while (extra.remaining() >= 4) {
      uint16_t id = extra.u16(), len = extra.u16();
      ByteCursor field(extra.take(len), "zip", extra.record_offset() - len);
      if (id != 0x0001) continue;
      if (e.uncompressed_size == 0xFFFFFFFF) e.uncompressed_size = field.u64();
      if (e.compressed_size == 0xFFFFFFFF) e.compressed_size = field.u64();
      if (e.local_header_offset == 0xFFFFFFFF) e.local_header_offset = field.u64();
    }
    c.take(comment_len);
    if (e.flags & 0x1) fail_at(at, "record '" + e.name + "' is encrypted");
    entries_.push_back(std::move(e));
  }
  // A sorted index (4 bytes a record) finds names and, as neighbours, duplicates.
  by_name_.resize(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) by_name_[i] = static_cast<uint32_t>(i);
  std::sort(by_name_.begin(), by_name_.end(),
            [&](uint32_t a, uint32_t b) { return entries_[a].name < entries_[b].name; });
  for (size_t i = 1; i < by_name_.size(); ++i)
    if (entries_[by_name_[i]].name == entries_[by_name_[i - 1]].name)
      throw ReadError(RuleId::CorruptEntry, "zip", cd_offset,
                      "record '" + entries_[by_name_[i]].name + "' appears twice; readers disagree on which copy "
                      "counts, so the file means different things to different tools");
}

// Records must not overlap one another or the directory. Checked from the
// directory alone (local extra lengths are unknown here, so this is a lower
// bound); data_offset() completes the check for records that are read.
void ZipArchive::check_layout() const {
  std::vector<const ZipEntry*> order;
  order.reserve(entries_.size());
  for (const auto& e : entries_) order.push_back(&e);
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->local_header_offset < b->local_header_offset; });
  for (size_t i = 0; i < order.size(); ++i) {
    const ZipEntry& e = *order[i];
    uint64_t limit = i + 1 < order.size() ? order[i + 1]->local_header_offset : cd_offset_;
    uint64_t min_end = e.local_header_offset;
    bool overflow = __builtin_add_overflow(min_end, 30 + e.name.size(), &min_end) ||
                    __builtin_add_overflow(min_end, e.compressed_size, &min_end);
    if (overflow || min_end > limit)
      throw ReadError(RuleId::CorruptEntry, "zip", e.local_header_offset,
                      "record '" + e.name + "' (" + std::to_string(e.compressed_size) + " bytes) runs past " +
                          (i + 1 < order.size() ? "the next record '" + order[i + 1]->name + "'" : std::string("the central directory")));
  }
}

const ZipEntry* ZipArchive::find(std::string_view name) const {
  auto it = std::lower_bound(by_name_.begin(), by_name_.end(), name,
                             [&](uint32_t i, std::string_view n) { return entries_[i].name < n; });
  return it != by_name_.end() && entries_[*it].name == name ? &entries_[*it] : nullptr;
}

uint64_t ZipArchive::data_offset(const ZipEntry& e) const {
  uint64_t lho = e.local_header_offset;
  if (lho > file_.size() || file_.size() - lho < 30) fail_at(lho, "local header of '" + e.name + "' lies outside the file", true);
  if (read_u32(file_, lho) != kLocalSig) fail_at(lho, "record '" + e.name + "' has no local header where the directory says", true);
  uint64_t name_len = file_[lho + 26] | file_[lho + 27] << 8;
  uint64_t extra_len = file_[lho + 28] | file_[lho + 29] << 8;
  uint64_t data = lho + 30 + name_len + extra_len;
  uint64_t end;
  if (__builtin_add_overflow(data, e.compressed_size, &end) || end > cd_offset_)
    fail_at(lho, "data of record '" + e.name + "' runs past the central directory", true);
  return data;
}

// Inflated in chunks into `scratch`, which grows with what the stream gives:
// the declared size is only reserved (address space, not memory), so a record
// that declares more than it holds costs what it holds, and one that inflates
// past its declared size stops there.
std::span<const uint8_t> ZipArchive::inflate_record(const ZipEntry& e, std::span<const uint8_t> raw, uint64_t at,
                                                    std::vector<uint8_t>& scratch) const {
  constexpr size_t kChunk = 256 << 10;
  scratch.clear();
  scratch.reserve(e.uncompressed_size);
  z_stream zs{};
  if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) fail_at(at, "cannot start inflate");
  zs.next_in = const_cast<Bytef*>(raw.data());
  zs.avail_in = static_cast<uInt>(std::min<uint64_t>(raw.size(), UINT32_MAX));
  int rc = Z_OK;
  while (rc == Z_OK && scratch.size() <= e.uncompressed_size) {
    size_t before = scratch.size();
    scratch.resize(before + kChunk);
    zs.next_out = scratch.data() + before;
    zs.avail_out = kChunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    scratch.resize(before + (kChunk - zs.avail_out));
    if (rc == Z_BUF_ERROR && zs.avail_in > 0) rc = Z_OK;  // only the output was full
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END || scratch.size() != e.uncompressed_size)
    fail_at(at,
            "deflated record '" + e.name + "' does not inflate to its declared " + std::to_string(e.uncompressed_size) +
                " bytes",
            true);
  return scratch;
}

std::span<const uint8_t> ZipArchive::read(const ZipEntry& e, std::vector<uint8_t>& scratch, bool verify_crc) const {
  uint64_t at = data_offset(e);
  auto raw = file_.subspan(at, e.compressed_size);
  std::span<const uint8_t> out;
  if (e.method == 0) {
    if (e.compressed_size != e.uncompressed_size)
      fail_at(at, "stored record '" + e.name + "' has different compressed and uncompressed sizes", true);
    out = raw;
  } else if (e.method == 8) {
    if (e.uncompressed_size > limits::kMaxInflatedRecordBytes ||
        e.uncompressed_size > std::max<uint64_t>(e.compressed_size, 1) * limits::kMaxInflateRatio)
      fail_at(at, "deflated record '" + e.name + "' declares " + std::to_string(e.uncompressed_size) +
                      " bytes, beyond the inflate limits (a zip bomb?): at most kMaxInflatedRecordBytes = " +
                      std::to_string(limits::kMaxInflatedRecordBytes) + " bytes, and " +
                      std::to_string(limits::kMaxInflateRatio) + " times its compressed size (kMaxInflateRatio)");
    out = inflate_record(e, raw, at, scratch);
  } else {
    throw ReadError(RuleId::UnsupportedFormat, "zip", at,
                    "record '" + e.name + "' uses compression method " + std::to_string(e.method) +
                        "; only stored (0) and deflate (8) are read");
  }
  if (verify_crc) {
    uLong crc = crc32(0L, Z_NULL, 0);
    for (uint64_t off = 0; off < out.size(); off += UINT32_MAX)
      crc = crc32(crc, out.data() + off, static_cast<uInt>(std::min<uint64_t>(out.size() - off, UINT32_MAX)));
    if (crc != e.crc32) fail_at(at, "record '" + e.name + "' fails its CRC-32 check", true);
  }
  return out;
}

}  // namespace ckptcheck
