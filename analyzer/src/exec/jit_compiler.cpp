#include "jit_compiler.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <csetjmp>
#include <csignal>
#include <filesystem>
#include <stdexcept>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Interpreter/Interpreter.h>
#include <clang/Interpreter/PartialTranslationUnit.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <llvm/ExecutionEngine/Orc/Core.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Module.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/VirtualFileSystem.h>

#include "../interpreter.h"
#include "../model_file_system.h"
#include "host_calls.h"
#include "missing_symbols.h"

// The GDB JIT interface: ORC registers each linked object's debug copy here.
extern "C" {
struct jit_code_entry {
  jit_code_entry* next_entry;
  jit_code_entry* prev_entry;
  const char* symfile_addr;
  uint64_t symfile_size;
};
struct jit_descriptor {
  uint32_t version;
  uint32_t action_flag;
  jit_code_entry* relevant_entry;
  jit_code_entry* first_entry;
};
extern jit_descriptor __jit_debug_descriptor;
}

namespace ckptcheck::exec {
namespace {

namespace fs = std::filesystem;

// See parse_guarded.
sigjmp_buf* parse_guard = nullptr;
bool parse_had_errors = false;
struct sigaction previous_segv;

// Compile errors with their location; the first one is what a user needs.
class CollectErrors : public clang::DiagnosticConsumer {
 public:
  explicit CollectErrors(std::vector<CompileError>& out) : out_(out) {}
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error) return;
    parse_had_errors = true;
    if (out_.size() >= 50) return;
    llvm::SmallString<256> text;
    info.FormatDiagnostic(text);
    std::optional<Location> where;
    if (info.hasSourceManager() && info.getLocation().isValid())
      where = analysis::location_at(info.getSourceManager(), info.getLocation());
    out_.push_back({std::string(text), where});
  }

 private:
  std::vector<CompileError>& out_;
};

// LibTorch headers meta LibTorch has no file for (<torch/nn/modules/linear.h>)
// are skipped: everything they declare is already in, through the PCH or
// <torch/torch.h>.
class SkipMissingTorchHeaders : public clang::PPCallbacks {
 public:
  bool FileNotFound(llvm::StringRef name) override {
    for (const char* dir : {"torch/", "ATen/", "c10/", "caffe2/"})
      if (name.starts_with(dir)) return true;
    return false;
  }
};

void initialise_llvm() {
  static bool done = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)done;
}

std::string error_text(llvm::Error e) {
  std::string s;
  llvm::handleAllErrors(std::move(e), [&](const llvm::ErrorInfoBase& info) { s += info.message(); });
  return s;
}

// Replaces the module's static initialisers (llvm.global_ctors) with one
// function that calls them in order, so that they run when the child calls it
// rather than when the JIT adds the module.
void move_static_initialisers(llvm::Module& module, const std::string& function_name) {
  std::vector<std::pair<uint64_t, llvm::Function*>> ctors;
  if (llvm::GlobalVariable* list = module.getNamedGlobal("llvm.global_ctors")) {
    if (auto* array = llvm::dyn_cast<llvm::ConstantArray>(list->getInitializer()))
      for (llvm::Value* op : array->operands()) {
        auto* entry = llvm::cast<llvm::ConstantStruct>(op);
        uint64_t priority = llvm::cast<llvm::ConstantInt>(entry->getOperand(0))->getZExtValue();
        if (auto* fn = llvm::dyn_cast<llvm::Function>(entry->getOperand(1)->stripPointerCasts()))
          ctors.emplace_back(priority, fn);
      }
    list->eraseFromParent();
  }
  std::stable_sort(ctors.begin(), ctors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  llvm::LLVMContext& context = module.getContext();
  auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(context), false);
  auto* init = llvm::Function::Create(type, llvm::Function::ExternalLinkage, function_name, module);
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(context, "entry", init));
  for (const auto& [priority, fn] : ctors) builder.CreateCall(fn->getFunctionType(), fn);
  builder.CreateRetVoid();
}

}  // namespace

struct JitCompiler::State {
  std::unique_ptr<CollectErrors> errors;
  std::unique_ptr<clang::Interpreter> interpreter;
  int entries = 0;
};

