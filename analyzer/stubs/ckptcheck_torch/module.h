// Bundled LibTorch declarations, part 2: torch::nn::Module, module holders
// (TORCH_MODULE), Cloneable, AnyModule, OrderedDict, ExpandingArray and the
// enum tags (torch::kReLU, torch::kZeros, ...). See tensor.h for what these
// files are.
#pragma once

#include "tensor.h"

namespace torch {

// Tag types for options such as nonlinearity, mode, padding_mode and
// reduction; the analyzer reads a tag's name as the option's value.
namespace enumtype {
#define CKPT_ENUM_TAGS(X)                                                                                      \
  X(kLinear) X(kConv1D) X(kConv2D) X(kConv3D) X(kConvTranspose1D) X(kConvTranspose2D) X(kConvTranspose3D)     \
  X(kSigmoid) X(kTanh) X(kReLU) X(kGELU) X(kSiLU) X(kMish) X(kLeakyReLU) X(kFanIn) X(kFanOut) X(kConstant)    \
  X(kReflect) X(kReplicate) X(kCircular) X(kNearest) X(kBilinear) X(kBicubic) X(kTrilinear) X(kArea)          \
  X(kNearestExact) X(kSum) X(kMean) X(kMax) X(kNone) X(kBatchMean) X(kZeros) X(kBorder) X(kReflection)         \
  X(kRNN_TANH) X(kRNN_RELU) X(kLSTM) X(kGRU) X(kValid) X(kSame)
#define CKPT_DECLARE_TAG(name) \
  struct name {                \
    name();                    \
  };
CKPT_ENUM_TAGS(CKPT_DECLARE_TAG)
#undef CKPT_DECLARE_TAG
}  // namespace enumtype
#define CKPT_DECLARE_TAG_CONSTANT(name) extern const enumtype::name name;
CKPT_ENUM_TAGS(CKPT_DECLARE_TAG_CONSTANT)
#undef CKPT_DECLARE_TAG_CONSTANT

// D sizes given as one number ({3} means {3, 3}) or as a list.
template <size_t D, typename T = int64_t>
class ExpandingArray {
 public:
  ExpandingArray(std::initializer_list<T> list);
  ExpandingArray(std::vector<T> list);
  ExpandingArray(at::ArrayRef<T> values);
  ExpandingArray(T single_size);
  ExpandingArray(const std::array<T, D>& values);
  std::array<T, D>& operator*();
  const std::array<T, D>& operator*() const;
  std::array<T, D>* operator->();
  const std::array<T, D>* operator->() const;
  operator at::ArrayRef<T>() const;
  size_t size() const noexcept;
};
using ExpandingArrayDouble = ExpandingArray<1, double>;

// Like ExpandingArray, where an element may be left out (nullopt).
template <size_t D, typename T = int64_t>
class ExpandingArrayWithOptionalElem {
 public:
  ExpandingArrayWithOptionalElem(std::initializer_list<c10::optional<T>> list);
  ExpandingArrayWithOptionalElem(std::vector<c10::optional<T>> list);
  ExpandingArrayWithOptionalElem(at::ArrayRef<T> values);
  ExpandingArrayWithOptionalElem(T single_size);
  ExpandingArrayWithOptionalElem(const std::array<c10::optional<T>, D>& values);
  std::array<c10::optional<T>, D>& operator*();
  std::array<c10::optional<T>, D>* operator->();
  size_t size() const noexcept;
};

// An insertion-ordered map (named_parameters(), ModuleDict's items).
template <typename Key, typename Value>
class OrderedDict {
 public:
  class Item {
   public:
    Item(Key key, Value value);
    Value& operator*();
    const Value& operator*() const;
    Value* operator->();
    const Value* operator->() const;
    const Key& key() const noexcept;
    Value& value() noexcept;
    const Value& value() const noexcept;
    const std::pair<Key, Value>& pair() const noexcept;
  };
  using Iterator = typename std::vector<Item>::iterator;
  using ConstIterator = typename std::vector<Item>::const_iterator;

