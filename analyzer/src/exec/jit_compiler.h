// Clang's incremental compiler (clang::Interpreter, ORC JIT) set up for meta
// execution: compiles the model's sources against meta LibTorch, keeps the
// AST for finding the root, and compiles small entry functions that construct
// it. Nothing is run here: the model's static initialisers are moved into a
// function of their own, so that all model code runs in the sandboxed child.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ckptcheck/rules/diagnostic.h"

namespace clang {
class ASTContext;
class Interpreter;
class TranslationUnitDecl;
struct PartialTranslationUnit;
class Sema;
}  // namespace clang

namespace ckptcheck::exec {

struct CompileError {
  std::string message;              // Clang's own text
  std::optional<Location> location;
};

struct JitOptions {
  std::vector<std::string> args;         // compiler arguments: includes, defines, -std
  std::vector<std::string> hidden_dirs;  // installed LibTorch headers, never read
  std::string working_dir;               // where relative paths in args start
  std::string precompiled_header;        // meta LibTorch's PCH ("" when none fits)
  std::vector<std::string> objects;      // compiled code to link with: the PCH's (-fpch-codegen), library.cpp's
};

class JitCompiler {
 public:
  explicit JitCompiler(const JitOptions& options);  // throws std::runtime_error
  ~JitCompiler();
  JitCompiler(const JitCompiler&) = delete;
  JitCompiler& operator=(const JitCompiler&) = delete;

  // Compiles the model's program (#includes of its files). False when it does
  // not compile; errors() says why.
  bool compile_program(const std::string& source);
  // Compiles declarations (no code to run); their part of the AST, or nullptr
  // on errors().
  clang::TranslationUnitDecl* compile_declarations(const std::string& source);
  // Compiles an entry function `extern "C" int name(...)` and returns its
  // address, with everything it needs linked. nullopt on errors().
  std::optional<uint64_t> compile_entry(const std::string& source, const std::string& name);
  // The functions that run the static initialisers of what was compiled, in
  // order (the child calls them): a part may hold initialisers of the one
  // before, which Clang's incremental code generation finishes late.
  const std::vector<uint64_t>& static_initialisers() const { return static_inits_; }

  const std::vector<CompileError>& errors() const { return errors_; }
  clang::ASTContext& ast();
  clang::Sema& sema();
  clang::TranslationUnitDecl* program_decls() const { return program_; }
  // Address ranges of the JIT'd code, and their debug information, once linked.
  std::vector<std::pair<uint64_t, uint64_t>> code_ranges() const;

 private:
  clang::PartialTranslationUnit* compile_part(const std::string& source, const char* what);

  struct State;
  std::unique_ptr<State> state_;
  std::vector<CompileError> errors_;
  clang::TranslationUnitDecl* program_ = nullptr;
  std::vector<uint64_t> static_inits_;
  bool abandoned_ = false;  // the compiler crashed undoing a part with errors: never used again
};

}  // namespace ckptcheck::exec
