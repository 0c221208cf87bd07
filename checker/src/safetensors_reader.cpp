// The safetensors reader (FORMATS.md §6). It parses only the JSON header, applies the
// reference reader's checks plus the spec rules it leaves out (duplicate keys, a header
// that must start with '{', string-only metadata), and checks the data section by
// arithmetic on the declared offsets without reading a byte of it.
#include "safetensors_reader.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ckptcheck/rules/dtype.h"
#include "reader_limits.h"

namespace ckptcheck {
namespace {

using Json = nlohmann::ordered_json;  // ordered: tensors are listed in header order

constexpr uint64_t kLengthBytes = 8;  // the little-endian u64 header length
// Where errors found in the parsed header point: the JSON parser keeps no positions,
// so they name the start of the header text.
constexpr uint64_t kHeaderStart = kLengthBytes;
// A header may give every tensor many unknown fields; past this many notes, one
// summary note stands for the rest so a hostile header cannot flood the report.
constexpr size_t kMaxUnknownFieldNotes = 20;

// safetensors dtype codes that torch has, with torch's names (the table in
// safetensors' torch.py). Newer codes (F4, F6_*, F8_E8M0, ...) are unknown here.
constexpr std::pair<std::string_view, std::string_view> kDtypes[] = {
    {"F64", "float64"},        {"F32", "float32"},         {"F16", "float16"},
    {"BF16", "bfloat16"},      {"I64", "int64"},           {"I32", "int32"},
    {"I16", "int16"},          {"I8", "int8"},             {"U8", "uint8"},
    {"BOOL", "bool"},          {"U16", "uint16"},          {"U32", "uint32"},
    {"U64", "uint64"},         {"F8_E5M2", "float8_e5m2"}, {"F8_E4M3", "float8_e4m3fn"},
    {"C64", "complex64"},
};

[[noreturn]] void fail(RuleId rule, uint64_t offset, const std::string& message) {
  throw ReadError(rule, "header", offset, message);
}

uint64_t read_le64(std::span<const uint8_t> b) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | b[i];
  return v;
}

// A file offset for a position inside the data section; saturates instead of
// wrapping when a hostile offset is near 2^64.
uint64_t file_offset(uint64_t data_start, uint64_t relative) {
  uint64_t out;
  return __builtin_add_overflow(data_start, relative, &out) ? std::numeric_limits<uint64_t>::max()
                                                            : out;
}

// A file-controlled string made safe for a message: quoted, control bytes escaped,
// cut short (at a UTF-8 boundary) when long.
std::string in_quotes(std::string_view s) {
  constexpr size_t kMaxShown = 80;
  size_t n = std::min(s.size(), kMaxShown);
  while (n > 0 && n < s.size() && (static_cast<uint8_t>(s[n]) & 0xC0) == 0x80) --n;
  std::string out = "'";
  for (char ch : s.substr(0, n)) {
    const auto c = static_cast<uint8_t>(ch);
    if (c < 0x20 || c == 0x7F || c == '\'' || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  if (n < s.size()) out += "...";
  return out + "'";
}

// A JSON value as a message shows it: numbers and booleans literally, strings quoted,
// containers by kind only (they may be large).
std::string describe(const Json& j) {
  if (j.is_number() || j.is_boolean() || j.is_null()) return j.dump();
  if (j.is_string()) return "the string " + in_quotes(j.get_ref<const std::string&>());
  if (j.is_object()) return "an object";
  return "an array";
}

std::string join(const std::vector<int64_t>& dims) {
  std::string out = "[";
  for (size_t i = 0; i < dims.size(); ++i) out += (i ? ", " : "") + std::to_string(dims[i]);
  return out + "]";
}

std::string byte_range(uint64_t begin, uint64_t end) {
  return "[" + std::to_string(begin) + ", " + std::to_string(end) + ")";
}

// Index of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF), or s.size() when the text is valid.
size_t utf8_error_at(std::span<const uint8_t> s) {
  size_t i = 0;
  while (i < s.size()) {
    const uint8_t c = s[i];
    if (c < 0x80) { ++i; continue; }
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }  // no overlong 3-byte forms
    else if (c == 0xED) { len = 3; hi = 0x9F; }  // no surrogates
    else if (c >= 0xE1 && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }  // no overlong 4-byte forms
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }  // nothing past U+10FFFF
    else return i;
    if (s.size() - i < len || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k)
      if ((s[i + k] & 0xC0) != 0x80) return i;
    i += len;
  }
  return s.size();
}

// Parses the header text. nlohmann's parser silently keeps the last of duplicate keys,
// so the callback sees every key and rejects repeats; it also bounds nesting depth.
Json parse_header(std::span<const uint8_t> text) {
  struct Frame {
    std::unordered_set<std::string> keys;
    std::string last_key;
  };
  std::vector<Frame> objects;  // the open objects, innermost last
  auto callback = [&](int depth, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        // `depth` counts the containers already open around this one.
        if (static_cast<size_t>(depth) >= limits::kMaxJsonDepth)
          fail(RuleId::UnreadableFile, kHeaderStart,
               "header nests json deeper than the limit of " +
                   std::to_string(limits::kMaxJsonDepth) + " levels");
        if (event == Json::parse_event_t::object_start) objects.emplace_back();
        break;
      case Json::parse_event_t::key: {
        const auto& key = parsed.get_ref<const std::string&>();
        if (!objects.back().keys.insert(key).second) {
          if (objects.size() == 1)
            fail(RuleId::CorruptEntry, kHeaderStart,
                 in_quotes(key) + " appears twice in the header");
          fail(RuleId::CorruptEntry, kHeaderStart,
               "key " + in_quotes(key) + " appears twice in " +
                   in_quotes(objects[objects.size() - 2].last_key));
        }
        objects.back().last_key = key;
        break;
      }
      case Json::parse_event_t::object_end:
        objects.pop_back();
        break;
      default:
        break;
    }
    return true;
  };
  try {
    const auto* first = reinterpret_cast<const char*>(text.data());
    return Json::parse(first, first + text.size(), callback);
  } catch (const Json::exception& e) {
    // what() is "[json.exception.<kind>.<id>] <detail>"; a parse error's detail starts with
    // "parse error at line L, column C: " and the error knows its byte (1-based). Other
    // kinds come from numbers too large for a double ("1e999").
    std::string_view detail = e.what();
    auto drop_through = [&](std::string_view mark) {
      if (const size_t at = detail.find(mark); at != std::string_view::npos)
        detail.remove_prefix(at + mark.size());
    };
    drop_through("] ");
    uint64_t at = 0;
    if (const auto* parse = dynamic_cast<const Json::parse_error*>(&e)) {
      drop_through(": ");
      at = parse->byte > 0 ? parse->byte - 1 : 0;
    }
    std::string shown(detail.substr(0, 200));
    if (detail.size() > 200) shown += "...";
    fail(RuleId::UnreadableFile, kHeaderStart + at, "header is not valid json: " + shown);
  }
}

