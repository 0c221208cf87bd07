// What one static analysis (--no-exec) may spend interpreting model code. The
// code decides how long loops run, how deep expressions and calls nest and how
// long strings grow, so each of these is bounded; past a bound the analysis
// stops with a message naming it (the analyzer exits 2), rather than running
// for hours, taking the machine's memory or dying of a stack overflow.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "ckptcheck/rules/display.h"

namespace ckptcheck::analysis {

// Expressions and statements evaluated. Real constructors take well under a
// million (the largest corpus model: about 40,000); at about a million steps a
// second this is some seconds of work, past which the code loops or recurses
// in a way no constructor needs (nested loops of 10,000 trips, fib(60)).
inline constexpr uint64_t kMaxInterpreterSteps = 20'000'000;
// Stack the interpreter may use: it recurses once per nested expression,
// statement and call (about 1.5 KB a level), and the main thread usually has
// 8 MiB. Measured from where interpretation starts, so Clang's frames below
// are not counted; a 20,000-term `1+1+...` would otherwise overflow it.
inline constexpr size_t kMaxInterpreterStackBytes = 4u << 20;
// One string value (a name built in a loop): names are short, and doubling a
// string 64 times would take all memory.
inline constexpr size_t kMaxStringValueBytes = 1u << 20;

// Interpretation cannot go on: a bound below was reached, or the constructor
// certainly throws (LibTorch refuses a registration). what() is the whole
// message for the user; the analysis gives no result.
class InterpretationStopped : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Shared by every Interpreter of one analysis (the symbolic run and the
// concrete one count together).
class InterpreterBudget {
 public:
  // `timeout_seconds` is --timeout; the stack is measured from the caller's frame.
  explicit InterpreterBudget(double timeout_seconds)
      : timeout_seconds_(timeout_seconds),
        deadline_(std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                         std::chrono::duration<double>(timeout_seconds))),
        stack_base_(reinterpret_cast<uintptr_t>(__builtin_frame_address(0))) {}

  // One step at `where` ("file:line", for the message); throws InterpretationStopped past a bound.
  template <typename Where>
  void spend(const Where& where) {
    uintptr_t here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    if (stack_base_ > here && stack_base_ - here > kMaxInterpreterStackBytes)
      stop("expressions, statements and calls nest deeper than its " + std::to_string(kMaxInterpreterStackBytes >> 20) +
               " MiB of stack allow (kMaxInterpreterStackBytes)",
           where());
    if (++steps_ > kMaxInterpreterSteps)
      stop("it took more than " + std::to_string(kMaxInterpreterSteps) + " steps (kMaxInterpreterSteps)", where());
    // The clock is read every 4096 steps: reading it costs more than a step.
    if ((steps_ & 4095) == 0 && std::chrono::steady_clock::now() > deadline_)
      stop("it took longer than " + seconds_text(timeout_seconds_) + " s (--timeout)", where());
  }
  template <typename Where>
  void check_string(size_t bytes, const Where& where) {
    if (bytes > kMaxStringValueBytes)
      stop("a string grew past " + std::to_string(kMaxStringValueBytes >> 20) + " MiB (kMaxStringValueBytes)", where());
  }

 private:
  [[noreturn]] void stop(const std::string& why, const std::string& where) const {
    throw InterpretationStopped("the static engine stopped interpreting the constructor" +
                                (where.empty() ? std::string() : " at " + where) + ": " + why +
                                "; no constructor a model needs does this");
  }
  double timeout_seconds_;
  std::chrono::steady_clock::time_point deadline_;
  uintptr_t stack_base_;
  uint64_t steps_ = 0;
};

}  // namespace ckptcheck::analysis
