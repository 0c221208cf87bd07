// Meta LibTorch, part 3: the free tensor functions: factories (zeros, arange,
// tensor, from_blob, ...), joins (cat, stack), and the functional forms of the
// tensor methods (torch::sin(x), torch::sum(x, 1)). See c10.h.
#pragma once

#include "tensor.h"

namespace at {

namespace ckptcheck_detail {
inline Tensor make(IntArrayRef size, const TensorOptions& options, ScalarType fallback) {
  ckptcheck_meta::check_sizes(size);
  auto impl = std::make_shared<ckptcheck_meta::TensorImpl>();
  impl->sizes = size.vec();
  impl->dtype = options.has_dtype() ? options.dtype() : fallback;
  impl->device = options.device();
  impl->requires_grad = options.requires_grad();
  return Tensor(std::move(impl));
}
inline Tensor make(IntArrayRef size, const TensorOptions& options) {
  return make(size, options, ckptcheck_meta::default_dtype());
}
inline Tensor make_like(const Tensor& self, const TensorOptions& options) {
  return make(self.sizes(), options.has_device() ? options : options.device(self.device()), self.dtype());
}
// arange's length: ceil((end - start) / step).
inline int64_t range_length(const Scalar& start, const Scalar& end, const Scalar& step) {
  double s = step.toDouble();
  TORCH_CHECK(s != 0, "step must be nonzero");
  double n = std::ceil((end.toDouble() - start.toDouble()) / s);
  TORCH_CHECK(n >= 0, "upper bound and larger bound inconsistent with step sign");
  return static_cast<int64_t>(n);
}
inline ScalarType range_dtype(const Scalar& a, const Scalar& b, const Scalar& c) {
  return a.isFloatingPoint() || b.isFloatingPoint() || c.isFloatingPoint() ? ckptcheck_meta::default_dtype() : kLong;
}
}  // namespace ckptcheck_detail

// ---- factories ------------------------------------------------------------------

inline Tensor zeros(IntArrayRef size, TensorOptions options = {}) { return ckptcheck_detail::make(size, options); }
inline Tensor ones(IntArrayRef size, TensorOptions options = {}) { return ckptcheck_detail::make(size, options); }
inline Tensor empty(IntArrayRef size, TensorOptions options = {}, optional<MemoryFormat> = nullopt) {
  return ckptcheck_detail::make(size, options);
}
inline Tensor rand(IntArrayRef size, TensorOptions options = {}) { return ckptcheck_detail::make(size, options); }
inline Tensor rand(IntArrayRef size, optional<Generator>, TensorOptions options = {}) {
  return ckptcheck_detail::make(size, options);
}
inline Tensor randn(IntArrayRef size, TensorOptions options = {}) { return ckptcheck_detail::make(size, options); }
inline Tensor randn(IntArrayRef size, optional<Generator>, TensorOptions options = {}) {
  return ckptcheck_detail::make(size, options);
}
// The fill value decides the dtype when none is given, as in LibTorch.
inline Tensor full(IntArrayRef size, const Scalar& fill_value, TensorOptions options = {}) {
  ScalarType t = fill_value.isFloatingPoint() ? ckptcheck_meta::default_dtype() : fill_value.type();
  return ckptcheck_detail::make(size, options, t);
}
inline Tensor randint(int64_t, IntArrayRef size, TensorOptions options = at::kLong) {
  return ckptcheck_detail::make(size, options, kLong);
}
inline Tensor randint(int64_t, int64_t, IntArrayRef size, TensorOptions options = at::kLong) {
  return ckptcheck_detail::make(size, options, kLong);
}
inline Tensor randperm(int64_t n, TensorOptions options = at::kLong) { return ckptcheck_detail::make({n}, options, kLong); }
inline Tensor eye(int64_t n, TensorOptions options = {}) { return ckptcheck_detail::make({n, n}, options); }
inline Tensor eye(int64_t n, int64_t m, TensorOptions options = {}) { return ckptcheck_detail::make({n, m}, options); }
inline Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step, TensorOptions options = {}) {
  return ckptcheck_detail::make({ckptcheck_detail::range_length(start, end, step)}, options,
                                ckptcheck_detail::range_dtype(start, end, step));
}
inline Tensor arange(const Scalar& start, const Scalar& end, TensorOptions options = {}) {
  return arange(start, end, Scalar(1), options);
}
inline Tensor arange(const Scalar& end, TensorOptions options = {}) { return arange(Scalar(0), end, Scalar(1), options); }
inline Tensor linspace(const Scalar&, const Scalar&, int64_t steps, TensorOptions options = {}) {
  return ckptcheck_detail::make({steps}, options);
}
inline Tensor logspace(const Scalar&, const Scalar&, int64_t steps, double = 10.0, TensorOptions options = {}) {
  return ckptcheck_detail::make({steps}, options);
}
inline Tensor empty_strided(IntArrayRef size, IntArrayRef, TensorOptions options = {}) {
  return ckptcheck_detail::make(size, options);
}
inline Tensor scalar_tensor(const Scalar& value, TensorOptions options = {}) {
  return ckptcheck_detail::make({}, options, value.isFloatingPoint() ? ckptcheck_meta::default_dtype() : value.type());
}
#define CKPT_LIKE(name)                                                                                      \
  inline Tensor name(const Tensor& self, TensorOptions options = {}, optional<MemoryFormat> = nullopt) {      \
    return ckptcheck_detail::make_like(self, options);                                                      \
  }
