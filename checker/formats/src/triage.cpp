// Magic numbers from docs/FORMATS.md §0; the non-checkpoint look-alikes are the ones
// users meet: HTML pages and Git LFS pointers saved under a checkpoint's name.
#include "triage.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "ckptcheck/formats/read_error.h"
#include "safetensors_reader.h"

namespace ckptcheck {
namespace {

std::string_view head_text(std::span<const uint8_t> b, size_t n) {
  return {reinterpret_cast<const char*>(b.data()), std::min(n, b.size())};
}

bool starts_with(std::span<const uint8_t> b, std::string_view prefix) {
  return b.size() >= prefix.size() && std::memcmp(b.data(), prefix.data(), prefix.size()) == 0;
}

[[noreturn]] void refuse(RuleId rule, const std::string& what) { throw ReadError(rule, "", 0, what); }

}  // namespace

bool starts_with_legacy_magic(std::span<const uint8_t> b) {
  // protocol >= 2: PROTO n [FRAME u64] LONG1 10 <0x1950a86a20f9469cfc6c little-endian>
  static constexpr uint8_t kMagic[] = {0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
  size_t at = 0;
  if (b.size() >= 2 && b[0] == 0x80) at = 2;
  if (b.size() >= at + 9 && b[at] == 0x95) at += 9;
  if (b.size() >= at + sizeof kMagic && std::memcmp(b.data() + at, kMagic, sizeof kMagic) == 0) return true;
  // protocol 0/1: text LONG
  return starts_with(b, "L119547037146038801333356L\n") || starts_with(b, "\x80\x01L119547037146038801333356");
}

FileKind triage(std::span<const uint8_t> b) {
  if (b.empty()) refuse(RuleId::UnreadableFile, "the file is empty (0 bytes); was the download or save interrupted?");
  if (starts_with(b, "PK\x03\x04") || starts_with(b, "PK\x05\x06")) return FileKind::Zip;
  if (starts_with_legacy_magic(b)) return FileKind::LegacyTorch;
  if (looks_like_safetensors(b)) return FileKind::Safetensors;
  if (starts_with(b, "PYTORCH1"))
    refuse(RuleId::UnsupportedFormat, "a pre-1.0 preview TorchScript container (PYTORCH1); re-export it with a current torch.jit.save");
  if (starts_with(b, "version https://git-lfs"))
    refuse(RuleId::UnreadableFile,
           "a Git LFS pointer file, not the checkpoint itself; run 'git lfs pull' (or fetch the file with LFS) and check again");
  std::string_view head = head_text(b, 512);
  size_t first = head.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  std::string_view lead = first == std::string_view::npos ? std::string_view() : head.substr(first);
  auto lower_starts = [&](std::string_view p) {
    if (lead.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(lead[i])) != p[i]) return false;
    return true;
  };
  if (lower_starts("<!doctype html") || lower_starts("<html") || lower_starts("<?xml") || lower_starts("<head"))
    refuse(RuleId::UnreadableFile,
           "an HTML/XML page, not a checkpoint (a login or error page saved instead of the file?); download the file itself");
  if (lead.size() >= 1 && (lead[0] == '{' || lead[0] == '[')) return FileKind::Json;
  if (b.size() > 262 && std::memcmp(b.data() + 257, "ustar", 5) == 0)
    refuse(RuleId::UnsupportedFormat, "a tar archive: either a pre-0.1.10 torch.save file or an archive holding checkpoints; unpack it, or re-save with a current torch");
  if (b[0] == 0x80 && b.size() >= 2 && b[1] >= 2 && b[1] <= 5) return FileKind::Pickle;
  if (b[0] == 0x1f && b.size() >= 2 && b[1] == 0x8b)
    refuse(RuleId::UnreadableFile, "a gzip-compressed file; decompress it first");
  if (starts_with(b, "PK"))
    refuse(RuleId::UnreadableFile, "starts like a zip archive but its first record is damaged");
  refuse(RuleId::UnreadableFile, "not a checkpoint: none of the known formats (torch zip, legacy torch.save, TorchScript, safetensors) starts like this");
}

}  // namespace ckptcheck
