#include "meta_session.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include <clang/AST/ASTContext.h>
#include <clang/Lex/Lexer.h>
#include <clang/Sema/Sema.h>
#include <llvm/Support/MemoryBuffer.h>

#include "../compile_setup.h"
#include "../interpreter.h"
#include "../loader_calls.h"
#include "../module_index.h"
#include "../program_files.h"
#include "../rules/CK501_analysis_incomplete.h"
#include "call_sites.h"
#include "ckptcheck/rules/display.h"
#include "construction_sites.h"
#include "jit_compiler.h"
#include "source_index.h"

namespace ckptcheck::exec {
namespace {

constexpr const char* kEntryName = "__ckptcheck_construct";

bool starts_with_any(const std::string& s, std::initializer_list<const char*> prefixes) {
  for (const char* p : prefixes)
    if (s.rfind(p, 0) == 0) return true;
  return false;
}

// The first compile error, with a hint when it is about LibTorch's API (which
// meta LibTorch may lack) or a header the compiler could not find.
AnalysisFailure compile_failure(const std::vector<CompileError>& errors) {
  const CompileError& first = errors.front();
  std::string message = "the model does not compile against ckptcheck's meta LibTorch: " + first.message;
  bool about_torch = false;
  for (const char* needle : {"'torch", "'at::", "'c10", "torch::", "at::Tensor", "c10::"})
    about_torch |= first.message.find(needle) != std::string::npos;
  bool is_model_file = first.location && first.location->file.find("analyzer/meta/") == std::string::npos;
  if (first.message.find("file not found") != std::string::npos)
    message += " (give the include directory after '--', e.g. -- -Iinclude, or the build's compile_commands.json with -p)";
  else if (about_torch && is_model_file)
    message += " (meta LibTorch implements the API model constructors use; if this is LibTorch API it lacks, "
               "please report it)";
  if (errors.size() > 1) message += " [and " + std::to_string(errors.size() - 1) + " more errors]";
  return AnalysisFailure(message, first.location);
}

// The line of a '{' in `path` that is never closed, counting the braces
// of one branch of each #if (the others repeat its structure). Clang's
// incremental parser loops at such a brace instead of reporting it, so it is
// looked for before compiling (jit_compiler.cpp has the backstop).
std::optional<Location> unclosed_brace(const std::string& path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer) return std::nullopt;
  clang::LangOptions lang;
  lang.CPlusPlus = lang.CPlusPlus11 = lang.CPlusPlus17 = true;
  llvm::StringRef text = (*buffer)->getBuffer();
  clang::Lexer lexer(clang::SourceLocation(), lang, text.begin(), text.begin(), text.end());
  std::vector<const char*> open;                      // where each open '{' is
  std::vector<std::pair<size_t, bool>> conditionals;  // depth at #if, in a later branch
  bool skipping = false;
  clang::Token token;
  lexer.LexFromRawLexer(token);
  while (token.isNot(clang::tok::eof)) {
    if (token.is(clang::tok::hash) && token.isAtStartOfLine()) {
      lexer.LexFromRawLexer(token);
      std::string name = token.is(clang::tok::raw_identifier) ? token.getRawIdentifier().str() : "";
      if (name == "if" || name == "ifdef" || name == "ifndef") {
        conditionals.push_back({open.size(), skipping});
      } else if ((name == "elif" || name == "else") && !conditionals.empty()) {
        skipping = true;
      } else if (name == "endif" && !conditionals.empty()) {
        skipping = conditionals.back().second;
        conditionals.pop_back();
      }
      // The rest of the directive (a #define's braces) is not code.
      do lexer.LexFromRawLexer(token);
      while (token.isNot(clang::tok::eof) && !token.isAtStartOfLine());
      continue;
    }
    if (!skipping && token.is(clang::tok::l_brace)) open.push_back(lexer.getBufferLocation() - 1);
    else if (!skipping && token.is(clang::tok::r_brace) && !open.empty()) open.pop_back();
    lexer.LexFromRawLexer(token);
  }
  if (open.empty()) return std::nullopt;
  const char* line_start = open.front();
  while (line_start > text.begin() && line_start[-1] != '\n') --line_start;
  return Location{path, static_cast<int>(std::count(text.begin(), open.front(), '\n') + 1),
                  static_cast<int>(open.front() - line_start + 1)};
}

std::string parent_path(const std::string& path) {
  size_t dot = path.rfind('.');
  return dot == std::string::npos ? std::string() : path.substr(0, dot);
}

// Meta LibTorch precompiled (the header as a PCH, its inline functions as an
// object) by the build, next to the analyzer: what makes compiling a model
// take about a second instead of several. Used when the model's flags are the
// ones it was built with; any other -std or macro needs its own. Returns
// whether it is used.
bool use_precompiled_meta(const CompileSetup& setup, const AnalyzeOptions& options, JitOptions& jit) {
  if (std::getenv("CKPTCHECK_NO_PCH")) return false;
  if (!options.extra_args.empty() || options.build_dir) {
    bool only_includes = true;
    for (const std::string& a : setup.args)
      only_includes &= a.rfind("-D", 0) != 0 && a.rfind("-U", 0) != 0 && a != "-include" &&
                       (a.rfind("-std=", 0) != 0 || a == "-std=c++17");
    if (!only_includes) return false;
  }
  if (options.meta_dir.empty()) return false;
  std::string dir = options.meta_dir + "/";
  std::error_code ec;
  for (const char* part : {"ckptcheck-meta.pch", "ckptcheck-meta.o", "ckptcheck-meta-library.o"})
    if (!std::filesystem::exists(dir + part, ec)) return false;
  // A header changed since the build (a developer's edit) makes Clang reject
  // the PCH, and a rejected PCH cannot be recovered from: compile without.
  auto built = std::filesystem::last_write_time(dir + "ckptcheck-meta.pch", ec);
  for (const auto& header : std::filesystem::directory_iterator(CKPTCHECK_META_DIR "/ckptcheck_torch", ec))
    if (header.last_write_time(ec) > built) return false;
  jit.precompiled_header = dir + "ckptcheck-meta.pch";
  jit.objects = {dir + "ckptcheck-meta.o", dir + "ckptcheck-meta-library.o"};
  return true;
}

// The module class a C++ type name names (a holder names its Impl), with its
// definition instantiated; nullptr if it names none.
const clang::CXXRecordDecl* class_named(JitCompiler& jit, const std::string& name) {
  size_t errors = jit.errors().size();
  clang::TranslationUnitDecl* part = jit.compile_declarations(
      "using __ckptcheck_root_type = " + name + ";\nstatic_assert(sizeof(__ckptcheck_root_type) > 0, \"\");\n");
  if (!part) {
    (void)errors;
    return nullptr;
  }
  for (const clang::Decl* d : part->decls())
    if (auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(d)) {
      const clang::CXXRecordDecl* record = alias->getUnderlyingType()->getAsCXXRecordDecl();
      if (const clang::CXXRecordDecl* impl = analysis::holder_impl(record)) record = impl;
      if (record && record->getDefinition() && analysis::is_module_class(record)) return record->getDefinition();
    }
  return nullptr;
}

// The first construction of the root the model's code writes (main()'s
// first) that compiles on its own, for a constructor that needs objects.
std::optional<ConstructionPlan> plan_found_construction(JitCompiler& jit, const clang::CXXRecordDecl* root,
                                                        analysis::UserCode& user_code) {
  for (const FoundConstruction& found : find_constructions(jit.ast(), jit.program_decls(), root, user_code)) {
    std::string probe = "static auto __ckptcheck_found_" + std::to_string(found.location.line) + " = [] { return " +
                        found.expression + "; };\n";
    if (!jit.compile_declarations(probe)) continue;
    ConstructionPlan plan = plan_expression(found.expression);
    plan.root = analysis::qualified_name(root);
    plan.how = found.function + "() builds it at " + std::filesystem::path(found.location.file).filename().string() +
               ":" + std::to_string(found.location.line) + ": " + found.written;
    return plan;
  }
  return std::nullopt;
}

}  // namespace

