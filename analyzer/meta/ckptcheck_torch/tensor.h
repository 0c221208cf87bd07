// Meta LibTorch, part 2: at::Tensor. A tensor is a shape, a dtype, a device,
// requires_grad and a storage identity, never data: what construction needs
// to decide what a model registers. Operations that only depend on shapes
// (views, broadcasting arithmetic, reductions, concatenation, indexing with
// slices) compute their result's shape and dtype as LibTorch does; anything
// that needs values (item(), data_ptr()) throws, and the rest of LibTorch's
// tensor API is declared with catch-all parameters (api_names.def) so that
// forward() code compiles. See c10.h for what meta LibTorch is.
#pragma once

#include "c10.h"

namespace at {

using namespace c10;
class Tensor;
class Generator {};

}  // namespace at

namespace ckptcheck_meta {

using c10::ScalarType;

// Shared by a tensor and its views, so that ties (set_) can be told apart.
struct Storage {};

struct TensorImpl {
  std::vector<int64_t> sizes;
  ScalarType dtype = c10::kFloat;
  c10::Device device{c10::kCPU};
  bool requires_grad = false;
  std::shared_ptr<Storage> storage = std::make_shared<Storage>();
  std::vector<int64_t> strides_cache;  // contiguous strides, computed on request
};

inline ScalarType& default_dtype() {
  static ScalarType type = c10::kFloat;
  return type;
}

[[noreturn]] inline void needs_data(const char* what) {
  throw c10::Error(std::string(what) +
                   " needs tensor values, which meta LibTorch does not have (ckptcheck runs the constructor on shapes "
                   "only)");
}

inline int64_t product(const std::vector<int64_t>& sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) n *= s;
  return n;
}

// A dimension index that may count from the end (-1 is the last).
inline int64_t wrap_dim(int64_t dim, int64_t rank, bool scalar_ok = true) {
  int64_t r = rank == 0 && scalar_ok ? 1 : rank;
  if (dim < -r || dim >= r)
    throw c10::IndexError(c10::str("Dimension out of range (expected to be in range of [", -r, ", ", r - 1,
                                   "], but got ", dim, ")"));
  return dim < 0 ? dim + r : dim;
}

inline std::vector<int64_t> broadcast(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  size_t n = std::max(a.size(), b.size());
  std::vector<int64_t> out(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t x = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t y = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (x != y && x != 1 && y != 1)
      throw c10::Error(c10::str("The size of tensor a (", x, ") must match the size of tensor b (", y,
                                ") at non-singleton dimension ", i));
    out[i] = x == 1 ? y : x;
  }
  return out;
}

inline int category(ScalarType t) {
  if (t == c10::kBool) return 0;
  if (c10::isIntegralType(t, false)) return 1;
  if (c10::isFloatingType(t)) return 2;
  return 3;
}

// The dtype of an operation on two tensors (torch.result_type, without the
// zero-dimensional special case).
inline ScalarType promote(ScalarType a, ScalarType b) {
  if (a == b) return a;
  if (category(a) != category(b)) return category(a) > category(b) ? a : b;
  if ((a == c10::kHalf && b == c10::kBFloat16) || (a == c10::kBFloat16 && b == c10::kHalf)) return c10::kFloat;
  return c10::elementSize(a) >= c10::elementSize(b) ? a : b;
}

// A tensor with a Scalar: the scalar only changes the category.
inline ScalarType promote_scalar(ScalarType t, const c10::Scalar& s) {
  if (s.isFloatingPoint() && category(t) < 2) return default_dtype();
  if (s.isIntegral(false) && t == c10::kBool) return c10::kLong;
  return t;
}

// Sizes for view/reshape, with one -1 inferred.
inline std::vector<int64_t> infer_size(c10::IntArrayRef shape, int64_t numel) {
  std::vector<int64_t> out = shape.vec();
  int64_t known = 1;
  std::optional<size_t> infer;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == -1) {
      if (infer) throw c10::Error("only one dimension can be inferred");
      infer = i;
    } else if (out[i] < 0) {
      throw c10::Error(c10::str("invalid shape dimension ", out[i]));
    } else {
      known *= out[i];
    }
  }
  if (infer) {
    if (known == 0 || numel % known != 0)
      throw c10::Error(c10::str("shape '", shape, "' is invalid for input of size ", numel));
    out[*infer] = numel / known;
  } else if (known != numel) {
    throw c10::Error(c10::str("shape '", shape, "' is invalid for input of size ", numel));
  }
  return out;
}

inline std::vector<int64_t> reduced(const std::vector<int64_t>& sizes, c10::IntArrayRef dims, bool keepdim) {
  std::vector<bool> gone(sizes.size(), false);
  for (int64_t d : dims) gone[static_cast<size_t>(wrap_dim(d, static_cast<int64_t>(sizes.size())))] = true;
  std::vector<int64_t> out;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (!gone[i]) out.push_back(sizes[i]);
    else if (keepdim) out.push_back(1);
  }
  return out;
}

inline void check_sizes(c10::IntArrayRef sizes) {
  for (int64_t s : sizes)
    if (s < 0) throw c10::Error(c10::str("Trying to create tensor with negative dimension ", s, ": ", sizes));
}

// Depth of built-in layer construction under way: registrations a built-in
// layer makes for itself (LinearImpl's weight) are told from the model's own.
inline int& builtin_depth() {
  static int depth = 0;
  return depth;
}
struct BuiltinScope {
  BuiltinScope() { ++builtin_depth(); }
  ~BuiltinScope() { --builtin_depth(); }
  BuiltinScope(const BuiltinScope&) = delete;
  BuiltinScope& operator=(const BuiltinScope&) = delete;
};

}  // namespace ckptcheck_meta

