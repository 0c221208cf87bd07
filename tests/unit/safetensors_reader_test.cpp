// Tests of the safetensors reader on in-memory files, one for every rule of
// docs/FORMATS.md §6. The files Python's writer made are in safetensors_fixtures_test.cpp.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reader_limits.h"
#include "safetensors_reader.h"

namespace ckptcheck {
namespace {

using Bytes = std::vector<uint8_t>;
using namespace std::string_view_literals;

// A safetensors file: the 8-byte little-endian `length`, the header text, then
// `data_bytes` bytes of data (their values never matter to the reader).
Bytes st_file_with_length(uint64_t length, std::string_view header, size_t data_bytes = 0) {
  Bytes out;
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(length >> (8 * i)));
  out.insert(out.end(), header.begin(), header.end());
  out.resize(out.size() + data_bytes, 0xAB);
  return out;
}

Bytes st_file(std::string_view header, size_t data_bytes = 0) {
  return st_file_with_length(header.size(), header, data_bytes);
}

// One tensor entry's JSON.
std::string entry(std::string_view dtype, std::string_view shape, uint64_t begin, uint64_t end) {
  return R"({"dtype":")" + std::string(dtype) + R"(","shape":)" + std::string(shape) +
         R"(,"data_offsets":[)" + std::to_string(begin) + "," + std::to_string(end) + "]}";
}

// A header object from (key, JSON value) pairs, in the given order.
std::string header(std::initializer_list<std::pair<std::string, std::string>> members) {
  std::string out = "{";
  for (const auto& [key, value] : members) out += (out.size() > 1 ? "," : "") + ("\"" + key + "\":" + value);
  return out + "}";
}

Inventory read(const Bytes& file) { return read_safetensors(file, "t.safetensors"); }

// Passes when reading `file` throws a ReadError of `rule` whose detail contains `fragment`.
testing::AssertionResult Fails(const Bytes& file, RuleId rule, std::string_view fragment) {
  try {
    read(file);
    return testing::AssertionFailure() << "the file was read without error";
  } catch (const ReadError& e) {
    if (e.rule() != rule)
      return testing::AssertionFailure() << "got " << rule_info(e.rule()).code << " instead of "
                                         << rule_info(rule).code << ": " << e.what();
    if (e.record() != "header")
      return testing::AssertionFailure() << "record is '" << e.record() << "', not 'header'";
    if (e.detail().find(fragment) == std::string::npos)
      return testing::AssertionFailure() << "'" << e.detail() << "' does not contain '" << fragment << "'";
    return testing::AssertionSuccess();
  }
}

uint64_t error_offset(const Bytes& file) {
  try {
    read(file);
  } catch (const ReadError& e) {
    return e.offset();
  }
  ADD_FAILURE() << "the file was read without error";
  return 0;
}

// --- What a valid file gives -------------------------------------------------------

TEST(SafetensorsReader, ListsTensorsInHeaderOrder) {
  // Header order differs from both name order and data order.
  const Bytes file = st_file(header({{"z", entry("F32", "[1]", 8, 12)},
                                     {"a", entry("I64", "[1]", 0, 8)},
                                     {"m", entry("U8", "[]", 12, 13)}}),
                             13);
  const Inventory inv = read(file);
  ASSERT_EQ(inv.tensors.size(), 3u);
  EXPECT_EQ(inv.tensors[0].name, "z");
  EXPECT_EQ(inv.tensors[1].name, "a");
  EXPECT_EQ(inv.tensors[2].name, "m");
  EXPECT_EQ(inv.tensors[0].dtype, "float32");
  EXPECT_EQ(inv.tensors[1].dtype, "int64");
  EXPECT_EQ(inv.tensors[2].dtype, "uint8");
  for (size_t i = 0; i < inv.tensors.size(); ++i) {
    const TensorEntry& t = inv.tensors[i];
    EXPECT_EQ(t.kind, TensorKind::Tensor);
    EXPECT_EQ(t.layout, "strided");
    EXPECT_FALSE(t.requires_grad);
    ASSERT_TRUE(t.storage.has_value());
    EXPECT_EQ(t.storage->key, std::to_string(i));  // each tensor is its own storage
    EXPECT_EQ(t.storage->offset, 0);
  }
  EXPECT_EQ(inv.tensors[0].storage->nbytes, 4u);
  EXPECT_EQ(inv.tensors[1].storage->nbytes, 8u);
  EXPECT_EQ(inv.tensors[2].storage->nbytes, 1u);
  EXPECT_TRUE(inv.diagnostics.empty());
}

TEST(SafetensorsReader, FillsFormatContentPropertiesAndMetadata) {
  const std::string text = header({{"__metadata__", R"({"format":"pt","note":"a \"quoted\" ü"})"},
                                   {"w", entry("F16", "[2]", 0, 4)}}) + "    ";
  const Inventory inv = read_safetensors(st_file(text, 4), "model.safetensors");
  EXPECT_EQ(inv.file, "model.safetensors");
  EXPECT_EQ(inv.format, "safetensors");
  EXPECT_EQ(inv.content, "state_dict");
  EXPECT_EQ(inv.properties.at("header_bytes"), std::to_string(text.size()));
  EXPECT_EQ(inv.metadata, (std::map<std::string, std::string>{{"format", "pt"}, {"note", "a \"quoted\" ü"}}));
  ASSERT_EQ(inv.tensors.size(), 1u);
}

