// Interprets module constructors: walks their initialisers and bodies the way
// they would run, with values from values.h, and records every registration.
// Generic C++ (expressions, statements, calls into user code) is in
// interpreter.cpp; what LibTorch's API calls mean is in torch_api.cpp and
// tensor_api.cpp; loops with a symbolic trip count in repeated_groups.cpp.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/Stmt.h>

#include "interpreter_budget.h"
#include "values.h"

namespace ckptcheck::analysis {

class Interpreter {
 public:
  // Every expression and statement interpreted is spent from `budget`, which
  // throws InterpretationStopped past one of its bounds (interpreter_budget.h).
  Interpreter(clang::ASTContext& ctx, std::vector<Diagnostic>& diagnostics, InterpreterBudget& budget)
      : ctx_(ctx), diagnostics_(diagnostics), budget_(budget) {}

  // Members of class templates (ResNetImpl<Bottleneck>'s constructor) get a
  // body only when Clang instantiates them; the analysis asks for it with this.
  // `instantiate` is given a FunctionDecl to define or a CXXRecordDecl to complete.
  void set_instantiator(std::function<void(const clang::Decl*)> instantiate) { instantiate_ = std::move(instantiate); }
  void instantiate(const clang::Decl* d) {
    if (instantiate_) instantiate_(d);
  }

  // Builds an instance of a custom module class from constructor arguments,
  // choosing the constructor that fits them (missing ones take defaults).
  ModulePtr construct(const clang::CXXRecordDecl* cls, const std::vector<Value>& args,
                      const clang::Expr* where, int depth = 0);
  // The same with a known constructor; `named` binds parameters by name first
  // (the root's --arg values), then defaults apply, then `symbols_for_rest`
  // turns the remaining integer parameters into symbols.
  ModulePtr run_constructor(const clang::CXXConstructorDecl* ctor, const std::vector<Value>& args,
                            const std::map<std::string, Value>& named, bool symbols_for_rest, int depth);

  std::optional<Location> location_of(const clang::Stmt* s) const;
  std::optional<Location> location_of(const clang::Decl* d) const;
  // The code of `s` as written (macros as the user wrote them), whitespace
  // runs folded, shortened past a few lines' worth.
  std::string source_text(const clang::Stmt* s) const;

  // Root integer parameters with a default become symbols too (the default
  // is recorded with the symbol), so a checkpoint can be matched to another value.
  void set_symbolic_defaults(bool on) { symbolic_defaults_ = on; }

  // The root constructor's parameters that became symbols, and those that took a default.
  const std::vector<SpecSymbol>& symbols() const { return symbols_; }

 private:
  struct Frame {
    ModulePtr self;                                        // the module being built
    std::map<const clang::ValueDecl*, Value> vars;         // parameters and locals
    std::map<const clang::FieldDecl*, Value>* fields;      // members of the instance
    std::optional<Value> returned;
    int depth = 0;
    // Set when `this` is an object of the model's own class (`fields` are its
    // members) rather than the module being built.
    const clang::CXXRecordDecl* object = nullptr;
    enum class Jump { None, Break, Continue } jump = Jump::None;  // a pending break/continue
    std::string condition;  // the symbolic condition this path runs under ("" always)
    const clang::CXXRecordDecl* dynamic = nullptr;  // whose constructor is running: virtual calls go there
  };

