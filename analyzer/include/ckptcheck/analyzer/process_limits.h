// The analyzer process's own bounds. Model code is compiled in this process
// (only the constructor's runs are sandboxed, exec/sandbox.h), so code that
// makes Clang itself work without end (a macro expansion bomb, a template
// recursion) must also stop with a message, never take the machine's memory,
// hang, or abort with a bare "LLVM ERROR".
#pragma once

#include <cstdint>

namespace ckptcheck {

// Address space for the whole analyzer (RLIMIT_AS, soft limit). Compiling a
// model against meta LibTorch and JIT-linking it needs under 1 GiB (the largest
// corpus model analyses within 800 MB); a sandboxed constructor run gets its
// own limit on top (AnalyzeOptions::memory_bytes) by raising the soft limit.
inline constexpr uint64_t kAnalyzerAddressSpaceBytes = 8ull << 30;
// The default --time-limit: a whole analysis, all compiling and every
// constructor run. The slowest corpus model takes about 15 s.
inline constexpr double kDefaultAnalysisSeconds = 600;

// Lowers the address-space limit to kAnalyzerAddressSpaceBytes (never raises
// it), and makes running out of memory, LLVM's fatal errors, and going past
// `time_limit_seconds` of wall-clock time print one line naming the bound to
// stderr and exit 2. Call once, first thing in main.
void bound_analyzer_process(double time_limit_seconds);

// Says the analyzer ran out of memory, naming its limit, and exits 2 (for a
// std::bad_alloc caught in main).
[[noreturn]] void report_out_of_memory();

// Cancels the time limit (a server that has sent its first answer waits for
// requests as long as its client wants; each answer's run has its own limit).
void cancel_analysis_time_limit();

}  // namespace ckptcheck
