// Hard caps that keep the reader's memory and time bounded whatever a file declares.
// Every cap is checked before the allocation or loop it guards; exceeding one is a
// ReadError naming the cap, never a crash. Real checkpoints stay far below all of them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ckptcheck::limits {

// Files
// Central-directory records: one per storage (at most kMaxTensors) and a few
// dozen more (data.pkl, version, TorchScript's code/ and constants). Each costs
// about 170 bytes once read, and its directory record is mapped.
inline constexpr uint64_t kMaxZipEntries = 120'000;
// A deflated record (a pickle or TorchScript code), inflated. torch.save and
// torch.jit.save store records uncompressed, and those are read in place from
// the mapped file; only a re-zipped file has deflated ones, and the largest
// real data.pkl (a whole model of some 100,000 tensors) is a few MB. 32 MiB
// keeps an inflated record within the reader's 64 MiB memory goal.
inline constexpr uint64_t kMaxInflatedRecordBytes = 32ull << 20;
// Inflated / compressed size. Deflate cannot exceed about 1,030:1 (zeros), and
// real pickles and code compress 3-10:1; a declared ratio past 1,000 is a bomb.
inline constexpr uint64_t kMaxInflateRatio = 1000;

// Pickle VM
// One pickle stream. A stored data.pkl is read in place from the mapped file,
// so its pages count towards the reader's 64 MiB memory goal; the 100,000-tensor
// state dict of the benchmarks (kMaxTensors) has a 10 MB data.pkl.
inline constexpr uint64_t kMaxPickleBytes = 32ull << 20;
// Values on the VM stack, 40 bytes each with their origin (20 MiB). CPython's
// pickler batches container items 1,000 at a time, so a real pickle holds about
// 2,000 values per level of nesting (kMaxWalkDepth levels at most).
inline constexpr size_t kMaxStackDepth = 500'000;
// Nested MARKs: one per level of nesting of tuples, lists and dicts being built.
inline constexpr size_t kMaxMarkDepth = 10'000;
// Memo slots (8 bytes each, allocated up to the highest used): torch.save
// memoises about eight per tensor, so 2,000,000 hold kMaxTensors with room to
// spare and cost at most 16 MiB.
inline constexpr size_t kMaxMemoIndex = 2'000'000;
// One string or bytes value, or one line of a text opcode. A value is never
// longer than the pickle it is read from; named on its own so that a declared
// length past it is refused by name before it is compared with what remains.
inline constexpr uint64_t kMaxStringBytes = kMaxPickleBytes;
// One LONG1/LONG4 integer (bytes; LONG's decimal text may have 3 digits per
// byte). torch writes none larger than 10 bytes (the legacy magic number).
inline constexpr size_t kMaxLongBytes = 1'024;
inline constexpr size_t kMaxEmbeddedPickleDepth = 2;           // torch.storage._load_from_bytes nesting

// Interpretation of the object graph
inline constexpr size_t kMaxWalkDepth = 200;                   // nested containers / modules
// Module paths walked in one pickle. A shared container is listed once, but a
// module shared by two parents is listed under both, as state_dict() does, so
// modules nested as a DAG cost their paths (2^levels). Each path lists a module
// and its tensors: 50,000 paths of two tensors each peak at about 40 MiB in the
// text inventory (tests/fixtures/hostile/module_dag.pt), within the reader's
// 64 MiB goal, and real models have a few thousand modules.
inline constexpr uint64_t kMaxModuleVisits = 50'000;
inline constexpr size_t kMaxTensorRank = 64;                   // dimensions of one tensor
// Tensors in one file. The largest real checkpoints list tens of thousands (a
// training checkpoint keeps two optimizer moments per parameter); each costs
// a few hundred bytes of inventory, so 100,000 stay within the memory goal.
inline constexpr size_t kMaxTensors = 100'000;

// safetensors. The reference reader caps its header at 100 MB, but a header is
// read in place from the mapped file (its pages count) and every name in it is
// kept once, so a header costs up to twice its size. kMaxTensors entries of
// ~150 bytes (a 60-byte name and the fields) take 15 MB; at 16 MiB a header of
// long names peaks within the reader's 64 MiB goal (tests/fixtures/peak_memory_test.py).
inline constexpr uint64_t kMaxSafetensorsHeaderBytes = 16ull << 20;
// '__metadata__' entries: writers store a handful ("format": "pt"); each is
// kept in the inventory.
inline constexpr size_t kMaxSafetensorsMetadataEntries = 10'000;
// A tensor name or metadata key: real ones are a few hundred bytes at most.
inline constexpr size_t kMaxNameBytes = 64u << 10;
inline constexpr size_t kMaxJsonDepth = 64;

}  // namespace ckptcheck::limits
