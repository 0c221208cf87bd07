// Tensors in the constructor interpreter: what LibTorch's factories
// (torch::zeros, arange, tensor, *_like) and shape methods (view, slice, tril,
// sizes(), ...) give, as shapes and dtypes; tensor data is never computed.
#include <clang/AST/DeclTemplate.h>

#include "interpreter.h"

namespace ckptcheck::analysis {

using namespace clang;

namespace {

// A dimension index as LibTorch wraps it (-1 is the last of `rank`); nullopt
// when it is not known or out of range (LibTorch throws).
std::optional<size_t> wrap_dim(const Value& v, size_t rank) {
  const DimExpr* d = as_dim(v);
  std::optional<int64_t> k = d ? d->constant() : std::nullopt;
  if (!k) return std::nullopt;
  int64_t i = *k < 0 ? *k + static_cast<int64_t>(rank) : *k;
  if (i < 0 || i >= static_cast<int64_t>(rank)) return std::nullopt;
  return static_cast<size_t>(i);
}

DimExpr product(const std::vector<DimExpr>& dims) {
  DimExpr n = 1;
  for (const DimExpr& d : dims) n = n * d;
  return n;
}

// view/reshape: a -1 takes the elements the other sizes leave.
std::optional<std::vector<DimExpr>> reshaped(std::vector<DimExpr> sizes, const std::vector<DimExpr>& from) {
  std::optional<size_t> infer;
  DimExpr known = 1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i].constant() == -1) {
      if (infer) return std::nullopt;  // LibTorch throws on two
      infer = i;
    } else {
      known = known * sizes[i];
    }
  }
  if (infer) sizes[*infer] = product(from) / known;
  return sizes;
}

// A bound of Tensor::slice as LibTorch clamps it: negative counts from the
// end, then it is kept within [0, size]. A bound that is an expression over
// symbols is taken as it is (the model's code computes it within the size).
DimExpr slice_bound(const DimExpr& v, const DimExpr& size) {
  DimExpr x = v.constant() && *v.constant() < 0 ? size + v : v;
  auto k = x.constant(), n = size.constant();
  if (k && n) return std::clamp<int64_t>(*k, 0, *n);
  if (k && *k < 0) return 0;
  if (k) return DimExpr::min(x, size);
  return x;
}

// The shape of torch::tensor's data (nested lists of numbers); nullopt when
// it is ragged or holds something else.
std::optional<std::vector<DimExpr>> data_shape(const Value& v) {
  if (as_dim(v) || std::holds_alternative<double>(v) || as_bool(v)) return std::vector<DimExpr>{};
  std::optional<std::vector<Value>> items = list_items(v);
  if (!items) return std::nullopt;
  std::optional<std::vector<DimExpr>> inner;
  for (const Value& item : *items) {
    auto s = data_shape(item);
    if (!s || (inner && *inner != *s)) return std::nullopt;
    inner = s;
  }
  std::vector<DimExpr> out{DimExpr(static_cast<int64_t>(items->size()))};
  if (inner) out.insert(out.end(), inner->begin(), inner->end());
  return out;
}

