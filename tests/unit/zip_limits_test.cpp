// The zip reader's limits (reader_limits.h) at the limit and one past it, on
// archives assembled here byte by byte: a record count at kMaxZipEntries needs
// ZIP64 end records and 11 MB, which is why these are not fixture files.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/formats/read_error.h"
#include "reader_limits.h"
#include "zip_archive.h"

namespace ckptcheck {
namespace {

struct Record {
  std::string name;
  std::vector<uint8_t> data;  // as stored in the archive (deflated when method 8)
  uint16_t method = 0;
  uint64_t uncompressed_size = 0;
  uint32_t crc = 0;
};

class Writer {
 public:
  void u16(uint64_t v) { put(v, 2); }
  void u32(uint64_t v) { put(v, 4); }
  void u64(uint64_t v) { put(v, 8); }
  void text(const std::string& s) { bytes.insert(bytes.end(), s.begin(), s.end()); }
  void data(const std::vector<uint8_t>& d) { bytes.insert(bytes.end(), d.begin(), d.end()); }
  std::vector<uint8_t> bytes;

 private:
  void put(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) bytes.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
};

// A zip of `records` with ZIP64 end records (what torch's writer emits), so
// that counts past 65,535 can be written.
std::vector<uint8_t> zip_of(const std::vector<Record>& records, std::optional<uint64_t> declared_count = {}) {
  Writer w;
  std::vector<uint64_t> offsets;
  for (const Record& r : records) {
    offsets.push_back(w.bytes.size());
    w.u32(0x04034b50);
    w.u16(20), w.u16(0), w.u16(r.method), w.u16(0), w.u16(0x21);
    w.u32(r.crc), w.u32(r.data.size()), w.u32(r.uncompressed_size);
    w.u16(r.name.size()), w.u16(0);
    w.text(r.name);
    w.data(r.data);
  }
  uint64_t cd_offset = w.bytes.size();
  for (size_t i = 0; i < records.size(); ++i) {
    const Record& r = records[i];
    w.u32(0x02014b50);
    w.u16(20), w.u16(20), w.u16(0), w.u16(r.method), w.u16(0), w.u16(0x21);
    w.u32(r.crc), w.u32(r.data.size()), w.u32(r.uncompressed_size);
    w.u16(r.name.size()), w.u16(0), w.u16(0), w.u16(0), w.u16(0), w.u32(0);
    w.u32(offsets[i]);
    w.text(r.name);
  }
  uint64_t cd_size = w.bytes.size() - cd_offset;
  uint64_t count = declared_count.value_or(records.size());
  uint64_t zip64_end = w.bytes.size();
  w.u32(0x06064b50), w.u64(44), w.u16(45), w.u16(45), w.u32(0), w.u32(0);
  w.u64(count), w.u64(count), w.u64(cd_size), w.u64(cd_offset);
  w.u32(0x07064b50), w.u32(0), w.u64(zip64_end), w.u32(1);
  w.u32(0x06054b50), w.u16(0), w.u16(0), w.u16(0xffff), w.u16(0xffff);
  w.u32(0xffffffff), w.u32(0xffffffff), w.u16(0);
  return w.bytes;
}

std::vector<Record> empty_records(size_t n) {
  std::vector<Record> records(n);
  char name[16];
  for (size_t i = 0; i < n; ++i) {
    std::snprintf(name, sizeof name, "r/%07zu", i);
    records[i].name = name;
  }
  return records;
}

std::string refusal(const std::vector<uint8_t>& zip, bool read_first = false) {
  try {
    ZipArchive archive(zip, "test.zip");
    if (read_first) {
      std::vector<uint8_t> scratch;
      archive.read(archive.entries().front(), scratch, /*verify_crc=*/true);
    }
  } catch (const ReadError& e) {
    return e.what();
  }
  return "";
}

TEST(ZipLimits, RecordCountHoldsAtTheLimitAndRefusesOnePast) {
  std::vector<uint8_t> at_limit = zip_of(empty_records(limits::kMaxZipEntries));
  EXPECT_EQ(refusal(at_limit), "");
  ZipArchive archive(at_limit, "test.zip");
  EXPECT_EQ(archive.entries().size(), limits::kMaxZipEntries);
  EXPECT_NE(refusal(zip_of(empty_records(limits::kMaxZipEntries + 1))).find("(kMaxZipEntries)"), std::string::npos);
}

TEST(ZipLimits, ADeclaredCountPastTheLimitIsRefusedBeforeTheDirectoryIsRead) {
  std::string message = refusal(zip_of(empty_records(1), uint64_t{1} << 40));
  EXPECT_NE(message.find("(kMaxZipEntries)"), std::string::npos) << message;
}

std::vector<uint8_t> raw_deflate(const std::vector<uint8_t>& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<uint8_t> out(deflateBound(&z, data.size()));
  z.next_in = const_cast<Bytef*>(data.data());
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// Zeros deflate at up to about 1,030:1, so some length compresses at exactly
// kMaxInflateRatio:1; found by trying, as it depends on zlib's choices.
Record record_at_the_inflate_ratio() {
  for (uint64_t compressed = 100; compressed < 3000; ++compressed) {
    std::vector<uint8_t> zeros(compressed * limits::kMaxInflateRatio, 0);
    std::vector<uint8_t> deflated = raw_deflate(zeros);
    if (deflated.size() != compressed) continue;
    Record r{"data.pkl", deflated, 8, zeros.size(), 0};
    r.crc = static_cast<uint32_t>(crc32(0, zeros.data(), static_cast<uInt>(zeros.size())));
    return r;
  }
  ADD_FAILURE() << "no length of zeros deflates at exactly the ratio";
  return {};
}

TEST(ZipLimits, InflateRatioHoldsAtTheLimitAndRefusesOnePast) {
  Record at_limit = record_at_the_inflate_ratio();
  ASSERT_EQ(at_limit.uncompressed_size, at_limit.data.size() * limits::kMaxInflateRatio);
  EXPECT_EQ(refusal(zip_of({at_limit}), /*read_first=*/true), "");
  Record past = at_limit;
  past.uncompressed_size += 1;
  std::string message = refusal(zip_of({past}), /*read_first=*/true);
  EXPECT_NE(message.find("(kMaxInflateRatio)"), std::string::npos) << message;
}

}  // namespace
}  // namespace ckptcheck