TEST(SafetensorsReader, ComputesContiguousStrides) {
  struct Case {
    std::string shape;
    uint64_t bytes;
    std::vector<int64_t> sizes, strides;
  };
  const Case cases[] = {
      {"[]", 1, {}, {}},
      {"[5]", 5, {5}, {1}},
      {"[2,3,4]", 24, {2, 3, 4}, {12, 4, 1}},
      {"[0,3]", 0, {0, 3}, {3, 1}},        // torch: sizes of 0 count as 1
      {"[2,0,5]", 0, {2, 0, 5}, {5, 5, 1}},
      {"[3,1,2]", 6, {3, 1, 2}, {2, 2, 1}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.shape);
    const Inventory inv = read(st_file(header({{"t", entry("U8", c.shape, 0, c.bytes)}}), c.bytes));
    ASSERT_EQ(inv.tensors.size(), 1u);
    EXPECT_EQ(inv.tensors[0].shape, c.sizes);
    EXPECT_EQ(inv.tensors[0].stride, c.strides);
  }
}

TEST(SafetensorsReader, MapsEveryDtypeToItsTorchName) {
  const std::tuple<std::string, std::string, uint64_t> dtypes[] = {
      {"F64", "float64", 8},          {"F32", "float32", 4},          {"F16", "float16", 2},
      {"BF16", "bfloat16", 2},        {"I64", "int64", 8},            {"I32", "int32", 4},
      {"I16", "int16", 2},            {"I8", "int8", 1},              {"U8", "uint8", 1},
      {"BOOL", "bool", 1},            {"U16", "uint16", 2},           {"U32", "uint32", 4},
      {"U64", "uint64", 8},           {"F8_E5M2", "float8_e5m2", 1},  {"F8_E4M3", "float8_e4m3fn", 1},
      {"C64", "complex64", 8},
  };
  for (const auto& [code, torch_name, width] : dtypes) {
    SCOPED_TRACE(code);
    const Inventory inv = read(st_file(header({{"t", entry(code, "[3]", 0, 3 * width)}}), 3 * width));
    ASSERT_EQ(inv.tensors.size(), 1u);
    EXPECT_EQ(inv.tensors[0].dtype, torch_name);
    EXPECT_EQ(inv.tensors[0].storage->nbytes, 3 * width);
  }
}

TEST(SafetensorsReader, AcceptsFileWithoutTensors) {
  for (std::string_view text : {"{}", "{}      ", R"({"__metadata__":{}})"}) {
    SCOPED_TRACE(text);
    const Inventory inv = read(st_file(text));
    EXPECT_TRUE(inv.tensors.empty());
    EXPECT_EQ(inv.format, "safetensors");
  }
}

