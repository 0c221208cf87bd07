// The pickle VM on hand-assembled opcode streams: what each opcode builds and
// how malformed streams are refused. Opcode bytes are from CPython's pickletools.
#include <gtest/gtest.h>

#include "ckptcheck/formats/inspect.h"
#include "pickle_access.h"
#include "pickle_memo.h"
#include "pickle_text.h"
#include "pickle_vm.h"
#include "reader_limits.h"

namespace ckptcheck::pickle {
namespace {

PickleResult run_bytes(const std::string& bytes) {
  return run({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}, "test.pkl");
}

std::string refusal(const std::string& bytes) {
  try {
    run_bytes(bytes);
  } catch (const ReadError& e) {
    return e.what();
  }
  return "";
}

TEST(PickleVm, ReadsSmallIntegersAndStrings) {
  // PROTO 2, MARK, BININT1 7, BININT2 0x0102, BININT -1, SHORT_BINUNICODE "ab", TUPLE, STOP
  auto r = run_bytes(std::string("\x80\x02(K\x07M\x02\x01J\xff\xff\xff\xff\x8c\x02" "abt.", 19));
  auto items = items_of_tuple(r.graph, r.root);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(as_int(items[0]), 7);
  EXPECT_EQ(as_int(items[1]), 0x0102);
  EXPECT_EQ(as_int(items[2]), -1);
  EXPECT_EQ(as_str(r.graph, items[3]), "ab");
  EXPECT_EQ(r.protocol, 2);
}

TEST(PickleVm, DecodesLong1BeyondInt64AsDecimal) {
  // torch's legacy magic number 0x1950a86a20f9469cfc6c as LONG1 with 10 bytes.
  auto r = run_bytes(std::string("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15));
  ASSERT_EQ(r.root.kind, Kind::BigInt);
  EXPECT_EQ(r.graph.text(r.root), "119547037146038801333356");
}

// Decimal conversion is quadratic; numbers past kMaxDecimalBytes are written in hex.
TEST(PickleVm, LongsBeyondTheDecimalLimitAreHex) {
  std::string at_limit =
      "\x8a" + std::string(1, static_cast<char>(kMaxDecimalBytes)) + std::string(kMaxDecimalBytes - 1, '\0') + "\x01.";
  auto r = run_bytes(at_limit);  // 2^(8*63)
  ASSERT_EQ(r.root.kind, Kind::BigInt);
  EXPECT_NE(r.graph.text(r.root).substr(0, 2), "0x");
  std::string past =
      "\x8a" + std::string(1, static_cast<char>(kMaxDecimalBytes + 1)) + std::string(kMaxDecimalBytes, '\0') + "\x01.";
  r = run_bytes(past);  // 2^(8*64)
  EXPECT_EQ(r.graph.text(r.root), "0x1" + std::string(2 * kMaxDecimalBytes, '0'));
  std::string negative = "\x8a" + std::string(1, static_cast<char>(kMaxDecimalBytes + 1)) +
                         std::string(kMaxDecimalBytes + 1, '\xff') + ".";
  EXPECT_EQ(run_bytes(negative).graph.text(run_bytes(negative).root), "-0x1");
}

TEST(PickleVm, Long1IsSignExtended) {
  auto r = run_bytes(std::string("\x8a\x02\x00\xff.", 5));  // -256
  EXPECT_EQ(as_int(r.root), -256);
}

TEST(PickleVm, BinFloatIsBigEndian) {
  auto r = run_bytes(std::string("G\x3f\xf8\x00\x00\x00\x00\x00\x00.", 10));  // 1.5
  EXPECT_EQ(as_double(r.root), 1.5);
}

TEST(PickleVm, MemoSharesObjectsByReference) {
  // EMPTY_LIST BINPUT 0, BINGET 0, APPEND (the list now holds itself), STOP
  auto r = run_bytes(std::string("]q\x00h\x00" "a.", 7));
  ASSERT_EQ(r.root.kind, Kind::List);
  const auto& items = r.graph.node(r.root).items;
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].b, r.root.b) << "the appended value must be the same list";
}

TEST(PickleVm, GlobalsAreSymbolsNeverResolved) {
  // GLOBAL 'os system', SHORT_BINUNICODE 'x', TUPLE1, REDUCE, STOP
  auto r = run_bytes(std::string("cos\nsystem\n\x8c\x01x\x85R.", 17));
  ASSERT_EQ(r.root.kind, Kind::Object);
  EXPECT_TRUE(is_call(r.graph, r.root, "os", "system"));
  ASSERT_EQ(r.global_uses.size(), 1u);
  EXPECT_TRUE(r.global_uses[0].called);
}

// Whether the VM records `module.name` as something torch.load would call.
bool called(const PickleResult& r, const std::string& module, const std::string& name) {
  for (const GlobalUse& use : r.global_uses) {
    const GlobalRef& g = r.graph.globals()[use.global];
    if (g.module == module && g.name == name) return use.called;
  }
  return false;
}

TEST(PickleVm, InstAndObjCallTheirClass) {
  // MARK 'x' INST 'pydoc pipepager': pipepager('x')
  EXPECT_TRUE(called(run_bytes(std::string("(\x8c\x01"
                                           "xipydoc\npipepager\n.")),
                     "pydoc", "pipepager"));
  // MARK GLOBAL 'uuid _get_command_stdout' 'touch' OBJ
  EXPECT_TRUE(called(run_bytes(std::string("(cuuid\n_get_command_stdout\n\x8c\x05"
                                           "toucho.")),
                     "uuid", "_get_command_stdout"));
  // NEWOBJ runs cls.__new__ only: instantiated, not called.
  auto r =
      run_bytes(std::string("\x80\x02"
                            "ctorch.nn\nLinear\n)\x81."));
  EXPECT_FALSE(called(r, "torch.nn", "Linear"));
  EXPECT_TRUE(r.global_uses[0].instantiated);
}

TEST(PickleVm, RebuildFromTypeCallsItsFunc) {
  // GLOBAL torch._tensor _rebuild_from_type_v2, MARK GLOBAL 'os system', GLOBAL torch Tensor,
  // ('x',), EMPTY_DICT, TUPLE, REDUCE
  auto r =
      run_bytes(std::string("ctorch._tensor\n_rebuild_from_type_v2\n(cos\nsystem\nctorch\nTensor\n"
                            "\x8c\x01x\x85}tR."));
  EXPECT_TRUE(called(r, "os", "system"));
  EXPECT_FALSE(called(r, "torch", "Tensor"));
}

// GLOBAL torch.storage _load_from_bytes, SHORT_BINBYTES <inner>, TUPLE1, REDUCE, STOP
std::string load_from_bytes(const std::string& inner) {
  return "\x80\x03"
         "ctorch.storage\n_load_from_bytes\nC" +
         std::string(1, static_cast<char>(inner.size())) + inner + "\x85R.";
}

TEST(PickleVm, EmbeddedPicklesAreJudgedToo) {
  const std::string calls_system = "cos\nsystem\n\x8c\x01x\x85R.";
  EXPECT_TRUE(called(run_bytes(load_from_bytes(calls_system)), "os", "system"));
  // A legacy stream is several pickles in a row; the payload may be in any of them.
  EXPECT_TRUE(called(run_bytes(load_from_bytes("K\x01." + calls_system)), "os", "system"));
  // What a malformed embedded stream did before it broke still counts.
  EXPECT_TRUE(called(run_bytes(load_from_bytes("cos\nsystem\n\x8c\x01x\x85R\xff")), "os", "system"));
}

TEST(PickleVm, EmbeddedPicklesNestedBeyondTheLimitAreRefused) {
  const std::string calls_system = "cos\nsystem\n\x8c\x01x\x85R.";
  std::string nested = calls_system;
  for (size_t depth = 1; depth < limits::kMaxEmbeddedPickleDepth; ++depth) nested = load_from_bytes(nested);
  EXPECT_TRUE(called(run_bytes(load_from_bytes(nested)), "os", "system")) << "at the limit";
  EXPECT_NE(refusal(load_from_bytes(load_from_bytes(nested))).find("kMaxEmbeddedPickleDepth"), std::string::npos)
      << "one beyond the limit";
}

TEST(PickleVm, NormalisesPython2ModuleNames) {
  auto r = run_bytes("c__builtin__\nset\n.");
  EXPECT_TRUE(is_global(r.graph, r.root, "builtins", "set"));
}

TEST(PickleVm, StackGlobalTakesNamesFromValues) {
  // protocol 4: 'posix' MEMOIZE, 'system' MEMOIZE, POP, POP, BINGET 0, BINGET 1, STACK_GLOBAL
  auto r = run_bytes(std::string("\x80\x04\x8c\x05posix\x94\x8c\x06system\x94" "00h\x00h\x01\x93.", 27));
  EXPECT_TRUE(is_global(r.graph, r.root, "posix", "system"));
}

TEST(PickleVm, BuildAttachesStateToObjects) {
  // GLOBAL 'collections OrderedDict', EMPTY_TUPLE, REDUCE, EMPTY_DICT, BUILD
  auto r = run_bytes("ccollections\nOrderedDict\n)R}b.");
  ASSERT_EQ(r.root.kind, Kind::Object);
  EXPECT_EQ(r.graph.node(r.root).state.kind, Kind::Dict);
}

TEST(PickleVm, SetItemsFillDictsInOrder) {
  auto r = run_bytes(std::string("}(X\x01\x00\x00\x00" "bK\x02X\x01\x00\x00\x00" "aK\x01u.", 21));
  const auto* pairs = pairs_of(r.graph, r.root);
  ASSERT_NE(pairs, nullptr);
  ASSERT_EQ(pairs->size(), 4u);
  EXPECT_EQ(as_str(r.graph, (*pairs)[0]), "b");
  EXPECT_EQ(as_str(r.graph, (*pairs)[2]), "a");
}

// Where the stream first names each global and first stores into each
// container, counted in opcodes: a loader that stops at the first thing it
// cannot read (LibTorch's unpickler) stops at the earlier of the two.
TEST(PickleVm, RecordsWhereGlobalsAreFirstNamedAndContainersFirstFilled) {
  // PROTO 2 (1), EMPTY_LIST (2), GLOBAL 'a b' (3), APPEND (4), GLOBAL 'c d' (5),
  // APPEND (6), GLOBAL 'a b' again (7), APPEND (8), STOP
  auto r = run_bytes(std::string("\x80\x02]ca\nb\nacc\nd\naca\nb\na.", 22));
  ASSERT_EQ(r.global_uses.size(), 2u);
  EXPECT_EQ(r.graph.globals()[r.global_uses[0].global].dotted(), "a.b");
  EXPECT_EQ(r.global_uses[0].first_opcode, 3u) << "named again at 7, first at 3";
  EXPECT_EQ(r.graph.globals()[r.global_uses[1].global].dotted(), "c.d");
  EXPECT_EQ(r.global_uses[1].first_opcode, 5u);
  ASSERT_EQ(r.root.kind, Kind::List);
  EXPECT_EQ(r.graph.node(r.root).first_item_opcode, 4u);
  auto empty = run_bytes(std::string("\x80\x02}.", 4));
  EXPECT_EQ(empty.graph.node(empty.root).first_item_opcode, 0u) << "never filled";
}

TEST(PickleVm, RejectsUnknownOpcode) {
  EXPECT_NE(refusal("\x80\x02\xff."), "");
  EXPECT_NE(refusal("\x80\x02\xff.").find("unknown pickle opcode 0xff"), std::string::npos);
}

TEST(PickleVm, RejectsMissingStop) { EXPECT_NE(refusal("\x80\x02K\x01").find("without a STOP"), std::string::npos); }

TEST(PickleVm, RejectsStackUnderflow) { EXPECT_NE(refusal("R.").find("stack underflow"), std::string::npos); }

TEST(PickleVm, RejectsMemoIndexNeverStored) {
  EXPECT_NE(refusal(std::string("h\x05.", 3)).find("memo index 5 was never stored"), std::string::npos);
}

TEST(PickleVm, RejectsAbsurdMemoIndexWithoutAllocating) {
  EXPECT_NE(refusal(std::string("Nr\xff\xff\xff\xff.", 7)).find("memo index 4294967295"), std::string::npos);
}

// NONE POP pairs: `pairs` no-op opcodes twice over.
std::string no_ops(size_t pairs) {
  std::string out;
  out.reserve(2 * pairs);
  for (size_t i = 0; i < pairs; ++i) out += "N0";
  return out;
}

TEST(PickleVm, MemoIndexLimitHoldsAtTheLimitAndRefusesOnePast) {
  // LONG_BINPUT after enough opcodes for a pickler to have reached the index.
  auto put_at = [](uint64_t index) {
    std::string put = "r";
    for (int i = 0; i < 4; ++i) put += static_cast<char>(index >> (8 * i));
    return no_ops(limits::kMaxMemoIndex / 2 + 1) + "N" + put + ".";
  };
  EXPECT_EQ(refusal(put_at(limits::kMaxMemoIndex - 1)), "");
  EXPECT_NE(refusal(put_at(limits::kMaxMemoIndex)).find("(kMaxMemoIndex)"), std::string::npos);
}

TEST(PickleVm, PickleSizeLimitHoldsAtTheLimitAndRefusesOnePast) {
  std::string at_limit = no_ops((limits::kMaxPickleBytes - 2) / 2) + "N.";
  ASSERT_EQ(at_limit.size(), limits::kMaxPickleBytes);
  EXPECT_EQ(refusal(at_limit), "");
  EXPECT_NE(refusal("N" + at_limit).find("(kMaxPickleBytes)"), std::string::npos);
}

TEST(PickleVm, RejectsStringLongerThanInput) {
  EXPECT_NE(refusal(std::string("X\x00\x10\x00\x00" "abc", 8)).find("remain"), std::string::npos);
}

TEST(PickleVm, RejectsStringBeyondTheCap) {
  EXPECT_NE(refusal(std::string("X\xff\xff\xff\x7f" "abc", 8)).find("exceeds the limit"), std::string::npos);
}

// BINBYTES8 declaring `n` bytes and holding none: at the limit the length is
// compared with what remains, one past it is refused by the limit's name.
std::string bytes8_declaring(uint64_t n) {
  std::string out = "\x8e";
  for (int i = 0; i < 8; ++i) out += static_cast<char>(n >> (8 * i));
  return out + ".";
}

TEST(PickleVm, StringLimitHoldsAtTheLimitAndRefusesOnePast) {
  std::string at_limit = refusal(bytes8_declaring(limits::kMaxStringBytes));
  EXPECT_NE(at_limit.find("remain"), std::string::npos) << at_limit;
  EXPECT_EQ(at_limit.find("kMaxStringBytes"), std::string::npos) << at_limit;
  EXPECT_NE(refusal(bytes8_declaring(limits::kMaxStringBytes + 1)).find("(kMaxStringBytes)"), std::string::npos);
}

TEST(PickleVm, StackLimitHoldsAtTheLimitAndRefusesOnePast) {
  // NONE pushed kMaxStackDepth times: STOP takes the top and the rest is left.
  EXPECT_EQ(refusal(std::string(limits::kMaxStackDepth, 'N') + "."), "");
  EXPECT_NE(refusal(std::string(limits::kMaxStackDepth + 1, 'N') + ".").find("(kMaxStackDepth)"), std::string::npos);
}

TEST(PickleVm, MarkLimitHoldsAtTheLimitAndRefusesOnePast) {
  // MARK ... TUPLE nested n deep: ((((...)))) with the empty tuple innermost.
  auto nested = [](size_t n) { return std::string(n, '(') + std::string(n, 't') + "."; };
  auto r = run_bytes(nested(limits::kMaxMarkDepth));
  EXPECT_EQ(r.root.kind, Kind::Tuple);
  EXPECT_NE(refusal(nested(limits::kMaxMarkDepth + 1)).find("(kMaxMarkDepth)"), std::string::npos);
}

TEST(PickleVm, LongLimitHoldsAtTheLimitAndRefusesOnePast) {
  // LONG4 of n bytes, the top one 0x01 (a positive number of n bytes).
  auto long4 = [](size_t n) {
    std::string out = "\x8b";
    for (int i = 0; i < 4; ++i) out += static_cast<char>(n >> (8 * i));
    return out + std::string(n - 1, '\0') + "\x01.";
  };
  auto r = run_bytes(long4(limits::kMaxLongBytes));
  EXPECT_EQ(r.root.kind, Kind::BigInt);
  EXPECT_EQ(r.graph.text(r.root), "0x1" + std::string(2 * (limits::kMaxLongBytes - 1), '0'));
  EXPECT_NE(refusal(long4(limits::kMaxLongBytes + 1)).find("(kMaxLongBytes)"), std::string::npos);
}

TEST(PickleVm, RejectsOddSetItems) { EXPECT_NE(refusal("}(K\x01u.").find("odd number"), std::string::npos); }

TEST(PickleVm, RejectsNewerProtocol) {
  try {
    run_bytes(std::string("\x80\x06N.", 4));
    FAIL();
  } catch (const ReadError& e) {
    EXPECT_EQ(e.rule(), RuleId::UnsupportedFormat);
  }
}

TEST(PickleVm, ErrorsNameOpcodeAndOffset) {
  std::string msg = refusal(std::string("\x80\x02K\x01h\x09.", 7));
  EXPECT_NE(msg.find("test.pkl (byte 4)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("BINGET"), std::string::npos) << msg;
}

TEST(PickleVm, TextPersistentIdIsRecorded) {
  auto r = run_bytes("Pabc\n.");
  EXPECT_TRUE(r.has_text_persid);
  EXPECT_EQ(r.root.kind, Kind::PersId);
}

}  // namespace
}  // namespace ckptcheck::pickle

namespace ckptcheck::pickle {
namespace {

TEST(PickleMemo, KeepsEveryValueExactlyIncludingOnesThatDoNotPack) {
  Memo memo;
  const Value values[] = {
      {Kind::None, 0, 0},
      {Kind::Int, 0, 42},
      {Kind::Int, 0, static_cast<uint64_t>(-5)},  // negative: spilled
      {Kind::Float, 0, 0x3ff8000000000000},       // always spilled
      {Kind::Str, 12, 123456},
      {Kind::Str, 1u << 28, 7},                   // too long to pack
      {Kind::Tuple, 6, (1ull << 31) + 3},         // start beyond 31 bits
      {Kind::Extern, 1, 99999},
      {Kind::Consumed, 0, 0},
  };
  uint64_t index = 0;
  for (const Value& v : values) memo.set(index += 40000, v);  // spans several chunks
  index = 0;
  for (const Value& v : values) {
    Value got = memo.get(index += 40000);
    EXPECT_EQ(got.kind, v.kind);
    EXPECT_EQ(got.a, v.a);
    EXPECT_EQ(got.b, v.b);
  }
  EXPECT_EQ(memo.get(1).kind, Kind::Invalid) << "unset slots read as empty";
  EXPECT_EQ(memo.get(10'000'000).kind, Kind::Invalid) << "slots past the end read as empty";
}

}  // namespace
}  // namespace ckptcheck::pickle
