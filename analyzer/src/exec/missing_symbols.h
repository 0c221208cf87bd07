// Symbols the compiled model refers to but no given file defines: a helper
// defined in a .cpp that was not given, or LibTorch API that meta LibTorch
// only declares (the forward-pass functions). Code that is never run at
// construction (forward(), main(), training loops) may use them freely, so
// the JIT links each one to a trap instead of failing: calling a missing
// function, or reading a missing variable, stops the run with its name.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <llvm/ExecutionEngine/Orc/Core.h>

namespace ckptcheck::exec {

// A definition generator for the JIT's main library, added after the one that
// finds the process's own symbols: whatever is still missing becomes a trap.
std::unique_ptr<llvm::orc::DefinitionGenerator> make_missing_symbol_traps();

// The missing symbol a trap stands for, by the trap's address (a function's
// trap, or an address inside a variable's trap page); nullopt for other
// addresses. Demangled ("helper(int)").
std::optional<std::string> missing_symbol_at(const void* address);

// Thrown in the child when a missing function is called.
struct MissingSymbolCalled : std::exception {
  explicit MissingSymbolCalled(std::string symbol) : symbol(std::move(symbol)) {}
  const char* what() const noexcept override { return symbol.c_str(); }
  std::string symbol;
};

// Runs `body` (model code, in the child) so that reading a missing variable
// throws MissingSymbolCalled like calling a missing function does. The read
// faults on the variable's trap page; the signal handler cannot throw, so it
// jumps back here, which throws.
void run_with_variable_traps(const std::function<void()>& body);

}  // namespace ckptcheck::exec
