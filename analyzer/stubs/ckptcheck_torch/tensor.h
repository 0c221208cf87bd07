// Bundled LibTorch declarations, part 1: scalar types, tensor options, sizes,
// devices and at::Tensor with its methods and free functions.
//
// ckptcheck parses these instead of LibTorch's headers when LibTorch is not
// installed. They are written for ckptcheck: declarations only, no bodies, in
// the namespaces and with the names LibTorch's C++ API uses, so the analyzer
// sees the same qualified names either way. Where the analyzer evaluates a call
// (tensor factories, dtypes, sizes) the signature follows LibTorch's; everything
// else takes catch-all arguments (ckptcheck_bundled::Arg) so that model code
// parses. See ../README.md.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace ckptcheck_bundled {

// Any argument of a LibTorch function whose exact signature the analysis does
// not need: a value of any type, or a braced list of such values.
struct Arg {
  Arg();
  template <typename T>
  Arg(const T& value);
  Arg(std::initializer_list<Arg> values);
};

}  // namespace ckptcheck_bundled

// Up to eight catch-all parameters.
#define CKPT_ANY_ARGS                                                                            \
  ::ckptcheck_bundled::Arg = {}, ::ckptcheck_bundled::Arg = {}, ::ckptcheck_bundled::Arg = {}, \
  ::ckptcheck_bundled::Arg = {}, ::ckptcheck_bundled::Arg = {}, ::ckptcheck_bundled::Arg = {}, \
  ::ckptcheck_bundled::Arg = {}, ::ckptcheck_bundled::Arg = {}