TEST(SafetensorsReader, AcceptsEmptyTensorsAtAnyBoundary) {
  const Inventory inv = read(st_file(header({{"e1", entry("F32", "[0,3]", 0, 0)},
                                             {"w", entry("F32", "[2]", 0, 8)},
                                             {"e2", entry("I64", "[4,0]", 8, 8)},
                                             {"e3", entry("I64", "[0]", 8, 8)}}),
                                     8));
  ASSERT_EQ(inv.tensors.size(), 4u);
  EXPECT_EQ(inv.tensors[0].storage->nbytes, 0u);
}

TEST(SafetensorsReader, AcceptsUtf8Names) {
  const Inventory inv = read(st_file(header({{"é€😀", entry("U8", "[1]", 0, 1)}}), 1));
  ASSERT_EQ(inv.tensors.size(), 1u);
  EXPECT_EQ(inv.tensors[0].name, "é€😀");
}

TEST(SafetensorsReader, RecognisesSafetensorsByItsFirstBytes) {
  EXPECT_TRUE(looks_like_safetensors(st_file("{}")));
  EXPECT_TRUE(looks_like_safetensors(st_file_with_length(1ull << 63, "{")));
  EXPECT_FALSE(looks_like_safetensors(st_file(" {}")));
  EXPECT_FALSE(looks_like_safetensors(st_file("")));
  EXPECT_FALSE(looks_like_safetensors(Bytes{'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0}));
  EXPECT_FALSE(looks_like_safetensors(Bytes{0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9}));
  EXPECT_FALSE(looks_like_safetensors(Bytes{}));
}

// --- The length field and the header text -------------------------------------------

TEST(SafetensorsReader, RejectsFileShorterThanLengthField) {
  for (size_t size = 0; size < 8; ++size) {
    SCOPED_TRACE(size);
    EXPECT_TRUE(Fails(Bytes(size, 0), RuleId::UnreadableFile, "too short"));
  }
}

TEST(SafetensorsReader, RejectsHeaderLongerThanLimit) {
  for (uint64_t length : {uint64_t{limits::kMaxSafetensorsHeaderBytes + 1}, uint64_t{1} << 63, ~uint64_t{0}}) {
    SCOPED_TRACE(length);
    EXPECT_TRUE(Fails(st_file_with_length(length, "{}"), RuleId::UnreadableFile, "exceeds the limit"));
  }
}

TEST(SafetensorsReader, HeaderOfExactlyTheLimitIsRead) {
  std::string text = "{" + std::string(limits::kMaxSafetensorsHeaderBytes - 2, ' ') + "}";
  EXPECT_TRUE(read(st_file(text)).tensors.empty());
  EXPECT_TRUE(Fails(st_file(text + " "), RuleId::UnreadableFile, "(kMaxSafetensorsHeaderBytes)"));
}

// A header of `count` empty U8 tensors, or of one tensor and `count` metadata entries.
std::string many_tensors(size_t count) {
  std::string out = "{";
  for (size_t i = 0; i < count; ++i) out += (i ? ",\"t" : "\"t") + std::to_string(i) + "\":" + entry("U8", "[0]", 0, 0);
  return out + "}";
}
std::string many_metadata(size_t count) {
  std::string out = R"({"__metadata__":{)";
  for (size_t i = 0; i < count; ++i) out += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":\"v\"";
  return out + "}}";
}

TEST(SafetensorsReader, TensorCountLimitHoldsAtTheLimitAndRefusesOnePast) {
  EXPECT_EQ(read(st_file(many_tensors(limits::kMaxTensors))).tensors.size(), limits::kMaxTensors);
  EXPECT_TRUE(Fails(st_file(many_tensors(limits::kMaxTensors + 1)), RuleId::UnreadableFile, "(kMaxTensors)"));
}

TEST(SafetensorsReader, MetadataCountLimitHoldsAtTheLimitAndRefusesOnePast) {
  EXPECT_EQ(read(st_file(many_metadata(limits::kMaxSafetensorsMetadataEntries))).metadata.size(),
            limits::kMaxSafetensorsMetadataEntries);
  EXPECT_TRUE(Fails(st_file(many_metadata(limits::kMaxSafetensorsMetadataEntries + 1)), RuleId::UnreadableFile,
                    "(kMaxSafetensorsMetadataEntries)"));
}

TEST(SafetensorsReader, NameLengthLimitHoldsAtTheLimitAndRefusesOnePast) {
  std::string longest(limits::kMaxNameBytes, 'w');
  EXPECT_EQ(read(st_file(header({{longest, entry("U8", "[0]", 0, 0)}}))).tensors.at(0).name, longest);
  EXPECT_TRUE(Fails(st_file(header({{longest + "w", entry("U8", "[0]", 0, 0)}})), RuleId::UnreadableFile,
                    "a tensor name of 65537 bytes is longer than the limit of 65536 (kMaxNameBytes)"));
  EXPECT_EQ(read(st_file(header({{"__metadata__", "{\"" + longest + "\":\"v\"}"}}))).metadata.size(), 1u);
  EXPECT_TRUE(Fails(st_file(header({{"__metadata__", "{\"" + longest + "w\":\"v\"}"}})), RuleId::UnreadableFile,
                    "a '__metadata__' key of 65537 bytes"));
}

TEST(SafetensorsReader, RejectsHeaderPastEndOfFile) {
  EXPECT_TRUE(Fails(st_file_with_length(3, "{}"), RuleId::UnreadableFile, "runs past the end of the file"));
  EXPECT_TRUE(Fails(st_file_with_length(1000, "{}", 10), RuleId::UnreadableFile, "runs past the end"));
}

TEST(SafetensorsReader, RejectsEmptyHeader) {
  EXPECT_TRUE(Fails(st_file(""), RuleId::UnreadableFile, "header is empty"));
  EXPECT_TRUE(Fails(st_file_with_length(0, "", 16), RuleId::UnreadableFile, "header is empty"));
}

TEST(SafetensorsReader, RejectsHeaderNotStartingWithBrace) {
  for (std::string_view text : {" {}", "\n{}", "\xef\xbb\xbf{}", "[]", "\"x\"", "1"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(Fails(st_file(text), RuleId::UnreadableFile, "must start with '{'"));
  }
}

TEST(SafetensorsReader, RejectsInvalidUtf8) {
  const std::string_view bad[] = {
      "\xff",              // never valid
      "\xc0\x80",          // overlong NUL
      "\xe0\x80\xaf",      // overlong '/'
      "\xed\xa0\x80",      // a UTF-16 surrogate
      "\xf4\x90\x80\x80",  // past U+10FFFF
      "\xe2\x82",          // cut short
      "\x80",              // a lone continuation byte
  };
  for (std::string_view seq : bad) {
    SCOPED_TRACE(testing::PrintToString(std::string(seq)));
    const std::string text = R"({"__metadata__":{"k":")" + std::string(seq) + R"("}})";
    const Bytes file = st_file(text);
    EXPECT_TRUE(Fails(file, RuleId::UnreadableFile, "not valid utf-8"));
    EXPECT_EQ(error_offset(file), 8 + text.find(seq));
  }
}

TEST(SafetensorsReader, RejectsMalformedJson) {
  for (std::string_view text : {"{"sv, R"({"a":})"sv, "{} x"sv, R"({"__metadata__":{},})"sv, "{'a':1}"sv, "{}\t\0"sv}) {
    SCOPED_TRACE(testing::PrintToString(std::string(text)));
    EXPECT_TRUE(Fails(st_file(text), RuleId::UnreadableFile, "not valid json"));
  }
  // Valid grammar, but too large for a double.
  EXPECT_TRUE(Fails(st_file(R"({"__metadata__":{},"a":{"x":1e999}})"), RuleId::UnreadableFile,
                    "not valid json: number overflow"));
  // nlohmann stops at a NUL byte as if the input ended there; the reader must not.
  const std::string smuggled = std::string(R"({"__metadata__":{}})") + '\0' + R"({"a":1})";
  EXPECT_TRUE(Fails(st_file(smuggled), RuleId::UnreadableFile, "a nul byte at file offset 27"));
  // The offset points at the offending byte: 8 for the length field, then the position in the header.
  EXPECT_EQ(error_offset(st_file(R"({"a":x})")), 8u + 5u);
}

TEST(SafetensorsReader, RejectsNestingDeeperThanLimit) {
  // Root object and tensor entry are two levels; the extra field adds the rest.
  auto nested = [](size_t arrays) {
    std::string value = std::string(arrays, '[') + std::string(arrays, ']');
    return st_file(header({{"t", R"({"dtype":"U8","shape":[],"data_offsets":[0,1],"x":)" + value + "}"}}), 1);
  };
  EXPECT_EQ(read(nested(limits::kMaxJsonDepth - 2)).tensors.size(), 1u);
  EXPECT_TRUE(Fails(nested(limits::kMaxJsonDepth - 1), RuleId::UnreadableFile, "deeper than the limit"));
  EXPECT_TRUE(Fails(nested(100'000), RuleId::UnreadableFile, "deeper than the limit"));
}

// --- Keys, metadata and tensor entries ---------------------------------------------

TEST(SafetensorsReader, RejectsDuplicateTensorName) {
  const std::string e = entry("F32", "[1]", 0, 4);
  EXPECT_TRUE(Fails(st_file(header({{"a", e}, {"a", e}}), 4), RuleId::CorruptEntry, "'a' appears twice in the header"));
}

// Names are compared once the header is read; the repetition met first in the
// file is the one named, before the layout is checked (RejectsDuplicateTensorName:
// two entries at the same offsets overlap too).
TEST(SafetensorsReader, NamesTheFirstRepetitionInFileOrder) {
  const std::string e = entry("U8", "[0]", 0, 0);
  EXPECT_TRUE(Fails(st_file(header({{"a", e}, {"b", e}, {"b", e}, {"a", e}})), RuleId::CorruptEntry,
                    "'b' appears twice in the header"));
}

TEST(SafetensorsReader, RejectsDuplicateFieldInsideEntry) {
  const std::string e = R"({"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]})";
  EXPECT_TRUE(Fails(st_file(header({{"a", e}}), 4), RuleId::CorruptEntry, "key 'dtype' appears twice in 'a'"));
}

TEST(SafetensorsReader, RejectsDuplicateMetadataKey) {
  EXPECT_TRUE(Fails(st_file(R"({"__metadata__":{"k":"1","k":"2"}})"), RuleId::CorruptEntry,
                    "key 'k' appears twice in '__metadata__'"));
  EXPECT_TRUE(Fails(st_file(R"({"__metadata__":{},"__metadata__":{}})"), RuleId::CorruptEntry,
                    "'__metadata__' appears twice"));
}

TEST(SafetensorsReader, RejectsMetadataThatIsNotAnObject) {
  EXPECT_TRUE(Fails(st_file(R"({"__metadata__":["pt"]})"), RuleId::CorruptEntry, "must be an object of strings"));
  EXPECT_TRUE(Fails(st_file(R"({"__metadata__":"pt"})"), RuleId::CorruptEntry, "must be an object of strings"));
}

TEST(SafetensorsReader, RejectsMetadataValueThatIsNotAString) {
  for (std::string_view value : {"3", "null", "true", "[]", "{}"}) {
    SCOPED_TRACE(value);
    const std::string text = R"({"__metadata__":{"format":"pt","epoch":)" + std::string(value) + "}}";
    EXPECT_TRUE(Fails(st_file(text), RuleId::CorruptEntry, "entry 'epoch' must be a string"));
  }
}

TEST(SafetensorsReader, RejectsEntryThatIsNotAnObject) {
  EXPECT_TRUE(Fails(st_file(R"({"a":[1,2]})"), RuleId::CorruptEntry, "tensor 'a' must be an object"));
  EXPECT_TRUE(Fails(st_file(R"({"a":"F32"})"), RuleId::CorruptEntry, "tensor 'a' must be an object"));
}

TEST(SafetensorsReader, RejectsEntryWithoutRequiredField) {
  EXPECT_TRUE(Fails(st_file(R"({"a":{"shape":[1],"data_offsets":[0,4]}})", 4), RuleId::CorruptEntry,
                    "tensor 'a' has no 'dtype' field"));
  EXPECT_TRUE(Fails(st_file(R"({"a":{"dtype":"F32","data_offsets":[0,4]}})", 4), RuleId::CorruptEntry,
                    "tensor 'a' has no 'shape' field"));
  EXPECT_TRUE(Fails(st_file(R"({"a":{"dtype":"F32","shape":[1]}})", 4), RuleId::CorruptEntry,
                    "tensor 'a' has no 'data_offsets' field"));
}

TEST(SafetensorsReader, RejectsDtypeThatIsNotAString) {
  EXPECT_TRUE(Fails(st_file(header({{"a", R"({"dtype":4,"shape":[1],"data_offsets":[0,4]})"}}), 4),
                    RuleId::CorruptEntry, "has dtype 4, not a string"));
}

TEST(SafetensorsReader, RejectsUnknownDtypeNamingIt) {
  for (std::string_view code : {"F128", "f32", "F8_E8M0", "F4", ""}) {
    SCOPED_TRACE(code);
    EXPECT_TRUE(Fails(st_file(header({{"a", entry(code, "[1]", 0, 1)}}), 1), RuleId::UnsupportedFormat,
                      "has dtype '" + std::string(code) + "'"));
  }
}

TEST(SafetensorsReader, RejectsShapeThatIsNotAnArray) {
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("U8", "3", 0, 3)}}), 3), RuleId::CorruptEntry, "not an array"));
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("U8", "{}", 0, 3)}}), 3), RuleId::CorruptEntry, "not an array"));
}