namespace at {

namespace indexing {
struct EllipsisIndexType {};
inline constexpr EllipsisIndexType Ellipsis{};
inline constexpr c10::nullopt_t None = c10::nullopt;
struct Slice {
  Slice(optional<int64_t> start = nullopt, optional<int64_t> stop = nullopt, optional<int64_t> step = nullopt)
      : start(start), stop(stop), step(step.value_or(1)) {}
  optional<int64_t> start, stop;
  int64_t step;
};
class TensorIndex;
}  // namespace indexing

template <typename T, size_t N>
class TensorAccessor {
 public:
  TensorAccessor<T, N - 1> operator[](int64_t) { ckptcheck_meta::needs_data("TensorAccessor"); }
  int64_t size(int64_t) const { ckptcheck_meta::needs_data("TensorAccessor"); }
};
template <typename T>
class TensorAccessor<T, 1> {
 public:
  T& operator[](int64_t) { ckptcheck_meta::needs_data("TensorAccessor"); }
  int64_t size(int64_t) const { ckptcheck_meta::needs_data("TensorAccessor"); }
};

class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(std::shared_ptr<ckptcheck_meta::TensorImpl> impl) : impl_(std::move(impl)) {}
  Tensor(const Tensor&) = default;
  Tensor(Tensor&&) noexcept = default;
  Tensor& operator=(const Tensor& other) & = default;
  Tensor& operator=(Tensor&& other) & = default;
  // Assigning to a temporary (a view) writes values: nothing changes here.
  Tensor& operator=(const Tensor&) && { return *this; }
  Tensor& operator=(const Scalar&) && { return *this; }
  Tensor& operator=(const Scalar&) & { return *this; }

  // ---- what it is ----
  int64_t size(int64_t dim) const { return sizes_vec()[static_cast<size_t>(ckptcheck_meta::wrap_dim(dim, this->dim(), false))]; }
  IntArrayRef sizes() const { return IntArrayRef(impl().sizes); }
  int64_t dim() const { return static_cast<int64_t>(impl().sizes.size()); }
  int64_t ndimension() const { return dim(); }
  int64_t numel() const { return ckptcheck_meta::product(impl().sizes); }
  int64_t nelement() const { return numel(); }
  int64_t element_size() const { return static_cast<int64_t>(elementSize(scalar_type())); }
  size_t nbytes() const { return static_cast<size_t>(numel() * element_size()); }
  size_t itemsize() const { return static_cast<size_t>(element_size()); }
  int64_t stride(int64_t dim) const { return strides()[static_cast<size_t>(ckptcheck_meta::wrap_dim(dim, this->dim(), false))]; }
  IntArrayRef strides() const {
    auto& s = impl_->strides_cache;
    s.assign(impl().sizes.size(), 1);
    for (size_t i = s.size(); i-- > 1;) s[i - 1] = s[i] * std::max<int64_t>(impl_->sizes[i], 1);
    return IntArrayRef(s);
  }
  int64_t storage_offset() const { return 0; }
  ScalarType scalar_type() const { return impl().dtype; }
  ScalarType dtype() const { return impl().dtype; }
  TensorOptions options() const { return TensorOptions().dtype(dtype()).device(device()).requires_grad(requires_grad()); }
  Device device() const { return impl().device; }
  int64_t get_device() const { return device().is_cuda() ? std::max<int64_t>(device().index(), 0) : -1; }
  bool is_cuda() const { return device().is_cuda(); }
  bool is_cpu() const { return device().is_cpu(); }
  bool defined() const { return impl_ != nullptr; }
  bool requires_grad() const { return impl().requires_grad; }
  bool is_contiguous(MemoryFormat = MemoryFormat::Contiguous) const { return true; }
  bool is_floating_point() const { return isFloatingType(dtype()); }
  bool is_complex() const { return isComplexType(dtype()); }
  bool is_signed() const { return dtype() != kByte && dtype() != kBool; }
  bool is_leaf() const { return true; }
  bool is_sparse() const { return false; }
  bool is_quantized() const { return false; }
  bool is_pinned(optional<Device> = nullopt) const { return false; }
  bool is_shared() const { return false; }
  bool is_same(const Tensor& other) const noexcept { return impl_ == other.impl_; }
  bool is_view() const { return false; }
  bool is_meta() const { return false; }
  bool is_mkldnn() const { return false; }
  bool is_nested() const { return false; }
  bool has_storage() const { return defined(); }
  bool retains_grad() const { return false; }
  int64_t output_nr() const { return 0; }
  int64_t _version() const { return 0; }
  bool equal(const Tensor&) const { ckptcheck_meta::needs_data("Tensor::equal"); }
  bool allclose(const Tensor&, double = 1e-05, double = 1e-08, bool = false) const {
    ckptcheck_meta::needs_data("Tensor::allclose");
  }
  Scalar item() const { ckptcheck_meta::needs_data("Tensor::item"); }
  template <typename T>
  T item() const {
    ckptcheck_meta::needs_data("Tensor::item");
  }
  template <typename T>
  T* data_ptr() const {
    ckptcheck_meta::needs_data("Tensor::data_ptr");
  }
  void* data_ptr() const { ckptcheck_meta::needs_data("Tensor::data_ptr"); }
  template <typename T, size_t N>
  TensorAccessor<T, N> accessor() const& {
    ckptcheck_meta::needs_data("Tensor::accessor");
  }
  std::string toString() const { return str(dtype(), sizes()); }
  void print() const { std::cout << toString() << '\n'; }
  const std::shared_ptr<ckptcheck_meta::Storage>& ckptcheck_storage() const { return impl().storage; }

