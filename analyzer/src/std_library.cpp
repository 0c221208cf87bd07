// The C++ standard library in the constructor interpreter: what the calls
// model code builds names, sizes and configuration lists with mean (strings
// and streams, <cmath>, std::max/min, tuples, std::vector reads and writes).
#include <cmath>

#include <clang/AST/DeclTemplate.h>

#include "interpreter.h"

namespace ckptcheck::analysis {

using namespace clang;

// The standard-library calls model code builds names and sizes with:
// "block" + std::to_string(i), name += "x", c10::str("layer", i), std::max(a, b).
// One short case per function name: a lookup table written as code, so longer
// than the house limit (~80 lines) on purpose.
std::optional<Value> Interpreter::eval_std_call(const Expr* e, Frame& f) {
  // What writing `v` (the value of `x`) into a string gives: a char is its
  // character; a symbolic number reads as "{expr}" (a loop index: "block{i}").
  auto text_of = [](const Expr* x, const Value& v) -> std::optional<std::string> {
    if (auto* s = as_string(v)) return *s;
    const DimExpr* d = as_dim(v);
    if (d && d->constant() && x && x->getType().getNonReferenceType()->isCharType())
      return std::string(1, static_cast<char>(*d->constant()));
    if (d) return d->constant() ? std::to_string(*d->constant()) : "{" + d->to_string() + "}";
    return std::nullopt;
  };
  // std::ostringstream name; name << "layer" << i; name.str(): the stream
  // variable holds the text written so far.
  auto is_string_stream = [](QualType t) {
    std::string n = t.getNonReferenceType().getUnqualifiedType().getCanonicalType().getAsString();
    return n.find("basic_ostringstream<char") != std::string::npos || n.find("basic_stringstream<char") != std::string::npos;
  };
  if (auto* c = dyn_cast<CXXConstructExpr>(e); c && c->getNumArgs() == 0 && is_string_stream(c->getType()))
    return Value{std::string()};
  if (auto* op = dyn_cast<CXXOperatorCallExpr>(e); op && op->getOperator() == OO_LessLess && op->getNumArgs() == 2) {
    const Expr* root = skip_implicit(op->getArg(0));  // the stream at the start of a << chain
    for (auto* inner = dyn_cast<CXXOperatorCallExpr>(root); inner && inner->getOperator() == OO_LessLess;
         inner = dyn_cast<CXXOperatorCallExpr>(root))
      root = skip_implicit(inner->getArg(0));
    if (auto* d = dyn_cast<DeclRefExpr>(root); d && is_string_stream(d->getDecl()->getType())) {
      Value so_far = eval(op->getArg(0), f);  // writes the earlier parts of the chain
      Value part = eval(op->getArg(1), f);
      auto text = text_of(op->getArg(1), part);
      const std::string* s = as_string(so_far);
      if (!s || !text) {
        forget_changes(op, f, "written with a value known only at run time");
        return unknown(e, "a stream written with a value known only at run time");
      }
      Value joined = *s + *text;
      assign(root, joined, f);
      return joined;
    }
  }
  if (auto* m = dyn_cast<CXXMemberCallExpr>(e); m && m->getMethodDecl() && m->getMethodDecl()->getName() == "str" &&
                                                m->getNumArgs() == 0 && is_string_stream(m->getImplicitObjectArgument()->getType()))
    return eval(m->getImplicitObjectArgument(), f);
  if (auto* op = dyn_cast<CXXOperatorCallExpr>(e); op && op->getNumArgs() == 2 &&
      (op->getOperator() == OO_Plus || op->getOperator() == OO_PlusEqual)) {
    QualType type = op->getArg(0)->getType().getNonReferenceType().getUnqualifiedType();
    QualType other = op->getArg(1)->getType().getNonReferenceType().getUnqualifiedType();
    auto is_text = [](QualType t) {
      std::string n = t.getCanonicalType().getAsString();
      return n.find("std::basic_string<char") != std::string::npos || n.find("std::__cxx11::basic_string<char") != std::string::npos;
    };
    if (!is_text(type) && !is_text(other)) return std::nullopt;
    Value l = eval(op->getArg(0), f), r = eval(op->getArg(1), f);
    auto lt = text_of(op->getArg(0), l), rt = text_of(op->getArg(1), r);
    bool chars = other->isCharType() || type->isCharType();  // name + 'b'
    const std::string* a = as_string(l) ? as_string(l) : chars && lt ? &*lt : nullptr;
    const std::string* b = as_string(r) ? as_string(r) : chars && rt ? &*rt : nullptr;
    if (!a || !b) return is_unknown(l) ? l : is_unknown(r) ? r : unknown(e, "a string built from values known only at run time");
    Value joined = *a + *b;
    if (op->getOperator() == OO_PlusEqual) assign(op->getArg(0), joined, f);
    return joined;
  }
  // version == "1_0" on a std::string.
  if (auto* op = dyn_cast<CXXOperatorCallExpr>(e); op && op->getNumArgs() == 2 &&
      (op->getOperator() == OO_EqualEqual || op->getOperator() == OO_ExclaimEqual)) {
    Value l = eval(op->getArg(0), f), r = eval(op->getArg(1), f);
    const std::string* a = as_string(l);
    const std::string* b = as_string(r);
    if (a && b) return Value{(*a == *b) == (op->getOperator() == OO_EqualEqual)};
    if (is_unknown(l) || is_unknown(r)) return is_unknown(l) ? l : r;
    return std::nullopt;
  }
  auto* call = dyn_cast<CallExpr>(e);
  const FunctionDecl* fn = call ? call->getDirectCallee() : nullptr;
  if (!fn) return std::nullopt;
  std::string q = qualified_name(fn);
  // <cmath> on known numbers (std::pow(2, i), std::ceil(c * 1.25)).
  static const std::map<std::string, double (*)(double)> kUnary = {
      {"std::sqrt", [](double x) { return std::sqrt(x); }}, {"std::ceil", [](double x) { return std::ceil(x); }},
      {"std::floor", [](double x) { return std::floor(x); }}, {"std::round", [](double x) { return std::round(x); }},
      {"std::trunc", [](double x) { return std::trunc(x); }}, {"std::log", [](double x) { return std::log(x); }},
      {"std::log2", [](double x) { return std::log2(x); }},   {"std::exp", [](double x) { return std::exp(x); }}};
  auto number = [&](const Expr* x) { return as_number(eval(x, f)); };
  // libstdc++ declares std::ceil(double) as `using ::ceil`.
  std::string math = fn->getDeclContext()->getRedeclContext()->isTranslationUnit() ? "std::" + q : q;
  if (auto it = kUnary.find(math); it != kUnary.end() && call->getNumArgs() == 1) {
    if (auto x = number(call->getArg(0))) return Value{it->second(*x)};
    return unknown(e, q + " of a value known only at run time");
  }
  if (math == "std::pow" && call->getNumArgs() == 2) {
    auto x = number(call->getArg(0)), y = number(call->getArg(1));
    if (x && y) return Value{std::pow(*x, *y)};
    return unknown(e, "std::pow of a value known only at run time");
  }
  // A pair or tuple is the list of its items.
  if (fn->isInStdNamespace() && (fn->getNameAsString() == "make_pair" || fn->getNameAsString() == "make_tuple")) {
    std::vector<Value> items;
    for (const Expr* a : call->arguments()) items.push_back(eval(a, f));
    return Value{ListValue{std::move(items)}};
  }
  if (q == "std::get" && call->getNumArgs() == 1) {  // std::get<N>(tuple or pair)
    const TemplateArgumentList* targs = fn->getTemplateSpecializationArgs();
    Value v = eval(call->getArg(0), f);
    std::optional<std::vector<Value>> items = list_items(v);
    if (targs && targs->size() >= 1 && targs->get(0).getKind() == TemplateArgument::Integral && items) {
      int64_t n = targs->get(0).getAsIntegral().getExtValue();
      if (n >= 0 && static_cast<size_t>(n) < items->size()) return (*items)[static_cast<size_t>(n)];
    }
    return is_unknown(v) ? v : unknown(e, "std::get on a value the analyzer does not know");
  }
  if (q == "std::to_string" || q == "std::__cxx11::to_string") {
    if (call->getNumArgs() != 1) return std::nullopt;
    Value v = eval(call->getArg(0), f);
    if (auto t = text_of(nullptr, v)) return Value{*t};  // std::to_string('a') is "97"
    return is_unknown(v) ? v : unknown(e, "std::to_string of a value known only at run time");
  }
  if (q == "c10::str") {
    std::string out;
    for (const Expr* a : call->arguments()) {
      Value v = eval(a, f);
      auto t = text_of(a, v);
      if (!t) return is_unknown(v) ? v : unknown(a, "c10::str of a value known only at run time");
      out += *t;
    }
    return Value{out};
  }
  if ((q == "std::max" || q == "std::min") && call->getNumArgs() >= 1) {
    std::vector<DimExpr> values;
    Value first = eval(call->getArg(0), f);
    if (auto* list = std::get_if<std::vector<DimExpr>>(&first)) values = *list;  // std::max({a, b, c})
    else if (auto* d = as_dim(first)) values.push_back(*d);
    for (unsigned i = 1; i < call->getNumArgs() && values.size() == i; ++i)
      if (isa<CXXDefaultArgExpr>(call->getArg(i))) break;
      else if (auto v = eval(call->getArg(i), f); as_dim(v)) values.push_back(*as_dim(v));
    if (values.empty() || (call->getNumArgs() == 2 && values.size() != 2))
      return unknown(e, q + " of values that are not integers");
    DimExpr out = values[0];
    for (size_t i = 1; i < values.size(); ++i) out = q == "std::max" ? DimExpr::max(out, values[i]) : DimExpr::min(out, values[i]);
    return Value{out};
  }
  return std::nullopt;
}

std::optional<Value> Interpreter::eval_vector_change(const CXXMemberCallExpr* c, Frame& f) {
  const CXXMethodDecl* method = c->getMethodDecl();
  if (!method || !method->getParent()->isInStdNamespace() || method->getParent()->getName() != "vector")
    return std::nullopt;
  std::string name = method->getNameAsString();
  if (name == "reserve" || name == "shrink_to_fit") return Value{Unknown{"returns nothing"}};
  if (name != "push_back" && name != "emplace_back" && name != "clear") return std::nullopt;
  const Expr* object = c->getImplicitObjectArgument();
  // The item first: evaluating it may register (v.push_back(register_module(...))).
  std::vector<Value> args;
  for (const Expr* a : c->arguments()) args.push_back(eval(a, f));
  Value list = eval(object, f);
  std::optional<std::vector<Value>> items = list_items(list);
  if (!items) {
    forget_changes(c, f, "changed by " + name + " on a list the analyzer does not know");
    return is_unknown(list) ? list : unknown(c, "std::vector::" + name + " on a list the analyzer does not know");
  }
  if (name == "clear") items->clear();
  else items->push_back(args.size() == 1 ? args[0] : Value{ListValue{args}});  // emplace_back(name, module): a pair
  write_back(object, make_list(std::move(*items)), f);
  return Value{Unknown{"returns nothing"}};
}

// Reading a list (a std::vector, std::array, C array or initializer list the
// model was given or built): v[i], v.at(i), v.size(), v.front(), v.back(), v.empty().
std::optional<Value> Interpreter::eval_list_access(const Expr* e, Frame& f) {
  const Expr* object = nullptr;
  std::string op;
  const Expr* index = nullptr;
  if (auto* o = dyn_cast<CXXOperatorCallExpr>(e); o && o->getOperator() == OO_Subscript && o->getNumArgs() == 2) {
    object = o->getArg(0), op = "at", index = o->getArg(1);
  } else if (auto* a = dyn_cast<ArraySubscriptExpr>(e)) {  // a C array: const int64_t widths[] = {...}
    object = a->getBase(), op = "at", index = a->getIdx();
  } else if (auto* m = dyn_cast<CXXMemberCallExpr>(e); m && m->getMethodDecl() && m->getMethodDecl()->getParent()->isInStdNamespace()) {
    object = m->getImplicitObjectArgument(), op = m->getMethodDecl()->getNameAsString();
    if (m->getNumArgs() == 1) index = m->getArg(0);
  } else {
    return std::nullopt;
  }
  Value v = eval(object, f);
  std::optional<std::vector<Value>> list = list_items(v);
  if (!list) return std::nullopt;
  if (op == "size") return DimExpr(static_cast<int64_t>(list->size()));
  if (op == "empty") return list->empty();
  if (list->empty()) return unknown(e, "reading an element of an empty list");
  if (op == "front") return list->front();
  if (op == "back") return list->back();
  if (op == "at" && index) {
    Value i = eval(index, f);
    auto k = as_dim(i) ? as_dim(i)->constant() : std::nullopt;
    if (!k || *k < 0 || static_cast<size_t>(*k) >= list->size())
      return unknown(e, "the list index is not a known position in the list");
    return (*list)[static_cast<size_t>(*k)];
  }
  return std::nullopt;
}

}  // namespace ckptcheck::analysis
