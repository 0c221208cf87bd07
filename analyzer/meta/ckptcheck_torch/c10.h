// Meta LibTorch, part 1: the c10 vocabulary (scalar types, devices, Scalar,
// ArrayRef, TensorOptions, c10::str, c10::Error and the TORCH_CHECK family).
//
// Meta LibTorch is ckptcheck's own implementation of the part of LibTorch's
// C++ API that model constructors use, with LibTorch's names and signatures:
// tensors carry a shape, a dtype and requires_grad, never data. The analyzer
// compiles a model against it and runs the model's constructor to learn
// exactly what named_parameters(), named_buffers() and named_modules() list.
// It is written for ckptcheck; nothing is copied from LibTorch. See
// analyzer/meta/README.md.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
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
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "host.h"

namespace ckptcheck_bundled {

// Any argument of a LibTorch function that construction never needs: a value
// of any type, or a braced list of such values. The functions taking these
// are declared without a body; calling one at construction time stops the run
// with the function's name (the analyzer resolves them to a trap).
struct Arg {
  Arg() {}
  template <typename T>
  Arg(const T&) {}
  Arg(std::initializer_list<Arg>) {}
};

}  // namespace ckptcheck_bundled

// Up to eight catch-all parameters.
#define CKPT_ANY_ARGS                                                                            \
  ::ckptcheck_bundled::Arg = {}, ::ckptcheck_bundled::Arg = {}, ::ckptcheck_bundled::Arg = {}, \
  ::ckptcheck_bundled::Arg = {}, ::ckptcheck_bundled::Arg = {}, ::ckptcheck_bundled::Arg = {}, \
  ::ckptcheck_bundled::Arg = {}, ::ckptcheck_bundled::Arg = {}

namespace c10 {

using std::get;
using std::get_if;
using std::holds_alternative;
using std::nullopt;
using std::nullopt_t;
using std::optional;
using std::variant;
using std::visit;
using std::make_optional;

// ---- errors ------------------------------------------------------------------

class Error : public std::exception {
 public:
  explicit Error(std::string message) : message_(std::move(message)) {}
  const char* what() const noexcept override { return message_.c_str(); }
  const std::string& msg() const { return message_; }