struct MetaSession::Compiled {
  std::unique_ptr<JitCompiler> jit;
  std::unique_ptr<analysis::UserCode> user_code;
  std::unique_ptr<SourceIndex> sources;
  std::unique_ptr<CallSites> call_sites;
  CompiledConstruction construction;
};

MetaSession::MetaSession(const AnalyzeOptions& options) : compiled_(std::make_unique<Compiled>()), options_(options) {
  ModelProgram program = make_program(options.files, project_layout(options));
  options_.files = program.files;
  compile_program(program);
  plan_ = options_.construct ? plan_expression(*options_.construct) : plan_root_construction();
  outline_.root = plan_.root;
  outline_.symbols = plan_.symbols;
  outline_.construction = plan_.how;
  compile_construction();
}

void MetaSession::compile_program(const ModelProgram& program) {
  CompileSetup setup = make_jit_setup(options_);
  JitOptions jit_options;
  jit_options.args = setup.args;
  jit_options.hidden_dirs = setup.hidden_dirs;
  jit_options.working_dir = setup.working_dir;
  // Without the PCH the headers are compiled with the model, but meta
  // LibTorch's out-of-line definitions still come from the build's object
  // (compiled into the same incremental TU, their vtables would be emitted
  // twice); the model's own flags do not change meta LibTorch's layouts.
  if (!use_precompiled_meta(setup, options_, jit_options)) {
    std::string library = options_.meta_dir + "/ckptcheck-meta-library.o";
    std::error_code ec;
    if (std::filesystem::exists(library, ec)) jit_options.objects = {library};
  }
  compiled_->jit = std::make_unique<JitCompiler>(jit_options);
  JitCompiler& jit = *compiled_->jit;
  for (const std::string& file : program.files)
    if (auto brace = unclosed_brace(file))
      throw AnalysisFailure("the model does not compile: this '{' is never closed", brace);
  if (!jit.compile_program(program.source)) throw compile_failure(jit.errors());
  if (options_.files_compiled) *options_.files_compiled = files_compiled(jit.ast().getSourceManager());

  outline_.engine = "exec";
  outline_.torch_headers = "meta";
  compiled_->user_code = std::make_unique<analysis::UserCode>(program.user_code);
  analysis::UserCode& user_code = *compiled_->user_code;
  clang::ASTContext& ast = jit.ast();
  outline_.loaders = analysis::find_loader_calls(
      ast, [&](const clang::Decl* d) { return user_code.contains(ast.getSourceManager(), d).value_or(false); });
}