TEST(SafetensorsReader, RejectsDimensionThatIsNotANonNegativeInteger) {
  for (std::string_view shape : {"[-1,4]", "[2.0]", "[2.5]", "[\"2\"]", "[null]", "[[2]]", "[true]",
                                 "[18446744073709551616]", "[1e3]"}) {
    SCOPED_TRACE(shape);
    EXPECT_TRUE(Fails(st_file(header({{"a", entry("U8", shape, 0, 4)}}), 4), RuleId::CorruptEntry,
                      "dimensions must be non-negative integers"));
  }
}

TEST(SafetensorsReader, RejectsDimensionLargerThanTorchAllows) {
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("U8", "[0,9223372036854775808]", 0, 0)}})), RuleId::CorruptEntry,
                    "larger than a torch size can be"));
}

TEST(SafetensorsReader, RejectsRankAboveLimit) {
  auto ones = [](size_t rank) {
    std::string s = "[";
    for (size_t i = 0; i < rank; ++i) s += i ? ",1" : "1";
    return s + "]";
  };
  EXPECT_EQ(read(st_file(header({{"a", entry("U8", ones(limits::kMaxTensorRank), 0, 1)}}), 1)).tensors[0].shape.size(),
            limits::kMaxTensorRank);
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("U8", ones(limits::kMaxTensorRank + 1), 0, 1)}}), 1),
                    RuleId::CorruptEntry, "more dimensions than the limit of 64"));
}