 private:
  std::string message_;
};
struct IndexError : Error {
  using Error::Error;
};
struct ValueError : Error {
  using Error::Error;
};
struct TypeError : Error {
  using Error::Error;
};
struct NotImplementedError : Error {
  using Error::Error;
};

namespace detail {
inline void print_all(std::ostream&) {}
template <typename T, typename... Rest>
void print_all(std::ostream& out, const T& first, const Rest&... rest) {
  out << first;
  print_all(out, rest...);
}
}  // namespace detail

// c10::str("block", i): the concatenation of its arguments' printed forms.
template <typename... Args>
std::string str(const Args&... args) {
  std::ostringstream out;
  detail::print_all(out, args...);
  return out.str();
}

template <typename T>
std::string to_string(T value) {
  return std::to_string(value);
}

namespace detail {
[[noreturn]] inline void torchCheckFail(const char* func, const char* file, uint32_t line, const std::string& msg) {
  throw Error(msg.empty() ? str("check failed in ", func, " (", file, ":", line, ")") : msg);
}
[[noreturn]] inline void torchInternalAssertFail(const char* func, const char* file, uint32_t line,
                                                 const char* cond_msg, const std::string& user_msg) {
  throw Error(str("internal assert failed: ", cond_msg, user_msg.empty() ? "" : ": ", user_msg));
}
inline void torchWarn(const std::string& message) {
  ckptcheck_emit_warning(message.c_str(), ckptcheck_call_site(__builtin_frame_address(0)));
}
}  // namespace detail

[[noreturn]] inline void ckptcheck_check_failed(const std::string& message) { throw Error(message); }

// ---- scalar types, devices, layouts ----------------------------------------------

enum class ScalarType : int8_t {
  Byte, Char, Short, Int, Long, Half, Float, Double, ComplexHalf, ComplexFloat, ComplexDouble, Bool,
  QInt8, QUInt8, QInt32, BFloat16, QUInt4x2, QUInt2x4, Undefined, NumOptions
};
inline constexpr ScalarType kByte = ScalarType::Byte;
inline constexpr ScalarType kChar = ScalarType::Char;
inline constexpr ScalarType kShort = ScalarType::Short;
inline constexpr ScalarType kInt = ScalarType::Int;
inline constexpr ScalarType kLong = ScalarType::Long;
inline constexpr ScalarType kHalf = ScalarType::Half;
inline constexpr ScalarType kFloat = ScalarType::Float;
inline constexpr ScalarType kDouble = ScalarType::Double;
inline constexpr ScalarType kComplexHalf = ScalarType::ComplexHalf;
inline constexpr ScalarType kComplexFloat = ScalarType::ComplexFloat;
inline constexpr ScalarType kComplexDouble = ScalarType::ComplexDouble;
inline constexpr ScalarType kBool = ScalarType::Bool;
inline constexpr ScalarType kBFloat16 = ScalarType::BFloat16;
inline constexpr ScalarType kQInt8 = ScalarType::QInt8;
inline constexpr ScalarType kQUInt8 = ScalarType::QUInt8;
inline constexpr ScalarType kQInt32 = ScalarType::QInt32;

// torch's Python names, which the ModelSpec uses.
inline const char* dtype_name(ScalarType t) {
  switch (t) {
    case ScalarType::Byte: return "uint8";
    case ScalarType::Char: return "int8";
    case ScalarType::Short: return "int16";
    case ScalarType::Int: return "int32";
    case ScalarType::Long: return "int64";
    case ScalarType::Half: return "float16";
    case ScalarType::Float: return "float32";
    case ScalarType::Double: return "float64";
    case ScalarType::ComplexHalf: return "complex32";
    case ScalarType::ComplexFloat: return "complex64";
    case ScalarType::ComplexDouble: return "complex128";
    case ScalarType::Bool: return "bool";
    case ScalarType::QInt8: return "qint8";
    case ScalarType::QUInt8: return "quint8";
    case ScalarType::QInt32: return "qint32";
    case ScalarType::BFloat16: return "bfloat16";
    case ScalarType::QUInt4x2: return "quint4x2";
    case ScalarType::QUInt2x4: return "quint2x4";
    default: return "undefined";
  }
}
inline ScalarType dtype_from_name(const std::string& name) {
  for (int i = 0; i < static_cast<int>(ScalarType::Undefined); ++i)
    if (name == dtype_name(static_cast<ScalarType>(i))) return static_cast<ScalarType>(i);
  return ScalarType::Undefined;
}
inline std::ostream& operator<<(std::ostream& out, ScalarType t) { return out << dtype_name(t); }
inline const char* toString(ScalarType t) { return dtype_name(t); }
inline bool isFloatingType(ScalarType t) {
  return t == kHalf || t == kFloat || t == kDouble || t == kBFloat16;
}
inline bool isComplexType(ScalarType t) { return t == kComplexHalf || t == kComplexFloat || t == kComplexDouble; }
inline bool isIntegralType(ScalarType t, bool include_bool) {
  return t == kByte || t == kChar || t == kShort || t == kInt || t == kLong || (include_bool && t == kBool);
}
inline size_t elementSize(ScalarType t) {
  switch (t) {
    case kByte: case kChar: case kBool: case kQInt8: case kQUInt8: return 1;
    case kShort: case kHalf: case kBFloat16: return 2;
    case kInt: case kFloat: case kQInt32: case kComplexHalf: return 4;
    case kLong: case kDouble: case kComplexFloat: return 8;
    case kComplexDouble: return 16;
    default: return 1;
  }
}

enum class DeviceType : int8_t {
  CPU, CUDA, MKLDNN, OPENGL, OPENCL, IDEEP, HIP, FPGA, ORT, XLA, Vulkan, Metal, XPU, MPS, Meta, HPU, VE, Lazy, IPU,
  PrivateUse1
};
inline constexpr DeviceType kCPU = DeviceType::CPU;
inline constexpr DeviceType kCUDA = DeviceType::CUDA;
inline constexpr DeviceType kHIP = DeviceType::HIP;
inline constexpr DeviceType kXLA = DeviceType::XLA;
inline constexpr DeviceType kMPS = DeviceType::MPS;
inline constexpr DeviceType kMeta = DeviceType::Meta;
inline constexpr DeviceType kVulkan = DeviceType::Vulkan;
inline constexpr DeviceType kXPU = DeviceType::XPU;
using DeviceIndex = int8_t;

struct Device {
  Device(DeviceType type, DeviceIndex index = -1) : type_(type), index_(index) {}
  // "cpu", "cuda", "cuda:1", "mps".
  Device(const std::string& text) {
    std::string kind = text.substr(0, text.find(':'));
    if (kind == "cuda") type_ = kCUDA;
    else if (kind == "mps") type_ = kMPS;
    else if (kind == "meta") type_ = kMeta;
    else if (kind == "hip") type_ = kHIP;
    else if (kind == "xla") type_ = kXLA;
    else if (kind != "cpu") throw Error("Expected one of cpu, cuda, mps, meta, hip, xla device type at start of device string: " + text);
    if (text.find(':') != std::string::npos) index_ = static_cast<DeviceIndex>(std::stoi(text.substr(text.find(':') + 1)));
  }
  Device(const char* text) : Device(std::string(text)) {}
  DeviceType type() const noexcept { return type_; }
  DeviceIndex index() const noexcept { return index_; }
  bool has_index() const noexcept { return index_ != -1; }
  bool is_cuda() const noexcept { return type_ == kCUDA; }
  bool is_cpu() const noexcept { return type_ == kCPU; }
  std::string str() const {
    std::string kind = type_ == kCUDA ? "cuda" : type_ == kMPS ? "mps" : type_ == kMeta ? "meta" : "cpu";
    return has_index() ? kind + ":" + std::to_string(index_) : kind;
  }
  bool operator==(const Device& other) const noexcept { return type_ == other.type_ && index_ == other.index_; }
  bool operator!=(const Device& other) const noexcept { return !(*this == other); }

