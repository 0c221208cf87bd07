// Hard caps that keep the reader's memory and time bounded whatever a file declares.
// Every cap is checked before the allocation or loop it guards; exceeding one is a
// ReadError naming the cap, never a crash. Real checkpoints stay far below all of them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ckptcheck::limits {

// Files
inline constexpr uint64_t kMaxZipEntries = 4'000'000;          // central-directory records
inline constexpr uint64_t kMaxInflatedRecordBytes = 1ull << 30; // a deflated .pkl record, inflated
inline constexpr uint64_t kMaxInflateRatio = 1000;              // inflated / compressed size

// Pickle VM
inline constexpr uint64_t kMaxPickleBytes = 1ull << 30;        // one pickle stream
inline constexpr size_t kMaxStackDepth = 1'000'000;            // values on the VM stack
inline constexpr size_t kMaxMarkDepth = 10'000;                // nested MARKs
inline constexpr size_t kMaxMemoIndex = 64'000'000;            // largest memo slot
inline constexpr uint64_t kMaxStringBytes = 256ull << 20;      // one string or bytes value
inline constexpr size_t kMaxLongBytes = 1'024;                 // LONG1/LONG4/LONG digits (bytes)
inline constexpr size_t kMaxEmbeddedPickleDepth = 2;           // torch.storage._load_from_bytes nesting

// Interpretation of the object graph
inline constexpr size_t kMaxWalkDepth = 200;                   // nested containers / modules
// Module paths walked in one pickle. A shared container is listed once, but a
// module shared by two parents is listed under both, as state_dict() does, so
// modules nested as a DAG cost their paths (2^levels). Each path lists a module
// and its tensors; 100,000 stay within the reader's memory goal, and real models
// have a few thousand modules.
inline constexpr uint64_t kMaxModuleVisits = 100'000;
inline constexpr size_t kMaxTensorRank = 64;                   // dimensions of one tensor
inline constexpr size_t kMaxTensors = 10'000'000;              // tensors in one file

// safetensors (the reference reader caps its header at 100 MB)
inline constexpr uint64_t kMaxSafetensorsHeaderBytes = 100'000'000;
inline constexpr size_t kMaxJsonDepth = 64;

}  // namespace ckptcheck::limits