TEST(SafetensorsReader, RejectsElementCountOverflow) {
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("U8", "[4294967296,4294967296,2]", 0, 16)}}), 16),
                    RuleId::CorruptEntry, "element count overflows"));
}

TEST(SafetensorsReader, RejectsByteSizeOverflow) {
  // 2^62 elements fit, 2^62 * 8 bytes do not.
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("F64", "[4611686018427387904]", 0, 16)}}), 16),
                    RuleId::CorruptEntry, "byte size overflows"));
}

TEST(SafetensorsReader, RejectsStrideOverflowOfEmptyTensor) {
  // No elements, but contiguous strides of 2^80 cannot be represented.
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("U8", "[0,1099511627776,1099511627776]", 0, 0)}})),
                    RuleId::CorruptEntry, "strides overflow"));
}

TEST(SafetensorsReader, RejectsMalformedDataOffsets) {
  for (std::string_view offsets : {"[0]", "[0,4,8]", "[-4,0]", "[0,4.0]", "[\"0\",4]", "{}", "4", "[]"}) {
    SCOPED_TRACE(offsets);
    const std::string e = R"({"dtype":"F32","shape":[1],"data_offsets":)" + std::string(offsets) + "}";
    EXPECT_TRUE(Fails(st_file(header({{"a", e}}), 4), RuleId::CorruptEntry, "not two non-negative integers"));
  }
}