 private:
  DeviceType type_ = kCPU;
  DeviceIndex index_ = -1;
};
inline std::ostream& operator<<(std::ostream& out, const Device& d) { return out << d.str(); }

enum class Layout : int8_t { Strided, Sparse, SparseCsr, Mkldnn, SparseCsc, SparseBsr, SparseBsc, NumOptions };
inline constexpr Layout kStrided = Layout::Strided;
inline constexpr Layout kSparse = Layout::Sparse;

enum class MemoryFormat : int8_t { Contiguous, Preserve, ChannelsLast, ChannelsLast3d, NumOptions };

// ---- Scalar ---------------------------------------------------------------------

// A number of any type (torch::full's fill value, arange's bounds).
class Scalar {
 public:
  Scalar() : Scalar(int64_t(0)) {}
  template <typename T, typename = std::enable_if_t<std::is_arithmetic<T>::value>>
  Scalar(T value) {
    if constexpr (std::is_same<T, bool>::value) {
      kind_ = Kind::Bool;
      i_ = value;
      d_ = value;
    } else if constexpr (std::is_floating_point<T>::value) {
      kind_ = Kind::Double;
      d_ = static_cast<double>(value);
      i_ = static_cast<int64_t>(value);
    } else {
      kind_ = Kind::Int;
      i_ = static_cast<int64_t>(value);
      d_ = static_cast<double>(value);
    }
  }
  template <typename T>
  T to() const {
    if constexpr (std::is_floating_point<T>::value) return static_cast<T>(d_);
    else return static_cast<T>(kind_ == Kind::Double ? static_cast<int64_t>(d_) : i_);
  }
  double toDouble() const { return d_; }
  float toFloat() const { return static_cast<float>(d_); }
  int64_t toLong() const { return to<int64_t>(); }
  int toInt() const { return to<int>(); }
  bool toBool() const { return kind_ == Kind::Double ? d_ != 0 : i_ != 0; }
  bool isFloatingPoint() const { return kind_ == Kind::Double; }
  bool isIntegral(bool include_bool) const { return kind_ == Kind::Int || (include_bool && kind_ == Kind::Bool); }
  bool isBoolean() const { return kind_ == Kind::Bool; }
  ScalarType type() const { return kind_ == Kind::Double ? kDouble : kind_ == Kind::Bool ? kBool : kLong; }
  Scalar operator-() const { return kind_ == Kind::Double ? Scalar(-d_) : Scalar(-i_); }

