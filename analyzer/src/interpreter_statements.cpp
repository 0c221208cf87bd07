// Statements for the static engine's interpreter: blocks, declarations,
// branches run both ways when the condition is unknown, loops, switches.
#include "interpreter.h"

#include <algorithm>
#include <filesystem>

#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

namespace ckptcheck::analysis {

using namespace clang;

namespace {

constexpr int kMaxLoopTrips = 10000;  // per loop; more is a runtime-sized loop in disguise

}  // namespace

void Interpreter::forget_changes(const Stmt* s, Frame& f, const std::string& why, bool keep_modules) {
  if (!s) return;
  auto keep = [&](const Value& v) {
    return keep_modules && (std::holds_alternative<ModulePtr>(v) || std::holds_alternative<NullModule>(v));
  };
  // A call on a module (holder->bias, list->push_back) changes the module, not
  // which module the variable holds.
  auto forget_object = [&](const Expr* target) {
    const Expr* root = skip_implicit(target);
    Value* held = nullptr;
    if (auto* d = dyn_cast<DeclRefExpr>(root); d && f.vars.count(d->getDecl())) held = &f.vars[d->getDecl()];
    if (auto* m = dyn_cast<MemberExpr>(root); m && isa<CXXThisExpr>(skip_implicit(m->getBase())))
      if (auto* field = dyn_cast<FieldDecl>(m->getMemberDecl()); field && f.fields->count(field))
        held = &(*f.fields)[field];
    return !held || !std::holds_alternative<ModulePtr>(*held);
  };
  auto forget = [&](const Expr* target) {
    target = skip_implicit(target);
    if (auto* u = dyn_cast<UnaryOperator>(target); u && u->getOpcode() == UO_AddrOf)
      target = skip_implicit(u->getSubExpr());
    // cfg.width = ...: the object variable or member it belongs to changes.
    while (auto* m = dyn_cast<MemberExpr>(target)) {
      const Expr* base = skip_implicit(m->getBase());
      if (isa<CXXThisExpr>(base)) {
        if (auto* field = dyn_cast<FieldDecl>(m->getMemberDecl());
            field && f.fields->count(field) && !keep((*f.fields)[field]))
          (*f.fields)[field] =
              Unknown{.why = "member '" + field->getNameAsString() + "' is " + why, .report_on_read = keep_modules};
        return;
      }
      target = base;
    }
    if (auto* d = dyn_cast<DeclRefExpr>(target); d && f.vars.count(d->getDecl()) && !keep(f.vars[d->getDecl()]))
      f.vars[d->getDecl()] =
          Unknown{.why = "'" + d->getDecl()->getNameAsString() + "' is " + why, .report_on_read = keep_modules};
  };
  if (auto* b = dyn_cast<BinaryOperator>(s); b && b->isAssignmentOp()) forget(b->getLHS());
  if (auto* u = dyn_cast<UnaryOperator>(s); u && u->isIncrementDecrementOp()) forget(u->getSubExpr());
  if (auto* call = dyn_cast<CallExpr>(s)) {
    const FunctionDecl* fn = call->getDirectCallee();
    unsigned first = 0;
    if (auto* op = dyn_cast<CXXOperatorCallExpr>(call); op && fn && isa<CXXMethodDecl>(fn)) {
      if (!cast<CXXMethodDecl>(fn)->isConst() && forget_object(op->getArg(0)))
        forget(op->getArg(0));  // x += 1, in >> x on a member stream
      first = 1;
    }
    if (auto* mc = dyn_cast<CXXMemberCallExpr>(call);
        mc && mc->getMethodDecl() && !mc->getMethodDecl()->isConst() && forget_object(mc->getImplicitObjectArgument()))
      forget(mc->getImplicitObjectArgument());  // v.push_back(...)
    for (unsigned i = first; i < call->getNumArgs(); ++i) {
      // An argument bound to a non-const reference or given by address may change.
      QualType param;
      if (fn && i - first < fn->getNumParams()) param = fn->getParamDecl(i - first)->getType();
      bool by_reference = !param.isNull() && (param->isLValueReferenceType() || param->isPointerType()) &&
                          !param->getPointeeType().isConstQualified();
      if ((by_reference || param.isNull()) && forget_object(call->getArg(i))) forget(call->getArg(i));
    }
  }
  for (const Stmt* child : s->children()) forget_changes(child, f, why, keep_modules);
}

// for, while, do and range-for loops over known values run iteration by
// iteration (the way ResNet layer loops and VGG configuration tables are
// written); a loop whose condition or range is not known is reported.
void Interpreter::exec_loop(const Stmt* loop, Frame& f) {
  auto give_up = [&](const std::string& why) {
    unknown(loop, why + "; registrations inside it are missing");
    forget_changes(loop, f, "changed in a loop the analyzer could not run");
  };
  // Runs the body once; false when the loop ends here (break or return).
  auto run_body = [&](const Stmt* body) {
    exec(body, f);
    if (f.returned) return false;
    bool broke = f.jump == Frame::Jump::Break;
    f.jump = Frame::Jump::None;
    return !broke;
  };
  if (auto* range_for = dyn_cast<CXXForRangeStmt>(loop)) {
    if (range_for->getInit()) exec(range_for->getInit(), f);
    Value range = eval(range_for->getRangeInit(), f);
    std::optional<std::vector<Value>> items = list_items(range);
    if (!items) return give_up("the range of this loop is not a list the analyzer knows");
    for (const Value& item : *items) {
      bind_variable(range_for->getLoopVariable(), item, f);
      if (!run_body(range_for->getBody())) break;
    }
    return;
  }
  const Stmt* body = nullptr;
  const Expr* condition = nullptr;
  const Expr* increment = nullptr;
  bool test_first = true;
  if (auto* for_loop = dyn_cast<ForStmt>(loop)) {
    if (for_loop->getInit()) exec(for_loop->getInit(), f);
    body = for_loop->getBody(), condition = for_loop->getCond(), increment = for_loop->getInc();
  } else if (auto* while_loop = dyn_cast<WhileStmt>(loop)) {
    body = while_loop->getBody(), condition = while_loop->getCond();
  } else if (auto* do_loop = dyn_cast<DoStmt>(loop)) {
    body = do_loop->getBody(), condition = do_loop->getCond(), test_first = false;
  }
  for (int trips = 0;; ++trips) {
    if (condition && (test_first || trips > 0)) {
      std::optional<bool> go = known_truth(eval(condition, f));
      if (!go) {
        auto* for_loop = dyn_cast<ForStmt>(loop);
        if (trips == 0 && for_loop && exec_repeated(for_loop, f)) return;
        return give_up("this loop's condition depends on a value known only at run time");
      }
      if (!*go) return;
    }
    if (trips == kMaxLoopTrips) return give_up("this loop runs more than " + std::to_string(kMaxLoopTrips) + " times");
    if (!run_body(body)) return;
    if (increment) eval(increment, f);
  }
}

namespace {
// True when `s` could leave the statement early (return, break, continue):
// then the two sides of a branch cannot simply both be run.
bool may_jump(const Stmt* s) {
  if (!s) return false;
  if (isa<ReturnStmt>(s) || isa<BreakStmt>(s) || isa<ContinueStmt>(s)) return true;
  for (const Stmt* child : s->children())
    if (may_jump(child)) return true;
  return false;
}
}  // namespace

void Interpreter::exec_both_ways(const IfStmt* s, const std::string& condition, Frame& f) {
  if (may_jump(s->getThen()) || may_jump(s->getElse())) {
    unknown(s, "this branch depends on '" + condition +
                   "' and leaves early (return/break/continue); neither side is analysed");
    forget_changes(s, f, "changed in a branch the analyzer could not decide");
    return;
  }
  // Each side sees the values from before the branch; afterwards what either
  // side changed is unknown (it depends on the condition).
  auto vars = f.vars;
  auto fields = *f.fields;
  std::string outer = f.condition;
  f.condition = both_conditions(outer, condition);
  exec(s->getThen(), f);
  f.vars = vars;
  *f.fields = fields;
  f.condition = both_conditions(outer, "!(" + condition + ")");
  exec(s->getElse(), f);
  f.condition = outer;
  f.vars = vars;
  *f.fields = fields;
  forget_changes(s->getThen(), f, "changed in a branch on '" + condition + "'");
  forget_changes(s->getElse(), f, "changed in a branch on '" + condition + "'");
}

// switch on a known value: the statements from the matching case (or
// default) on, until a break, as C++ runs them (falling through labels).
void Interpreter::exec_switch(const SwitchStmt* s, Frame& f) {
  if (s->getInit()) exec(s->getInit(), f);
  Value v = eval(s->getCond(), f);
  auto* d = as_dim(v);
  std::optional<int64_t> value = d ? d->constant() : std::nullopt;
  auto* body = dyn_cast_or_null<CompoundStmt>(s->getBody());
  if (!value || !body) {
    unknown(s, "this switch depends on a value known only at run time; no case is analysed");
    forget_changes(s, f, "changed in a switch the analyzer could not decide");
    return;
  }
  // Which top-level statement the jump lands on; a label may wrap further labels.
  auto matches = [&](const Stmt* st, bool want_default) {
    while (st) {
      if (auto* c = dyn_cast<CaseStmt>(st)) {
        Expr::EvalResult r;
        if (!want_default && c->getLHS()->EvaluateAsInt(r, ctx_) && r.Val.getInt().getSExtValue() == *value)
          return true;
        st = c->getSubStmt();
      } else if (auto* dflt = dyn_cast<DefaultStmt>(st)) {
        if (want_default) return true;
        st = dflt->getSubStmt();
      } else {
        return false;
      }
    }
    return false;
  };
  auto children = body->body();
  auto start = std::find_if(children.begin(), children.end(), [&](const Stmt* st) { return matches(st, false); });
  if (start == children.end())
    start = std::find_if(children.begin(), children.end(), [&](const Stmt* st) { return matches(st, true); });
  for (auto it = start; it != children.end(); ++it) {
    const Stmt* st = *it;
    while (true) {  // step inside the labels to the statement
      if (auto* c = dyn_cast<CaseStmt>(st))
        st = c->getSubStmt();
      else if (auto* dflt = dyn_cast<DefaultStmt>(st))
        st = dflt->getSubStmt();
      else
        break;
    }
    exec(st, f);
    if (f.returned) return;
    if (f.jump == Frame::Jump::Break) {
      f.jump = Frame::Jump::None;
      return;
    }
    if (f.jump == Frame::Jump::Continue) return;  // belongs to an enclosing loop
  }
}

void Interpreter::exec(const Stmt* s, Frame& f) {
  if (!s || f.returned || f.jump != Frame::Jump::None) return;
  budget_.spend([&] { return where(s); });
  if (auto* cs = dyn_cast<CompoundStmt>(s)) {
    for (const Stmt* child : cs->body()) {
      exec(child, f);
      if (f.returned || f.jump != Frame::Jump::None) return;
    }
    return;
  }
  if (isa<BreakStmt>(s)) {
    f.jump = Frame::Jump::Break;
    return;
  }
  if (isa<ContinueStmt>(s)) {
    f.jump = Frame::Jump::Continue;
    return;
  }
  if (auto* ds = dyn_cast<DeclStmt>(s)) {
    for (const Decl* d : ds->decls())
      if (auto* var = dyn_cast<VarDecl>(d)) bind_variable(var, var->hasInit() ? eval(var->getInit(), f) : Value{}, f);
    return;
  }
  if (auto* r = dyn_cast<ReturnStmt>(s)) {
    f.returned = r->getRetValue() ? eval(r->getRetValue(), f) : Value{};
    return;
  }
  if (auto* i = dyn_cast<IfStmt>(s)) {
    if (i->getInit()) exec(i->getInit(), f);
    Value cond = eval(i->getCond(), f);
    std::optional<bool> known = known_truth(cond);
    if (auto* c = std::get_if<SymbolicCondition>(&cond)) return exec_both_ways(i, c->text, f);
    if (!known) {
      unknown(i, "this branch depends on a value known only at run time; neither side is analysed");
      forget_changes(i->getThen(), f, "changed in a branch the analyzer could not decide");
      forget_changes(i->getElse(), f, "changed in a branch the analyzer could not decide");
      return;
    }
    exec(*known ? i->getThen() : i->getElse(), f);
    return;
  }
  if (auto* sw = dyn_cast<SwitchStmt>(s)) {
    exec_switch(sw, f);
    return;
  }
  if (isa<ForStmt>(s) || isa<WhileStmt>(s) || isa<DoStmt>(s) || isa<CXXForRangeStmt>(s)) {
    exec_loop(s, f);
    return;
  }
  if (isa<NullStmt>(s)) return;
  if (auto* e = dyn_cast<Expr>(s)) {
    eval(e, f);
    return;
  }
  unknown(s, std::string("'") + s->getStmtClassName() + "' statements are not evaluated");
  forget_changes(s, f, std::string("changed in a '") + s->getStmtClassName() + "' statement the analyzer does not run");
}

}  // namespace ckptcheck::analysis
