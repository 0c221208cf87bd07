// The safetensors reader (docs/FORMATS.md §6). It parses only the JSON header, applies the
// reference reader's checks plus the spec rules it leaves out (duplicate keys, a header
// that must start with '{', string-only metadata), and checks the data section by
// arithmetic on the declared offsets without reading a byte of it.
#include "safetensors_reader.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ckptcheck/rules/display.h"
#include "ckptcheck/rules/dtype.h"
#include "reader_limits.h"

namespace ckptcheck {
namespace {

using Json = nlohmann::json;  // only its SAX parser is used

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

// Where a tensor's bytes lie in the data section, for the layout walk.
struct Extent {
  uint64_t begin, end;
  size_t tensor;  // index into Inventory::tensors
};

// Builds the Inventory straight from the JSON parser's events (nlohmann's SAX interface).
// Nothing is kept but what the Inventory needs, so memory follows the tensors, not the
// padding a hostile header may carry; a DOM would cost ~20x the header, and nlohmann's
// callback parser rescans a container at every child's end (quadratic time). Seeing each
// key as it is read is also what catches duplicates, which a DOM silently merges.
class HeaderReader {
 public:
  HeaderReader(Inventory& inv, uint64_t data_start, uint64_t data_size)
      : inv_(inv), data_start_(data_start), data_size_(data_size) {}

  std::vector<Extent> extents;             // one per tensor, in header order
  std::vector<std::string> unknown_notes;  // the first kMaxUnknownFieldNotes
  size_t unknown_fields = 0;

  // --- nlohmann::json_sax interface; every failure throws ReadError --------------------
  // `shown` spells the value for a message; it runs only when there is one to write.
  bool null() { return scalar(nullptr, nullptr, [] { return std::string("null"); }); }
  bool boolean(bool b) { return scalar(nullptr, nullptr, [b] { return std::string(b ? "true" : "false"); }); }
  bool number_integer(int64_t v) {
    const uint64_t u = static_cast<uint64_t>(v);  // only used when v >= 0 ("-0" is 0)
    return scalar(v >= 0 ? &u : nullptr, nullptr, [v] { return std::to_string(v); });
  }
  bool number_unsigned(uint64_t v) { return scalar(&v, nullptr, [v] { return std::to_string(v); }); }
  bool number_float(double, const std::string& literal) {
    return scalar(nullptr, nullptr, [&literal] { return literal; });
  }
  bool string(std::string& s) { return scalar(nullptr, &s, [&s] { return "the string " + in_quotes(s); }); }
  bool binary(Json::binary_t&) { return true; }  // JSON text has no binary values
  bool start_object(size_t) { return open(true); }
  bool start_array(size_t) { return open(false); }
  bool key(std::string& k);
  bool end_object();
  bool end_array();
  bool parse_error(size_t position, const std::string&, const nlohmann::detail::exception& e);

 private:
  // What a value is, by where it stands in the header.
  enum class Slot { Header, Metadata, MetadataValue, Entry, Dtype, Shape, Dim, Offsets, Offset, Skipped };
  struct Frame {  // one open object or array
    Slot slot;
    bool is_object;
    std::unordered_set<std::string> keys;  // objects: keys seen so far
    std::string key;                       // objects: the key whose value comes next
  };

  Slot slot_of_next_value() const;
  bool open(bool is_object);
  // A number or string: `count` is set for non-negative integers, `str` for strings.
  template <typename Shown>
  bool scalar(const uint64_t* count, std::string* str, Shown shown);
  [[noreturn]] void reject(Slot slot, const std::string& shown) const;
  std::string tensor() const { return "tensor " + in_quotes(frames_[0].key); }
  void finish_tensor();