// True when `j` is a non-negative integer no larger than 2^64-1, stored in `out`.
bool as_count(const Json& j, uint64_t& out) {
  if (j.is_number_unsigned() || (j.is_number_integer() && j.get<int64_t>() >= 0)) {  // "-0" is 0
    out = j.get<uint64_t>();
    return true;
  }
  return false;
}

void read_metadata(const Json& meta, std::map<std::string, std::string>& out) {
  if (!meta.is_object())
    fail(RuleId::CorruptEntry, kHeaderStart,
         "'__metadata__' must be an object of strings, not " + describe(meta));
  for (auto it = meta.begin(); it != meta.end(); ++it) {
    if (!it.value().is_string())
      fail(RuleId::CorruptEntry, kHeaderStart,
           "'__metadata__' entry " + in_quotes(it.key()) + " must be a string, not " +
               describe(it.value()));
    out[it.key()] = it.value().get<std::string>();
  }
}

// Where a tensor's bytes lie in the data section, for the layout walk.
struct Extent {
  uint64_t begin, end;
  size_t tensor;  // index into Inventory::tensors
};

// Reads one tensor entry and checks it on its own: fields, dtype, shape, and that its
// byte range has the size its shape and dtype need and lies inside the data section.
TensorEntry read_tensor(const std::string& name, const Json& entry, uint64_t data_start,
                        uint64_t data_size, Extent& extent, std::vector<std::string>& unknown) {
  const std::string who = "tensor " + in_quotes(name);
  if (!entry.is_object())
    fail(RuleId::CorruptEntry, kHeaderStart,
         who + " must be an object with dtype, shape and data_offsets, not " + describe(entry));
  const Json *dtype = nullptr, *shape = nullptr, *offsets = nullptr;
  for (auto it = entry.begin(); it != entry.end(); ++it) {
    if (it.key() == "dtype") dtype = &it.value();
    else if (it.key() == "shape") shape = &it.value();
    else if (it.key() == "data_offsets") offsets = &it.value();
    else unknown.push_back(who + " has an unknown field " + in_quotes(it.key()));
  }
  const std::pair<const char*, const Json*> required[] = {
      {"dtype", dtype}, {"shape", shape}, {"data_offsets", offsets}};
  for (const auto& [field, value] : required)
    if (!value) fail(RuleId::CorruptEntry, kHeaderStart, who + " has no '" + field + "' field");

  TensorEntry t;
  t.name = name;

  if (!dtype->is_string())
    fail(RuleId::CorruptEntry, kHeaderStart, who + " has dtype " + describe(*dtype) + ", not a string");
  const auto& code = dtype->get_ref<const std::string&>();
  const auto known = std::find_if(std::begin(kDtypes), std::end(kDtypes),
                                  [&](const auto& d) { return d.first == code; });
  if (known == std::end(kDtypes))
    fail(RuleId::UnsupportedFormat, kHeaderStart,
         who + " has dtype " + in_quotes(code) + ", which is not a safetensors dtype ckptcheck knows");
  t.dtype = known->second;
  const uint64_t element_bytes = static_cast<uint64_t>(*dtype_bits(t.dtype)) / 8;

  if (!shape->is_array())
    fail(RuleId::CorruptEntry, kHeaderStart, who + " has shape " + describe(*shape) + ", not an array");
  if (shape->size() > limits::kMaxTensorRank)
    fail(RuleId::CorruptEntry, kHeaderStart,
         who + " has " + std::to_string(shape->size()) + " dimensions, more than the limit of " +
             std::to_string(limits::kMaxTensorRank));
  for (size_t i = 0; i < shape->size(); ++i) {
    const Json& d = (*shape)[i];
    uint64_t dim;
    if (!as_count(d, dim))
      fail(RuleId::CorruptEntry, kHeaderStart,
           who + " has shape entry " + std::to_string(i) + " = " + describe(d) +
               ", but dimensions must be non-negative integers");
    if (dim > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      fail(RuleId::CorruptEntry, kHeaderStart,
           who + " has shape entry " + std::to_string(i) + " = " + std::to_string(dim) +
               ", larger than a torch size can be");
    t.shape.push_back(static_cast<int64_t>(dim));
  }
  // Element count by checked multiplication in order, as the reference reader does.
  uint64_t count = 1;
  for (int64_t dim : t.shape)
    if (__builtin_mul_overflow(count, static_cast<uint64_t>(dim), &count))
      fail(RuleId::CorruptEntry, kHeaderStart,
           who + " has shape " + join(t.shape) + ", whose element count overflows 64 bits");
  // Contiguous row-major strides, computed as torch does: sizes of 0 count as 1.
  t.stride.resize(t.shape.size());
  int64_t step = 1;
  for (size_t i = t.shape.size(); i-- > 0;) {
    t.stride[i] = step;
    if (i > 0 && __builtin_mul_overflow(step, std::max<int64_t>(t.shape[i], 1), &step))
      fail(RuleId::CorruptEntry, kHeaderStart,
           who + " has shape " + join(t.shape) + ", whose strides overflow 64 bits");
  }
  uint64_t nbytes;
  if (__builtin_mul_overflow(count, element_bytes, &nbytes))
    fail(RuleId::CorruptEntry, kHeaderStart,
         who + " has shape " + join(t.shape) + " and dtype " + code +
             ", whose byte size overflows 64 bits");

  uint64_t begin, end;
  if (!offsets->is_array() || offsets->size() != 2 || !as_count((*offsets)[0], begin) ||
      !as_count((*offsets)[1], end))
    fail(RuleId::CorruptEntry, kHeaderStart,
         who + " has data_offsets that are not two non-negative integers");
  if (begin > end)
    fail(RuleId::CorruptEntry, file_offset(data_start, begin),
         who + " has data_offsets " + byte_range(begin, end) + " that end before they begin");
  if (end - begin != nbytes)
    fail(RuleId::CorruptEntry, file_offset(data_start, begin),
         who + " occupies bytes " + byte_range(begin, end) + " (" + std::to_string(end - begin) +
             " bytes) but its shape " + join(t.shape) +
             " and dtype " + code + " need " + std::to_string(nbytes) + " bytes");
  if (end > data_size)
    fail(RuleId::CorruptEntry, file_offset(data_start, begin),
         who + " occupies bytes " + byte_range(begin, end) + " but the data section holds only " +
             std::to_string(data_size) + " bytes (the file ends at byte " +
             std::to_string(data_start + data_size) + ")");

  t.kind = TensorKind::Tensor;
  t.storage = StorageRef{name, 0, nbytes};
  extent = Extent{begin, end, 0};
  return t;
}

// The reference reader's layout rule: sorted by offsets, tensors tile the data section
// from byte 0 to its last byte, with no holes, no overlaps and nothing after them.
void check_layout(std::vector<Extent> extents, const std::vector<TensorEntry>& tensors,
                  uint64_t data_start, uint64_t data_size) {
  std::sort(extents.begin(), extents.end(), [](const Extent& a, const Extent& b) {
    return std::pair{a.begin, a.end} < std::pair{b.begin, b.end};
  });
  uint64_t pos = 0;
  const Extent* previous = nullptr;
  for (const Extent& e : extents) {
    const std::string who = in_quotes(tensors[e.tensor].name);
    if (e.begin > pos)
      fail(RuleId::CorruptEntry, file_offset(data_start, pos),
           "bytes " + byte_range(pos, e.begin) + " of the data section belong to no tensor (a hole " +
               (previous ? "between " + in_quotes(tensors[previous->tensor].name) + " and " + who
                         : "before " + who) + ")");
    if (e.begin < pos)
      fail(RuleId::CorruptEntry, file_offset(data_start, e.begin),
           "tensor " + who + " occupies bytes " + byte_range(e.begin, e.end) + ", which overlap tensor " +
               in_quotes(tensors[previous->tensor].name) + " at " +
               byte_range(previous->begin, previous->end));
    pos = e.end;
    previous = &e;
  }
  // Every end was checked against data_size, so pos <= data_size here.
  if (pos != data_size)
    fail(RuleId::CorruptEntry, file_offset(data_start, pos),
         "the data section holds " + std::to_string(data_size) + " bytes but its tensors end at byte " +
             std::to_string(pos) + ", leaving " + std::to_string(data_size - pos) + " trailing bytes");
}

}  // namespace