CKPT_LIKE(zeros_like)
CKPT_LIKE(ones_like)
CKPT_LIKE(empty_like)
CKPT_LIKE(rand_like)
CKPT_LIKE(randn_like)
#undef CKPT_LIKE
inline Tensor full_like(const Tensor& self, const Scalar&, TensorOptions options = {}, optional<MemoryFormat> = nullopt) {
  return ckptcheck_detail::make_like(self, options);
}
inline Tensor from_blob(void*, IntArrayRef sizes, const TensorOptions& options = {}) {
  return ckptcheck_detail::make(sizes, options, kFloat);
}
inline Tensor from_blob(void*, IntArrayRef sizes, IntArrayRef, const TensorOptions& options = {}) {
  return ckptcheck_detail::make(sizes, options, kFloat);
}
template <typename Deleter>
Tensor from_blob(void*, IntArrayRef sizes, const Deleter&, const TensorOptions& options = {}) {
  return ckptcheck_detail::make(sizes, options, kFloat);
}

// The values torch::tensor() takes: a number, a (nested) braced list, or a
// std::vector / ArrayRef. Numbers and braced lists give kLong for integers and
// the default floating type for floating point; vectors keep their element
// type, as LibTorch's TensorDataContainer does.
class ckptcheck_tensor_data {
 public:
  template <typename T, typename = std::enable_if_t<std::is_arithmetic<T>::value>>
  ckptcheck_tensor_data(T) : dtype_(literal_type<T>()) {}
  ckptcheck_tensor_data(std::initializer_list<ckptcheck_tensor_data> items) {
    sizes_.push_back(static_cast<int64_t>(items.size()));
    if (items.size() == 0) return;
    const ckptcheck_tensor_data& first = *items.begin();
    for (const auto& item : items)
      TORCH_CHECK(item.sizes_ == first.sizes_, "Expected all sub-lists to have sizes: ", IntArrayRef(first.sizes_),
                  ", but got sub-list with sizes ", IntArrayRef(item.sizes_));
    sizes_.insert(sizes_.end(), first.sizes_.begin(), first.sizes_.end());
    dtype_ = first.dtype_;
    for (const auto& item : items) dtype_ = ckptcheck_meta::promote(dtype_, item.dtype_);
  }
  template <typename T>
  ckptcheck_tensor_data(const std::vector<T>& values)
      : sizes_{static_cast<int64_t>(values.size())}, dtype_(c10::ckptcheck_scalar_type_of<T>::value) {}
  template <typename T>
  ckptcheck_tensor_data(ArrayRef<T> values)
      : sizes_{static_cast<int64_t>(values.size())}, dtype_(c10::ckptcheck_scalar_type_of<T>::value) {}
  const std::vector<int64_t>& sizes() const { return sizes_; }
  ScalarType dtype() const { return dtype_; }

 private:
  template <typename T>
  static ScalarType literal_type() {
    if (std::is_same<T, bool>::value) return kBool;
    if (std::is_floating_point<T>::value) return ckptcheck_meta::default_dtype();
    return kLong;
  }
  std::vector<int64_t> sizes_;
  ScalarType dtype_ = kFloat;
};
inline Tensor tensor(ckptcheck_tensor_data values, TensorOptions options = {}) {
  return ckptcheck_detail::make(values.sizes(), options, values.dtype());
}

