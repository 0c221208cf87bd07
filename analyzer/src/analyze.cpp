// Runs Clang over the model sources as one program, finds the module classes,
// picks the root, interprets its constructor and flattens the result into a
// ModelSpec in named_parameters()/named_buffers() order.
#include "ckptcheck/analyzer/analyze.h"

#include <chrono>
#include <filesystem>
#include <set>

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Sema/Sema.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <nlohmann/json.hpp>

#include "compile_setup.h"
#include "interpreter.h"
#include "loader_calls.h"
#include "model_file_system.h"
#include "module_index.h"
#include "program_files.h"
#include "rules/CK501_analysis_incomplete.h"

namespace ckptcheck {
namespace {

namespace fs = std::filesystem;
using namespace clang;
using analysis::CodeDoesNotCompile;
using analysis::Interpreter;
using analysis::ModuleIndex;
using analysis::ModulePtr;
using analysis::NoConstructor;
using analysis::UnknownArgument;
using analysis::UserCode;
using analysis::Value;

// A JSON value as the interpreter's: an array is a list, an object a list of
// (key, value) pairs (which fill a struct's members by name).
Value from_json(const nlohmann::json& j) {
  if (j.is_number_integer()) return DimExpr(j.get<int64_t>());
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number_float()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  std::vector<Value> items;
  if (j.is_array())
    for (const auto& x : j) items.push_back(from_json(x));
  if (j.is_object())
    for (const auto& [k, x] : j.items()) items.push_back(analysis::ListValue{{k, from_json(x)}});
  if (j.is_array()) return analysis::make_list(std::move(items));
  if (j.is_object()) return analysis::ListValue{std::move(items)};
  return analysis::Unknown{"null"};
}

// --arg VALUE: a JSON literal when it parses as one, otherwise a plain string.
Value parse_arg(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || j.is_null()) return text;
  return from_json(j);
}

// Compile errors become diagnostics with their location.
class CollectErrors : public DiagnosticConsumer {
 public:
  CollectErrors(std::vector<Diagnostic>& out, bool bundled) : out_(out), bundled_(bundled) {}
  void HandleDiagnostic(DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < DiagnosticsEngine::Error || out_.size() > 200) return;
    llvm::SmallString<256> text;
    info.FormatDiagnostic(text);
    std::optional<Location> loc;
    if (info.hasSourceManager() && info.getLocation().isValid())
      loc = analysis::location_at(info.getSourceManager(), info.getLocation());
    out_.push_back(to_diagnostic(CodeDoesNotCompile{std::string(text), loc, bundled_}));
  }

 private:
  std::vector<Diagnostic>& out_;
  bool bundled_;
};

// Where each registered tensor ends up, and which entries are tied to which
// tensor, so tied entries can name the other entry once every name is known.
struct Names {
  std::map<std::pair<const analysis::ModuleValue*, std::string>, std::string> full;
  std::vector<std::pair<size_t, std::pair<const analysis::ModuleValue*, std::string>>> ties;
};

void flatten(const ModulePtr& m, const std::string& prefix, EntryKind kind, std::vector<SpecEntry>& out,
             const std::string& owner, Names& names) {
  for (const analysis::TensorRegistration& t : m->tensors) {
    names.full[{m.get(), t.name}] = prefix + t.name;
    if (t.kind != kind) continue;
    SpecEntry e;
    e.name = prefix + t.name;
    e.kind = t.kind;
    e.shape = t.tensor.shape;
    e.dtype = t.tensor.dtype;
    e.layer = m->builtin ? m->type : owner;
    e.location = t.location;
    e.conditional = !t.condition.empty();
    e.condition = t.condition;
    e.repeat = t.repeats;
    e.source = t.source.empty() && m->builtin ? m->source : t.source;
    if (t.alias_module) names.ties.push_back({out.size(), {t.alias_module, t.alias_tensor}});
    out.push_back(std::move(e));
  }
  for (const auto& [name, child] : m->children) flatten(child, prefix + name + ".", kind, out, child->type, names);
}

// Repeated groups numbered 1, 2, ... in the order they first appear.
void number_groups(std::vector<SpecEntry>& entries) {
  std::map<int, int> ids;
  for (SpecEntry& e : entries)
    for (SpecRepeat& r : e.repeat) r.group = ids.try_emplace(r.group, static_cast<int>(ids.size()) + 1).first->second;
}