  explicit OrderedDict(std::string key_description = "Key");
  OrderedDict(std::initializer_list<Item> initializer_list);
  Iterator begin();
  ConstIterator begin() const;
  Iterator end();
  ConstIterator end() const;
  Item& front();
  Item& back();
  Item& operator[](size_t index);
  Value& operator[](const Key& key);
  const Value& operator[](const Key& key) const;
  Value* find(const Key& key) noexcept;
  bool contains(const Key& key) const noexcept;
  template <typename K, typename... Args>
  Value& insert(K&& key, Args&&... args);
  Value& insert(Key key, Value&& value);
  void update(OrderedDict&& other);
  void update(const OrderedDict& other);
  void erase(const Key& key);
  void clear();
  size_t size() const noexcept;
  bool is_empty() const noexcept;
  std::vector<Key> keys() const;
  std::vector<Value> values() const;
  std::vector<std::pair<Key, Value>> pairs() const;
  const std::vector<Item>& items() const noexcept;
};

namespace serialize {
class OutputArchive {
 public:
  OutputArchive();
  void write(const std::string& key, const at::Tensor& tensor, bool is_buffer = false);
  void save_to(const std::string& filename);
};
class InputArchive {
 public:
  InputArchive();
  bool try_read(const std::string& key, at::Tensor& tensor, bool is_buffer = false);
  void read(const std::string& key, at::Tensor& tensor, bool is_buffer = false);
  void load_from(const std::string& filename, c10::optional<at::Device> device = c10::nullopt);
};
}  // namespace serialize

namespace nn {

template <typename Contained>
class ModuleHolder;

namespace ckptcheck_detail {
struct ModuleHolderIndicator {};
template <typename T>
using is_holder = std::is_base_of<ModuleHolderIndicator, std::decay_t<T>>;
template <typename T, bool = is_holder<T>::value>
struct contained {
  using type = T;
};
template <typename T>
struct contained<T, true> {
  using type = typename std::decay_t<T>::ContainedType;
};
}  // namespace ckptcheck_detail

class Module : public std::enable_shared_from_this<Module> {
 public:
  using ModuleApplyFunction = std::function<void(Module&)>;
  using ConstModuleApplyFunction = std::function<void(const Module&)>;
  using NamedModuleApplyFunction = std::function<void(const std::string&, Module&)>;
  using ModulePointerApplyFunction = std::function<void(const std::shared_ptr<Module>&)>;

  explicit Module(std::string name);
  Module();
  Module(const Module&);
  Module& operator=(const Module&);
  virtual ~Module();

  const std::string& name() const noexcept;
  virtual std::shared_ptr<Module> clone(const c10::optional<at::Device>& device = c10::nullopt) const;
  void apply(const ModuleApplyFunction& function);
  void apply(const NamedModuleApplyFunction& function, const std::string& name_prefix = std::string());
  std::vector<at::Tensor> parameters(bool recurse = true) const;
  OrderedDict<std::string, at::Tensor> named_parameters(bool recurse = true) const;
  std::vector<at::Tensor> buffers(bool recurse = true) const;
  OrderedDict<std::string, at::Tensor> named_buffers(bool recurse = true) const;
  std::vector<std::shared_ptr<Module>> modules(bool include_self = true) const;
  OrderedDict<std::string, std::shared_ptr<Module>> named_modules(const std::string& name_prefix = std::string(),
                                                                  bool include_self = true) const;
  std::vector<std::shared_ptr<Module>> children() const;
  OrderedDict<std::string, std::shared_ptr<Module>> named_children() const;
  virtual void train(bool on = true);
  void eval();
  virtual bool is_training() const noexcept;
  virtual void to(at::Device device, at::ScalarType dtype, bool non_blocking = false);
  virtual void to(at::ScalarType dtype, bool non_blocking = false);
  virtual void to(at::Device device, bool non_blocking = false);
  virtual void zero_grad(bool set_to_none = true);
  template <typename ModuleType>
  typename ModuleType::ContainedType* as() noexcept;
  template <typename ModuleType, typename = std::enable_if_t<!ckptcheck_detail::is_holder<ModuleType>::value>>
  ModuleType* as() noexcept;
  virtual void save(serialize::OutputArchive& archive) const;
  virtual void load(serialize::InputArchive& archive);
  virtual void pretty_print(std::ostream& stream) const;
  virtual bool is_serializable() const;

  at::Tensor& register_parameter(std::string name, at::Tensor tensor, bool requires_grad = true);
  at::Tensor& register_buffer(std::string name, at::Tensor tensor);
  template <typename ModuleType>
  std::shared_ptr<ModuleType> register_module(std::string name, std::shared_ptr<ModuleType> module);
  template <typename ModuleType>
  std::shared_ptr<ModuleType> register_module(std::string name, ModuleHolder<ModuleType> module_holder);
  template <typename ModuleType>
  std::shared_ptr<ModuleType> replace_module(const std::string& name, std::shared_ptr<ModuleType> module);
  template <typename ModuleType>
  std::shared_ptr<ModuleType> replace_module(const std::string& name, ModuleHolder<ModuleType> module_holder);
  void unregister_module(const std::string& name);
};
std::ostream& operator<<(std::ostream& stream, const Module& module);
serialize::OutputArchive& operator<<(serialize::OutputArchive& archive, const std::shared_ptr<Module>& module);
serialize::InputArchive& operator>>(serialize::InputArchive& archive, const std::shared_ptr<Module>& module);

// Owns a shared_ptr to its module (torch::nn::Linear holds a LinearImpl).
template <typename Contained>
class ModuleHolder : ckptcheck_detail::ModuleHolderIndicator {
 protected:
  std::shared_ptr<Contained> impl_;

