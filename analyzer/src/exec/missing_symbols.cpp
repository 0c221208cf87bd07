#include "missing_symbols.h"

#include <signal.h>
#include <sys/mman.h>

#include <array>
#include <csetjmp>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

#include <llvm/Demangle/Demangle.h>

namespace ckptcheck::exec {
namespace {

// Traps for functions: distinct code addresses, so a trap knows which symbol
// it stands for. A model missing more functions than this shares the last one.
constexpr size_t kFunctionTraps = 2048;
// Traps for variables: one inaccessible page each in a reserved region.
constexpr size_t kVariableTraps = 1024;
constexpr size_t kPage = 4096;

struct Traps {
  std::vector<std::string> functions;  // demangled names, by trap index
  std::vector<std::string> variables;
  char* variable_pages = nullptr;      // kVariableTraps pages, PROT_NONE
};

Traps& traps() {
  static Traps t;
  return t;
}

[[noreturn]] void function_trap_called(size_t index) {
  const auto& names = traps().functions;
  throw MissingSymbolCalled(index < names.size() ? names[index] : std::string("a function"));
}

template <size_t I>
[[noreturn]] void function_trap() {
  function_trap_called(I);
}

template <size_t... I>
constexpr std::array<void (*)(), sizeof...(I)> make_function_traps(std::index_sequence<I...>) {
  return {&function_trap<I>...};
}

const std::array<void (*)(), kFunctionTraps>& function_traps() {
  static const auto table = make_function_traps(std::make_index_sequence<kFunctionTraps>());
  return table;
}

std::string demangled(llvm::StringRef symbol) { return llvm::demangle(symbol.str()); }

// Whether a mangled name is a function's (as opposed to a variable's, a
// vtable's or a typeinfo's). Unmangled names (C functions) count as functions.
bool is_function(llvm::StringRef symbol) {
  if (!symbol.starts_with("_Z")) return true;
  llvm::ItaniumPartialDemangler demangler;
  if (demangler.partialDemangle(symbol.str().c_str())) return true;
  return demangler.isFunction();
}

class MissingSymbolTraps : public llvm::orc::DefinitionGenerator {
 public:
  llvm::Error tryToGenerate(llvm::orc::LookupState&, llvm::orc::LookupKind, llvm::orc::JITDylib& dylib,
                            llvm::orc::JITDylibLookupFlags, const llvm::orc::SymbolLookupSet& symbols) override {
    Traps& t = traps();
    llvm::orc::SymbolMap map;
    for (const auto& [name, flags] : symbols) {
      // A weak reference may stay unresolved, as a linker leaves it; and the
      // JIT's own run-time symbols are not the model's to miss.
      if (flags == llvm::orc::SymbolLookupFlags::WeaklyReferencedSymbol) continue;
      if ((*name).starts_with("__lljit") || (*name).starts_with("__orc") || (*name).starts_with("___orc")) continue;
      void* address;
      if (is_function(*name)) {
        size_t index = std::min(t.functions.size(), kFunctionTraps - 1);
        if (t.functions.size() < kFunctionTraps) t.functions.push_back(demangled(*name));
        address = reinterpret_cast<void*>(function_traps()[index]);
      } else {
        if (!t.variable_pages) {
          void* region = mmap(nullptr, kVariableTraps * kPage, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
          if (region == MAP_FAILED) return llvm::createStringError("cannot reserve memory for missing variables");
          t.variable_pages = static_cast<char*>(region);
        }
        size_t index = std::min(t.variables.size(), kVariableTraps - 1);
        if (t.variables.size() < kVariableTraps) t.variables.push_back(demangled(*name));
        address = t.variable_pages + index * kPage;
      }
      map[name] = {llvm::orc::ExecutorAddr::fromPtr(address), llvm::JITSymbolFlags::Exported};
    }
    if (map.empty()) return llvm::Error::success();
    return dylib.define(llvm::orc::absoluteSymbols(std::move(map)));
  }
};

sigjmp_buf* guard = nullptr;
volatile sig_atomic_t faulted_variable = -1;
struct sigaction previous_segv, previous_bus;

void on_fault(int signal, siginfo_t* info, void*) {
  const Traps& t = traps();
  auto* address = static_cast<char*>(info->si_addr);
  if (guard && t.variable_pages && address >= t.variable_pages && address < t.variable_pages + kVariableTraps * kPage) {
    faulted_variable = static_cast<sig_atomic_t>((address - t.variable_pages) / static_cast<ptrdiff_t>(kPage));
    siglongjmp(*guard, 1);
  }
  // Any other fault is a crash: let it happen as it would have.
  sigaction(signal, signal == SIGSEGV ? &previous_segv : &previous_bus, nullptr);
}

}  // namespace

std::unique_ptr<llvm::orc::DefinitionGenerator> make_missing_symbol_traps() {
  (void)function_traps();
  return std::make_unique<MissingSymbolTraps>();
}

std::optional<std::string> missing_symbol_at(const void* address) {
  const Traps& t = traps();
  const auto& table = function_traps();
  for (size_t i = 0; i < t.functions.size(); ++i)
    if (reinterpret_cast<const void*>(table[i]) == address) return t.functions[i];
  auto* a = static_cast<const char*>(address);
  if (t.variable_pages && a >= t.variable_pages && a < t.variable_pages + t.variables.size() * kPage)
    return t.variables[static_cast<size_t>((a - t.variable_pages) / static_cast<ptrdiff_t>(kPage))];
  return std::nullopt;
}

void run_with_variable_traps(const std::function<void()>& body) {
  static std::array<char, 64 * 1024> alternate_stack;  // so a stack overflow still reaches the handler
  stack_t ss{};
  ss.ss_sp = alternate_stack.data();
  ss.ss_size = alternate_stack.size();
  sigaltstack(&ss, nullptr);
  struct sigaction action {};
  action.sa_sigaction = on_fault;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  sigaction(SIGSEGV, &action, &previous_segv);
  sigaction(SIGBUS, &action, &previous_bus);
  sigjmp_buf here;
  guard = &here;
  if (sigsetjmp(here, 1) != 0) {
    guard = nullptr;
    const auto& names = traps().variables;
    auto index = static_cast<size_t>(faulted_variable);
    throw MissingSymbolCalled(index < names.size() ? names[index] : std::string("a variable"));
  }
  body();
  guard = nullptr;
}

}  // namespace ckptcheck::exec