TEST(SafetensorsReader, RejectsOffsetsThatEndBeforeTheyBegin) {
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("U8", "[0]", 4, 0)}}), 4), RuleId::CorruptEntry,
                    "data_offsets [4, 0) that end before they begin"));
}

// --- Sizes and the layout of the data section --------------------------------------

TEST(SafetensorsReader, RejectsSizeMismatch) {
  const Bytes file = st_file(header({{"pad", entry("U8", "[96]", 0, 96)}, {"fc.weight", entry("F32", "[4,4]", 96, 176)}}), 176);
  EXPECT_TRUE(Fails(file, RuleId::CorruptEntry,
                    "tensor 'fc.weight' occupies bytes [96, 176) (80 bytes) but its shape [4, 4] and dtype F32 need 64 bytes"));
}

TEST(SafetensorsReader, RejectsHole) {
  const std::string text = header({{"a", entry("F32", "[1]", 0, 4)}, {"b", entry("F32", "[1]", 8, 12)}});
  const Bytes file = st_file(text, 12);
  EXPECT_TRUE(Fails(file, RuleId::CorruptEntry, "bytes [4, 8) of the data section belong to no tensor (a hole between 'a' and 'b')"));
  EXPECT_EQ(error_offset(file), 8 + text.size() + 4);
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("F32", "[1]", 4, 8)}}), 8), RuleId::CorruptEntry, "a hole before 'a'"));
}