namespace c10 {

using std::nullopt;
using std::nullopt_t;
using std::optional;
using std::variant;
using std::get;
using std::get_if;
using std::holds_alternative;
using std::visit;

enum class ScalarType : int8_t {
  Byte, Char, Short, Int, Long, Half, Float, Double, ComplexHalf, ComplexFloat, ComplexDouble, Bool,
  QInt8, QUInt8, QInt32, BFloat16, QUInt4x2, QUInt2x4, Undefined, NumOptions
};
constexpr ScalarType kByte = ScalarType::Byte;
constexpr ScalarType kChar = ScalarType::Char;
constexpr ScalarType kShort = ScalarType::Short;
constexpr ScalarType kInt = ScalarType::Int;
constexpr ScalarType kLong = ScalarType::Long;
constexpr ScalarType kHalf = ScalarType::Half;
constexpr ScalarType kFloat = ScalarType::Float;
constexpr ScalarType kDouble = ScalarType::Double;
constexpr ScalarType kComplexHalf = ScalarType::ComplexHalf;
constexpr ScalarType kComplexFloat = ScalarType::ComplexFloat;
constexpr ScalarType kComplexDouble = ScalarType::ComplexDouble;
constexpr ScalarType kBool = ScalarType::Bool;
constexpr ScalarType kBFloat16 = ScalarType::BFloat16;
constexpr ScalarType kQInt8 = ScalarType::QInt8;
constexpr ScalarType kQUInt8 = ScalarType::QUInt8;
constexpr ScalarType kQInt32 = ScalarType::QInt32;

enum class DeviceType : int8_t { CPU, CUDA, MKLDNN, OPENGL, OPENCL, IDEEP, HIP, FPGA, ORT, XLA, Vulkan, Metal, XPU, MPS, Meta, HPU, VE, Lazy, IPU, PrivateUse1 };
constexpr DeviceType kCPU = DeviceType::CPU;
constexpr DeviceType kCUDA = DeviceType::CUDA;
constexpr DeviceType kHIP = DeviceType::HIP;
constexpr DeviceType kXLA = DeviceType::XLA;
constexpr DeviceType kMPS = DeviceType::MPS;
constexpr DeviceType kMeta = DeviceType::Meta;
constexpr DeviceType kVulkan = DeviceType::Vulkan;
constexpr DeviceType kXPU = DeviceType::XPU;
using DeviceIndex = int8_t;

struct Device {
  Device(DeviceType type, DeviceIndex index = -1);
  Device(const std::string& device_string);
  Device(const char* device_string);
  DeviceType type() const noexcept;
  DeviceIndex index() const noexcept;
  bool has_index() const noexcept;
  bool is_cuda() const noexcept;
  bool is_cpu() const noexcept;
  std::string str() const;
  bool operator==(const Device& other) const noexcept;
  bool operator!=(const Device& other) const noexcept;
};
std::ostream& operator<<(std::ostream& stream, const Device& device);

enum class Layout : int8_t { Strided, Sparse, SparseCsr, Mkldnn, SparseCsc, SparseBsr, SparseBsc, NumOptions };
constexpr Layout kStrided = Layout::Strided;
constexpr Layout kSparse = Layout::Sparse;

enum class MemoryFormat : int8_t { Contiguous, Preserve, ChannelsLast, ChannelsLast3d, NumOptions };

std::ostream& operator<<(std::ostream& stream, ScalarType type);

// A number of any type (torch::full's fill value, arange's bounds).
class Scalar {
 public:
  Scalar();
  template <typename T, typename = std::enable_if_t<std::is_arithmetic<T>::value>>
  Scalar(T value);
  template <typename T>
  T to() const;
  double toDouble() const;
  float toFloat() const;
  int64_t toLong() const;
  int toInt() const;
  bool toBool() const;
  bool isFloatingPoint() const;
  bool isIntegral(bool include_bool) const;
};

// A view of a contiguous list: how sizes are passed ({3, 4}).
template <typename T>
class ArrayRef {
 public:
  using iterator = const T*;
  using const_iterator = const T*;
  using value_type = T;
  ArrayRef();
  ArrayRef(const T& one_element);
  ArrayRef(const T* data, size_t length);
  ArrayRef(const T* begin, const T* end);
  template <typename A>
  ArrayRef(const std::vector<T, A>& values);
  template <size_t N>
  ArrayRef(const std::array<T, N>& values);
  template <size_t N>
  ArrayRef(const T (&values)[N]);
  ArrayRef(const std::initializer_list<T>& values);
  const T* begin() const;
  const T* end() const;
  const T* data() const;
  size_t size() const;
  bool empty() const;
  const T& front() const;
  const T& back() const;
  const T& operator[](size_t index) const;
  const T& at(size_t index) const;
  std::vector<T> vec() const;
  bool equals(ArrayRef other) const;
  ArrayRef slice(size_t start, size_t length) const;
  ArrayRef slice(size_t start) const;
  operator std::vector<T>() const;
};
using IntArrayRef = ArrayRef<int64_t>;
template <typename T>
std::ostream& operator<<(std::ostream& stream, ArrayRef<T> values);

template <typename T>
using OptionalArrayRef = optional<ArrayRef<T>>;

class TensorOptions {
 public:
  TensorOptions();
  TensorOptions(ScalarType dtype);
  TensorOptions(Device device);
  TensorOptions(DeviceType device_type);
  TensorOptions(Layout layout);
  TensorOptions(MemoryFormat memory_format);
  TensorOptions dtype(optional<ScalarType> dtype) const noexcept;
  template <typename T>
  TensorOptions dtype() const noexcept;
  TensorOptions device(optional<Device> device) const noexcept;
  TensorOptions device_index(int16_t index) const noexcept;
  TensorOptions layout(optional<Layout> layout) const noexcept;
  TensorOptions requires_grad(optional<bool> requires_grad) const noexcept;
  TensorOptions pinned_memory(optional<bool> pinned_memory) const noexcept;
  TensorOptions memory_format(optional<MemoryFormat> memory_format) const noexcept;
  ScalarType dtype() const noexcept;
  Device device() const noexcept;
  Layout layout() const noexcept;
  bool requires_grad() const noexcept;
  bool has_dtype() const noexcept;
};
TensorOptions dtype(ScalarType dtype);
template <typename T>
TensorOptions dtype();
TensorOptions device(Device device);
TensorOptions device_index(int16_t device_index);
TensorOptions layout(Layout layout);
TensorOptions requires_grad(bool requires_grad = true);
TensorOptions memory_format(MemoryFormat memory_format);

// c10::str("block", i): the concatenation of its arguments' printed forms.
template <typename... Args>
std::string str(const Args&... args);

[[noreturn]] void ckptcheck_check_failed(...);

namespace detail {
[[noreturn]] void torchCheckFail(const char* func, const char* file, uint32_t line, const std::string& msg);
[[noreturn]] void torchInternalAssertFail(const char* func, const char* file, uint32_t line, const char* cond_msg,
                                          const std::string& user_msg);
}  // namespace detail

}  // namespace c10

namespace caffe2 {
using c10::ScalarType;
}