  Inventory& inv_;
  uint64_t data_start_, data_size_;
  std::vector<Frame> frames_;  // open containers, innermost last
  // The tensor entry being read (entries cannot nest, so one is enough).
  TensorEntry entry_;
  std::string code_;                  // its safetensors dtype code
  std::vector<uint64_t> offsets_;
  bool has_dtype_ = false, has_shape_ = false, has_offsets_ = false;
  bool metadata_seen_ = false;
};

HeaderReader::Slot HeaderReader::slot_of_next_value() const {
  if (frames_.empty()) return Slot::Header;
  const Frame& parent = frames_.back();
  switch (parent.slot) {
    case Slot::Header: return parent.key == "__metadata__" ? Slot::Metadata : Slot::Entry;
    case Slot::Metadata: return Slot::MetadataValue;
    case Slot::Entry:
      if (parent.key == "dtype") return Slot::Dtype;
      if (parent.key == "shape") return Slot::Shape;
      if (parent.key == "data_offsets") return Slot::Offsets;
      return Slot::Skipped;  // an unknown field: noted in key(), its value ignored
    case Slot::Shape: return Slot::Dim;
    case Slot::Offsets: return Slot::Offset;
    default: return Slot::Skipped;
  }
}

void HeaderReader::reject(Slot slot, const std::string& shown) const {
  std::string message;
  switch (slot) {
    case Slot::Metadata: message = "'__metadata__' must be an object of strings, not " + shown; break;
    case Slot::MetadataValue:
      message = "'__metadata__' entry " + in_quotes(frames_.back().key) + " must be a string, not " + shown;
      break;
    case Slot::Entry:
      message = tensor() + " must be an object with dtype, shape and data_offsets, not " + shown;
      break;
    case Slot::Dtype: message = tensor() + " has dtype " + shown + ", not a string"; break;
    case Slot::Shape: message = tensor() + " has shape " + shown + ", not an array"; break;
    case Slot::Dim:
      message = tensor() + " has shape entry " + std::to_string(entry_.shape.size()) + " = " + shown +
                ", but dimensions must be non-negative integers";
      break;
    default: message = tensor() + " has data_offsets that are not two non-negative integers"; break;
  }
  fail(RuleId::CorruptEntry, kHeaderStart, message);
}

bool HeaderReader::open(bool is_object) {
  if (frames_.size() >= limits::kMaxJsonDepth)
    fail(RuleId::UnreadableFile, kHeaderStart,
         "header nests json deeper than the limit of " + std::to_string(limits::kMaxJsonDepth) + " levels");
  const Slot slot = slot_of_next_value();
  switch (slot) {
    case Slot::Header:  // the text starts with '{', checked before parsing
    case Slot::Skipped:
      break;
    case Slot::Metadata:
      if (!is_object) reject(slot, "an array");
      break;
    case Slot::Entry:
      if (!is_object) reject(slot, "an array");
      if (inv_.tensors.size() >= limits::kMaxTensors)
        fail(RuleId::UnreadableFile, kHeaderStart,
             "header lists more than the limit of " + std::to_string(limits::kMaxTensors) + " tensors (kMaxTensors)");
      entry_ = TensorEntry{};
      entry_.name = frames_[0].key;
      offsets_.clear();
      has_dtype_ = has_shape_ = has_offsets_ = false;
      break;
    case Slot::Shape:
    case Slot::Offsets:
      if (is_object) reject(slot, "an object");
      (slot == Slot::Shape ? has_shape_ : has_offsets_) = true;
      break;
    default:  // a string or number is wanted here
      reject(slot, is_object ? "an object" : "an array");
  }
  frames_.push_back(Frame{slot, is_object, {}, {}});
  return true;
}

template <typename Shown>
bool HeaderReader::scalar(const uint64_t* count, std::string* str, Shown shown) {
  const Slot slot = slot_of_next_value();
  switch (slot) {
    case Slot::Skipped:
      break;
    case Slot::MetadataValue:
      if (!str) reject(slot, shown());
      inv_.metadata[frames_.back().key] = std::move(*str);
      break;
    case Slot::Dtype:
      if (!str) reject(slot, shown());
      code_ = std::move(*str);
      has_dtype_ = true;
      break;
    case Slot::Dim:
      if (!count) reject(slot, shown());
      if (entry_.shape.size() == limits::kMaxTensorRank)
        fail(RuleId::CorruptEntry, kHeaderStart,
             tensor() + " has more dimensions than the limit of " + std::to_string(limits::kMaxTensorRank));
      if (*count > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        fail(RuleId::CorruptEntry, kHeaderStart,
             tensor() + " has shape entry " + std::to_string(entry_.shape.size()) + " = " + shown() +
                 ", larger than a torch size can be");
      entry_.shape.push_back(static_cast<int64_t>(*count));
      break;
    case Slot::Offset:
      if (!count || offsets_.size() == 2) reject(slot, shown());
      offsets_.push_back(*count);
      break;
    default:  // a container is wanted here
      reject(slot, shown());
  }
  return true;
}

bool HeaderReader::key(std::string& k) {
  Frame& frame = frames_.back();
  // Checked before the key is kept (in `keys` and the inventory).
  if ((frame.slot == Slot::Header || frame.slot == Slot::Metadata) && k.size() > limits::kMaxNameBytes)
    fail(RuleId::UnreadableFile, kHeaderStart,
         (frame.slot == Slot::Header ? "a tensor name" : "a '__metadata__' key") + std::string(" of ") +
             std::to_string(k.size()) + " bytes is longer than the limit of " + std::to_string(limits::kMaxNameBytes) +
             " (kMaxNameBytes)");
  if (frame.slot == Slot::Metadata && frame.keys.size() >= limits::kMaxSafetensorsMetadataEntries)
    fail(RuleId::UnreadableFile, kHeaderStart,
         "'__metadata__' has more than the limit of " + std::to_string(limits::kMaxSafetensorsMetadataEntries) +
             " entries (kMaxSafetensorsMetadataEntries)");
  if (frame.slot == Slot::Header) {
    // Tensor names are checked for duplicates once the header is read
    // (check_unique_names): a set here would hold a second copy of every name.
    if (k == "__metadata__" && std::exchange(metadata_seen_, true))
      fail(RuleId::CorruptEntry, kHeaderStart, in_quotes(k) + " appears twice in the header");
  } else if (!frame.keys.insert(k).second) {
    // Name the object by the key it stands under in the nearest enclosing object.
    auto outer = std::find_if(frames_.rbegin() + 1, frames_.rend(), [](const Frame& f) { return f.is_object; });
    fail(RuleId::CorruptEntry, kHeaderStart,
         "key " + in_quotes(k) + " appears twice in " + in_quotes(outer->key));
  }
  frame.key = k;
  if (slot_of_next_value() == Slot::Skipped && frame.slot == Slot::Entry &&
      unknown_fields++ < kMaxUnknownFieldNotes)
    unknown_notes.push_back(tensor() + " has an unknown field " + in_quotes(k));
  return true;
}

bool HeaderReader::end_object() {
  if (frames_.back().slot == Slot::Entry) finish_tensor();
  frames_.pop_back();
  return true;
}

bool HeaderReader::end_array() {
  if (frames_.back().slot == Slot::Offsets && offsets_.size() != 2) reject(Slot::Offsets, "");
  frames_.pop_back();
  return true;
}

bool HeaderReader::parse_error(size_t position, const std::string&, const nlohmann::detail::exception& e) {
  // what() is "[json.exception.<kind>.<id>] <detail>"; a syntax error's detail starts with
  // "parse error at line L, column C: ". Numbers too large for a double ("1e999") come
  // here too, as out_of_range 406. `position` counts bytes read, so it is 1-based.
  std::string_view detail = e.what();
  auto drop_through = [&](std::string_view mark) {
    if (const size_t at = detail.find(mark); at != std::string_view::npos) detail.remove_prefix(at + mark.size());
  };
  drop_through("] ");
  if (detail.starts_with("parse error")) drop_through(": ");
  std::string shown(detail.substr(0, 200));
  if (detail.size() > 200) shown += "...";
  fail(RuleId::UnreadableFile, kHeaderStart + (position > 0 ? position - 1 : 0),
       "header is not valid json: " + shown);
}

// Checks one complete tensor entry on its own: required fields, dtype, and that its byte
// range has the size its shape and dtype need and lies inside the data section.
void HeaderReader::finish_tensor() {
  for (auto [field, present] : {std::pair{"dtype", has_dtype_}, std::pair{"shape", has_shape_},
                                std::pair{"data_offsets", has_offsets_}})
    if (!present) fail(RuleId::CorruptEntry, kHeaderStart, tensor() + " has no '" + field + "' field");
  TensorEntry& t = entry_;

  const auto known = std::find_if(std::begin(kDtypes), std::end(kDtypes),
                                  [&](const auto& d) { return d.first == code_; });
  if (known == std::end(kDtypes))
    fail(RuleId::UnsupportedFormat, kHeaderStart,
         tensor() + " has dtype " + in_quotes(code_) + ", which is not a safetensors dtype ckptcheck knows");
  t.dtype = known->second;
  const uint64_t element_bytes = static_cast<uint64_t>(*dtype_bits(t.dtype)) / 8;

  // Element count by checked multiplication in order, as the reference reader does.
  uint64_t count = 1;
  for (int64_t dim : t.shape)
    if (__builtin_mul_overflow(count, static_cast<uint64_t>(dim), &count))
      fail(RuleId::CorruptEntry, kHeaderStart,
           tensor() + " has shape " + shape_text(t.shape) + ", whose element count overflows 64 bits");
  // Contiguous row-major strides, computed as torch does: sizes of 0 count as 1.
  t.stride.resize(t.shape.size());
  int64_t step = 1;
  for (size_t i = t.shape.size(); i-- > 0;) {
    t.stride[i] = step;
    if (i > 0 && __builtin_mul_overflow(step, std::max<int64_t>(t.shape[i], 1), &step))
      fail(RuleId::CorruptEntry, kHeaderStart,
           tensor() + " has shape " + shape_text(t.shape) + ", whose strides overflow 64 bits");
  }
  uint64_t nbytes;
  if (__builtin_mul_overflow(count, element_bytes, &nbytes))
    fail(
        RuleId::CorruptEntry, kHeaderStart,
        tensor() + " has shape " + shape_text(t.shape) + " and dtype " + code_ + ", whose byte size overflows 64 bits");

  const uint64_t begin = offsets_[0], end = offsets_[1];  // exactly two, checked in end_array
  if (begin > end)
    fail(RuleId::CorruptEntry, file_offset(data_start_, begin),
         tensor() + " has data_offsets " + byte_range(begin, end) + " that end before they begin");
  if (end - begin != nbytes)
    fail(RuleId::CorruptEntry, file_offset(data_start_, begin),
         tensor() + " occupies bytes " + byte_range(begin, end) + " (" + std::to_string(end - begin) +
             " bytes) but its shape " + shape_text(t.shape) + " and dtype " + code_ + " need " +
             std::to_string(nbytes) + " bytes");
  if (end > data_size_)
    fail(RuleId::CorruptEntry, file_offset(data_start_, begin),
         tensor() + " occupies bytes " + byte_range(begin, end) + " but the data section holds only " +
             std::to_string(data_size_) + " bytes (the file ends at byte " +
             std::to_string(data_start_ + data_size_) + ")");

  t.kind = TensorKind::Tensor;
  // Every tensor is its own byte range (check_layout), so its index names its
  // storage: a copy of the name per tensor would double the names' memory.
  t.storage = StorageRef{std::to_string(inv_.tensors.size()), 0, nbytes};
  extents.push_back(Extent{begin, end, inv_.tensors.size()});
  inv_.tensors.push_back(std::move(t));
}

// A name that stands twice in the header (the reference reader refuses it; a
// JSON DOM would silently keep the last). Sorting indices costs 4 bytes a
// tensor, where a set of the names seen would copy every name.
void check_unique_names(const std::vector<TensorEntry>& tensors) {
  std::vector<uint32_t> order(tensors.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return tensors[a].name < tensors[b].name; });
  // Of all repeated names, the one whose repetition comes first in the file.
  std::optional<uint32_t> first_repeat;
  for (size_t i = 1; i < order.size(); ++i)
    if (tensors[order[i]].name == tensors[order[i - 1]].name && (!first_repeat || order[i] < *first_repeat))
      first_repeat = order[i];
  if (first_repeat)
    fail(RuleId::CorruptEntry, kHeaderStart, in_quotes(tensors[*first_repeat].name) + " appears twice in the header");
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
    auto who = [&] { return in_quotes(tensors[e.tensor].name); };  // only for messages
    if (e.begin > pos)
      fail(RuleId::CorruptEntry, file_offset(data_start, pos),
           "bytes " + byte_range(pos, e.begin) + " of the data section belong to no tensor (a hole " +
               (previous ? "between " + in_quotes(tensors[previous->tensor].name) + " and " + who()
                         : "before " + who()) + ")");
    if (e.begin < pos)
      fail(RuleId::CorruptEntry, file_offset(data_start, e.begin),
           "tensor " + who() + " occupies bytes " + byte_range(e.begin, e.end) + ", which overlap tensor " +
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

// How many tensors the header lists, at most, for a reservation that spares the
// vector's doubling (a copy of every entry at once): each entry has a
// "data_offsets" key. An escaped spelling of the key is not counted, so this
// may fall short (the vector then grows as usual); it is capped at the limit.
static size_t likely_tensor_count(std::span<const uint8_t> header) {
  std::string_view text(reinterpret_cast<const char*>(header.data()), header.size());
  size_t count = 0;
  for (size_t at = text.find("\"data_offsets\""); at != std::string_view::npos && count <= limits::kMaxTensors;
       at = text.find("\"data_offsets\"", at + 1))
    ++count;
  return std::min(count, limits::kMaxTensors);
}

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
             std::to_string(limits::kMaxSafetensorsHeaderBytes) + " bytes (kMaxSafetensorsHeaderBytes)");
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
             std::to_string(kHeaderStart + bad) + " starts no valid utf-8 sequence");
  }
  // nlohmann's lexer takes a NUL byte for the end of input, so "{...}\0<more json>" would
  // parse as the part before it. JSON allows no raw NUL anywhere, so reject it here.
  if (const auto nul = std::find(header.begin(), header.end(), 0); nul != header.end())
    fail(RuleId::UnreadableFile, kHeaderStart + (nul - header.begin()),
         "header is not valid json: a nul byte at file offset " +
             std::to_string(kHeaderStart + (nul - header.begin())));