// ---- joins ---------------------------------------------------------------------

inline Tensor cat(TensorList tensors, int64_t dim = 0) {
  std::vector<Tensor> parts;
  for (const Tensor& t : tensors)
    if (!(t.dim() == 1 && t.size(0) == 0)) parts.push_back(t);  // legacy: empty 1-D tensors are skipped
  TORCH_CHECK(!parts.empty() || !tensors.empty(), "torch.cat(): expected a non-empty list of Tensors");
  if (parts.empty()) return tensors[0];
  int64_t d = ckptcheck_meta::wrap_dim(dim, parts[0].dim());
  std::vector<int64_t> out = parts[0].sizes().vec();
  ScalarType t = parts[0].dtype();
  for (size_t i = 1; i < parts.size(); ++i) {
    TORCH_CHECK(parts[i].dim() == parts[0].dim(), "Tensors must have same number of dimensions: got ", parts[0].dim(),
                " and ", parts[i].dim());
    for (int64_t k = 0; k < parts[0].dim(); ++k)
      if (k != d)
        TORCH_CHECK(parts[i].size(k) == out[static_cast<size_t>(k)], "Sizes of tensors must match except in dimension ", d,
                    ". Expected size ", out[static_cast<size_t>(k)], " but got size ", parts[i].size(k),
                    " for tensor number ", i, " in the list.");
    out[static_cast<size_t>(d)] += parts[i].size(d);
    t = ckptcheck_meta::promote(t, parts[i].dtype());
  }
  return parts[0].like(out, t);
}
inline Tensor concat(TensorList tensors, int64_t dim = 0) { return cat(tensors, dim); }
inline Tensor concatenate(TensorList tensors, int64_t dim = 0) { return cat(tensors, dim); }
inline Tensor stack(TensorList tensors, int64_t dim = 0) {
  TORCH_CHECK(!tensors.empty(), "stack expects a non-empty TensorList");
  for (const Tensor& t : tensors)
    TORCH_CHECK(t.sizes() == tensors[0].sizes(), "stack expects each tensor to be equal size, but got ",
                tensors[0].sizes(), " at entry 0 and ", t.sizes(), " at entry 1");
  std::vector<Tensor> parts;
  for (const Tensor& t : tensors) parts.push_back(t.unsqueeze(ckptcheck_meta::wrap_dim(dim, t.dim() + 1)));
  return cat(parts, dim);
}
inline Tensor hstack(TensorList tensors) { return cat(tensors, tensors.empty() || tensors[0].dim() <= 1 ? 0 : 1); }
inline Tensor vstack(TensorList tensors) {
  std::vector<Tensor> parts;
  for (const Tensor& t : tensors) parts.push_back(t.dim() == 1 ? t.unsqueeze(0) : t);
  return cat(parts, 0);
}
inline Tensor where(const Tensor& condition, const Tensor& self, const Tensor& other) { return self.where(condition, other); }
inline Tensor where(const Tensor& condition, const Tensor& self, const Scalar&) {
  return self.like(ckptcheck_meta::broadcast(condition.sizes().vec(), self.sizes().vec()), self.dtype());
}
inline Tensor where(const Tensor& condition, const Scalar&, const Tensor& other) {
  return other.like(ckptcheck_meta::broadcast(condition.sizes().vec(), other.sizes().vec()), other.dtype());
}

// ---- functional forms of the methods ----------------------------------------------

#define CKPT_SAME_SHAPE(name) \
  inline Tensor name(const Tensor& self) { return self.name(); }
#define CKPT_FLOAT_RESULT(name) CKPT_SAME_SHAPE(name)
#define CKPT_INPLACE_SAME(name) \
  inline const Tensor& name(const Tensor& self) { return self.name(); }
#include "elementwise_ops.def"
#undef CKPT_SAME_SHAPE
#undef CKPT_FLOAT_RESULT
#undef CKPT_INPLACE_SAME
#define CKPT_INPLACE(name) \
  inline const Tensor& name(const Tensor& self, CKPT_ANY_ARGS) { return self; }
#include "inplace_ops.def"
#undef CKPT_INPLACE

