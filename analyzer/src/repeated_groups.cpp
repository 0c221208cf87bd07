// Loops whose trip count is a symbol (`for (int i = 0; i < num_layers; ++i)`):
// the body runs once with the index a symbol, and what it registers becomes a
// repeated group (layers.{i}.weight for i in [0, num_layers)) that the checker
// solves from a checkpoint. See SpecRepeat in model_spec.h for what a group is.
#include "interpreter.h"

namespace ckptcheck::analysis {

using namespace clang;

namespace {

bool refers_to(const Expr* e, const VarDecl* var) {
  auto* ref = dyn_cast<DeclRefExpr>(skip_implicit(e));
  return ref && ref->getDecl() == var;
}

// The variable a for loop counts up by one with, and the bound it counts to:
// `i` in for (...; i < n; ++i), also i <= n, i != n, i++ and i += 1.
struct Counting {
  const VarDecl* index = nullptr;
  const Expr* bound = nullptr;
  bool inclusive = false;  // i <= n
};

std::optional<Counting> counting(const ForStmt* loop) {
  auto* cond = dyn_cast_or_null<BinaryOperator>(loop->getCond() ? skip_implicit(loop->getCond()) : nullptr);
  if (!cond || (cond->getOpcode() != BO_LT && cond->getOpcode() != BO_LE && cond->getOpcode() != BO_NE))
    return std::nullopt;
  auto* ref = dyn_cast<DeclRefExpr>(skip_implicit(cond->getLHS()));
  auto* index = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  if (!index || !index->getType()->isIntegerType()) return std::nullopt;
  const Expr* inc = loop->getInc() ? skip_implicit(loop->getInc()) : nullptr;
  bool by_one = false;
  if (auto* u = dyn_cast_or_null<UnaryOperator>(inc)) {
    by_one = u->isIncrementOp() && refers_to(u->getSubExpr(), index);
  } else if (auto* a = dyn_cast_or_null<CompoundAssignOperator>(inc)) {
    auto* one = dyn_cast<IntegerLiteral>(skip_implicit(a->getRHS()));
    by_one = a->getOpcode() == BO_AddAssign && refers_to(a->getLHS(), index) && one && one->getValue() == 1;
  }
  if (!by_one) return std::nullopt;
  return Counting{index, cond->getRHS(), cond->getOpcode() == BO_LE};
}

// True when the loop body may end the loop early (break, return): then the
// trip count is not the bound's. Breaks of inner loops and switches and
// returns of lambdas do not count.
bool leaves_loop(const Stmt* s, bool in_inner = false) {
  if (!s) return false;
  if (isa<ReturnStmt>(s)) return true;
  if (isa<BreakStmt>(s)) return !in_inner;
  if (isa<LambdaExpr>(s)) return false;
  bool inner = in_inner || isa<ForStmt>(s) || isa<WhileStmt>(s) || isa<DoStmt>(s) || isa<CXXForRangeStmt>(s) ||
               isa<SwitchStmt>(s);
  for (const Stmt* child : s->children())
    if (leaves_loop(child, inner)) return true;
  return false;
}

}  // namespace

bool Interpreter::exec_repeated(const ForStmt* loop, Frame& f) {
  std::optional<Counting> c = counting(loop);
  if (!c || !f.vars.count(c->index)) return false;
  const DimExpr* from = as_dim(f.vars[c->index]);
  Value bound = eval(c->bound, f);
  const DimExpr* to = as_dim(bound);
  if (!from || !to) return false;
  DimExpr start = *from, end = c->inclusive ? *to + 1 : *to;
  std::string trips = "'" + (end - start).to_string() + "' times";
  const Stmt* body = loop->getBody();
  if (leaves_loop(body)) {
    unknown(loop, "this loop runs " + trips + " and may leave early (break/return); registrations inside it are missing");
    forget_changes(body, f, "changed in a loop the analyzer could not run");
    return true;
  }
  // A variable the body changes may differ on every trip (in = out): the one
  // trip run here must not read the value from before the loop.
  std::string carried = "changed on every trip of a loop that runs " + trips;
  forget_changes(body, f, carried, /*keep_modules=*/true);
  std::string index = fresh_index(c->index->getNameAsString());
  groups_.push_back(LoopGroup{SpecRepeat{index, start, end, 0}, next_module_serial(), {}, {}});
  f.vars[c->index] = DimExpr::symbol(index);
  exec(body, f);
  f.jump = Frame::Jump::None;  // a continue ends the one trip
  LoopGroup group = std::move(groups_.back());
  groups_.pop_back();
  renumber(group);
  forget_changes(body, f, carried, /*keep_modules=*/true);
  f.vars[c->index] = DimExpr::max(start, end);  // where counting stopped
  return true;
}

std::vector<SpecRepeat> Interpreter::repeats_for(const ModuleValue& owner, bool children) {
  std::vector<SpecRepeat> out;
  for (LoopGroup& g : groups_) {
    if (owner.serial >= g.first_serial) continue;  // built inside the loop: one per trip
    int& id = g.ids[{&owner, children}];
    if (!id) id = new_group_id();
    SpecRepeat r = g.repeat;
    r.group = id;
    out.push_back(std::move(r));
  }
  return out;
}

void Interpreter::mark_registered(ModuleValue& m, const std::string& condition, const std::vector<SpecRepeat>& outer) {
  if (condition.empty() && outer.empty()) return;
  for (TensorRegistration& t : m.tensors) {
    t.condition = both_conditions(condition, t.condition);
    std::vector<SpecRepeat> merged;
    for (const SpecRepeat& r : outer) {
      bool already = false;  // reached twice (pushed into a list and registered)
      for (const SpecRepeat& own : t.repeats) already |= own.index == r.index;
      if (!already) merged.push_back(r);
    }
    merged.insert(merged.end(), t.repeats.begin(), t.repeats.end());
    t.repeats = std::move(merged);
  }
  for (auto& [name, child] : m.children) mark_registered(*child, condition, outer);
}

std::optional<std::string> Interpreter::repeated_name_problem(const std::string& name,
                                                              const std::vector<SpecRepeat>& repeats) {
  if (repeats.empty() || name.find('{') != std::string::npos) return std::nullopt;
  const SpecRepeat& r = repeats.back();
  return "'" + name + "' is registered under the same name on every trip of the loop over " + r.index + " in [" +
         r.from.to_string() + ", " + r.to.to_string() + ") (LibTorch throws on the second)";
}

void Interpreter::note_addition(const ModulePtr& c, size_t physical) {
  DimExpr position = DimExpr(static_cast<int64_t>(physical)) + c->uncounted;
  for (LoopGroup& g : groups_)
    if (c->serial < g.first_serial) g.numbered.try_emplace(c, physical, position);
}

std::string Interpreter::number_item(const ModulePtr& c, size_t physical) {
  DimExpr position = DimExpr(static_cast<int64_t>(physical)) + c->uncounted;
  c->positions[physical] = position;
  if (auto k = position.constant()) return std::to_string(*k);
  return "{" + position.to_string() + "}";
}

void Interpreter::renumber(const LoopGroup& g) {
  DimExpr index = DimExpr::symbol(g.repeat.index);
  for (const auto& [c, start] : g.numbered) {
    const auto& [first, first_position] = start;
    bool tensors = numbers_tensors(*c);
    size_t size = tensors ? c->tensors.size() : c->children.size();
    // Positions one trip adds: its items, and what its own inner loops add.
    DimExpr per_trip = DimExpr(static_cast<int64_t>(size)) + c->uncounted - first_position;
    for (size_t k = first; k < size; ++k) {
      auto it = c->positions.find(k);
      if (it == c->positions.end()) continue;  // added by name
      it->second = it->second + per_trip * (index - g.repeat.from);
      std::string name = "{" + it->second.to_string() + "}";
      (tensors ? c->tensors[k].name : c->children[k].first) = name;
    }
    c->uncounted = c->uncounted + per_trip * (g.repeat.to - g.repeat.from) - per_trip;
  }
}

std::string Interpreter::fresh_index(const std::string& base) const {
  auto used = [&](const std::string& name) {
    for (const SpecSymbol& s : symbols_)
      if (s.name == name) return true;
    for (const LoopGroup& g : groups_)
      if (g.repeat.index == name) return true;
    return false;
  };
  std::string name = base;
  for (int k = 2; used(name); ++k) name = base + std::to_string(k);
  return name;
}

}  // namespace ckptcheck::analysis