  // ---- new tensors of another dtype, device or shape ----
  Tensor to(ScalarType dtype, bool = false, bool copy = false, optional<MemoryFormat> = nullopt) const {
    if (dtype == this->dtype() && !copy) return *this;
    return like(impl().sizes, dtype);
  }
  Tensor to(Device device, ScalarType dtype, bool non_blocking = false, bool copy = false,
            optional<MemoryFormat> = nullopt) const {
    Tensor t = to(dtype, non_blocking, copy);
    t.impl_->device = device;
    return t;
  }
  Tensor to(Device device, bool = false, bool = false, optional<MemoryFormat> = nullopt) const {
    if (device == this->device()) return *this;
    Tensor t = like(impl().sizes, dtype());
    t.impl_->device = device;
    return t;
  }
  Tensor to(TensorOptions options, bool non_blocking = false, bool copy = false,
            optional<MemoryFormat> = nullopt) const {
    Tensor t = options.has_dtype() ? to(options.dtype(), non_blocking, copy) : *this;
    return options.has_device() ? t.to(options.device()) : t;
  }
  Tensor to(const Tensor& other, bool non_blocking = false, bool copy = false,
            optional<MemoryFormat> = nullopt) const {
    return to(other.device(), other.dtype(), non_blocking, copy);
  }
  Tensor type(ScalarType dtype) const { return to(dtype); }
  Tensor toType(ScalarType dtype) const { return to(dtype); }
  Tensor cpu() const { return to(Device(kCPU)); }
  Tensor cuda() const { return to(Device(kCUDA)); }
  Tensor view(IntArrayRef size) const { return alias(ckptcheck_meta::infer_size(size, numel())); }
  Tensor view(ScalarType dtype) const {
    std::vector<int64_t> s = impl().sizes;
    if (!s.empty()) s.back() = s.back() * static_cast<int64_t>(elementSize(this->dtype())) / static_cast<int64_t>(elementSize(dtype));
    Tensor t = alias(s);
    t.impl_->dtype = dtype;
    return t;
  }
  Tensor view_as(const Tensor& other) const { return view(other.sizes()); }
  Tensor reshape(IntArrayRef shape) const { return view(shape); }
  Tensor reshape_as(const Tensor& other) const { return view(other.sizes()); }
  Tensor flatten(int64_t start_dim = 0, int64_t end_dim = -1) const {
    if (dim() == 0) return alias({1});
    int64_t s = ckptcheck_meta::wrap_dim(start_dim, dim()), e = ckptcheck_meta::wrap_dim(end_dim, dim());
    TORCH_CHECK(s <= e, "flatten() has invalid args: start_dim cannot come after end_dim");
    std::vector<int64_t> out(impl().sizes.begin(), impl().sizes.begin() + s);
    int64_t n = 1;
    for (int64_t i = s; i <= e; ++i) n *= impl().sizes[static_cast<size_t>(i)];
    out.push_back(n);
    out.insert(out.end(), impl().sizes.begin() + e + 1, impl().sizes.end());
    return alias(out);
  }
  Tensor unflatten(int64_t dim, IntArrayRef sizes) const {
    int64_t d = ckptcheck_meta::wrap_dim(dim, this->dim());
    std::vector<int64_t> inner = ckptcheck_meta::infer_size(sizes, size(d));
    std::vector<int64_t> out(impl().sizes.begin(), impl().sizes.begin() + d);
    out.insert(out.end(), inner.begin(), inner.end());
    out.insert(out.end(), impl().sizes.begin() + d + 1, impl().sizes.end());
    return alias(out);
  }
  Tensor squeeze() const {
    std::vector<int64_t> out;
    for (int64_t s : impl().sizes)
      if (s != 1) out.push_back(s);
    return alias(out);
  }
  Tensor squeeze(int64_t dim) const {
    if (this->dim() == 0) return *this;
    int64_t d = ckptcheck_meta::wrap_dim(dim, this->dim());
    std::vector<int64_t> out = impl().sizes;
    if (out[static_cast<size_t>(d)] == 1) out.erase(out.begin() + d);
    return alias(out);
  }
  Tensor unsqueeze(int64_t dim) const {
    int64_t d = ckptcheck_meta::wrap_dim(dim, this->dim() + 1);
    std::vector<int64_t> out = impl().sizes;
    out.insert(out.begin() + d, 1);
    return alias(out);
  }
  Tensor t() const {
    TORCH_CHECK(dim() <= 2, "t() expects a tensor with <= 2 dimensions, but self is ", dim(), "D");
    return dim() < 2 ? *this : transpose(0, 1);
  }
  Tensor transpose(int64_t a, int64_t b) const {
    std::vector<int64_t> out = impl().sizes;
    if (out.empty()) return *this;
    std::swap(out[static_cast<size_t>(ckptcheck_meta::wrap_dim(a, dim()))],
              out[static_cast<size_t>(ckptcheck_meta::wrap_dim(b, dim()))]);
    return alias(out);
  }
  Tensor swapaxes(int64_t a, int64_t b) const { return transpose(a, b); }
  Tensor swapdims(int64_t a, int64_t b) const { return transpose(a, b); }
  Tensor mT() const { return transpose(-2, -1); }
  Tensor permute(IntArrayRef dims) const {
    TORCH_CHECK(static_cast<int64_t>(dims.size()) == dim(), "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ", dim(), " is not equal to len(dims) = ", dims.size());
    std::vector<int64_t> out;
    for (int64_t d : dims) out.push_back(impl().sizes[static_cast<size_t>(ckptcheck_meta::wrap_dim(d, dim()))]);
    return alias(out);
  }
  Tensor movedim(int64_t source, int64_t destination) const {
    std::vector<int64_t> out = impl().sizes;
    int64_t s = ckptcheck_meta::wrap_dim(source, dim()), d = ckptcheck_meta::wrap_dim(destination, dim());
    int64_t v = out[static_cast<size_t>(s)];
    out.erase(out.begin() + s);
    out.insert(out.begin() + d, v);
    return alias(out);
  }
  Tensor expand(IntArrayRef size, bool = false) const {
    TORCH_CHECK(static_cast<int64_t>(size.size()) >= dim(), "expand: the number of sizes provided (", size.size(),
                ") must be greater or equal to the number of dimensions in the tensor (", dim(), ")");
    std::vector<int64_t> out = size.vec();
    size_t lead = out.size() - impl().sizes.size();
    for (size_t i = 0; i < impl().sizes.size(); ++i) {
      int64_t have = impl().sizes[i];
      int64_t& want = out[lead + i];
      if (want == -1) want = have;
      TORCH_CHECK(have == want || have == 1, "The expanded size of the tensor (", want,
                  ") must match the existing size (", have, ") at non-singleton dimension ", lead + i);
    }
    return alias(out);
  }
  Tensor expand_as(const Tensor& other) const { return expand(other.sizes()); }
  Tensor repeat(IntArrayRef repeats) const {
    TORCH_CHECK(static_cast<int64_t>(repeats.size()) >= dim(), "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
    std::vector<int64_t> out = repeats.vec();
    size_t lead = out.size() - impl().sizes.size();
    for (size_t i = 0; i < impl().sizes.size(); ++i) out[lead + i] *= impl().sizes[i];
    return like(out, dtype());
  }
  Tensor repeat_interleave(int64_t repeats, optional<int64_t> dim = nullopt) const {
    if (!dim) return like({numel() * repeats}, dtype());
    std::vector<int64_t> out = impl().sizes;
    out[static_cast<size_t>(ckptcheck_meta::wrap_dim(*dim, this->dim()))] *= repeats;
    return like(out, dtype());
  }
  Tensor narrow(int64_t dim, int64_t start, int64_t length) const {
    int64_t d = ckptcheck_meta::wrap_dim(dim, this->dim());
    TORCH_CHECK(length >= 0 && start + length <= size(d), "start (", start, ") + length (", length,
                ") exceeds dimension size (", size(d), ").");
    std::vector<int64_t> out = impl().sizes;
    out[static_cast<size_t>(d)] = length;
    return alias(out);
  }
  Tensor select(int64_t dim, int64_t index) const {
    int64_t d = ckptcheck_meta::wrap_dim(dim, this->dim());
    TORCH_CHECK(index >= -size(d) && index < size(d), "select(): index ", index, " out of range for tensor of size ",
                sizes(), " at dimension ", d);
    std::vector<int64_t> out = impl().sizes;
    out.erase(out.begin() + d);
    return alias(out);
  }
  Tensor slice(int64_t dim = 0, optional<int64_t> start = nullopt, optional<int64_t> end = nullopt,
               int64_t step = 1) const {
    int64_t d = ckptcheck_meta::wrap_dim(dim, this->dim());
    std::vector<int64_t> out = impl().sizes;
    out[static_cast<size_t>(d)] = slice_length(size(d), start, end, step);
    return alias(out);
  }
  std::vector<Tensor> chunk(int64_t chunks, int64_t dim = 0) const {
    TORCH_CHECK(chunks > 0, "chunk expects `chunks` to be greater than 0, got: ", chunks);
    int64_t d = ckptcheck_meta::wrap_dim(dim, this->dim());
    int64_t piece = (size(d) + chunks - 1) / chunks;
    return split(piece == 0 ? 1 : piece, d);
  }
  std::vector<Tensor> split(int64_t split_size, int64_t dim = 0) const {
    int64_t d = ckptcheck_meta::wrap_dim(dim, this->dim());
    std::vector<int64_t> sizes;
    for (int64_t at = 0; at < size(d); at += split_size) sizes.push_back(std::min(split_size, size(d) - at));
    if (sizes.empty()) sizes.push_back(0);
    return split_with_sizes(sizes, d);
  }
  std::vector<Tensor> split(IntArrayRef split_sizes, int64_t dim = 0) const { return split_with_sizes(split_sizes, dim); }
  std::vector<Tensor> split(std::initializer_list<int64_t> split_sizes, int64_t dim = 0) const {
    return split_with_sizes(IntArrayRef(split_sizes), dim);
  }
  std::vector<Tensor> split_with_sizes(IntArrayRef split_sizes, int64_t dim = 0) const {
    int64_t d = ckptcheck_meta::wrap_dim(dim, this->dim());
    std::vector<Tensor> out;
    for (int64_t s : split_sizes) {
      std::vector<int64_t> shape = impl().sizes;
      shape[static_cast<size_t>(d)] = s;
      out.push_back(alias(shape));
    }
    return out;
  }
  std::vector<Tensor> tensor_split(int64_t sections, int64_t dim = 0) const {
    int64_t d = ckptcheck_meta::wrap_dim(dim, this->dim());
    std::vector<int64_t> sizes;
    for (int64_t i = 0; i < sections; ++i) sizes.push_back(size(d) / sections + (i < size(d) % sections ? 1 : 0));
    return split_with_sizes(sizes, d);
  }
  std::vector<Tensor> unbind(int64_t dim = 0) const {
    int64_t d = ckptcheck_meta::wrap_dim(dim, this->dim());
    return std::vector<Tensor>(static_cast<size_t>(size(d)), select(d, 0));
  }
  Tensor index(ArrayRef<indexing::TensorIndex> indices) const;
  Tensor index(std::initializer_list<indexing::TensorIndex> indices) const;
  Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices, const Tensor& rhs);
  Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices, const Scalar& v);
  Tensor& index_put_(ArrayRef<indexing::TensorIndex> indices, const Tensor& rhs);
  Tensor& index_put_(ArrayRef<indexing::TensorIndex> indices, const Scalar& v);
  Tensor index_select(int64_t dim, const Tensor& index) const {
    std::vector<int64_t> out = impl().sizes;
    if (!out.empty()) out[static_cast<size_t>(ckptcheck_meta::wrap_dim(dim, this->dim()))] = index.numel();
    return like(out, dtype());
  }
  Tensor gather(int64_t, const Tensor& index, bool = false) const { return like(index.impl().sizes, dtype()); }
  Tensor operator[](int64_t index) const { return select(0, index); }
  Tensor operator[](const Tensor& index) const {
    TORCH_CHECK(index.dtype() != kBool, "indexing with a boolean mask needs tensor values");
    std::vector<int64_t> out = index.impl().sizes;
    out.insert(out.end(), impl().sizes.begin() + 1, impl().sizes.end());
    return like(out, dtype());
  }
  Tensor contiguous(MemoryFormat = MemoryFormat::Contiguous) const { return *this; }
  Tensor clone(optional<MemoryFormat> = nullopt) const { return like(impl().sizes, dtype(), requires_grad()); }
  Tensor detach() const { return alias(impl().sizes, false); }
  Tensor& detach_() {
    impl().requires_grad = false;
    return *this;
  }
  Tensor data() const { return detach(); }
  Tensor tensor_data() const { return detach(); }
  Tensor variable_data() const { return detach(); }
  Tensor flip(IntArrayRef) const { return like(impl().sizes, dtype()); }
  Tensor roll(IntArrayRef, IntArrayRef = {}) const { return like(impl().sizes, dtype()); }
  Tensor tril(int64_t = 0) const { return like(impl().sizes, dtype()); }
  Tensor triu(int64_t = 0) const { return like(impl().sizes, dtype()); }
  Tensor masked_fill(const Tensor& mask, const Scalar&) const { return like(ckptcheck_meta::broadcast(impl().sizes, mask.impl().sizes), dtype()); }
  Tensor masked_fill(const Tensor& mask, const Tensor&) const { return like(ckptcheck_meta::broadcast(impl().sizes, mask.impl().sizes), dtype()); }
  Tensor type_as(const Tensor& other) const { return to(other.dtype()); }
  Tensor new_zeros(IntArrayRef size, TensorOptions options = {}) const { return new_like(size, options); }
  Tensor new_ones(IntArrayRef size, TensorOptions options = {}) const { return new_like(size, options); }
  Tensor new_empty(IntArrayRef size, TensorOptions options = {}) const { return new_like(size, options); }
  Tensor new_full(IntArrayRef size, const Scalar&, TensorOptions options = {}) const { return new_like(size, options); }
  Tensor new_tensor(CKPT_ANY_ARGS) const;

  // ---- state: what construction changes ----
  Tensor& set_requires_grad(bool requires_grad) {
    impl().requires_grad = requires_grad;
    return *this;
  }
  const Tensor& requires_grad_(bool requires_grad = true) const {
    impl().requires_grad = requires_grad;
    return *this;
  }
  Tensor& grad() {
    static Tensor undefined;
    return undefined;
  }
  const Tensor& grad() const {
    static Tensor undefined;
    return undefined;
  }
  void retain_grad() const {}
  // Makes this tensor share `source`'s storage, shape and dtype: how weights are tied.
  const Tensor& set_(const Tensor& source) const {
    impl().sizes = source.impl().sizes;
    impl().dtype = source.impl().dtype;
    impl().storage = source.impl().storage;
    return *this;
  }
  // Replaces the values (and with them shape and dtype), as Module::to() and clone() do.
  void set_data(const Tensor& data) const {
    impl().sizes = data.impl().sizes;
    impl().dtype = data.impl().dtype;
    impl().device = data.impl().device;
  }
  const Tensor& resize_(IntArrayRef size, optional<MemoryFormat> = nullopt) const {
    ckptcheck_meta::check_sizes(size);
    impl().sizes = size.vec();
    return *this;
  }
  const Tensor& resize_as_(const Tensor& other, optional<MemoryFormat> = nullopt) const { return resize_(other.sizes()); }
  const Tensor& squeeze_() const { return assign_shape(squeeze()); }
  const Tensor& squeeze_(int64_t dim) const { return assign_shape(squeeze(dim)); }
  const Tensor& unsqueeze_(int64_t dim) const { return assign_shape(unsqueeze(dim)); }
  const Tensor& t_() const { return assign_shape(t()); }
  const Tensor& transpose_(int64_t a, int64_t b) const { return assign_shape(transpose(a, b)); }
  const Tensor& copy_(const Tensor& src, bool = false) const {
    (void)ckptcheck_meta::broadcast(impl().sizes, src.impl().sizes);
    return *this;
  }
  Tensor& index_fill_(int64_t, const Tensor&, const Scalar&) { return *this; }
  void backward(const Tensor& = {}, optional<bool> = nullopt, bool = false, optional<ArrayRef<Tensor>> = nullopt) const {
    ckptcheck_meta::needs_data("Tensor::backward");
  }
  template <typename Hook>
  unsigned register_hook(Hook&&) const {
    return 0;
  }

  // ---- values: same shape, reductions, products ----
  std::tuple<Tensor, Tensor> max(int64_t dim, bool keepdim = false) const { return reduce_pair(dim, keepdim); }
  std::tuple<Tensor, Tensor> min(int64_t dim, bool keepdim = false) const { return reduce_pair(dim, keepdim); }
  Tensor max() const { return like({}, dtype()); }
  Tensor min() const { return like({}, dtype()); }
  Tensor max(const Tensor& other) const { return binary(other, dtype()); }
  Tensor min(const Tensor& other) const { return binary(other, dtype()); }
  std::tuple<Tensor, Tensor> sort(int64_t = -1, bool = false) const { return {like(impl().sizes, dtype()), like(impl().sizes, kLong)}; }
  std::tuple<Tensor, Tensor> topk(int64_t k, int64_t dim = -1, bool = true, bool = true) const {
    std::vector<int64_t> out = impl().sizes;
    if (!out.empty()) out[static_cast<size_t>(ckptcheck_meta::wrap_dim(dim, this->dim()))] = k;
    return {like(out, dtype()), like(out, kLong)};
  }
  std::tuple<Tensor, Tensor> kthvalue(int64_t, int64_t dim = -1, bool keepdim = false) const { return reduce_pair(dim, keepdim); }
  std::tuple<Tensor, Tensor> mode(int64_t dim = -1, bool keepdim = false) const { return reduce_pair(dim, keepdim); }
  Tensor median() const { return like({}, dtype()); }
  std::tuple<Tensor, Tensor> median(int64_t dim, bool keepdim = false) const { return reduce_pair(dim, keepdim); }
  Tensor matmul(const Tensor& other) const;
  Tensor mm(const Tensor& other) const { return matmul(other); }
  Tensor bmm(const Tensor& other) const { return matmul(other); }
  Tensor mv(const Tensor& other) const { return matmul(other); }
  Tensor dot(const Tensor& other) const { return like({}, ckptcheck_meta::promote(dtype(), other.dtype())); }
  Tensor outer(const Tensor& other) const { return like({numel(), other.numel()}, ckptcheck_meta::promote(dtype(), other.dtype())); }
  Tensor ger(const Tensor& other) const { return outer(other); }
  Tensor pow(const Scalar& exponent) const { return like(impl().sizes, ckptcheck_meta::promote_scalar(dtype(), exponent)); }
  Tensor pow(const Tensor& exponent) const { return binary(exponent, ckptcheck_meta::promote(dtype(), exponent.dtype())); }
  Tensor clamp(optional<Scalar> = nullopt, optional<Scalar> = nullopt) const { return like(impl().sizes, dtype()); }
  Tensor clamp_min(const Scalar&) const { return like(impl().sizes, dtype()); }
  Tensor clamp_max(const Scalar&) const { return like(impl().sizes, dtype()); }
  Tensor where(const Tensor& condition, const Tensor& other) const {
    return like(ckptcheck_meta::broadcast(ckptcheck_meta::broadcast(impl().sizes, condition.impl().sizes), other.impl().sizes),
                ckptcheck_meta::promote(dtype(), other.dtype()));
  }
  Tensor softmax(int64_t dim, optional<ScalarType> dtype = nullopt) const { return same(dim, dtype); }
  Tensor log_softmax(int64_t dim, optional<ScalarType> dtype = nullopt) const { return same(dim, dtype); }
  Tensor cumsum(int64_t dim, optional<ScalarType> dtype = nullopt) const { return same(dim, dtype); }
  Tensor cumprod(int64_t dim, optional<ScalarType> dtype = nullopt) const { return same(dim, dtype); }
  Tensor argmax(optional<int64_t> dim = nullopt, bool keepdim = false) const { return reduce(dim, keepdim, kLong); }
  Tensor argmin(optional<int64_t> dim = nullopt, bool keepdim = false) const { return reduce(dim, keepdim, kLong); }
  Tensor all() const { return like({}, kBool); }
  Tensor all(int64_t dim, bool keepdim = false) const { return reduce(dim, keepdim, kBool); }
  Tensor any() const { return like({}, kBool); }
  Tensor any(int64_t dim, bool keepdim = false) const { return reduce(dim, keepdim, kBool); }
  Tensor nonzero() const { ckptcheck_meta::needs_data("Tensor::nonzero"); }
  Tensor count_nonzero(optional<int64_t> dim = nullopt) const { return reduce(dim, false, kLong); }

  // Reductions over all or some dimensions: sum, mean, ... (reduce_ops below).