  // Generic C++ (interpreter.cpp). eval spends a step and checks the result's
  // size, then evaluate does the work.
  Value eval(const clang::Expr* e, Frame& f);
  Value evaluate(const clang::Expr* e, Frame& f);
  // "file:line" of `s`, for a budget's message.
  std::string where(const clang::Stmt* s) const;
  void exec(const clang::Stmt* s, Frame& f);
  void exec_loop(const clang::Stmt* loop, Frame& f);
  // for (i = FROM; i < TO; ++i) where TO is a symbol: the body once, with i a
  // symbol, as a repeated group. False when the loop does not have that form.
  bool exec_repeated(const clang::ForStmt* loop, Frame& f);
  void exec_switch(const clang::SwitchStmt* s, Frame& f);
  // if (C) on a condition over symbols: both sides, each under its condition.
  void exec_both_ways(const clang::IfStmt* s, const std::string& condition, Frame& f);
  // std::to_string, string +, c10::str, std::max/min: nullopt when `e` is none of them.
  std::optional<Value> eval_std_call(const clang::Expr* e, Frame& f);
  Value eval_binary(const clang::BinaryOperator* b, Frame& f);
  Value convert_number(const clang::CastExpr* c, Frame& f);
  void bind_variable(const clang::VarDecl* var, Value v, Frame& f);
  // push_back/emplace_back/clear on a std::vector variable or member.
  std::optional<Value> eval_vector_change(const clang::CXXMemberCallExpr* c, Frame& f);
  std::optional<Value> eval_list_access(const clang::Expr* e, Frame& f);
  // Runs `fn` with `args` evaluated in `caller`; `this` is the caller's unless
  // `object` gives another one (a method called on an object).
  Value call_user_function(const clang::FunctionDecl* fn, const std::vector<const clang::Expr*>& args,
                           Frame& caller, const clang::Expr* where, ObjectValue* object = nullptr);
  Value call_method(const clang::CXXMemberCallExpr* c, Frame& f);
  Value construct_object(const clang::CXXConstructExpr* c, Frame& f);
  Value as_struct_argument(clang::QualType type, const Value& v, Frame& f);
  void init_members(const clang::CXXConstructorDecl* ctor, Frame& f);
  void assign(const clang::Expr* target, Value v, Frame& f);
  void write_back(const clang::Expr* object, Value v, Frame& f);
  // Makes every variable and member that `s` may change unknown: after a loop
  // or branch that was not run, or a call that was not evaluated, the old
  // values would be wrong (an `in >> width` must not leave width at 0).
  // `keep_modules` (for loops with a symbolic trip count) keeps variables that
  // hold a module (a container a loop pushes into is still that container) and
  // leaves the report to the first read of what it forgets (see read()).
  void forget_changes(const clang::Stmt* s, Frame& f, const std::string& why, bool keep_modules = false);
  Value unknown(const clang::Stmt* where, std::string why);
  // A variable's or member's value; the first read of an Unknown nothing has
  // reported yet reports it here.
  Value read(Value& stored, const clang::Expr* where);

  // LibTorch's API (torch_api.cpp). Each returns nullopt when the call is not theirs.
  std::optional<std::pair<ModulePtr, std::string>> registered_tensor(const clang::Expr* e, Frame& f);
  std::optional<Value> tie_tensors(const clang::Expr* tied, const clang::Expr* source, Frame& f);
  std::optional<Value> eval_torch_call(const clang::Expr* e, Frame& f);
  std::optional<Value> eval_construction(const clang::CXXConstructExpr* c, Frame& f);
  std::optional<Value> eval_member_call(const clang::CXXMemberCallExpr* c, Frame& f);
  std::optional<Value> eval_free_call(const clang::CallExpr* c, const clang::FunctionDecl* fn, Frame& f);
  // `values` are the evaluated `args` (a container given {{"name", module}, ...}
  // gets no values and reads its items from `args`).
  Value make_layer(const std::string& layer, const std::vector<Value>& values,
                   const std::vector<const clang::Expr*>& args, Frame& f, const clang::Expr* where);
  Value register_tensor(EntryKind kind, const clang::CXXMemberCallExpr* c, Frame& f);
  // A registration is dropped because `v` is not what it needs: a CK501 says
  // so (`what` and why) unless `v` is an Unknown one already reported.
  Value dropped(const Value& v, const clang::Stmt* where, const std::string& what);
  // Module::modules(), parameters(), children() and their named_ forms, which
  // model code iterates to initialise weights (torch_api.cpp).
  Value module_query(const clang::CXXMemberCallExpr* c, const std::string& name, Frame& f);
  // Tensor methods that give a tensor of another shape or a shape's numbers.
  // `args` are those after the tensor (also for the function form, torch::tril(t, k)).
  std::optional<Value> tensor_method(const TensorValue& t, const std::string& name,
                                     const std::vector<const clang::Expr*>& args, const clang::Expr* where, Frame& f);
  // torch:: functions that make or reshape tensors (tensor_api.cpp); `name` is fn's unqualified name.
  std::optional<Value> tensor_function(const clang::CallExpr* c, const clang::FunctionDecl* fn, const std::string& name,
                                       const std::vector<const clang::Expr*>& args, Frame& f);
  Value register_module(const clang::CXXMemberCallExpr* c, Frame& f);
  // A registration LibTorch refuses with c10::Error `thrown`: stops the
  // analysis (InterpretationStopped), or under a condition is a CK501.
  Value registration_refused(const std::string& thrown, const clang::CXXMemberCallExpr* c, const Frame& f);
  // What a container's constructor and methods do (push_back, append, insert,
  // extend, update), with the arguments evaluated.
  Value container_call(const ModulePtr& container, const std::string& method, const std::vector<Value>& args,
                       const clang::Expr* where);
  Value add_to_container(const ModulePtr& container, std::optional<std::string> name, const Value& item,
                         const clang::Expr* where);
  Value set_in_container(const ModulePtr& container, const std::string& name, const Value& item,
                         const clang::Expr* where);
  Value insert_into_module_list(const ModulePtr& list, const Value& index, const Value& item,
                                const clang::Expr* where);