class AnalysisConsumer : public ASTConsumer {
 public:
  AnalysisConsumer(const AnalyzeOptions& options, const analysis::UserCodeScope& user_code, ModelSpec& spec,
                   std::string& stopped, CompilerInstance& ci)
      : options_(options), user_code_(user_code), spec_(spec), stopped_(stopped), ci_(ci) {}

  // Only the model's own function bodies matter; LibTorch's inline bodies are
  // skipped, which is most of the cost of parsing its headers.
  bool shouldSkipFunctionBody(Decl* d) override {
    return !user_code_.contains(d->getASTContext().getSourceManager(), d).value_or(true);
  }

  void HandleTranslationUnit(ASTContext& ctx) override {
    auto start = std::chrono::steady_clock::now();
    if (options_.files_compiled) *options_.files_compiled = files_compiled(ctx.getSourceManager());
    // Caught here, not let through Clang's frames (built without exceptions).
    try {
      evaluate(ctx);
    } catch (const analysis::InterpretationStopped& e) {
      stopped_ = e.what();
    }
    if (options_.timings)
      options_.timings->evaluate_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

 private:
  void evaluate(ASTContext& ctx) {
    ModuleIndex index = analysis::index_modules(ctx.getTranslationUnitDecl(), user_code_, ctx.getSourceManager());
    spec_.loaders = analysis::find_loader_calls(
        ctx, [&](const Decl* d) { return user_code_.contains(ctx.getSourceManager(), d).value_or(false); });
    const CXXRecordDecl* root = analysis::pick_root(index, options_.root_class, spec_.diagnostics);
    if (!root) return;
    if (!root->hasDefinition()) {  // a class template's instance named only through its holder
      (void)ci_.getSema().isCompleteType(root->getLocation(), ctx.getRecordType(root));
      if (root->hasDefinition()) root = root->getDefinition();
    }
    spec_.root = analysis::qualified_name(root);
    std::map<std::string, Value> named;
    for (const auto& [k, v] : options_.args) named[k] = parse_arg(v);
    const CXXConstructorDecl* ctor = analysis::pick_constructor(root, options_.args);
    if (!ctor) {
      spec_.diagnostics.push_back(to_diagnostic(NoConstructor{spec_.root}));
      return;
    }
    for (const auto& [k, v] : options_.args) {
      bool known = false;
      for (const ParmVarDecl* p : ctor->parameters()) known |= p->getName() == k;
      if (!known) spec_.diagnostics.push_back(to_diagnostic(UnknownArgument{.root = spec_.root, .argument = k}));
    }
    // The symbolic run is kept unless it resolves less than the defaults do
    // (a `switch` on a defaulted argument, say): evaluation is cheap next to parsing.
    analysis::InterpreterBudget budget(options_.timeout_seconds);
    Run run = interpret(ctx, ctor, named, options_.symbolic_defaults, budget);
    if (options_.symbolic_defaults && std::any_of(run.symbols.begin(), run.symbols.end(),
                                                  [](const SpecSymbol& s) { return s.default_value && s.symbolic; })) {
      Run concrete = interpret(ctx, ctor, named, false, budget);
      if (incomplete(concrete.diagnostics) < incomplete(run.diagnostics)) run = std::move(concrete);
    }
    spec_.diagnostics.insert(spec_.diagnostics.end(), run.diagnostics.begin(), run.diagnostics.end());
    spec_.symbols = run.symbols;
    Names names;
    flatten(run.model, "", EntryKind::Parameter, spec_.entries, run.model->type, names);
    flatten(run.model, "", EntryKind::Buffer, spec_.entries, run.model->type, names);
    for (const auto& [entry, target] : names.ties)
      if (auto it = names.full.find(target); it != names.full.end()) spec_.entries[entry].alias_of = it->second;
    number_groups(spec_.entries);
  }

 private:
  struct Run {
    ModulePtr model;
    std::vector<SpecSymbol> symbols;
    std::vector<Diagnostic> diagnostics;
  };
  Run interpret(ASTContext& ctx, const CXXConstructorDecl* ctor, const std::map<std::string, Value>& named,
                bool symbolic_defaults, analysis::InterpreterBudget& budget) {
    Run run;
    Interpreter interp(ctx, run.diagnostics, budget);
    // Sema is still alive here: template members the model uses but never
    // instantiated (a constructor reached only through a holder) can be.
    Sema& sema = ci_.getSema();
    interp.set_instantiator([&sema, &ctx](const Decl* d) {
      if (auto* fn = dyn_cast<FunctionDecl>(d))
        sema.InstantiateFunctionDefinition(fn->getLocation(), const_cast<FunctionDecl*>(fn), /*Recursive=*/false,
                                           /*DefinitionRequired=*/false, /*AtEndOfTU=*/true);
      else if (auto* cls = dyn_cast<CXXRecordDecl>(d))
        (void)sema.isCompleteType(cls->getLocation(), ctx.getRecordType(cls));
    });
    interp.set_symbolic_defaults(symbolic_defaults);
    run.model = interp.run_constructor(ctor, {}, named, /*symbols_for_rest=*/true, 0);
    run.symbols = interp.symbols();
    return run;
  }
  static size_t incomplete(const std::vector<Diagnostic>& diagnostics) {
    return std::count_if(diagnostics.begin(), diagnostics.end(),
                         [](const Diagnostic& d) { return d.rule == RuleId::AnalysisIncomplete; });
  }

  const AnalyzeOptions& options_;
  UserCode user_code_;
  ModelSpec& spec_;
  std::string& stopped_;  // why interpretation stopped (a budget ran out, the constructor throws); empty if it did not
  CompilerInstance& ci_;
};

class AnalysisAction : public ASTFrontendAction {
 public:
  AnalysisAction(const AnalyzeOptions& o, const analysis::UserCodeScope& user_code, ModelSpec& s, std::string& stopped)
      : options_(o), user_code_(user_code), spec_(s), stopped_(stopped) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance& ci, StringRef) override {
    ci.getFrontendOpts().SkipFunctionBodies = true;  // the consumer keeps the model's own bodies
    return std::make_unique<AnalysisConsumer>(options_, user_code_, spec_, stopped_, ci);
  }