#define CKPT_REDUCTION(name)                                                                             \
  Tensor name(optional<ScalarType> dtype = nullopt) const { return like({}, dtype.value_or(reduce_dtype())); } \
  Tensor name(IntArrayRef dims, bool keepdim = false, optional<ScalarType> dtype = nullopt) const {        \
    return like(ckptcheck_meta::reduced(impl().sizes, dims, keepdim), dtype.value_or(reduce_dtype()));    \
  }                                                                                                     \
  Tensor name(std::initializer_list<int64_t> dims, bool keepdim = false, optional<ScalarType> dtype = nullopt) const { \
    return name(IntArrayRef(dims), keepdim, dtype);                                                     \
  }                                                                                                     \
  Tensor name(int64_t dim, bool keepdim = false, optional<ScalarType> dtype = nullopt) const {           \
    return name(IntArrayRef(dim), keepdim, dtype);                                                      \
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

  // Elementwise: the same shape; those that need a floating type promote integers.
#define CKPT_SAME_SHAPE(name) \
  Tensor name() const { return like(impl().sizes, dtype()); }
#define CKPT_FLOAT_RESULT(name) \
  Tensor name() const { return like(impl().sizes, category_float()); }
#define CKPT_INPLACE_SAME(name) \
  const Tensor& name() const { return *this; }
#include "elementwise_ops.def"
#undef CKPT_SAME_SHAPE
#undef CKPT_FLOAT_RESULT
#undef CKPT_INPLACE_SAME

  // In place with arguments (fill_, normal_, mul_, ...): values only.
#define CKPT_INPLACE(name) \
  const Tensor& name(CKPT_ANY_ARGS) const { return *this; }
#include "inplace_ops.def"
#undef CKPT_INPLACE

  // Everything else: declared so forward() compiles; calling it at
  // construction stops the run with its name.
#define CKPT_TENSOR_METHOD(name) Tensor name(CKPT_ANY_ARGS) const;
#include "api_names.def"
#undef CKPT_TENSOR_METHOD

  Tensor operator~() const { return like(impl().sizes, dtype()); }
  Tensor operator-() const { return like(impl().sizes, dtype()); }
  Tensor& operator+=(const Tensor& other) { return in_place(other); }
  Tensor& operator+=(const Scalar&) { return *this; }
  Tensor& operator-=(const Tensor& other) { return in_place(other); }
  Tensor& operator-=(const Scalar&) { return *this; }
  Tensor& operator*=(const Tensor& other) { return in_place(other); }
  Tensor& operator*=(const Scalar&) { return *this; }
  Tensor& operator/=(const Tensor& other) { return in_place(other); }
  Tensor& operator/=(const Scalar&) { return *this; }
  Tensor& operator&=(const Tensor& other) { return in_place(other); }
  Tensor& operator|=(const Tensor& other) { return in_place(other); }
  Tensor& operator^=(const Tensor& other) { return in_place(other); }

  // ---- for the operations below ----
  ckptcheck_meta::TensorImpl& impl() const {
    if (!impl_) throw Error("the tensor is undefined (a default-constructed torch::Tensor)");
    return *impl_;
  }
  // A new tensor (own storage) of this device.
  Tensor like(std::vector<int64_t> sizes, ScalarType dtype, bool requires_grad = false) const {
    auto impl = std::make_shared<ckptcheck_meta::TensorImpl>();
    impl->sizes = std::move(sizes);
    impl->dtype = dtype;
    impl->device = this->impl().device;
    impl->requires_grad = requires_grad;
    return Tensor(std::move(impl));
  }
  // A view: another shape on the same storage.
  Tensor alias(std::vector<int64_t> sizes, optional<bool> requires_grad = nullopt) const {
    auto impl = std::make_shared<ckptcheck_meta::TensorImpl>(this->impl());
    impl->sizes = std::move(sizes);
    if (requires_grad) impl->requires_grad = *requires_grad;
    return Tensor(std::move(impl));
  }
  Tensor binary(const Tensor& other, ScalarType dtype) const {
    return like(ckptcheck_meta::broadcast(impl().sizes, other.impl().sizes), dtype);
  }
  const std::vector<int64_t>& sizes_vec() const { return impl().sizes; }
  static int64_t slice_length(int64_t size, optional<int64_t> start, optional<int64_t> end, int64_t step) {
    TORCH_CHECK(step > 0, "slice step must be positive");
    int64_t s = start.value_or(0), e = end.value_or(size);
    if (s < 0) s += size;
    if (e < 0) e += size;
    s = std::clamp<int64_t>(s, 0, size);
    e = std::clamp<int64_t>(e, s, size);
    return (e - s + step - 1) / step;
  }

 private:
  ScalarType category_float() const { return ckptcheck_meta::category(dtype()) < 2 ? ckptcheck_meta::default_dtype() : dtype(); }
  ScalarType reduce_dtype() const { return ckptcheck_meta::category(dtype()) < 2 ? kLong : dtype(); }
  Tensor same(int64_t dim, optional<ScalarType> dtype) const {
    (void)ckptcheck_meta::wrap_dim(dim, this->dim());
    return like(impl().sizes, dtype.value_or(category_float()));
  }
  Tensor reduce(optional<int64_t> dim, bool keepdim, ScalarType dtype) const {
    if (!dim) return like({}, dtype);
    return like(ckptcheck_meta::reduced(impl().sizes, IntArrayRef(*dim), keepdim), dtype);
  }
  std::tuple<Tensor, Tensor> reduce_pair(int64_t dim, bool keepdim) const {
    return {reduce(dim, keepdim, dtype()), reduce(dim, keepdim, kLong)};
  }
  Tensor new_like(IntArrayRef size, TensorOptions options) const {
    ckptcheck_meta::check_sizes(size);
    return like(size.vec(), options.has_dtype() ? options.dtype() : dtype(), options.requires_grad());
  }
  Tensor& in_place(const Tensor& other) {
    (void)ckptcheck_meta::broadcast(impl().sizes, other.impl().sizes);
    return *this;
  }
  const Tensor& assign_shape(const Tensor& shaped) const {
    impl().sizes = shaped.impl().sizes;
    return *this;
  }

  std::shared_ptr<ckptcheck_meta::TensorImpl> impl_;
};