#define CKPT_REDUCTION(name)                                                                                    \
  inline Tensor name(const Tensor& self, optional<ScalarType> dtype = nullopt) { return self.name(dtype); }     \
  inline Tensor name(const Tensor& self, IntArrayRef dims, bool keepdim = false, optional<ScalarType> dtype = nullopt) { \
    return self.name(dims, keepdim, dtype);                                                                     \
  }                                                                                                             \
  inline Tensor name(const Tensor& self, std::initializer_list<int64_t> dims, bool keepdim = false,              \
                     optional<ScalarType> dtype = nullopt) {                                                    \
    return self.name(IntArrayRef(dims), keepdim, dtype);                                                        \
  }                                                                                                             \
  inline Tensor name(const Tensor& self, int64_t dim, bool keepdim = false, optional<ScalarType> dtype = nullopt) { \
    return self.name(dim, keepdim, dtype);                                                                      \
  }
CKPT_REDUCTION(sum)
CKPT_REDUCTION(mean)
CKPT_REDUCTION(prod)
CKPT_REDUCTION(nansum)
CKPT_REDUCTION(nanmean)
CKPT_REDUCTION(amax)
CKPT_REDUCTION(amin)
CKPT_REDUCTION(logsumexp)
CKPT_REDUCTION(norm)
CKPT_REDUCTION(std)
CKPT_REDUCTION(var)
#undef CKPT_REDUCTION