// The root's construction from the sources: the class (--class, or the one
// module no other contains), a constructor, and its arguments (--arg, the
// defaults, or the code's own construction of it).
ConstructionPlan MetaSession::plan_root_construction() {
  JitCompiler& jit = *compiled_->jit;
  clang::ASTContext& ast = jit.ast();
  analysis::UserCode& user_code = *compiled_->user_code;
  analysis::ModuleIndex index = analysis::index_modules(jit.program_decls(), user_code, ast.getSourceManager());
  const clang::CXXRecordDecl* root = analysis::pick_root(index, options_.root_class, outline_.diagnostics);
  // A class template's instance the program never uses is not in the index
  // (ResNetImpl<ResidualBlock>, constructed only by a main() in another
  // file): let the compiler find it by its C++ name.
  if (!root && options_.root_class) root = class_named(jit, *options_.root_class);
  if (!root) throw AnalysisFailure(outline_.diagnostics.back().message, std::nullopt);
  outline_.diagnostics.clear();
  if (!root->hasDefinition())  // a class template's instance named only through its holder
    (void)jit.sema().isCompleteType(root->getLocation(), ast.getRecordType(root));
  if (root->hasDefinition()) root = root->getDefinition();
  const clang::CXXConstructorDecl* ctor = analysis::pick_constructor(root, options_.args);
  if (!ctor)
    throw AnalysisFailure("'" + analysis::qualified_name(root) + "' has no constructor to run",
                          analysis::location_at(ast.getSourceManager(), root->getLocation()));
  for (const auto& [name, value] : options_.args) {
    // NAME, or PARAMETER.MEMBER for one member of a config struct parameter.
    std::string parameter = analysis::argument_parameter(name);
    const clang::ParmVarDecl* known = nullptr;
    for (const clang::ParmVarDecl* p : ctor->parameters())
      if (p->getName() == parameter) known = p;
    if (!known)
      throw AnalysisFailure("--arg " + name + ": the constructor of '" + analysis::qualified_name(root) +
                                "' has no parameter '" + parameter + "'",
                            analysis::location_at(ast.getSourceManager(), ctor->getLocation()));
    if (parameter == name) continue;
    std::string member = name.substr(parameter.size() + 1);
    if (!exec::public_member(known->getType(), member))
      throw AnalysisFailure("--arg " + name + ": '" + parameter + "' (" +
                                exec::spelled_type(ast, known->getType().getNonReferenceType()) +
                                ") has no public member '" + member + "'",
                            analysis::location_at(ast.getSourceManager(), known->getLocation()));
  }
  std::vector<Diagnostic> why;
  auto plan = plan_constructor_call(ast, root, ctor, {options_.args, options_.symbolic_defaults}, why);
  if (!plan && options_.args.empty()) plan = plan_found_construction(jit, root, user_code);
  if (!plan) throw AnalysisFailure(why.front().message, why.front().location);
  return std::move(*plan);
}