using TensorList = ArrayRef<Tensor>;
inline std::ostream& operator<<(std::ostream& out, const Tensor& t) {
  return t.defined() ? out << t.toString() : out << "[ Tensor (undefined) ]";
}

namespace indexing {
// One index in tensor.index({...}): an integer, a slice, None, an ellipsis, a
// bool or an index tensor.
class TensorIndex {
 public:
  enum class Kind { None, Ellipsis, Integer, Boolean, Slice, Tensor };
  TensorIndex(nullopt_t) : kind(Kind::None) {}
  TensorIndex(EllipsisIndexType) : kind(Kind::Ellipsis) {}
  TensorIndex(const char* text) : kind(Kind::Ellipsis) {
    TORCH_CHECK(std::strcmp(text, "...") == 0, "Expected \"...\" to represent an ellipsis index, but got \"", text, "\"");
  }
  TensorIndex(int64_t integer) : kind(Kind::Integer), integer(integer) {}
  TensorIndex(int integer) : kind(Kind::Integer), integer(integer) {}
  TensorIndex(bool boolean) : kind(Kind::Boolean), integer(boolean) {}
  TensorIndex(Slice slice) : kind(Kind::Slice), slice(slice) {}
  TensorIndex(at::Tensor tensor) : kind(Kind::Tensor), tensor(std::move(tensor)) {}
  Kind kind;
  int64_t integer = 0;
  Slice slice;
  at::Tensor tensor;
};
}  // namespace indexing