inline Tensor reshape(const Tensor& self, IntArrayRef shape) { return self.reshape(shape); }
inline Tensor flatten(const Tensor& self, int64_t start_dim = 0, int64_t end_dim = -1) { return self.flatten(start_dim, end_dim); }
inline Tensor unflatten(const Tensor& self, int64_t dim, IntArrayRef sizes) { return self.unflatten(dim, sizes); }
inline Tensor squeeze(const Tensor& self) { return self.squeeze(); }
inline Tensor squeeze(const Tensor& self, int64_t dim) { return self.squeeze(dim); }
inline Tensor unsqueeze(const Tensor& self, int64_t dim) { return self.unsqueeze(dim); }
inline Tensor t(const Tensor& self) { return self.t(); }
inline Tensor transpose(const Tensor& self, int64_t a, int64_t b) { return self.transpose(a, b); }
inline Tensor swapaxes(const Tensor& self, int64_t a, int64_t b) { return self.transpose(a, b); }
inline Tensor swapdims(const Tensor& self, int64_t a, int64_t b) { return self.transpose(a, b); }
inline Tensor permute(const Tensor& self, IntArrayRef dims) { return self.permute(dims); }
inline Tensor movedim(const Tensor& self, int64_t source, int64_t destination) { return self.movedim(source, destination); }
inline Tensor narrow(const Tensor& self, int64_t dim, int64_t start, int64_t length) { return self.narrow(dim, start, length); }
inline Tensor select(const Tensor& self, int64_t dim, int64_t index) { return self.select(dim, index); }
inline Tensor slice(const Tensor& self, int64_t dim = 0, optional<int64_t> start = nullopt, optional<int64_t> end = nullopt,
                    int64_t step = 1) {
  return self.slice(dim, start, end, step);
}
inline Tensor expand(const Tensor& self, IntArrayRef size) { return self.expand(size); }
inline Tensor repeat_interleave(const Tensor& self, int64_t repeats, optional<int64_t> dim = nullopt) {
  return self.repeat_interleave(repeats, dim);
}
inline std::vector<Tensor> chunk(const Tensor& self, int64_t chunks, int64_t dim = 0) { return self.chunk(chunks, dim); }
inline std::vector<Tensor> split(const Tensor& self, int64_t split_size, int64_t dim = 0) { return self.split(split_size, dim); }
inline std::vector<Tensor> split(const Tensor& self, IntArrayRef split_sizes, int64_t dim = 0) {
  return self.split_with_sizes(split_sizes, dim);
}
inline std::vector<Tensor> split_with_sizes(const Tensor& self, IntArrayRef split_sizes, int64_t dim = 0) {
  return self.split_with_sizes(split_sizes, dim);
}
inline std::vector<Tensor> tensor_split(const Tensor& self, int64_t sections, int64_t dim = 0) {
  return self.tensor_split(sections, dim);
}
inline std::vector<Tensor> unbind(const Tensor& self, int64_t dim = 0) { return self.unbind(dim); }
inline Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index) { return self.index_select(dim, index); }
inline Tensor gather(const Tensor& self, int64_t dim, const Tensor& index, bool sparse_grad = false) {
  return self.gather(dim, index, sparse_grad);
}
inline Tensor clone(const Tensor& self, optional<MemoryFormat> format = nullopt) { return self.clone(format); }
inline Tensor detach(const Tensor& self) { return self.detach(); }
inline Tensor flip(const Tensor& self, IntArrayRef dims) { return self.flip(dims); }
inline Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims = {}) { return self.roll(shifts, dims); }
inline Tensor tril(const Tensor& self, int64_t diagonal = 0) { return self.tril(diagonal); }
inline Tensor triu(const Tensor& self, int64_t diagonal = 0) { return self.triu(diagonal); }
inline Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value) { return self.masked_fill(mask, value); }
inline Tensor matmul(const Tensor& a, const Tensor& b) { return a.matmul(b); }
inline Tensor mm(const Tensor& a, const Tensor& b) { return a.matmul(b); }
inline Tensor bmm(const Tensor& a, const Tensor& b) { return a.matmul(b); }
inline Tensor mv(const Tensor& a, const Tensor& b) { return a.matmul(b); }
inline Tensor dot(const Tensor& a, const Tensor& b) { return a.dot(b); }
inline Tensor outer(const Tensor& a, const Tensor& b) { return a.outer(b); }
inline Tensor ger(const Tensor& a, const Tensor& b) { return a.outer(b); }
inline Tensor pow(const Tensor& self, const Scalar& exponent) { return self.pow(exponent); }
inline Tensor pow(const Tensor& self, const Tensor& exponent) { return self.pow(exponent); }
inline Tensor pow(const Scalar& base, const Tensor& exponent) {
  return exponent.like(exponent.sizes().vec(), ckptcheck_meta::promote_scalar(exponent.dtype(), base));
}
inline Tensor clamp(const Tensor& self, optional<Scalar> min = nullopt, optional<Scalar> max = nullopt) {
  return self.clamp(min, max);
}
inline Tensor clamp_min(const Tensor& self, const Scalar& min) { return self.clamp_min(min); }
inline Tensor clamp_max(const Tensor& self, const Scalar& max) { return self.clamp_max(max); }
inline Tensor softmax(const Tensor& self, int64_t dim, optional<ScalarType> dtype = nullopt) { return self.softmax(dim, dtype); }
inline Tensor log_softmax(const Tensor& self, int64_t dim, optional<ScalarType> dtype = nullopt) {
  return self.log_softmax(dim, dtype);
}
inline Tensor cumsum(const Tensor& self, int64_t dim, optional<ScalarType> dtype = nullopt) { return self.cumsum(dim, dtype); }
inline Tensor cumprod(const Tensor& self, int64_t dim, optional<ScalarType> dtype = nullopt) { return self.cumprod(dim, dtype); }
inline Tensor argmax(const Tensor& self, optional<int64_t> dim = nullopt, bool keepdim = false) { return self.argmax(dim, keepdim); }
inline Tensor argmin(const Tensor& self, optional<int64_t> dim = nullopt, bool keepdim = false) { return self.argmin(dim, keepdim); }
inline Tensor max(const Tensor& self) { return self.max(); }
inline std::tuple<Tensor, Tensor> max(const Tensor& self, int64_t dim, bool keepdim = false) { return self.max(dim, keepdim); }
inline Tensor max(const Tensor& self, const Tensor& other) { return self.max(other); }
inline Tensor maximum(const Tensor& self, const Tensor& other) { return self.max(other); }
inline Tensor min(const Tensor& self) { return self.min(); }
inline std::tuple<Tensor, Tensor> min(const Tensor& self, int64_t dim, bool keepdim = false) { return self.min(dim, keepdim); }
inline Tensor min(const Tensor& self, const Tensor& other) { return self.min(other); }
inline Tensor minimum(const Tensor& self, const Tensor& other) { return self.min(other); }
inline std::tuple<Tensor, Tensor> sort(const Tensor& self, int64_t dim = -1, bool descending = false) {
  return self.sort(dim, descending);
}
inline std::tuple<Tensor, Tensor> topk(const Tensor& self, int64_t k, int64_t dim = -1, bool largest = true, bool sorted = true) {
  return self.topk(k, dim, largest, sorted);
}
inline std::tuple<Tensor, Tensor> kthvalue(const Tensor& self, int64_t k, int64_t dim = -1, bool keepdim = false) {
  return self.kthvalue(k, dim, keepdim);
}
inline std::tuple<Tensor, Tensor> mode(const Tensor& self, int64_t dim = -1, bool keepdim = false) { return self.mode(dim, keepdim); }
inline Tensor median(const Tensor& self) { return self.median(); }
inline std::tuple<Tensor, Tensor> median(const Tensor& self, int64_t dim, bool keepdim = false) { return self.median(dim, keepdim); }
inline Tensor all(const Tensor& self) { return self.all(); }
inline Tensor any(const Tensor& self) { return self.any(); }
inline Tensor nonzero(const Tensor& self) { return self.nonzero(); }
inline bool equal(const Tensor& self, const Tensor& other) { return self.equal(other); }
inline bool allclose(const Tensor& self, const Tensor& other, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false) {
  return self.allclose(other, rtol, atol, equal_nan);
}
inline bool is_floating_point(const Tensor& self) { return self.is_floating_point(); }
inline bool is_complex(const Tensor& self) { return self.is_complex(); }
inline bool is_nonzero(const Tensor& self) { return self.item().toBool(); }
inline int64_t numel(const Tensor& self) { return self.numel(); }
inline ScalarType get_default_dtype() { return ckptcheck_meta::default_dtype(); }
inline void set_default_dtype(ScalarType dtype) { ckptcheck_meta::default_dtype() = dtype; }
inline std::vector<Tensor> broadcast_tensors(TensorList tensors) {
  std::vector<int64_t> shape;
  for (const Tensor& t : tensors) shape = ckptcheck_meta::broadcast(shape, t.sizes().vec());
  std::vector<Tensor> out;
  for (const Tensor& t : tensors) out.push_back(t.expand(shape));
  return out;
}
inline std::vector<Tensor> meshgrid(TensorList tensors, CKPT_ANY_ARGS) {
  std::vector<int64_t> shape;
  for (const Tensor& t : tensors) shape.push_back(t.numel());
  std::vector<Tensor> out;
  for (const Tensor& t : tensors) out.push_back(t.like(shape, t.dtype()));
  return out;
}