 private:
  enum class Kind { Int, Double, Bool } kind_ = Kind::Int;
  int64_t i_ = 0;
  double d_ = 0;
};
inline std::ostream& operator<<(std::ostream& out, const Scalar& s) {
  return s.isFloatingPoint() ? out << s.toDouble() : out << s.toLong();
}

// ---- ArrayRef ------------------------------------------------------------------

// A view of a contiguous list: how sizes are passed ({3, 4}). Like LibTorch's,
// it does not own its elements: one made from a braced list lives as long as
// the full expression.
template <typename T>
class ArrayRef {
 public:
  using iterator = const T*;
  using const_iterator = const T*;
  using value_type = T;
  using size_type = size_t;
  ArrayRef() = default;
  ArrayRef(const T& one_element) : data_(&one_element), size_(1) {}
  ArrayRef(const T* data, size_t length) : data_(data), size_(length) {}
  ArrayRef(const T* begin, const T* end) : data_(begin), size_(static_cast<size_t>(end - begin)) {}
  template <typename A>
  ArrayRef(const std::vector<T, A>& values) : data_(values.data()), size_(values.size()) {}
  template <size_t N>
  ArrayRef(const std::array<T, N>& values) : data_(values.data()), size_(N) {}
  template <size_t N>
  ArrayRef(const T (&values)[N]) : data_(values), size_(N) {}
  ArrayRef(const std::initializer_list<T>& values)
      : data_(values.begin() == values.end() ? nullptr : values.begin()), size_(values.size()) {}
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& front() const { return at(0); }
  const T& back() const { return at(size_ - 1); }
  const T& operator[](size_t index) const { return data_[index]; }
  const T& at(size_t index) const {
    if (index >= size_) throw IndexError(str("ArrayRef: invalid index ", index, " for size ", size_));
    return data_[index];
  }
  std::vector<T> vec() const { return std::vector<T>(begin(), end()); }
  bool equals(ArrayRef other) const { return size_ == other.size_ && std::equal(begin(), end(), other.begin()); }
  ArrayRef slice(size_t start, size_t length) const { return ArrayRef(data_ + start, length); }
  ArrayRef slice(size_t start) const { return ArrayRef(data_ + start, size_ - start); }
  operator std::vector<T>() const { return vec(); }
  bool operator==(ArrayRef other) const { return equals(other); }
  bool operator!=(ArrayRef other) const { return !equals(other); }

 private:
  const T* data_ = nullptr;
  size_t size_ = 0;
};
using IntArrayRef = ArrayRef<int64_t>;
template <typename T>
std::ostream& operator<<(std::ostream& out, ArrayRef<T> values) {
  out << "[";
  for (size_t i = 0; i < values.size(); ++i) out << (i ? ", " : "") << values[i];
  return out << "]";
}
template <typename T>
using OptionalArrayRef = optional<ArrayRef<T>>;

// ---- TensorOptions ----------------------------------------------------------------

class TensorOptions {
 public:
  TensorOptions() = default;
  TensorOptions(ScalarType dtype) : dtype_(dtype) {}
  TensorOptions(Device device) : device_(device) {}
  TensorOptions(DeviceType device_type) : device_(Device(device_type)) {}
  TensorOptions(Layout) {}
  TensorOptions(MemoryFormat) {}
  TensorOptions dtype(optional<ScalarType> dtype) const noexcept {
    TensorOptions o = *this;
    o.dtype_ = dtype;
    return o;
  }
  template <typename T>
  TensorOptions dtype() const noexcept;
  TensorOptions device(optional<Device> device) const noexcept {
    TensorOptions o = *this;
    o.device_ = device;
    return o;
  }
  TensorOptions device_index(int16_t index) const noexcept { return device(Device(kCUDA, static_cast<DeviceIndex>(index))); }
  TensorOptions layout(optional<Layout>) const noexcept { return *this; }
  TensorOptions requires_grad(optional<bool> requires_grad) const noexcept {
    TensorOptions o = *this;
    o.requires_grad_ = requires_grad;
    return o;
  }
  TensorOptions pinned_memory(optional<bool>) const noexcept { return *this; }
  TensorOptions memory_format(optional<MemoryFormat>) const noexcept { return *this; }
  ScalarType dtype() const noexcept { return dtype_.value_or(kFloat); }
  Device device() const noexcept { return device_.value_or(Device(kCPU)); }
  Layout layout() const noexcept { return kStrided; }
  bool requires_grad() const noexcept { return requires_grad_.value_or(false); }
  bool has_dtype() const noexcept { return dtype_.has_value(); }
  bool has_device() const noexcept { return device_.has_value(); }
  bool has_requires_grad() const noexcept { return requires_grad_.has_value(); }
  optional<ScalarType> dtype_opt() const noexcept { return dtype_; }