 public:
  using ContainedType = Contained;

  ModuleHolder();                  // a default-constructed module
  ModuleHolder(std::nullptr_t);    // empty
  ModuleHolder(std::shared_ptr<Contained> module);
  // Any other arguments construct the module.
  template <typename Head, typename... Tail,
            typename = std::enable_if_t<!(sizeof...(Tail) == 0 &&
                                          (std::is_base_of<ModuleHolder, std::decay_t<Head>>::value ||
                                           std::is_same<std::decay_t<Head>, std::nullptr_t>::value ||
                                           std::is_convertible<Head, std::shared_ptr<Contained>>::value))>>
  explicit ModuleHolder(Head&& head, Tail&&... tail);

  explicit operator bool() const noexcept;
  Contained* operator->();
  const Contained* operator->() const;
  Contained& operator*();
  const Contained& operator*() const;
  const std::shared_ptr<Contained>& ptr() const;
  Contained* get();
  const Contained* get() const;
  bool is_empty() const noexcept;
  template <typename... Args, typename C = Contained>
  auto operator()(Args&&... args) -> decltype(std::declval<C&>().forward(std::forward<Args>(args)...));
  template <typename Arg>
  decltype(auto) operator[](Arg&& arg) {
    return (*impl_)[std::forward<Arg>(arg)];
  }
};
template <typename Contained>
std::ostream& operator<<(std::ostream& stream, const ModuleHolder<Contained>& module);
template <typename Contained>
serialize::OutputArchive& operator<<(serialize::OutputArchive& archive, const ModuleHolder<Contained>& module);
template <typename Contained>
serialize::InputArchive& operator>>(serialize::InputArchive& archive, ModuleHolder<Contained>& module);

// A module that can copy itself; reset() (re)creates its registrations.
template <typename Derived>
class Cloneable : public Module {
 public:
  using Module::Module;
  virtual void reset() = 0;
  std::shared_ptr<Module> clone(const c10::optional<at::Device>& device = c10::nullopt) const override;
};

// The value an AnyModule's forward returns.
class AnyValue {
 public:
  template <typename T>
  explicit AnyValue(T&& value);
  template <typename T>
  T* try_get();
  template <typename T>
  T get();
};

// Holds any module with a forward() (Sequential's elements).
class AnyModule {
 public:
  AnyModule();
  template <typename ModuleType>
  explicit AnyModule(std::shared_ptr<ModuleType> module);
  template <typename ModuleType, typename = std::enable_if_t<!ckptcheck_detail::is_holder<ModuleType>::value &&
                                                             std::is_base_of<Module, std::decay_t<ModuleType>>::value>>
  explicit AnyModule(ModuleType&& module);
  template <typename ModuleType>
  explicit AnyModule(const ModuleHolder<ModuleType>& module_holder);
  AnyModule(AnyModule&&);
  AnyModule& operator=(AnyModule&&);
  AnyModule(const AnyModule& other);
  AnyModule& operator=(const AnyModule& other);
  AnyModule clone(c10::optional<at::Device> device = c10::nullopt) const;
  template <typename ModuleType>
  AnyModule& operator=(std::shared_ptr<ModuleType> module);
  template <typename... ArgumentTypes>
  AnyValue any_forward(ArgumentTypes&&... arguments);
  template <typename ReturnType = at::Tensor, typename... ArgumentTypes>
  ReturnType forward(ArgumentTypes&&... arguments);
  template <typename T>
  T& get();
  template <typename T>
  T get() const;
  std::shared_ptr<Module> ptr() const;
  template <typename T>
  std::shared_ptr<T> ptr() const;
  bool is_empty() const noexcept;
};

// A name and a module, for Sequential({{"conv", Conv2d(...)}, ...}).
class NamedAnyModule {
 public:
  template <typename ModuleType>
  NamedAnyModule(std::string name, std::shared_ptr<ModuleType> module_ptr);
  template <typename M, typename = std::enable_if_t<!ckptcheck_detail::is_holder<M>::value &&
                                                    std::is_base_of<Module, std::decay_t<M>>::value>>
  NamedAnyModule(std::string name, M&& module);
  template <typename M>
  NamedAnyModule(std::string name, const ModuleHolder<M>& module_holder);
  NamedAnyModule(std::string name, AnyModule any_module);
  const std::string& name() const noexcept;
  AnyModule& module() noexcept;
};

}  // namespace nn
}  // namespace torch

#define TORCH_MODULE_IMPL(Name, ImplType)                   \
  class Name : public torch::nn::ModuleHolder<ImplType> {   \
   public:                                                  \
    using torch::nn::ModuleHolder<ImplType>::ModuleHolder;  \
    using Impl = ImplType;                                  \
  }
#define TORCH_MODULE(Name) TORCH_MODULE_IMPL(Name, Name##Impl)