// The C++ type of the numbers torch::tensor is given: a braced list's first
// item's, or the element type of a std::vector, ArrayRef or array.
QualType number_type(const Expr* e) {
  while (e) {
    e = skip_implicit(e);
    QualType t = e->getType().getNonReferenceType().getCanonicalType();
    if (t->isArithmeticType()) return t;
    if (const Type* el = t->getArrayElementTypeNoTypeQual(); el && el->isArithmeticType()) return QualType(el, 0);
    if (auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
        spec && spec->getTemplateArgs().size() >= 1 && spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      if (QualType el = spec->getTemplateArgs()[0].getAsType().getCanonicalType(); el->isArithmeticType()) return el;
    if (auto* c = dyn_cast<CXXConstructExpr>(e); c && c->getNumArgs() >= 1) e = c->getArg(0);
    else if (auto* il = dyn_cast<CXXStdInitializerListExpr>(e)) e = il->getSubExpr();
    else if (auto* init = dyn_cast<InitListExpr>(e); init && init->getNumInits() > 0) e = init->getInit(0);
    else break;
  }
  return {};
}

// torch::tensor's dtype for numbers of C++ type `t` (TensorDataContainer's
// compute_desired_dtype): integers of int's size or more give int64, floating
// point the default dtype (float32); the others keep their type.
std::optional<std::string> data_dtype(const ASTContext& ctx, QualType t) {
  if (t.isNull()) return std::nullopt;
  if (t->isBooleanType()) return "bool";
  if (t->isFloatingType()) return "float32";
  if (!t->isIntegerType()) return std::nullopt;
  uint64_t bits = ctx.getTypeSize(t);
  if (bits >= 32) return "int64";
  if (bits == 16) return "int16";
  return t->isUnsignedIntegerType() ? "uint8" : "int8";
}

}  // namespace

// One short case per tensor method name (a lookup table written as code, so
// longer than the house limit of ~80 lines); tensor_function below likewise.
std::optional<Value> Interpreter::tensor_method(const TensorValue& t, const std::string& name,
                                                const std::vector<const Expr*>& args, const Expr* where, Frame& f) {
  // Arguments as written (a defaulted one, such as slice's start, is absent).
  std::vector<Value> a;
  for (const Expr* e : args)
    if (!isa<CXXDefaultArgExpr>(e)) a.push_back(eval(e, f));
  const size_t rank = t.shape.size();
  TensorValue out = t;
  auto not_known = [&] { return unknown(where, "the shape after Tensor::" + name + " is not known statically"); };
  static const char* kSameShape[] = {"set_requires_grad", "requires_grad_", "detach", "detach_", "clone",
                                     "contiguous", "fill_", "zero_", "normal_", "uniform_", "mul", "mul_",
                                     "div", "div_", "add", "add_", "sub", "sub_", "neg", "abs", "exp", "log",
                                     "sqrt", "clamp", "clamp_", "bernoulli_", "exponential_", "cpu", "data",
                                     "tril", "triu", "tril_", "triu_", "cumsum",
                                     "log_normal_", "random_", "cauchy_", "geometric_"};
  for (const char* s : kSameShape)
    if (name == s) return out;
  static const std::pair<const char*, const char*> kDtypeCasts[] = {
      {"float", "float32"}, {"double", "float64"}, {"half", "float16"}, {"bfloat16", "bfloat16"},
      {"long", "int64"}, {"int", "int32"}, {"short", "int16"}, {"char", "int8"}, {"byte", "uint8"}, {"bool", "bool"}};
  for (auto [method, dtype] : kDtypeCasts)
    if (name == method && a.empty()) return out.dtype = dtype, out;
  if (name == "sizes" && a.empty()) return t.shape;
  if ((name == "dim" || name == "ndimension") && a.empty()) return DimExpr(static_cast<int64_t>(rank));
  if ((name == "numel" || name == "nelement") && a.empty()) return product(t.shape);
  if (name == "size" && a.size() == 1) {
    if (auto d = wrap_dim(a[0], rank)) return t.shape[*d];
    return unknown(where, "Tensor::size of a dimension that is not known statically");
  }
  if ((name == "view" || name == "reshape") && a.size() == 1)
    if (auto* sizes = std::get_if<std::vector<DimExpr>>(&a[0]))
      if (auto shape = reshaped(*sizes, t.shape)) return out.shape = *shape, out;
  if (name == "expand" && !a.empty()) {
    // New dimensions go in front; -1 keeps a dimension the tensor has.
    auto* sizes = std::get_if<std::vector<DimExpr>>(&a[0]);
    if (!sizes || sizes->size() < rank) return not_known();
    out.shape = *sizes;
    size_t lead = sizes->size() - rank;
    for (size_t i = 0; i < sizes->size(); ++i)
      if ((*sizes)[i].constant() == -1) {
        if (i < lead) return not_known();
        out.shape[i] = t.shape[i - lead];
      }
    return out;
  }
  if (name == "unsqueeze" && a.size() == 1) {
    if (auto d = wrap_dim(a[0], rank + 1)) return out.shape.insert(out.shape.begin() + *d, 1), out;
    return not_known();
  }
  if ((name == "transpose" || name == "swapaxes") && a.size() == 2) {
    auto d0 = wrap_dim(a[0], rank), d1 = wrap_dim(a[1], rank);
    if (d0 && d1) return std::swap(out.shape[*d0], out.shape[*d1]), out;
    return not_known();
  }
  if (name == "select" && a.size() == 2) {
    if (auto d = wrap_dim(a[0], rank)) return out.shape.erase(out.shape.begin() + *d), out;
    return not_known();
  }
  if (name == "narrow" && a.size() == 3) {
    auto d = wrap_dim(a[0], rank);
    if (!d || !as_dim(a[2])) return not_known();
    out.shape[*d] = *as_dim(a[2]);
    return out;
  }
  if (name == "slice") {
    // slice(dim = 0, start = nullopt, end = nullopt, step = 1): the positions
    // [start, end) of `dim`, every step-th.
    std::optional<size_t> d = a.empty() ? std::optional<size_t>(0) : wrap_dim(a[0], rank);
    for (size_t i = 1; i < a.size(); ++i)
      if (!as_dim(a[i])) return not_known();
    if (!d) return not_known();
    const DimExpr& size = t.shape[*d];
    DimExpr start = a.size() > 1 ? slice_bound(*as_dim(a[1]), size) : DimExpr(0);
    DimExpr end = a.size() > 2 ? slice_bound(*as_dim(a[2]), size) : size;
    DimExpr step = a.size() > 3 ? *as_dim(a[3]) : DimExpr(1);
    if (!step.constant() || *step.constant() <= 0) return not_known();  // LibTorch throws for step <= 0
    DimExpr length = end - start;
    if (auto k = length.constant(); k && *k < 0) length = 0;  // end before start: empty
    out.shape[*d] = step.constant() == 1 ? length : (length + step - 1) / step;
    return out;
  }
  return std::nullopt;
}