 private:
  optional<ScalarType> dtype_;
  optional<Device> device_;
  optional<bool> requires_grad_;
};

template <typename T>
struct ckptcheck_scalar_type_of;
#define CKPT_SCALAR_TYPE_OF(T, type)         \
  template <>                                \
  struct ckptcheck_scalar_type_of<T> {       \
    static constexpr ScalarType value = type; \
  };
CKPT_SCALAR_TYPE_OF(uint8_t, kByte)
CKPT_SCALAR_TYPE_OF(int8_t, kChar)
CKPT_SCALAR_TYPE_OF(int16_t, kShort)
CKPT_SCALAR_TYPE_OF(int32_t, kInt)
CKPT_SCALAR_TYPE_OF(int64_t, kLong)
CKPT_SCALAR_TYPE_OF(float, kFloat)
CKPT_SCALAR_TYPE_OF(double, kDouble)
CKPT_SCALAR_TYPE_OF(bool, kBool)
#undef CKPT_SCALAR_TYPE_OF

template <typename T>
TensorOptions TensorOptions::dtype() const noexcept {
  return dtype(ckptcheck_scalar_type_of<T>::value);
}
inline TensorOptions dtype(ScalarType dtype) { return TensorOptions().dtype(dtype); }
template <typename T>
TensorOptions dtype() {
  return TensorOptions().dtype<T>();
}
inline TensorOptions device(Device device) { return TensorOptions().device(device); }
inline TensorOptions device_index(int16_t device_index) { return TensorOptions().device_index(device_index); }
inline TensorOptions layout(Layout layout) { return TensorOptions().layout(layout); }
inline TensorOptions requires_grad(bool requires_grad = true) { return TensorOptions().requires_grad(requires_grad); }
inline TensorOptions memory_format(MemoryFormat memory_format) { return TensorOptions().memory_format(memory_format); }

}  // namespace c10

namespace caffe2 {
using c10::ScalarType;
}

// Checks in model code. The same expansion as LibTorch's (an if statement on
// __builtin_expect), so the static analysis reads the same tree; here a failed
// check throws c10::Error with the message, as in LibTorch.
#define TORCH_CHECK(condition, ...)                                                                           \
  if (__builtin_expect(static_cast<bool>(!(condition)), 0)) {                                                 \
    ::c10::detail::torchCheckFail(__func__, __FILE__, static_cast<uint32_t>(__LINE__), ::c10::str(__VA_ARGS__)); \
  }
#define TORCH_INTERNAL_ASSERT(condition, ...)                                                          \
  if (__builtin_expect(static_cast<bool>(!(condition)), 0)) {                                          \
    ::c10::detail::torchInternalAssertFail(__func__, __FILE__, static_cast<uint32_t>(__LINE__), #condition, \
                                           ::c10::str(__VA_ARGS__));                                   \
  }
#define TORCH_CHECK_INDEX(condition, ...) TORCH_CHECK(condition, __VA_ARGS__)
#define TORCH_CHECK_VALUE(condition, ...) TORCH_CHECK(condition, __VA_ARGS__)
#define TORCH_CHECK_TYPE(condition, ...) TORCH_CHECK(condition, __VA_ARGS__)
#define TORCH_CHECK_NOT_IMPLEMENTED(condition, ...) TORCH_CHECK(condition, __VA_ARGS__)
#define TORCH_WARN(...) ::c10::detail::torchWarn(::c10::str(__VA_ARGS__))
#define TORCH_WARN_ONCE(...) ::c10::detail::torchWarn(::c10::str(__VA_ARGS__))
#define TORCH_INTERNAL_ASSERT_DEBUG_ONLY(...) ((void)0)
#define AT_ASSERT(condition, ...) TORCH_CHECK(condition, __VA_ARGS__)
#define AT_ERROR(...) ::c10::ckptcheck_check_failed(::c10::str(__VA_ARGS__))
#define C10_UNUSED
#define C10_API
#define TORCH_API