bool looks_like_safetensors(std::span<const uint8_t> bytes) {
  return bytes.size() > kLengthBytes && bytes[kLengthBytes] == '{';
}

Inventory read_safetensors(std::span<const uint8_t> bytes, const std::string& name) {
  const uint64_t size = bytes.size();
  if (size < kLengthBytes)
    fail(RuleId::UnreadableFile, 0,
         "file is " + std::to_string(size) + " bytes, too short for the 8-byte safetensors header length");
  const uint64_t header_bytes = read_le64(bytes.first(kLengthBytes));
  if (header_bytes > limits::kMaxSafetensorsHeaderBytes)
    fail(RuleId::UnreadableFile, 0,
         "header length " + std::to_string(header_bytes) + " exceeds the limit of " +
             std::to_string(limits::kMaxSafetensorsHeaderBytes) + " bytes");
  if (header_bytes > size - kLengthBytes)
    fail(RuleId::UnreadableFile, 0,
         "header length " + std::to_string(header_bytes) + " runs past the end of the file, which has " +
             std::to_string(size - kLengthBytes) + " bytes after the length");
  const auto header = bytes.subspan(kLengthBytes, header_bytes);

  // The spec requires '{' first (only trailing padding is allowed), which also keeps a
  // JSON parser's leading-whitespace tolerance from widening what counts as a header.
  if (header.empty())
    fail(RuleId::UnreadableFile, kHeaderStart, "header is empty; it must be a json object");
  if (header[0] != '{') {
    char first[8];
    std::snprintf(first, sizeof first, "0x%02x", header[0]);
    fail(RuleId::UnreadableFile, kHeaderStart,
         std::string("header must start with '{' but starts with byte ") + first);
  }
  if (const size_t bad = utf8_error_at(header); bad != header.size()) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02x", header[bad]);
    fail(RuleId::UnreadableFile, kHeaderStart + bad,
         std::string("header is not valid utf-8: byte ") + byte + " at file offset " +
             std::to_string(kHeaderStart + bad) + " does not continue a utf-8 sequence");
  }
  // nlohmann's lexer takes a NUL byte for the end of input, so "{...}\0<more json>" would
  // parse as the part before it. JSON allows no raw NUL anywhere, so reject it here.
  if (const auto nul = std::find(header.begin(), header.end(), 0); nul != header.end())
    fail(RuleId::UnreadableFile, kHeaderStart + (nul - header.begin()),
         "header is not valid json: a nul byte at file offset " +
             std::to_string(kHeaderStart + (nul - header.begin())));
  const Json root = parse_header(header);
  // Starting with '{' and parsing completely means the root is an object.

  Inventory inv;
  inv.file = name;
  inv.format = "safetensors";
  inv.content = "state_dict";
  inv.properties["header_bytes"] = std::to_string(header_bytes);

  const uint64_t data_start = kLengthBytes + header_bytes;  // <= size, checked above
  const uint64_t data_size = size - data_start;
  std::vector<Extent> extents;
  std::vector<std::string> unknown;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (it.key() == "__metadata__") {
      read_metadata(it.value(), inv.metadata);
      continue;
    }
    if (inv.tensors.size() >= limits::kMaxTensors)
      fail(RuleId::UnreadableFile, kHeaderStart,
           "header lists more than the limit of " + std::to_string(limits::kMaxTensors) + " tensors");
    Extent extent{};
    inv.tensors.push_back(read_tensor(it.key(), it.value(), data_start, data_size, extent, unknown));
    extent.tensor = inv.tensors.size() - 1;
    extents.push_back(extent);
  }
  check_layout(std::move(extents), inv.tensors, data_start, data_size);

  // The reference reader accepts unknown fields; they are worth a note, not a failure.
  for (size_t i = 0; i < unknown.size() && i < kMaxUnknownFieldNotes; ++i)
    inv.diagnostics.push_back(Diagnostic{RuleId::CorruptEntry, Severity::Info, unknown[i], std::nullopt});
  if (unknown.size() > kMaxUnknownFieldNotes)
    inv.diagnostics.push_back(Diagnostic{
        RuleId::CorruptEntry, Severity::Info,
        std::to_string(unknown.size() - kMaxUnknownFieldNotes) + " more unknown fields in tensor entries",
        std::nullopt});
  return inv;
}

}  // namespace ckptcheck