// The shape of self.index({...}) (LibTorch's applySlicing, for shapes).
inline Tensor Tensor::index(ArrayRef<indexing::TensorIndex> indices) const {
  using K = indexing::TensorIndex::Kind;
  size_t consumed = 0;
  for (const auto& i : indices) consumed += i.kind == K::Integer || i.kind == K::Slice || i.kind == K::Tensor;
  std::vector<int64_t> out;
  size_t dim = 0;
  for (const auto& i : indices) {
    switch (i.kind) {
      case K::None: out.push_back(1); break;
      case K::Boolean: out.push_back(i.integer ? 1 : 0); break;
      case K::Ellipsis:
        for (size_t n = impl().sizes.size() - consumed; n-- > 0; ++dim) out.push_back(impl().sizes.at(dim));
        break;
      case K::Integer:
        TORCH_CHECK(dim < impl().sizes.size(), "too many indices for tensor of dimension ", this->dim());
        ++dim;
        break;
      case K::Slice:
        TORCH_CHECK(dim < impl().sizes.size(), "too many indices for tensor of dimension ", this->dim());
        out.push_back(slice_length(impl().sizes[dim], i.slice.start, i.slice.stop, i.slice.step));
        ++dim;
        break;
      case K::Tensor:
        TORCH_CHECK(i.tensor.dtype() != kBool, "indexing with a boolean mask needs tensor values");
        for (int64_t s : i.tensor.sizes()) out.push_back(s);
        ++dim;
        break;
    }
  }
  for (; dim < impl().sizes.size(); ++dim) out.push_back(impl().sizes[dim]);
  return alias(out);
}
inline Tensor Tensor::index(std::initializer_list<indexing::TensorIndex> indices) const {
  return index(ArrayRef<indexing::TensorIndex>(indices));
}
inline Tensor& Tensor::index_put_(ArrayRef<indexing::TensorIndex> indices, const Tensor& rhs) {
  (void)ckptcheck_meta::broadcast(index(indices).sizes_vec(), rhs.sizes_vec());
  return *this;
}
inline Tensor& Tensor::index_put_(ArrayRef<indexing::TensorIndex> indices, const Scalar&) {
  (void)index(indices);
  return *this;
}
inline Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices, const Tensor& rhs) {
  return index_put_(ArrayRef<indexing::TensorIndex>(indices), rhs);
}
inline Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices, const Scalar& v) {
  return index_put_(ArrayRef<indexing::TensorIndex>(indices), v);
}