// What the analysis never needs at construction: declared so model code compiles.
std::tuple<Tensor, Tensor> std_mean(const Tensor& self, CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor> var_mean(const Tensor& self, CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor, Tensor> unique(const Tensor& self, CKPT_ANY_ARGS);
std::vector<Tensor> where(const Tensor& condition);
std::tuple<Tensor, std::tuple<Tensor, Tensor>> lstm(CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor> gru(CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor> rnn_tanh(CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor> rnn_relu(CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor> lstm_cell(CKPT_ANY_ARGS);
Tensor gru_cell(CKPT_ANY_ARGS);
Tensor rnn_tanh_cell(CKPT_ANY_ARGS);
Tensor rnn_relu_cell(CKPT_ANY_ARGS);

#define CKPT_TORCH_FUNCTION(name) Tensor name(CKPT_ANY_ARGS);
#include "api_names.def"
#undef CKPT_TORCH_FUNCTION

}  // namespace at

namespace torch {
using namespace at;
using Dtype = at::ScalarType;
// The sized spellings of the scalar types.
inline constexpr auto kUInt8 = at::kByte;
inline constexpr auto kInt8 = at::kChar;
inline constexpr auto kInt16 = at::kShort;
inline constexpr auto kInt32 = at::kInt;
inline constexpr auto kInt64 = at::kLong;
inline constexpr auto kFloat16 = at::kHalf;
inline constexpr auto kFloat32 = at::kFloat;
inline constexpr auto kFloat64 = at::kDouble;
inline constexpr auto kComplex32 = at::kComplexHalf;
inline constexpr auto kComplex64 = at::kComplexFloat;
inline constexpr auto kComplex128 = at::kComplexDouble;
}  // namespace torch

// An option of a user-defined options struct: setters that return the struct
// (for chaining), getters, and the member holding the value; `= default` may
// follow. The same contract as LibTorch's macro of this name.
#define TORCH_ARG(T, name)                                        \
 public:                                                          \
  inline auto name(const T& new_##name)->decltype(*this) {        \
    this->name##_ = new_##name;                                   \
    return *this;                                                 \
  }                                                               \
  inline auto name(T&& new_##name)->decltype(*this) {             \
    this->name##_ = std::move(new_##name);                        \
    return *this;                                                 \
  }                                                               \
  inline const T& name() const noexcept { return this->name##_; } \
  inline T& name() noexcept { return this->name##_; }             \
                                                                  \
 private:                                                         \
  T name##_