// Checks in model code, as LibTorch's macros expand them (an if statement on
// __builtin_expect, c10/util/Exception.h), so the analysis sees the same tree;
// it reads the condition, not the message.
#define TORCH_CHECK(condition, ...)                                                                           \
  if (__builtin_expect(static_cast<bool>(!(condition)), 0)) {                                                 \
    ::c10::detail::torchCheckFail(__func__, __FILE__, static_cast<uint32_t>(__LINE__), ::c10::str(__VA_ARGS__)); \
  }
#define TORCH_INTERNAL_ASSERT(condition, ...)                                                          \
  if (__builtin_expect(static_cast<bool>(!(condition)), 0)) {                                          \
    ::c10::detail::torchInternalAssertFail(__func__, __FILE__, static_cast<uint32_t>(__LINE__), #condition, \
                                           ::c10::str(__VA_ARGS__));                                   \
  }
#define TORCH_WARN(...) ((void)0)
#define AT_ASSERT(condition, ...) TORCH_CHECK(condition, __VA_ARGS__)
#define AT_ERROR(...) ::c10::ckptcheck_check_failed(__VA_ARGS__)
#define C10_UNUSED

namespace at {

using namespace c10;
class Tensor;
class Generator {};

namespace indexing {
struct EllipsisIndexType {};
struct Slice {
  Slice(optional<int64_t> start = nullopt, optional<int64_t> stop = nullopt, optional<int64_t> step = nullopt);
};
extern const EllipsisIndexType Ellipsis;
extern const nullopt_t None;
class TensorIndex {
 public:
  TensorIndex(nullopt_t none);
  TensorIndex(EllipsisIndexType ellipsis);
  TensorIndex(const char* ellipsis);
  TensorIndex(int64_t integer);
  TensorIndex(int integer);
  TensorIndex(bool boolean);
  TensorIndex(Slice slice);
  TensorIndex(Tensor tensor);
};
}  // namespace indexing

template <typename T, size_t N>
class TensorAccessor {
 public:
  TensorAccessor<T, N - 1> operator[](int64_t index);
  int64_t size(int64_t dim) const;
};
template <typename T>
class TensorAccessor<T, 1> {
 public:
  T& operator[](int64_t index);
  int64_t size(int64_t dim) const;
};

class Tensor {
 public:
  Tensor();
  Tensor(const Tensor& other);
  Tensor(Tensor&& other) noexcept;
  Tensor& operator=(const Tensor& other) &;
  Tensor& operator=(Tensor&& other) &;
  Tensor& operator=(const Tensor& other) &&;
  Tensor& operator=(const Scalar& value) &&;
  Tensor& operator=(const Scalar& value) &;

  // What the analyzer evaluates, and what is not a Tensor.
  int64_t size(int64_t dim) const;
  IntArrayRef sizes() const;
  int64_t dim() const;
  int64_t ndimension() const;
  int64_t numel() const;
  int64_t nelement() const;
  int64_t element_size() const;
  size_t nbytes() const;
  size_t itemsize() const;
  int64_t stride(int64_t dim) const;
  IntArrayRef strides() const;
  int64_t storage_offset() const;
  ScalarType scalar_type() const;
  ScalarType dtype() const;
  TensorOptions options() const;
  Device device() const;
  int64_t get_device() const;
  bool is_cuda() const;
  bool is_cpu() const;
  bool defined() const;
  bool requires_grad() const;
  bool is_contiguous(MemoryFormat memory_format = MemoryFormat::Contiguous) const;
  bool is_floating_point() const;
  bool is_complex() const;
  bool is_signed() const;
  bool is_leaf() const;
  bool is_sparse() const;
  bool is_quantized() const;
  bool is_pinned(optional<Device> device = nullopt) const;
  bool is_shared() const;
  bool equal(const Tensor& other) const;
  bool allclose(const Tensor& other, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false) const;
  Scalar item() const;
  template <typename T>
  T item() const;
  template <typename T>
  T* data_ptr() const;
  void* data_ptr() const;
  template <typename T, size_t N>
  TensorAccessor<T, N> accessor() const&;
  std::string toString() const;
  void print() const;