TEST(SafetensorsReader, RejectsOverlap) {
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("F32", "[2]", 0, 8)}, {"b", entry("F32", "[2]", 4, 12)}}), 12),
                    RuleId::CorruptEntry, "tensor 'b' occupies bytes [4, 12), which overlap tensor 'a' at [0, 8)"));
  // Two tensors on the same bytes, as a file sharing storage between tensors would be.
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("F32", "[2]", 0, 8)}, {"b", entry("F32", "[2]", 0, 8)}}), 8),
                    RuleId::CorruptEntry, "overlap"));
}

TEST(SafetensorsReader, RejectsDataPastEndOfFile) {
  const std::string text = header({{"a", entry("F32", "[4]", 0, 16)}});
  EXPECT_TRUE(Fails(st_file(text, 12), RuleId::CorruptEntry,
                    "tensor 'a' occupies bytes [0, 16) but the data section holds only 12 bytes (the file ends at byte " +
                        std::to_string(8 + text.size() + 12) + ")"));
  // Offsets near 2^64 must not wrap around.
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("U8", "[1]", 18446744073709551614u, 18446744073709551615u)}}), 1),
                    RuleId::CorruptEntry, "data section holds only 1 bytes"));
}

TEST(SafetensorsReader, RejectsTrailingBytes) {
  EXPECT_TRUE(Fails(st_file(header({{"a", entry("F32", "[1]", 0, 4)}}), 7), RuleId::CorruptEntry,
                    "holds 7 bytes but its tensors end at byte 4, leaving 3 trailing bytes"));
  EXPECT_TRUE(Fails(st_file("{}", 1), RuleId::CorruptEntry, "leaving 1 trailing bytes"));
}

