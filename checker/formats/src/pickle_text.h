// The pickle VM's text and number decoding: opcode names for messages, the
// arbitrary-size integers of LONG1/LONG4, and the string literals of the text
// opcodes STRING and UNICODE (CPython's Lib/pickletools.py defines them).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ckptcheck::pickle {

// "BINPUT" for 'q'; nullptr for a byte that is no opcode.
const char* opcode_name(uint8_t op);

// Two's-complement little-endian bytes to a decimal string (for LONG1/LONG4
// beyond int64); longer than kMaxDecimalBytes, to hex ("0x1f...", "-0x1f...").
inline constexpr size_t kMaxDecimalBytes = 64;
std::string le_bytes_to_decimal(std::span<const uint8_t> bytes);

// Decodes Python 2 repr() string literals ('abc', "a\x00b") used by the STRING opcode.
std::optional<std::string> unquote_py_string(std::string_view s);

// raw-unicode-escape (UNICODE opcode): only \uXXXX and \UXXXXXXXX are escapes.
std::string decode_raw_unicode_escape(std::string_view s);

}  // namespace ckptcheck::pickle