  Tensor to(ScalarType dtype, bool non_blocking = false, bool copy = false,
            optional<MemoryFormat> memory_format = nullopt) const;
  Tensor to(Device device, ScalarType dtype, bool non_blocking = false, bool copy = false,
            optional<MemoryFormat> memory_format = nullopt) const;
  Tensor to(Device device, bool non_blocking = false, bool copy = false,
            optional<MemoryFormat> memory_format = nullopt) const;
  Tensor to(TensorOptions options, bool non_blocking = false, bool copy = false,
            optional<MemoryFormat> memory_format = nullopt) const;
  Tensor to(const Tensor& other, bool non_blocking = false, bool copy = false,
            optional<MemoryFormat> memory_format = nullopt) const;
  Tensor view(IntArrayRef size) const;
  Tensor view(ScalarType dtype) const;
  Tensor reshape(IntArrayRef shape) const;
  Tensor type(ScalarType dtype) const;
  Tensor& set_requires_grad(bool requires_grad);
  Tensor& requires_grad_(bool requires_grad = true) const;
  Tensor& grad();
  const Tensor& grad() const;
  Tensor data() const;
  Tensor tensor_data() const;
  Tensor variable_data() const;
  Tensor slice(int64_t dim = 0, optional<int64_t> start = nullopt, optional<int64_t> end = nullopt,
               int64_t step = 1) const;
  bool is_same(const Tensor& other) const noexcept;
  bool is_view() const;
  bool is_meta() const;
  bool is_mkldnn() const;
  bool is_nested() const;
  bool has_storage() const;
  bool retains_grad() const;
  int64_t output_nr() const;
  int64_t _version() const;
  void retain_grad() const;
  void backward(const Tensor& gradient = {}, optional<bool> retain_graph = nullopt, bool create_graph = false,
                optional<ArrayRef<Tensor>> inputs = nullopt) const;
  template <typename Hook>
  unsigned register_hook(Hook&& hook) const;
  Tensor new_tensor(CKPT_ANY_ARGS) const;

  Tensor max() const;
  std::tuple<Tensor, Tensor> max(int64_t dim, bool keepdim = false) const;
  Tensor max(const Tensor& other) const;
  Tensor min() const;
  std::tuple<Tensor, Tensor> min(int64_t dim, bool keepdim = false) const;
  Tensor min(const Tensor& other) const;
  std::tuple<Tensor, Tensor> sort(int64_t dim = -1, bool descending = false) const;
  std::tuple<Tensor, Tensor> topk(int64_t k, int64_t dim = -1, bool largest = true, bool sorted = true) const;
  std::tuple<Tensor, Tensor> kthvalue(int64_t k, int64_t dim = -1, bool keepdim = false) const;
  std::tuple<Tensor, Tensor> mode(int64_t dim = -1, bool keepdim = false) const;
  Tensor median() const;
  std::tuple<Tensor, Tensor> median(int64_t dim, bool keepdim = false) const;
  std::vector<Tensor> chunk(int64_t chunks, int64_t dim = 0) const;
  std::vector<Tensor> split(::ckptcheck_bundled::Arg split_size, int64_t dim = 0) const;
  std::vector<Tensor> tensor_split(::ckptcheck_bundled::Arg sections, int64_t dim = 0) const;
  std::vector<Tensor> unbind(int64_t dim = 0) const;
  Tensor index(ArrayRef<indexing::TensorIndex> indices) const;
  Tensor index(std::initializer_list<indexing::TensorIndex> indices) const;
  Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices, const Tensor& rhs);
  Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices, const Scalar& v);
  Tensor& index_put_(ArrayRef<indexing::TensorIndex> indices, const Tensor& rhs);

  // Everything else: a Tensor from any arguments.
#define CKPT_TENSOR_METHOD(name) Tensor name(CKPT_ANY_ARGS) const;
#include "api_names.def"
#undef CKPT_TENSOR_METHOD

  Tensor operator[](int64_t index) const;
  Tensor operator[](const Tensor& index) const;
  Tensor operator~() const;
  Tensor operator-() const;
  Tensor& operator+=(const Tensor& other);
  Tensor& operator+=(const Scalar& other);
  Tensor& operator-=(const Tensor& other);
  Tensor& operator-=(const Scalar& other);
  Tensor& operator*=(const Tensor& other);
  Tensor& operator*=(const Scalar& other);
  Tensor& operator/=(const Tensor& other);
  Tensor& operator/=(const Scalar& other);
  Tensor& operator&=(const Tensor& other);
  Tensor& operator|=(const Tensor& other);
  Tensor& operator^=(const Tensor& other);
};

