// Every fixture, truncated at many points and with bytes flipped, must either
// read or be refused with a ReadError: never a crash, hang or other exception.
// (The libFuzzer targets in tests/fuzz explore further; this runs in every build.)
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include <gtest/gtest.h>

#include "ckptcheck/formats/inspect.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Returns "" when the reader behaved (read or ReadError), else what went wrong.
std::string misbehaviour(const std::vector<uint8_t>& bytes) {
  try {
    inspect_bytes(bytes, "damaged");
  } catch (const ReadError&) {
  } catch (const std::exception& e) {
    return std::string("unexpected exception: ") + e.what();
  }
  return "";
}

std::vector<fs::path> all_fixtures() {
  std::vector<fs::path> out;
  for (const char* dir : {"files", "safetensors"})
    for (const auto& e : fs::directory_iterator(fs::path(CKPTCHECK_FIXTURES_DIR) / dir))
      if (e.is_regular_file() && e.path().extension() != ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(DamagedFiles, TruncationsAreRefusedCleanly) {
  for (const fs::path& p : all_fixtures()) {
    std::vector<uint8_t> bytes = read_all(p);
    for (int i = 0; i < 48; ++i) {
      size_t cut = bytes.size() * static_cast<size_t>(i) / 48;
      std::vector<uint8_t> head(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut));
      EXPECT_EQ(misbehaviour(head), "") << p.filename() << " cut at " << cut;
    }
  }
}

TEST(DamagedFiles, FlippedBytesAreHandled) {
  std::mt19937 rng(1234);
  for (const fs::path& p : all_fixtures()) {
    const std::vector<uint8_t> original = read_all(p);
    if (original.empty()) continue;
    std::uniform_int_distribution<size_t> pos(0, original.size() - 1);
    for (int i = 0; i < 48; ++i) {
      std::vector<uint8_t> bytes = original;
      for (int k = 0; k < 4; ++k) bytes[pos(rng)] ^= static_cast<uint8_t>(1 + rng() % 255);
      EXPECT_EQ(misbehaviour(bytes), "") << p.filename() << " variant " << i;
    }
  }
}

}  // namespace
}  // namespace ckptcheck