inline Tensor Tensor::matmul(const Tensor& other) const {
  const auto& a = impl().sizes;
  const auto& b = other.impl().sizes;
  ScalarType t = ckptcheck_meta::promote(dtype(), other.dtype());
  TORCH_CHECK(!a.empty() && !b.empty(), "both arguments to matmul need to be at least 1D");
  if (a.size() == 1 && b.size() == 1) return like({}, t);
  if (b.size() == 1) {
    TORCH_CHECK(a.back() == b[0], "size mismatch in matmul: ", sizes(), " @ ", other.sizes());
    return like(std::vector<int64_t>(a.begin(), a.end() - 1), t);
  }
  std::vector<int64_t> left = a.size() == 1 ? std::vector<int64_t>{1, a[0]} : a;
  TORCH_CHECK(left.back() == b[b.size() - 2], "mat1 and mat2 shapes cannot be multiplied (", sizes(), " and ",
              other.sizes(), ")");
  std::vector<int64_t> batch = ckptcheck_meta::broadcast(std::vector<int64_t>(left.begin(), left.end() - 2),
                                                         std::vector<int64_t>(b.begin(), b.end() - 2));
  if (a.size() != 1) batch.push_back(left[left.size() - 2]);
  batch.push_back(b.back());
  return like(batch, t);
}