#define CKPT_TENSOR_BINARY_OPERATOR(op)                  \
  Tensor operator op(const Tensor& a, const Tensor& b); \
  Tensor operator op(const Tensor& a, const Scalar& b); \
  Tensor operator op(const Scalar& a, const Tensor& b);
CKPT_TENSOR_BINARY_OPERATOR(+)
CKPT_TENSOR_BINARY_OPERATOR(-)
CKPT_TENSOR_BINARY_OPERATOR(*)
CKPT_TENSOR_BINARY_OPERATOR(/)
CKPT_TENSOR_BINARY_OPERATOR(%)
CKPT_TENSOR_BINARY_OPERATOR(&)
CKPT_TENSOR_BINARY_OPERATOR(|)
CKPT_TENSOR_BINARY_OPERATOR(^)
CKPT_TENSOR_BINARY_OPERATOR(<)
CKPT_TENSOR_BINARY_OPERATOR(>)
CKPT_TENSOR_BINARY_OPERATOR(<=)
CKPT_TENSOR_BINARY_OPERATOR(>=)
CKPT_TENSOR_BINARY_OPERATOR(==)
CKPT_TENSOR_BINARY_OPERATOR(!=)
#undef CKPT_TENSOR_BINARY_OPERATOR
std::ostream& operator<<(std::ostream& stream, const Tensor& tensor);

using TensorList = ArrayRef<Tensor>;

// Free functions: a Tensor from any arguments, except those below.
#define CKPT_TORCH_FUNCTION(name) Tensor name(CKPT_ANY_ARGS);
#include "api_names.def"
#undef CKPT_TORCH_FUNCTION

Tensor tensor(::ckptcheck_bundled::Arg values, TensorOptions options = {});
Tensor slice(const Tensor& self, int64_t dim = 0, optional<int64_t> start = nullopt, optional<int64_t> end = nullopt,
             int64_t step = 1);