JitCompiler::JitCompiler(const JitOptions& options) : state_(std::make_unique<State>()) {
  initialise_llvm();
  clang::IncrementalCompilerBuilder builder;
  std::vector<const char*> args;
  for (const std::string& a : options.args) args.push_back(a.c_str());
  if (!options.precompiled_header.empty()) {
    args.push_back("-include-pch");
    args.push_back(options.precompiled_header.c_str());
  }
  builder.SetCompilerArgs(args);
  auto ci = builder.CreateCpp();
  if (!ci) throw std::runtime_error("cannot set up the compiler: " + error_text(ci.takeError()));
  state_->errors = std::make_unique<CollectErrors>(errors_);
  (*ci)->getDiagnostics().setClient(state_->errors.get(), /*ShouldOwnClient=*/false);
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs = llvm::vfs::getRealFileSystem();
  fs = new ModelFileSystem(fs, options.hidden_dirs);
  if (!options.working_dir.empty()) fs->setCurrentWorkingDirectory(options.working_dir);
  (*ci)->getFileSystemOpts().WorkingDir = options.working_dir;
  (*ci)->createFileManager(fs);
  auto interpreter = clang::Interpreter::create(std::move(*ci));
  if (!interpreter) throw std::runtime_error("cannot start the compiler: " + error_text(interpreter.takeError()));
  state_->interpreter = std::move(*interpreter);
  state_->interpreter->getCompilerInstance()->getPreprocessor().addPPCallbacks(
      std::make_unique<SkipMissingTorchHeaders>());

  auto jit = state_->interpreter->getExecutionEngine();
  if (!jit) throw std::runtime_error("cannot start the JIT: " + error_text(jit.takeError()));
  llvm::orc::JITDylib& main = jit->getMainJITDylib();
  llvm::orc::SymbolMap host;
  for (const auto& [name, address] : host_symbols())
    host[jit->mangleAndIntern(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                                        llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable};
  if (auto e = main.define(llvm::orc::absoluteSymbols(std::move(host))))
    throw std::runtime_error("cannot link meta LibTorch's host calls: " + error_text(std::move(e)));
  // Searched last, after the process's own symbols: what is still missing then
  // is not defined anywhere the model's code was given.
  auto& traps = jit->getExecutionSession().createBareJITDylib("ckptcheck-missing-symbols");
  traps.addGenerator(make_missing_symbol_traps());
  main.addToLinkOrder(traps);
  for (const std::string& path : options.objects) {
    auto object = llvm::MemoryBuffer::getFile(path);
    if (!object) throw std::runtime_error("cannot read '" + path + "'");
    if (auto e = jit->addObjectFile(std::move(*object)))
      throw std::runtime_error("cannot load meta LibTorch's code: " + error_text(std::move(e)));
  }
}

// The interpreter goes first (State's members are destroyed in reverse), while
// the diagnostic consumer it still reports to exists.
JitCompiler::~JitCompiler() = default;

clang::ASTContext& JitCompiler::ast() { return state_->interpreter->getASTContext(); }

clang::Sema& JitCompiler::sema() { return state_->interpreter->getCompilerInstance()->getSema(); }

bool JitCompiler::compile_program(const std::string& source) {
  clang::PartialTranslationUnit* ptu = compile_part(source, "the program");
  if (!ptu) return false;
  program_ = ptu->TUPart;
  return true;
}

clang::TranslationUnitDecl* JitCompiler::compile_declarations(const std::string& source) {
  clang::PartialTranslationUnit* ptu = compile_part(source, "declarations");
  return ptu ? ptu->TUPart : nullptr;
}

std::optional<uint64_t> JitCompiler::compile_entry(const std::string& source, const std::string& name) {
  if (!compile_part(source, "the construction")) return std::nullopt;
  auto address = state_->interpreter->getSymbolAddress(name);
  if (!address) {
    errors_.push_back({"cannot link the construction: " + error_text(address.takeError()), std::nullopt});
    return std::nullopt;
  }
  return address->getValue();
}

// Parses, generates code for and adds one part of the program, with its
// static initialisers moved into a function of its own, whose address is
// kept for the child to call.
namespace {

// Clang 19's incremental parser can crash while it undoes a part that did not
// compile (IncrementalParser::CleanUpPTU, with errors inside an anonymous
// namespace, for one). By then every error has been reported, and ckptcheck
// has no further use for the compiler: a fault in Parse after an error jumps
// back, and the compiler is abandoned rather than used or destroyed.

void on_parse_fault(int signal, siginfo_t*, void*) {
  if (parse_guard && parse_had_errors) siglongjmp(*parse_guard, 1);
  sigaction(signal, &previous_segv, nullptr);  // any other crash is a crash
}

// It can also loop for ever: at a class left open at the end of the input
// (the incremental parser's end-of-input token is not the end of file the
// class parser stops at). A parse that takes far longer than any model's is
// abandoned the same way.
constexpr unsigned kParseSeconds = 90;
bool parse_timed_out = false;
void on_parse_alarm(int) {
  if (!parse_guard) return;
  parse_timed_out = true;
  siglongjmp(*parse_guard, 1);
}

// Runs parse() with that guard; false if it faulted after an error.
template <typename Parse>
bool parse_guarded(Parse&& parse) {
  static char alternate_stack[64 * 1024];
  stack_t stack{};
  stack.ss_sp = alternate_stack;
  stack.ss_size = sizeof alternate_stack;
  sigaltstack(&stack, nullptr);
  struct sigaction action {};
  action.sa_sigaction = on_parse_fault;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  sigaction(SIGSEGV, &action, &previous_segv);
  struct sigaction alarm_action {}, previous_alarm {};
  alarm_action.sa_handler = on_parse_alarm;
  sigemptyset(&alarm_action.sa_mask);
  sigaction(SIGALRM, &alarm_action, &previous_alarm);
  sigjmp_buf here;
  parse_guard = &here;
  parse_timed_out = false;
  bool completed = false;
  if (sigsetjmp(here, 1) == 0) {
    parse_had_errors = false;
    ::alarm(kParseSeconds);
    parse();
    completed = true;
  }
  ::alarm(0);
  parse_guard = nullptr;
  sigaction(SIGSEGV, &previous_segv, nullptr);
  sigaction(SIGALRM, &previous_alarm, nullptr);
  return completed;
}

}  // namespace

clang::PartialTranslationUnit* JitCompiler::compile_part(const std::string& source, const char* what) {
  size_t before = errors_.size();
  if (abandoned_) return nullptr;
  llvm::Expected<clang::PartialTranslationUnit&> ptu = llvm::make_error<llvm::StringError>("not parsed", llvm::inconvertibleErrorCode());
  llvm::consumeError(ptu.takeError());
  bool completed = parse_guarded([&] { ptu = state_->interpreter->Parse(source); });
  if (!completed) {
    if (parse_timed_out)
      errors_.push_back({"the compiler did not finish in " + std::to_string(kParseSeconds) +
                             " s (Clang's incremental parser loops on a class or function left open at the end of "
                             "a file: is a '}' missing?)",
                         std::nullopt});
    // The compiler's state is broken: keep it from ever running again.
    abandoned_ = true;
    (void)state_->interpreter.release();
    return nullptr;
  }
  if (!ptu) {
    std::string why = error_text(ptu.takeError());
    if (errors_.size() == before) errors_.push_back({why, std::nullopt});
    return nullptr;
  }
  std::string init = "__ckptcheck_static_init_" + std::to_string(static_inits_.size());
  bool has_code = ptu->TheModule != nullptr;
  if (has_code) move_static_initialisers(*ptu->TheModule, init);
  if (auto e = state_->interpreter->Execute(*ptu)) {
    errors_.push_back({std::string("cannot link ") + what + ": " + error_text(std::move(e)), std::nullopt});
    return nullptr;
  }
  if (has_code) {
    auto address = state_->interpreter->getSymbolAddress(init);
    if (!address) {
      errors_.push_back({std::string("cannot link ") + what + ": " + error_text(address.takeError()), std::nullopt});
      return nullptr;
    }
    static_inits_.push_back(address->getValue());
  }
  return &*ptu;
}

std::vector<std::pair<uint64_t, uint64_t>> JitCompiler::code_ranges() const {
  std::vector<std::pair<uint64_t, uint64_t>> ranges;
  for (jit_code_entry* e = __jit_debug_descriptor.first_entry; e; e = e->next_entry) {
    auto object = llvm::object::ObjectFile::createObjectFile(
        llvm::MemoryBufferRef(llvm::StringRef(e->symfile_addr, e->symfile_size), "jit"));
    if (!object) {
      llvm::consumeError(object.takeError());
      continue;
    }
    for (const llvm::object::SectionRef& section : (*object)->sections())
      if (section.isText() && section.getSize() > 0)
        ranges.emplace_back(section.getAddress(), section.getAddress() + section.getSize());
  }
  return ranges;
}

}  // namespace ckptcheck::exec