  // Repeated groups (interpreter.cpp). The loops with a symbolic trip count
  // running now, innermost last.
  struct LoopGroup {
    SpecRepeat repeat;  // group 0: ids are given per registration list (see repeats_for)
    uint64_t first_serial = 0;  // modules numbered from here on are built inside the loop
    // Group ids given so far, by the module registered into and whether its
    // children (true) or its own tensors (false) were added to.
    std::map<std::pair<const ModuleValue*, bool>, int> ids;
    // Containers added to by number, with their physical size and their
    // position count (size + uncounted) when the loop first added to them.
    std::map<ModulePtr, std::pair<size_t, DimExpr>> numbered;
  };
  // The loops in which registering into `owner` repeats (those `owner` was
  // built before), each with its group id for `owner`'s children or tensors.
  std::vector<SpecRepeat> repeats_for(const ModuleValue& owner, bool children);
  // A module registered under a condition over symbols and inside repeated
  // loops: every tensor in its subtree exists only under `condition` and
  // repeats in `outer` (added in front of its own repeats).
  static void mark_registered(ModuleValue& m, const std::string& condition, const std::vector<SpecRepeat>& outer);
  // A registration name that stays the same on every trip of a repeated loop
  // would be registered twice: nullopt when `name` is fine, else the reason.
  std::optional<std::string> repeated_name_problem(const std::string& name, const std::vector<SpecRepeat>& repeats);
  // Before container `c` gets an item at `physical` (its index in children, or
  // in tensors for a ParameterList): notes where the running loops start in it.
  void note_addition(const ModulePtr& c, size_t physical);
  // The name of an auto-numbered item at `physical`: its position, which a
  // loop's renumbering may later make a function of the index ("{i+1}").
  std::string number_item(const ModulePtr& c, size_t physical);
  // After a loop's body: auto-numbered items it added take their position as a
  // function of the loop index.
  void renumber(const LoopGroup& g);
  // A loop index name no running loop and no root symbol uses.
  std::string fresh_index(const std::string& base) const;
  int new_group_id() { return ++last_group_; }

  // The definition of `fn` with its body, instantiating a template member first.
  const clang::FunctionDecl* definition(const clang::FunctionDecl* fn);

  clang::ASTContext& ctx_;
  std::function<void(const clang::Decl*)> instantiate_;
  std::vector<Diagnostic>& diagnostics_;
  InterpreterBudget& budget_;
  std::vector<SpecSymbol> symbols_;
  bool symbolic_defaults_ = false;
  std::vector<LoopGroup> groups_;
  int last_group_ = 0;
};

// Whether the cast changes a number's value or kind (2.5 -> 2, 3 -> 3.0, n -> bool).
bool is_numeric_conversion(const clang::Expr* e);
// Skips the nodes that only say how a value travels: parentheses, implicit and
// explicit casts, temporaries, default arguments.
const clang::Expr* skip_implicit(const clang::Expr* e);
// A parameter's default argument (also one a late template instantiation left uninstantiated).
const clang::Expr* default_argument(const clang::ParmVarDecl* p);
// A source position as a Location, with the path relative to the working
// directory when the file is under it (as compilers print them).
std::optional<Location> location_at(const clang::SourceManager& sm, clang::SourceLocation loc);

// Qualified name of a declaration without template arguments ("torch::nn::Module").
std::string qualified_name(const clang::NamedDecl* d);
// True for declarations of LibTorch's namespaces (torch::, at::, c10::).
bool in_torch(const std::string& qualified);
// True for functions the model's own sources define: not std, not a system
// header, not LibTorch.
bool is_model_function(const clang::FunctionDecl* fn);
// True for classes deriving (at any depth) from torch::nn::Module.
bool is_module_class(const clang::CXXRecordDecl* cls);
// For torch::nn::ModuleHolder<T> and classes deriving from it: T's declaration.
const clang::CXXRecordDecl* holder_impl(const clang::CXXRecordDecl* cls);
// "Linear" for torch::nn::LinearImpl; empty for anything outside torch::nn.
std::string builtin_layer_name(const clang::CXXRecordDecl* impl);

// True for the container layers (Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict).
bool is_container(const std::string& layer);
// Options given to a layer, by name: the "#i" positional arguments bound to
// the names the layer's rule gives them (torch_layers.cpp).
LayerOptions bind_options(const LayerRule* rule, const LayerOptions& given);

}  // namespace ckptcheck::analysis