Tensor from_blob(void* data, IntArrayRef sizes, const TensorOptions& options = {});
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides, const TensorOptions& options = {});
Tensor max(const Tensor& self);
std::tuple<Tensor, Tensor> max(const Tensor& self, int64_t dim, bool keepdim = false);
Tensor max(const Tensor& self, const Tensor& other);
Tensor min(const Tensor& self);
std::tuple<Tensor, Tensor> min(const Tensor& self, int64_t dim, bool keepdim = false);
Tensor min(const Tensor& self, const Tensor& other);
std::tuple<Tensor, Tensor> sort(const Tensor& self, int64_t dim = -1, bool descending = false);
std::tuple<Tensor, Tensor> topk(const Tensor& self, int64_t k, int64_t dim = -1, bool largest = true, bool sorted = true);
std::tuple<Tensor, Tensor> kthvalue(const Tensor& self, int64_t k, int64_t dim = -1, bool keepdim = false);
std::tuple<Tensor, Tensor> mode(const Tensor& self, int64_t dim = -1, bool keepdim = false);
Tensor median(const Tensor& self);
std::tuple<Tensor, Tensor> median(const Tensor& self, int64_t dim, bool keepdim = false);
std::tuple<Tensor, Tensor> std_mean(const Tensor& self, CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor> var_mean(const Tensor& self, CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor, Tensor> unique(const Tensor& self, CKPT_ANY_ARGS);
std::vector<Tensor> chunk(const Tensor& self, int64_t chunks, int64_t dim = 0);
std::vector<Tensor> split(const Tensor& self, ::ckptcheck_bundled::Arg split_size, int64_t dim = 0);
std::vector<Tensor> tensor_split(const Tensor& self, ::ckptcheck_bundled::Arg sections, int64_t dim = 0);
std::vector<Tensor> unbind(const Tensor& self, int64_t dim = 0);
std::vector<Tensor> meshgrid(TensorList tensors, CKPT_ANY_ARGS);
std::vector<Tensor> broadcast_tensors(TensorList tensors);
std::vector<Tensor> where(const Tensor& condition);
Tensor where(const Tensor& condition, ::ckptcheck_bundled::Arg self, ::ckptcheck_bundled::Arg other);
Tensor nonzero(const Tensor& self);
bool equal(const Tensor& self, const Tensor& other);
bool allclose(const Tensor& self, const Tensor& other, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false);
bool is_floating_point(const Tensor& self);
bool is_complex(const Tensor& self);
bool is_nonzero(const Tensor& self);
int64_t numel(const Tensor& self);
std::tuple<Tensor, std::tuple<Tensor, Tensor>> lstm(CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor> gru(CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor> rnn_tanh(CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor> rnn_relu(CKPT_ANY_ARGS);
std::tuple<Tensor, Tensor> lstm_cell(CKPT_ANY_ARGS);
Tensor gru_cell(CKPT_ANY_ARGS);
Tensor rnn_tanh_cell(CKPT_ANY_ARGS);
Tensor rnn_relu_cell(CKPT_ANY_ARGS);
ScalarType get_default_dtype();
void set_default_dtype(ScalarType dtype);

// Factories with LibTorch's signatures: the analyzer reads their sizes and dtypes.
Tensor zeros(IntArrayRef size, TensorOptions options = {});
Tensor ones(IntArrayRef size, TensorOptions options = {});
Tensor empty(IntArrayRef size, TensorOptions options = {}, optional<MemoryFormat> memory_format = nullopt);
Tensor rand(IntArrayRef size, TensorOptions options = {});
Tensor rand(IntArrayRef size, optional<Generator> generator, TensorOptions options = {});
Tensor randn(IntArrayRef size, TensorOptions options = {});
Tensor randn(IntArrayRef size, optional<Generator> generator, TensorOptions options = {});
Tensor full(IntArrayRef size, const Scalar& fill_value, TensorOptions options = {});
Tensor randint(int64_t high, IntArrayRef size, TensorOptions options = at::kLong);
Tensor randint(int64_t low, int64_t high, IntArrayRef size, TensorOptions options = at::kLong);
Tensor eye(int64_t n, TensorOptions options = {});
Tensor eye(int64_t n, int64_t m, TensorOptions options = {});
Tensor arange(const Scalar& end, TensorOptions options = {});
Tensor arange(const Scalar& start, const Scalar& end, TensorOptions options = {});
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step, TensorOptions options = {});
Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps, TensorOptions options = {});
Tensor logspace(const Scalar& start, const Scalar& end, int64_t steps, double base = 10.0, TensorOptions options = {});
Tensor empty_strided(IntArrayRef size, IntArrayRef stride, TensorOptions options = {});
Tensor zeros_like(const Tensor& self, TensorOptions options = {}, optional<MemoryFormat> memory_format = nullopt);
Tensor ones_like(const Tensor& self, TensorOptions options = {}, optional<MemoryFormat> memory_format = nullopt);
Tensor empty_like(const Tensor& self, TensorOptions options = {}, optional<MemoryFormat> memory_format = nullopt);
Tensor rand_like(const Tensor& self, TensorOptions options = {}, optional<MemoryFormat> memory_format = nullopt);
Tensor randn_like(const Tensor& self, TensorOptions options = {}, optional<MemoryFormat> memory_format = nullopt);
Tensor full_like(const Tensor& self, const Scalar& fill_value, TensorOptions options = {},
                 optional<MemoryFormat> memory_format = nullopt);

}  // namespace at

namespace torch {
using namespace at;
using Dtype = at::ScalarType;
// The sized spellings of the scalar types.
constexpr auto kUInt8 = at::kByte;
constexpr auto kInt8 = at::kChar;
constexpr auto kInt16 = at::kShort;
constexpr auto kInt32 = at::kInt;
constexpr auto kInt64 = at::kLong;
constexpr auto kFloat16 = at::kHalf;
constexpr auto kFloat32 = at::kFloat;
constexpr auto kFloat64 = at::kDouble;
constexpr auto kComplex32 = at::kComplexHalf;
constexpr auto kComplex64 = at::kComplexFloat;
constexpr auto kComplex128 = at::kComplexDouble;
}  // namespace torch

// An option of a user-defined options struct: setters that return the struct
// (for chaining), getters, and the member holding the value; `= default` may
// follow. The same contract as LibTorch's macro of this name.
#define TORCH_ARG(T, name)                                   \
 public:                                                     \
  inline auto name(const T& new_##name)->decltype(*this) {   \
    this->name##_ = new_##name;                              \
    return *this;                                            \
  }                                                          \
  inline auto name(T&& new_##name)->decltype(*this) {        \
    this->name##_ = std::move(new_##name);                   \
    return *this;                                            \
  }                                                          \
  inline const T& name() const noexcept { return this->name##_; } \
  inline T& name() noexcept { return this->name##_; }        \
                                                             \
 private:                                                    \
  T name##_