 private:
  const AnalyzeOptions& options_;
  const analysis::UserCodeScope& user_code_;
  ModelSpec& spec_;
  std::string& stopped_;
};

}  // namespace

ModelSpec analyze(const AnalyzeOptions& options) {
  return options.no_exec ? analyze_without_running(options) : analyze_by_running(options);
}

ModelSpec analyze_without_running(const AnalyzeOptions& given) {
  ModelProgram model = make_program(given.files, project_layout(given));
  AnalyzeOptions options = given;
  options.files = model.files;
  const std::string& program = model.source;
  ModelSpec spec;
  CompileSetup setup = make_compile_setup(options);
  std::string main_file = (fs::current_path() / "ckptcheck-analysis.cpp").string();
  std::vector<std::string> argv = {"clang-tool"};
  argv.insert(argv.end(), setup.args.begin(), setup.args.end());
  argv.push_back(main_file);

  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> real = llvm::vfs::getRealFileSystem();
  real = new ModelFileSystem(real, setup.hidden_dirs);
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> overlay(new llvm::vfs::OverlayFileSystem(real));
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> memory(new llvm::vfs::InMemoryFileSystem);
  overlay->pushOverlay(memory);
  memory->addFile(main_file, 0, llvm::MemoryBuffer::getMemBufferCopy(program));
  FileSystemOptions file_options;
  file_options.WorkingDir = setup.working_dir;  // where -p's command runs: its relative paths start there
  llvm::IntrusiveRefCntPtr<FileManager> files(new FileManager(file_options, overlay));
  spec.torch_headers = setup.torch_headers;
  CollectErrors errors(spec.diagnostics, setup.torch_headers == "bundled");
  std::string stopped;
  tooling::ToolInvocation invocation(argv, std::make_unique<AnalysisAction>(options, model.user_code, spec, stopped),
                                     files.get());
  invocation.setDiagnosticConsumer(&errors);
  auto start = std::chrono::steady_clock::now();
  invocation.run();
  if (!stopped.empty()) throw std::runtime_error(stopped);
  if (options.timings)
    options.timings->parse_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() -
                                     options.timings->evaluate_seconds;
  return spec;
}

}  // namespace ckptcheck