void MetaSession::compile_construction() {
  JitCompiler& jit = *compiled_->jit;
  clang::ASTContext& ast = jit.ast();
  analysis::UserCode& user_code = *compiled_->user_code;
  std::string entry = "extern \"C\" void " + std::string(kEntryName) + "() {\n  ::ckptcheck_meta::record(::ckptcheck_meta::as_root(\n" +
                      plan_.expression + "));\n}\n";
  auto address = jit.compile_entry(entry, kEntryName);
  if (!address) {
    if (options_.construct)
      throw AnalysisFailure(
          "--construct '" + *options_.construct + "' does not compile: " + jit.errors().back().message, std::nullopt);
    const CompileError& first = jit.errors().front();
    if (!first.location || first.location->file.rfind("input_line", 0) == 0)
      throw AnalysisFailure("the construction ckptcheck wrote for " + plan_.how + " does not compile (" +
                                first.message + "): " + plan_.expression +
                                "; give the arguments with --arg, or the whole construction with --construct",
                            std::nullopt);
    throw compile_failure(jit.errors());
  }
  compiled_->construction = {jit.static_initialisers(), *address};
  jit_code_ranges() = jit.code_ranges();
  std::sort(jit_code_ranges().begin(), jit_code_ranges().end());
  compiled_->call_sites = std::make_unique<CallSites>();
  compiled_->sources = std::make_unique<SourceIndex>(ast, jit.program_decls(), user_code);
}

MetaSession::~MetaSession() = default;

RunResult MetaSession::run(const std::vector<int64_t>& values) {
  SandboxLimits limits;
  limits.wall_seconds = options_.timeout_seconds;
  limits.cpu_seconds = static_cast<int>(options_.timeout_seconds + 0.999);
  limits.memory_bytes = options_.memory_bytes;
  return run_construction(compiled_->construction, values, limits);
}

std::string MetaSession::describe_failure(const RunResult& run) const {
  std::string who = options_.construct ? "the construction (--construct)" : "the constructor of '" + outline_.root + "'";
  switch (run.failure) {
    case RunFailure::None:
      return {};
    case RunFailure::Exception:
      return who + " threw " + (run.exception_type.empty() ? "an exception" : run.exception_type) + ": " + run.message;
    case RunFailure::MissingSymbol:
      if (starts_with_any(run.message, {"at::", "c10::", "torch::", "caffe2::"}))
        return who + " calls " + run.message +
               ", which ckptcheck's meta LibTorch does not implement (it implements what model constructors use; "
               "please report this)";
      return who + " calls " + run.message +
             ", which none of the given files defines: add the file that defines it with --model (or give the "
             "build's compile_commands.json with -p)";
    case RunFailure::Confinement:
      return "the model's constructor " + run.message;
  }
  return {};
}

ModelSpec MetaSession::spec_of(const RunResult& run) {
  ModelSpec spec = outline_;
  spec.files_read = run.files_read;
  const Recording& r = run.recording;
  auto is_model_file = [&](const std::string& f) { return compiled_->user_code->contains_file(f); };
  auto frame = [&](long site) -> std::optional<Location> {
    if (site < 0 || static_cast<size_t>(site) >= r.sites.size()) return std::nullopt;
    return compiled_->call_sites->model_frame(r.sites[static_cast<size_t>(site)], is_model_file);
  };
  std::map<std::string, const RecordedModule*> modules;
  for (const RecordedModule& m : r.modules) modules[m.path] = &m;
  // Where a name was given: the registration itself if the model made it,
  // else that of the closest enclosing module the model registered (a
  // layer's weight is located at the register_module of the layer).
  auto located = [&](long site, bool internal, std::string owner) -> std::optional<Location> {
    if (!internal)
      if (auto l = frame(site)) return l;
    for (; !owner.empty(); owner = parent_path(owner)) {
      auto it = modules.find(owner);
      if (it != modules.end() && !it->second->internal)
        if (auto l = frame(it->second->site)) return l;
    }
    return frame(site);
  };
  if (!r.modules.empty()) spec.root = r.modules.front().type;
  for (const RecordedModule& m : r.modules)
    spec.modules.push_back(SpecModule{m.path, m.type, m.path.empty() ? std::nullopt : located(m.site, m.internal, parent_path(m.path)),
                                      false, "", {}});
  std::map<uint64_t, std::string> first_with_storage;
  for (const RecordedTensor& t : r.tensors) {
    SpecEntry e;
    e.name = t.path;
    e.kind = t.buffer ? EntryKind::Buffer : EntryKind::Parameter;
    for (int64_t d : t.shape) e.shape.emplace_back(d);
    e.dtype = t.dtype;
    std::string owner = parent_path(t.path);
    auto it = modules.find(owner);
    e.layer = it == modules.end() ? std::string() : layer_holder_name(it->second->type);
    e.location = located(t.site, t.internal, owner);
    if (auto construction = frame(t.site)) e.source = compiled_->sources->at(*construction);
    auto [first, fresh] = first_with_storage.try_emplace(t.storage, t.path);
    if (!fresh) e.alias_of = first->second;
    spec.entries.push_back(std::move(e));
  }
  for (const RecordedWarning& w : r.warnings)
    spec.diagnostics.push_back(analysis::to_diagnostic(analysis::ConstructorWarned{w.message, frame(w.site)}));
  return spec;
}

}  // namespace ckptcheck::exec