// --- Notes and messages --------------------------------------------------------------

TEST(SafetensorsReader, ReportsUnknownFieldAsInfo) {
  const Inventory inv =
      read(st_file(header({{"a", R"({"dtype":"U8","shape":[1],"data_offsets":[0,1],"foo":{"x":[1]}})"}}), 1));
  ASSERT_EQ(inv.tensors.size(), 1u);
  ASSERT_EQ(inv.diagnostics.size(), 1u);
  EXPECT_EQ(inv.diagnostics[0].rule, RuleId::CorruptEntry);
  EXPECT_EQ(inv.diagnostics[0].severity, Severity::Info);
  EXPECT_EQ(inv.diagnostics[0].message, "tensor 'a' has an unknown field 'foo'");
}

TEST(SafetensorsReader, SummarisesManyUnknownFields) {
  std::string e = R"({"dtype":"U8","shape":[1],"data_offsets":[0,1])";
  for (int i = 0; i < 50; ++i) e += ",\"f" + std::to_string(i) + "\":0";
  const Inventory inv = read(st_file(header({{"a", e + "}"}}), 1));
  ASSERT_EQ(inv.diagnostics.size(), 21u);
  EXPECT_EQ(inv.diagnostics[0].message, "tensor 'a' has an unknown field 'f0'");
  EXPECT_EQ(inv.diagnostics[20].message, "30 more unknown fields in tensor entries");
  EXPECT_EQ(inv.diagnostics[20].severity, Severity::Info);
}

TEST(SafetensorsReader, EscapesAndShortensNamesInMessages) {
  EXPECT_TRUE(Fails(st_file(header({{"a\\u0001'b", entry("X", "[1]", 0, 1)}}), 1), RuleId::UnsupportedFormat,
                    R"(tensor 'a\x01\x27b')"));
  const std::string long_name(1000, 'n');
  EXPECT_TRUE(Fails(st_file(header({{long_name, entry("X", "[1]", 0, 1)}}), 1), RuleId::UnsupportedFormat,
                    "tensor '" + std::string(80, 'n') + "...'"));
}

// A DOM parser with nlohmann's callback rescans a container at every child's end, which
// made this header take minutes; the streaming reader goes through it once.
TEST(SafetensorsReader, SkipsLargeUnknownFieldsInOnePass) {
  std::string padding;
  for (int i = 0; i < 500'000; ++i) padding += "{},";
  const Inventory inv = read(st_file(
      header({{"a", R"({"dtype":"U8","shape":[1],"data_offsets":[0,1],"pad":[)" + padding + "0]}"}}), 1));
  ASSERT_EQ(inv.tensors.size(), 1u);
  EXPECT_EQ(inv.diagnostics.size(), 1u);
}

// Whatever the bytes, reading ends in an Inventory or a ReadError, never anything else.
TEST(SafetensorsReader, SurvivesEveryTruncationAndByteFlip) {
  const Bytes good = st_file(header({{"__metadata__", R"({"format":"pt"})"},
                                     {"w", entry("F32", "[2,2]", 0, 16)},
                                     {"s", entry("I64", "[]", 16, 24)},
                                     {"e", entry("BF16", "[0,3]", 24, 24)}}),
                             24);
  ASSERT_EQ(read(good).tensors.size(), 3u);
  auto survives = [](const Bytes& file) {
    try {
      read(file);
    } catch (const ReadError&) {
    }
  };
  for (size_t n = 0; n < good.size(); ++n) survives(Bytes(good.begin(), good.begin() + n));
  for (size_t i = 0; i < good.size(); ++i)
    for (uint8_t v : {0x00, 0x01, 0x22, 0x2c, 0x5b, 0x7b, 0x7d, 0x80, 0xff}) {
      Bytes file = good;
      file[i] = v;
      survives(file);
    }
}

}  // namespace
}  // namespace ckptcheck