// ---- operators ----------------------------------------------------------------

#define CKPT_ARITHMETIC(op)                                                                                   \
  inline Tensor operator op(const Tensor& a, const Tensor& b) {                                               \
    return a.binary(b, ckptcheck_meta::promote(a.dtype(), b.dtype()));                                        \
  }                                                                                                           \
  inline Tensor operator op(const Tensor& a, const Scalar& b) {                                               \
    return a.like(a.sizes_vec(), ckptcheck_meta::promote_scalar(a.dtype(), b));                               \
  }                                                                                                           \
  inline Tensor operator op(const Scalar& a, const Tensor& b) {                                               \
    return b.like(b.sizes_vec(), ckptcheck_meta::promote_scalar(b.dtype(), a));                               \
  }
CKPT_ARITHMETIC(+)
CKPT_ARITHMETIC(-)
CKPT_ARITHMETIC(*)
CKPT_ARITHMETIC(%)
CKPT_ARITHMETIC(&)
CKPT_ARITHMETIC(|)
CKPT_ARITHMETIC(^)
#undef CKPT_ARITHMETIC
// Division is true division: integers give the default floating type.
inline ScalarType ckptcheck_true_divide(ScalarType t) { return ckptcheck_meta::category(t) < 2 ? ckptcheck_meta::default_dtype() : t; }
inline Tensor operator/(const Tensor& a, const Tensor& b) {
  return a.binary(b, ckptcheck_true_divide(ckptcheck_meta::promote(a.dtype(), b.dtype())));
}
inline Tensor operator/(const Tensor& a, const Scalar& b) {
  return a.like(a.sizes_vec(), ckptcheck_true_divide(ckptcheck_meta::promote_scalar(a.dtype(), b)));
}
inline Tensor operator/(const Scalar& a, const Tensor& b) {
  return b.like(b.sizes_vec(), ckptcheck_true_divide(ckptcheck_meta::promote_scalar(b.dtype(), a)));
}
#define CKPT_COMPARISON(op)                                                                                 \
  inline Tensor operator op(const Tensor& a, const Tensor& b) { return a.binary(b, kBool); }               \
  inline Tensor operator op(const Tensor& a, const Scalar&) { return a.like(a.sizes_vec(), kBool); }       \
  inline Tensor operator op(const Scalar&, const Tensor& b) { return b.like(b.sizes_vec(), kBool); }
CKPT_COMPARISON(<)
CKPT_COMPARISON(>)
CKPT_COMPARISON(<=)
CKPT_COMPARISON(>=)
CKPT_COMPARISON(==)
CKPT_COMPARISON(!=)
#undef CKPT_COMPARISON

}  // namespace at