  Inventory inv;
  inv.file = name;
  inv.format = "safetensors";
  inv.content = "state_dict";
  inv.safetensors_header_bytes = header_bytes;
  inv.properties["header_bytes"] = std::to_string(header_bytes);

  const uint64_t data_start = kLengthBytes + header_bytes;  // <= size, checked above
  const uint64_t data_size = size - data_start;
  // A file that ends where its header does, while its tensors declare bytes,
  // is the header alone: a manifest of the full file (ckptcheck/formats/manifest.h).
  // Its offsets must still tile a data section, the one they declare.
  const bool header_only = data_size == 0;
  HeaderReader reader(inv, data_start, header_only ? UINT64_MAX : data_size);
  const auto* text = reinterpret_cast<const char*>(header.data());
  inv.tensors.reserve(likely_tensor_count(header));
  Json::sax_parse(text, text + header.size(), &reader);  // every failure throws
  check_unique_names(inv.tensors);
  uint64_t declared = data_size;
  if (header_only)
    for (const Extent& e : reader.extents) declared = std::max(declared, e.end);
  check_layout(std::move(reader.extents), inv.tensors, data_start, declared);
  if (declared > data_size) {
    uint64_t full_size = 0;
    if (__builtin_add_overflow(data_start, declared, &full_size))
      fail(RuleId::CorruptEntry, kHeaderStart, "its tensors declare more bytes than a file can hold");
    inv.stand_in = StandIn{"safetensors header", "", full_size, ""};
  }

  // The reference reader accepts unknown fields; they are worth a note, not a failure.
  for (std::string& note : reader.unknown_notes)
    inv.diagnostics.push_back(Diagnostic::of(RuleId::CorruptEntry, std::move(note)).with_severity(Severity::Info));
  if (reader.unknown_fields > kMaxUnknownFieldNotes)
    inv.diagnostics.push_back(
        Diagnostic::of(RuleId::CorruptEntry, std::to_string(reader.unknown_fields - kMaxUnknownFieldNotes) +
                                                 " more unknown fields in tensor entries")
            .with_severity(Severity::Info));
  return inv;
}

}  // namespace ckptcheck