std::optional<Value> Interpreter::tensor_function(const CallExpr* c, const FunctionDecl* fn, const std::string& name,
                                                  const std::vector<const Expr*>& args, Frame& f) {
  // The function forms of the tensor methods above: torch::tril(t), torch::narrow(t, 0, 0, 2).
  static const char* kTensorFunctions[] = {"tril", "triu", "reshape", "narrow", "select", "slice", "unsqueeze",
                                           "transpose", "swapaxes"};
  for (const char* s : kTensorFunctions)
    if (name == s && !args.empty())
      if (Value first = eval(args[0], f); auto* t = std::get_if<TensorValue>(&first))
        return tensor_method(*t, name, {args.begin() + 1, args.end()}, c, f);
  // The dtype the options after the first argument name, if they name one.
  auto options_dtype = [&](std::string dtype) {
    for (size_t i = 1; i < args.size(); ++i)
      if (!isa<CXXDefaultArgExpr>(args[i]))
        if (Value v = eval(args[i], f); auto* dt = std::get_if<DtypeValue>(&v)) dtype = dt->dtype;
    return dtype;
  };
  // zeros_like(t[, options]): t's shape, and its dtype unless options say another.
  if (name.size() > 5 && name.compare(name.size() - 5, 5, "_like") == 0 && !args.empty()) {
    Value first = eval(args[0], f);
    auto* t = std::get_if<TensorValue>(&first);
    if (!t) return dropped(first, c, "the tensor given to torch::" + name + " is not known");
    TensorValue out = *t;
    out.dtype = options_dtype(out.dtype);
    return out;
  }
  // torch::tensor(data[, options]): a braced list (nested for more
  // dimensions), a std::vector or an array of numbers.
  if (name == "tensor" && !args.empty()) {
    Value data = eval(args[0], f);
    std::optional<std::vector<DimExpr>> shape = data_shape(data);
    std::optional<std::string> dtype = data_dtype(ctx_, number_type(args[0]));
    if (!shape || !dtype) return dropped(data, c, "the data given to torch::tensor is not a list of numbers known statically");
    return TensorValue{*shape, options_dtype(*dtype)};
  }
  if (name == "dtype" && args.size() == 1) return eval(args[0], f);
  // requires_grad(), device(...), layout(...): TensorOptions that keep the
  // default dtype.
  if (const CXXRecordDecl* r = fn->getReturnType()->getAsCXXRecordDecl();
      r && qualified_name(r) == "c10::TensorOptions" && name != "dtype")
    return DtypeValue{"float32"};
  if (name == "arange" || name == "linspace" || name == "logspace") {
    // arange(end) / arange(start, end[, step]): integers give int64 unless a dtype
    // says otherwise; linspace/logspace(start, end, steps) give `steps` floats.
    std::vector<DimExpr> ints;
    bool floats = false, dtype_given = false;
    TensorValue t;
    for (const Expr* a : args) {
      if (isa<CXXDefaultArgExpr>(a)) continue;  // the default TensorOptions{} names no dtype
      Value v = eval(a, f);
      if (auto* d = as_dim(v)) ints.push_back(*d);
      else if (std::holds_alternative<double>(v)) floats = true;
      else if (auto* dt = std::get_if<DtypeValue>(&v)) t.dtype = dt->dtype, dtype_given = true;
    }
    if (name != "arange") {
      if (args.size() < 3 || !as_dim(eval(args[2], f))) return unknown(c, "the steps of torch::" + name + " are not known");
      t.shape = {*as_dim(eval(args[2], f))};
      return t;
    }
    if (floats) return unknown(c, "torch::arange over floating-point bounds is not evaluated");
    if (!dtype_given) t.dtype = "int64";
    if (ints.size() == 1) t.shape = {ints[0]};
    else if (ints.size() == 2) t.shape = {ints[1] - ints[0]};
    else if (ints.size() == 3) t.shape = {(ints[1] - ints[0] + ints[2] - 1) / ints[2]};
    else return unknown(c, "torch::arange with these arguments is not evaluated");
    return t;
  }
  static const char* kSized[] = {"zeros", "ones", "empty", "rand", "randn", "full", "randint", "empty_strided"};
  bool sized = false;
  for (const char* s : kSized) sized |= name == s;
  if (sized || name == "eye") {
    TensorValue t;
    if (name == "randint") t.dtype = "int64";
    bool have_shape = false;
    std::vector<Value> values;
    for (const Expr* a : args) values.push_back(eval(a, f));
    for (const Value& v : values) {
      if (auto* dt = std::get_if<DtypeValue>(&v)) t.dtype = dt->dtype;
      if (sized && !have_shape && std::holds_alternative<std::vector<DimExpr>>(v)) {
        t.shape = std::get<std::vector<DimExpr>>(v);
        have_shape = true;
      }
    }
    if (name == "eye" && !values.empty() && as_dim(values[0])) {
      const DimExpr* m = values.size() > 1 ? as_dim(values[1]) : nullptr;
      t.shape = {*as_dim(values[0]), m ? *m : *as_dim(values[0])};
      have_shape = true;
    }
    if (!have_shape) {
      for (const Value& v : values)
        if (auto* u = std::get_if<Unknown>(&v); u && u->diagnosed) return v;  // a CK501 already says why
      return unknown(c, "the size given to torch::" + name + " is not known statically");
    }
    return t;
  }
  return std::nullopt;
}

}  // namespace ckptcheck::analysis
