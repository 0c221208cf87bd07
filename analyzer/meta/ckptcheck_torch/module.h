// Meta LibTorch, part 4: torch::nn::Module and what holds modules: OrderedDict,
// ModuleHolder and TORCH_MODULE, Cloneable, AnyModule, NamedAnyModule, and the
// option vocabulary layers share (ExpandingArray, the enum tags).
//
// Module keeps LibTorch's semantics where they decide what is registered:
// registration order, the name checks, named_parameters() skipping undefined
// tensors, clone() rebuilding through reset(), to(dtype) converting every
// parameter and buffer. Each registration also remembers where in the model's
// source it happened (ckptcheck_call_site). See c10.h.
#pragma once

#include <cxxabi.h>

#include "functions.h"

namespace torch {

using at::Tensor;

[[noreturn]] inline void ckptcheck_check_failed(const char* what) {
  throw c10::Error(std::string(what) + " reads or writes a checkpoint, which meta LibTorch cannot do while the model is "
                                       "constructed");
}

// Tag types for options such as nonlinearity, mode, padding_mode and reduction.
namespace enumtype {
#define CKPT_ENUM_TAGS(X)                                                                                      \
  X(kLinear) X(kConv1D) X(kConv2D) X(kConv3D) X(kConvTranspose1D) X(kConvTranspose2D) X(kConvTranspose3D)     \
  X(kSigmoid) X(kTanh) X(kReLU) X(kGELU) X(kSiLU) X(kMish) X(kLeakyReLU) X(kFanIn) X(kFanOut) X(kConstant)    \
  X(kReflect) X(kReplicate) X(kCircular) X(kNearest) X(kBilinear) X(kBicubic) X(kTrilinear) X(kArea)          \
  X(kNearestExact) X(kSum) X(kMean) X(kMax) X(kNone) X(kBatchMean) X(kZeros) X(kBorder) X(kReflection)         \
  X(kRNN_TANH) X(kRNN_RELU) X(kLSTM) X(kGRU) X(kValid) X(kSame)
#define CKPT_DECLARE_TAG(name)                                     \
  struct name {                                                    \
    constexpr name() {}                                            \
    static constexpr const char* ckptcheck_name() { return #name; } \
  };
CKPT_ENUM_TAGS(CKPT_DECLARE_TAG)
#undef CKPT_DECLARE_TAG
}  // namespace enumtype
#define CKPT_DECLARE_TAG_CONSTANT(name) inline constexpr enumtype::name name{};
CKPT_ENUM_TAGS(CKPT_DECLARE_TAG_CONSTANT)
#undef CKPT_DECLARE_TAG_CONSTANT

// The name of the tag a variant of tags holds ("kReflect").
template <typename... Tags>
std::string ckptcheck_tag_name(const c10::variant<Tags...>& value) {
  return std::visit(
      [](const auto& tag) -> std::string {
        using T = std::decay_t<decltype(tag)>;
        if constexpr (std::is_class<T>::value && std::is_empty<T>::value) return T::ckptcheck_name();
        else return "";
      },
      value);
}

// D sizes given as one number ({3} means {3, 3}) or as a list.
template <size_t D, typename T = int64_t>
class ExpandingArray {
 public:
  ExpandingArray(std::initializer_list<T> list) : ExpandingArray(at::ArrayRef<T>(list)) {}
  ExpandingArray(std::vector<T> list) : ExpandingArray(at::ArrayRef<T>(list)) {}
  ExpandingArray(at::ArrayRef<T> values) {
    TORCH_CHECK(values.size() == D, "Expected ", D, " values, but instead got ", values.size());
    std::copy(values.begin(), values.end(), values_.begin());
  }
  ExpandingArray(T single_size) { values_.fill(single_size); }
  ExpandingArray(const std::array<T, D>& values) : values_(values) {}
  std::array<T, D>& operator*() { return values_; }
  const std::array<T, D>& operator*() const { return values_; }
  std::array<T, D>* operator->() { return &values_; }
  const std::array<T, D>* operator->() const { return &values_; }
  operator at::ArrayRef<T>() const { return values_; }
  size_t size() const noexcept { return D; }

 private:
  std::array<T, D> values_;
};
using ExpandingArrayDouble = ExpandingArray<1, double>;

// Like ExpandingArray, where an element may be left out (nullopt).
template <size_t D, typename T = int64_t>
class ExpandingArrayWithOptionalElem {
 public:
  ExpandingArrayWithOptionalElem(std::initializer_list<c10::optional<T>> list) {
    TORCH_CHECK(list.size() == D, "Expected ", D, " values, but instead got ", list.size());
    std::copy(list.begin(), list.end(), values_.begin());
  }
  ExpandingArrayWithOptionalElem(std::vector<c10::optional<T>> list) {
    TORCH_CHECK(list.size() == D, "Expected ", D, " values, but instead got ", list.size());
    std::copy(list.begin(), list.end(), values_.begin());
  }
  ExpandingArrayWithOptionalElem(at::ArrayRef<T> values) {
    TORCH_CHECK(values.size() == D, "Expected ", D, " values, but instead got ", values.size());
    std::copy(values.begin(), values.end(), values_.begin());
  }
  ExpandingArrayWithOptionalElem(T single_size) { values_.fill(single_size); }
  ExpandingArrayWithOptionalElem(const std::array<c10::optional<T>, D>& values) : values_(values) {}
  std::array<c10::optional<T>, D>& operator*() { return values_; }
  std::array<c10::optional<T>, D>* operator->() { return &values_; }
  size_t size() const noexcept { return D; }

 private:
  std::array<c10::optional<T>, D> values_;
};

// An insertion-ordered map (named_parameters(), ModuleDict's items).
template <typename Key, typename Value>
class OrderedDict {
 public:
  class Item {
   public:
    Item(Key key, Value value) : pair_(std::move(key), std::move(value)) {}
    Value& operator*() { return pair_.second; }
    const Value& operator*() const { return pair_.second; }
    Value* operator->() { return &pair_.second; }
    const Value* operator->() const { return &pair_.second; }
    const Key& key() const noexcept { return pair_.first; }
    Value& value() noexcept { return pair_.second; }
    const Value& value() const noexcept { return pair_.second; }
    const std::pair<Key, Value>& pair() const noexcept { return pair_; }

   private:
    std::pair<Key, Value> pair_;
  };
  using Iterator = typename std::vector<Item>::iterator;
  using ConstIterator = typename std::vector<Item>::const_iterator;

  explicit OrderedDict(std::string key_description = "Key") : description_(std::move(key_description)) {}
  OrderedDict(std::initializer_list<Item> initializer_list) : OrderedDict("Key") {
    for (const Item& item : initializer_list) insert(item.key(), item.value());
  }
  Iterator begin() { return items_.begin(); }
  ConstIterator begin() const { return items_.begin(); }
  Iterator end() { return items_.end(); }
  ConstIterator end() const { return items_.end(); }
  Item& front() {
    TORCH_CHECK(!items_.empty(), "Called front() on an empty OrderedDict");
    return items_.front();
  }
  const Item& front() const {
    TORCH_CHECK(!items_.empty(), "Called front() on an empty OrderedDict");
    return items_.front();
  }
  Item& back() {
    TORCH_CHECK(!items_.empty(), "Called back() on an empty OrderedDict");
    return items_.back();
  }
  const Item& back() const {
    TORCH_CHECK(!items_.empty(), "Called back() on an empty OrderedDict");
    return items_.back();
  }
  Item& operator[](size_t index) {
    TORCH_CHECK(index < items_.size(), "Index ", index, " is out of bounds");
    return items_[index];
  }
  const Item& operator[](size_t index) const {
    TORCH_CHECK(index < items_.size(), "Index ", index, " is out of bounds");
    return items_[index];
  }
  Value& operator[](const Key& key) {
    if (Value* v = find(key)) return *v;
    TORCH_CHECK(false, description_, " '", key, "' is not defined");
  }
  const Value& operator[](const Key& key) const {
    if (const Value* v = find(key)) return *v;
    TORCH_CHECK(false, description_, " '", key, "' is not defined");
  }
  Value* find(const Key& key) noexcept {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &items_[it->second].value();
  }
  const Value* find(const Key& key) const noexcept {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &items_[it->second].value();
  }
  bool contains(const Key& key) const noexcept { return find(key) != nullptr; }
  template <typename K, typename... Args>
  Value& insert(K&& key, Args&&... args) {
    TORCH_CHECK(index_.count(key) == 0, description_, " '", key, "' already defined");
    items_.emplace_back(Key(std::forward<K>(key)), Value(std::forward<Args>(args)...));
    index_.emplace(items_.back().key(), items_.size() - 1);
    return items_.back().value();
  }
  Value& insert(Key key, Value&& value) {
    TORCH_CHECK(index_.count(key) == 0, description_, " '", key, "' already defined");
    items_.emplace_back(std::move(key), std::move(value));
    index_.emplace(items_.back().key(), items_.size() - 1);
    return items_.back().value();
  }
  void update(OrderedDict&& other) {
    for (auto& item : other) insert(item.key(), std::move(item.value()));
  }
  void update(const OrderedDict& other) {
    for (const auto& item : other) insert(item.key(), item.value());
  }
  void erase(const Key& key) {
    auto it = index_.find(key);
    TORCH_CHECK(it != index_.end(), "Key '", key, "' doesn't exist");
    items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(it->second));
    reindex();
  }
  void clear() {
    items_.clear();
    index_.clear();
  }
  size_t size() const noexcept { return items_.size(); }
  bool is_empty() const noexcept { return items_.empty(); }
  const std::string& key_description() const noexcept { return description_; }
  std::vector<Key> keys() const {
    std::vector<Key> out;
    for (const Item& i : items_) out.push_back(i.key());
    return out;
  }
  std::vector<Value> values() const {
    std::vector<Value> out;
    for (const Item& i : items_) out.push_back(i.value());
    return out;
  }
  std::vector<std::pair<Key, Value>> pairs() const {
    std::vector<std::pair<Key, Value>> out;
    for (const Item& i : items_) out.push_back(i.pair());
    return out;
  }
  const std::vector<Item>& items() const noexcept { return items_; }
  void reserve(size_t n) { items_.reserve(n); }

 private:
  void reindex() {
    index_.clear();
    for (size_t i = 0; i < items_.size(); ++i) index_.emplace(items_[i].key(), i);
  }
  std::string description_;
  std::vector<Item> items_;
  std::unordered_map<Key, size_t> index_;
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
template <typename Derived>
class Cloneable;

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
inline std::string join_name(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}
// Where a registration happened, and whether a built-in layer made it for itself.
struct Registration {
  long site = -1;
  bool internal = false;
};
inline Registration registration_here(void* frame) {
  return Registration{ckptcheck_call_site(frame), ckptcheck_meta::builtin_depth() > 0};
}
}  // namespace ckptcheck_detail

class Module : public std::enable_shared_from_this<Module> {
 public:
  using ModuleApplyFunction = std::function<void(Module&)>;
  using ConstModuleApplyFunction = std::function<void(const Module&)>;
  using NamedModuleApplyFunction = std::function<void(const std::string&, Module&)>;
  using ConstNamedModuleApplyFunction = std::function<void(const std::string&, const Module&)>;
  using ModulePointerApplyFunction = std::function<void(const std::shared_ptr<Module>&)>;
  using NamedModulePointerApplyFunction = std::function<void(const std::string&, const std::shared_ptr<Module>&)>;

  explicit Module(std::string name) : name_(std::move(name)) {}
  Module() = default;
  Module(const Module&) = default;
  Module& operator=(const Module&) = default;
  Module(Module&&) = default;
  Module& operator=(Module&&) = default;
  virtual ~Module();  // defined in library.cpp: the key function, so the vtable is compiled there

  // The dynamic type's name, as LibTorch prints it ("torch::nn::LinearImpl").
  const std::string& name() const noexcept {
    if (!name_) {
      int status = 0;
      char* demangled = abi::__cxa_demangle(typeid(*this).name(), nullptr, nullptr, &status);
      name_ = status == 0 && demangled ? std::string(demangled) : std::string(typeid(*this).name());
      std::free(demangled);
    }
    return *name_;
  }
  virtual std::shared_ptr<Module> clone(const c10::optional<at::Device>& = c10::nullopt) const {
    TORCH_CHECK(false, "clone() has not been implemented for ", name(),
                ". Subclass torch::nn::Cloneable<", name(), "> instead of torch::nn::Module to inherit the ability to clone.");
  }

  void apply(const ModuleApplyFunction& function) {
    function(*this);
    apply_to_submodules([&function](const std::string&, const std::shared_ptr<Module>& m) { function(*m); });
  }
  void apply(const ConstModuleApplyFunction& function) const {
    function(*this);
    apply_to_submodules([&function](const std::string&, const std::shared_ptr<Module>& m) { function(*m); });
  }
  void apply(const NamedModuleApplyFunction& function, const std::string& name_prefix = std::string()) {
    function(name_prefix, *this);
    apply_to_submodules([&function](const std::string& name, const std::shared_ptr<Module>& m) { function(name, *m); },
                        name_prefix);
  }
  void apply(const ConstNamedModuleApplyFunction& function, const std::string& name_prefix = std::string()) const {
    function(name_prefix, *this);
    apply_to_submodules([&function](const std::string& name, const std::shared_ptr<Module>& m) { function(name, *m); },
                        name_prefix);
  }
  void apply(const ModulePointerApplyFunction& function) const {
    function(shared_from_checked());
    apply_to_submodules([&function](const std::string&, const std::shared_ptr<Module>& m) { function(m); });
  }
  void apply(const NamedModulePointerApplyFunction& function, const std::string& name_prefix = std::string()) const {
    function(name_prefix, shared_from_checked());
    apply_to_submodules(function, name_prefix);
  }

  std::vector<at::Tensor> parameters(bool recurse = true) const { return named_parameters(recurse).values(); }
  OrderedDict<std::string, at::Tensor> named_parameters(bool recurse = true) const {
    return named_tensors(&Module::parameters_, recurse, "Parameter");
  }
  std::vector<at::Tensor> buffers(bool recurse = true) const { return named_buffers(recurse).values(); }
  OrderedDict<std::string, at::Tensor> named_buffers(bool recurse = true) const {
    return named_tensors(&Module::buffers_, recurse, "Buffer");
  }
  std::vector<std::shared_ptr<Module>> modules(bool include_self = true) const {
    return named_modules(std::string(), include_self).values();
  }
  OrderedDict<std::string, std::shared_ptr<Module>> named_modules(const std::string& name_prefix = std::string(),
                                                                  bool include_self = true) const {
    OrderedDict<std::string, std::shared_ptr<Module>> result("Module");
    if (include_self) result.insert(name_prefix, shared_from_checked());
    apply_to_submodules([&result](const std::string& key, const std::shared_ptr<Module>& m) { result.insert(key, m); },
                        name_prefix);
    return result;
  }
  std::vector<std::shared_ptr<Module>> children() const { return children_.values(); }
  OrderedDict<std::string, std::shared_ptr<Module>> named_children() const { return children_; }

  virtual void train(bool on = true) {
    for (auto& child : children_) child.value()->train(on);
    is_training_ = on;
  }
  void eval() { train(false); }
  virtual bool is_training() const noexcept { return is_training_; }
  // Every parameter and buffer takes the dtype, integer buffers included: what
  // LibTorch's C++ Module::to does (unlike Python's, which skips integers).
  virtual void to(at::Device device, at::ScalarType dtype, bool non_blocking = false) {
    to_impl([&](const at::Tensor& t) { return t.to(device, dtype, non_blocking); },
            [&](Module& m) { m.to(device, dtype, non_blocking); });
  }
  virtual void to(at::ScalarType dtype, bool non_blocking = false) {
    to_impl([&](const at::Tensor& t) { return t.to(dtype, non_blocking); }, [&](Module& m) { m.to(dtype, non_blocking); });
  }
  virtual void to(at::Device device, bool non_blocking = false) {
    to_impl([&](const at::Tensor& t) { return t.to(device, non_blocking); }, [&](Module& m) { m.to(device, non_blocking); });
  }
  virtual void zero_grad(bool = true) {}
  template <typename ModuleType>
  typename ModuleType::ContainedType* as() noexcept {
    return as<typename ModuleType::ContainedType>();
  }
  template <typename ModuleType, typename = std::enable_if_t<!ckptcheck_detail::is_holder<ModuleType>::value>>
  ModuleType* as() noexcept {
    return dynamic_cast<ModuleType*>(this);
  }
  template <typename ModuleType>
  const typename ModuleType::ContainedType* as() const noexcept {
    return as<typename ModuleType::ContainedType>();
  }
  template <typename ModuleType, typename = std::enable_if_t<!ckptcheck_detail::is_holder<ModuleType>::value>>
  const ModuleType* as() const noexcept {
    return dynamic_cast<const ModuleType*>(this);
  }
  // Defined here (not only declared) so that Module's vtable has a home: the
  // archive calls they would make are not available at construction.
  virtual void save(serialize::OutputArchive&) const { ckptcheck_check_failed("Module::save"); }
  virtual void load(serialize::InputArchive&) { ckptcheck_check_failed("Module::load"); }
  virtual void pretty_print(std::ostream& stream) const { stream << name(); }
  virtual bool is_serializable() const { return true; }

  at::Tensor& register_parameter(std::string name, at::Tensor tensor, bool requires_grad = true) {
    check_name(name, "Parameter");
    if (tensor.defined()) tensor.set_requires_grad(requires_grad);
    else if (requires_grad)
      TORCH_WARN("An undefined tensor cannot require grad. Ignoring the `requires_grad=true` function parameter.");
    sites_["p/" + name] = ckptcheck_detail::registration_here(__builtin_frame_address(0));
    return parameters_.insert(std::move(name), std::move(tensor));
  }
  at::Tensor& register_buffer(std::string name, at::Tensor tensor) {
    check_name(name, "Buffer");
    sites_["b/" + name] = ckptcheck_detail::registration_here(__builtin_frame_address(0));
    return buffers_.insert(std::move(name), std::move(tensor));
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> register_module(std::string name, std::shared_ptr<ModuleType> module) {
    check_name(name, "Submodule");
    TORCH_CHECK(module != nullptr, "Submodule '", name, "' is a null pointer (an empty module holder?)");
    sites_["m/" + name] = ckptcheck_detail::registration_here(__builtin_frame_address(0));
    auto& base = children_.insert(std::move(name), std::move(module));
    return std::dynamic_pointer_cast<ModuleType>(base);
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> register_module(std::string name, ModuleHolder<ModuleType> module_holder) {
    return register_module(std::move(name), module_holder.ptr());
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> replace_module(const std::string& name, std::shared_ptr<ModuleType> module) {
    auto& base = (children_[name] = std::move(module));
    sites_["m/" + name] = ckptcheck_detail::registration_here(__builtin_frame_address(0));
    return std::dynamic_pointer_cast<ModuleType>(base);
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> replace_module(const std::string& name, ModuleHolder<ModuleType> module_holder) {
    return replace_module(name, module_holder.ptr());
  }
  void unregister_module(const std::string& name) {
    TORCH_CHECK(children_.contains(name), "No Module with name `", name, "` is registered");
    children_.erase(name);
  }

  // ckptcheck: where each registration happened, by kind ('p', 'b', 'm') and name.
  ckptcheck_detail::Registration ckptcheck_registration(char kind, const std::string& name) const {
    auto it = sites_.find(std::string(1, kind) + "/" + name);
    return it == sites_.end() ? ckptcheck_detail::Registration{} : it->second;
  }
  const OrderedDict<std::string, at::Tensor>& ckptcheck_parameters() const { return parameters_; }
  const OrderedDict<std::string, at::Tensor>& ckptcheck_buffers() const { return buffers_; }
  const OrderedDict<std::string, std::shared_ptr<Module>>& ckptcheck_children() const { return children_; }

 protected:
  // Protected, as in LibTorch: ParameterList and ParameterDict fill it directly.
  OrderedDict<std::string, at::Tensor> parameters_{"Parameter"};

  virtual void clone_(Module&, const c10::optional<at::Device>&) {
    TORCH_CHECK(false, "clone() has not been implemented for ", name(),
                ". Subclass torch::nn::Cloneable<", name(), "> instead of torch::nn::Module to inherit the ability to clone.");
  }

 private:
  template <typename Derived>
  friend class Cloneable;

  void check_name(const std::string& name, const char* what) const {
    TORCH_CHECK(!name.empty(), what, " name must not be empty");
    TORCH_CHECK(name.find('.') == std::string::npos, what, " name must not contain a dot (got '", name, "')");
  }
  std::shared_ptr<Module> shared_from_checked() const {
    std::shared_ptr<const Module> ptr;
    try {
      ptr = shared_from_this();
    } catch (const std::bad_weak_ptr&) {
      TORCH_CHECK(false, "It looks like you attempted to retrieve your top-level module as a shared_ptr, but it is not "
                         "stored in a shared_ptr. Use std::make_shared<", name(), "> instead of creating your module on the "
                         "stack, or alternatively do not try to access your top-level module at all by passing /*include_self=*/false "
                         "to modules() or named_modules()");
    }
    return std::const_pointer_cast<Module>(ptr);
  }
  void apply_to_submodules(const NamedModulePointerApplyFunction& function, const std::string& name_prefix = std::string()) const {
    for (const auto& child : children_) {
      std::string qualified = ckptcheck_detail::join_name(name_prefix, child.key());
      function(qualified, child.value());
      child.value()->apply_to_submodules(function, qualified);
    }
  }
  OrderedDict<std::string, at::Tensor> named_tensors(OrderedDict<std::string, at::Tensor> Module::*which, bool recurse,
                                                     const char* description) const {
    OrderedDict<std::string, at::Tensor> result(description);
    auto own = [&](const std::string& prefix, const Module& m) {
      for (const auto& item : m.*which)
        if (item.value().defined()) result.insert(ckptcheck_detail::join_name(prefix, item.key()), item.value());
    };
    own("", *this);
    if (recurse)
      apply_to_submodules([&](const std::string& name, const std::shared_ptr<Module>& m) { own(name, *m); });
    return result;
  }
  template <typename Convert, typename Recurse>
  void to_impl(const Convert& convert, const Recurse& recurse) {
    for (auto& child : children_) recurse(*child.value());
    for (auto& p : parameters_)
      if (p.value().defined()) p.value().set_data(convert(p.value()));
    for (auto& b : buffers_)
      if (b.value().defined()) b.value().set_data(convert(b.value()));
  }

  OrderedDict<std::string, at::Tensor> buffers_{"Buffer"};
  OrderedDict<std::string, std::shared_ptr<Module>> children_{"Submodule"};
  mutable c10::optional<std::string> name_;
  bool is_training_ = true;
  std::map<std::string, ckptcheck_detail::Registration> sites_;
};
inline std::ostream& operator<<(std::ostream& stream, const Module& module) {
  module.pretty_print(stream);
  return stream;
}
serialize::OutputArchive& operator<<(serialize::OutputArchive& archive, const std::shared_ptr<Module>& module);
serialize::InputArchive& operator>>(serialize::InputArchive& archive, const std::shared_ptr<Module>& module);

// Owns a shared_ptr to its module (torch::nn::Linear holds a LinearImpl).
template <typename Contained>
class ModuleHolder : ckptcheck_detail::ModuleHolderIndicator {
 protected:
  std::shared_ptr<Contained> impl_;

 public:
  using ContainedType = Contained;

  // A default-constructed module, as LibTorch's holders do.
  ModuleHolder() : impl_(std::make_shared<Contained>()) {}
  ModuleHolder(std::nullptr_t) : impl_(nullptr) {}
  ModuleHolder(std::shared_ptr<Contained> module) : impl_(std::move(module)) {}
  // Any other arguments construct the module.
  template <typename Head, typename... Tail,
            typename = std::enable_if_t<!(sizeof...(Tail) == 0 &&
                                          (std::is_base_of<ModuleHolder, std::decay_t<Head>>::value ||
                                           std::is_same<std::decay_t<Head>, std::nullptr_t>::value ||
                                           std::is_convertible<Head, std::shared_ptr<Contained>>::value))>>
  explicit ModuleHolder(Head&& head, Tail&&... tail)
      : impl_(std::make_shared<Contained>(std::forward<Head>(head), std::forward<Tail>(tail)...)) {}

  explicit operator bool() const noexcept { return !is_empty(); }
  Contained* operator->() { return get(); }
  const Contained* operator->() const { return get(); }
  Contained& operator*() { return *get(); }
  const Contained& operator*() const { return *get(); }
  const std::shared_ptr<Contained>& ptr() const {
    TORCH_CHECK(!is_empty(), "Accessing empty ModuleHolder");
    return impl_;
  }
  Contained* get() {
    TORCH_CHECK(!is_empty(), "Accessing empty ModuleHolder");
    return impl_.get();
  }
  const Contained* get() const {
    TORCH_CHECK(!is_empty(), "Accessing empty ModuleHolder");
    return impl_.get();
  }
  bool is_empty() const noexcept { return impl_ == nullptr; }
  template <typename... Args, typename C = Contained>
  auto operator()(Args&&... args) -> decltype(std::declval<C&>().forward(std::forward<Args>(args)...)) {
    return get()->forward(std::forward<Args>(args)...);
  }
  template <typename Arg>
  decltype(auto) operator[](Arg&& arg) {
    return (*get())[std::forward<Arg>(arg)];
  }
};
template <typename Contained>
std::ostream& operator<<(std::ostream& stream, const ModuleHolder<Contained>& module) {
  return stream << *module;
}
template <typename Contained>
serialize::OutputArchive& operator<<(serialize::OutputArchive& archive, const ModuleHolder<Contained>& module);
template <typename Contained>
serialize::InputArchive& operator>>(serialize::InputArchive& archive, ModuleHolder<Contained>& module);

// A module that can copy itself: clone() copies the object, clears its
// registrations, runs reset() to make them again, and gives the copies the
// original's shapes and dtypes, then clones each child into place.
template <typename Derived>
class Cloneable : public virtual Module {
 public:
  using Module::Module;
  virtual void reset() = 0;

  std::shared_ptr<Module> clone(const c10::optional<at::Device>& device = c10::nullopt) const override {
    const auto& self = static_cast<const Derived&>(*this);
    auto copy = std::make_shared<Derived>(self);
    copy->parameters_.clear();
    copy->buffers_.clear();
    copy->children_.clear();
    copy->reset();
    TORCH_CHECK(copy->parameters_.size() == parameters_.size(),
                "The cloned module does not have the same number of parameters as the original module after calling "
                "reset(). Are you sure you called register_parameter() inside reset() and not the constructor?");
    for (const auto& p : named_parameters(/*recurse=*/false))
      copy->parameters_[p.key()].set_data(device ? p.value().to(*device) : p.value().clone());
    TORCH_CHECK(copy->buffers_.size() == buffers_.size(),
                "The cloned module does not have the same number of buffers as the original module after calling "
                "reset(). Are you sure you called register_buffer() inside reset() and not the constructor?");
    for (const auto& b : named_buffers(/*recurse=*/false))
      copy->buffers_[b.key()].set_data(device ? b.value().to(*device) : b.value().clone());
    TORCH_CHECK(copy->children_.size() == children_.size(),
                "The cloned module does not have the same number of child modules as the original module after "
                "calling reset(). Are you sure you called register_module() inside reset() and not the constructor?");
    for (const auto& child : children_) copy->children_[child.key()]->clone_(*child.value(), device);
    return copy;
  }

 private:
  void clone_(Module& other, const c10::optional<at::Device>& device) final {
    auto clone = std::dynamic_pointer_cast<Derived>(other.clone(device));
    TORCH_CHECK(clone != nullptr,
                "Attempted to clone submodule, but it is of a different type than the submodule it was to be cloned into");
    static_cast<Derived&>(*this) = std::move(*clone);
  }
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

// Holds any module (Sequential's elements).
class AnyModule {
 public:
  AnyModule() = default;
  template <typename ModuleType>
  explicit AnyModule(std::shared_ptr<ModuleType> module) : module_(std::move(module)) {}
  template <typename ModuleType, typename = std::enable_if_t<!ckptcheck_detail::is_holder<ModuleType>::value &&
                                                             std::is_base_of<Module, std::decay_t<ModuleType>>::value>>
  explicit AnyModule(ModuleType&& module)
      : module_(std::make_shared<std::decay_t<ModuleType>>(std::forward<ModuleType>(module))) {}
  template <typename ModuleType>
  explicit AnyModule(const ModuleHolder<ModuleType>& module_holder) : module_(module_holder.ptr()) {}
  AnyModule(AnyModule&&) = default;
  AnyModule& operator=(AnyModule&&) = default;
  AnyModule(const AnyModule&) = default;
  AnyModule& operator=(const AnyModule&) = default;
  AnyModule clone(c10::optional<at::Device> device = c10::nullopt) const {
    AnyModule copy;
    if (module_) copy.module_ = module_->clone(device);
    return copy;
  }
  template <typename ModuleType>
  AnyModule& operator=(std::shared_ptr<ModuleType> module) {
    module_ = std::move(module);
    return *this;
  }
  template <typename... ArgumentTypes>
  AnyValue any_forward(ArgumentTypes&&... arguments);
  template <typename ReturnType = at::Tensor, typename... ArgumentTypes>
  ReturnType forward(ArgumentTypes&&... arguments);
  template <typename T, typename = std::enable_if_t<!ckptcheck_detail::is_holder<T>::value>>
  T& get() {
    T* m = dynamic_cast<T*>(checked().get());
    TORCH_CHECK(m != nullptr, "Attempted to cast module of type ", checked()->name(), " to type ", typeid(T).name());
    return *m;
  }
  template <typename T, typename = std::enable_if_t<ckptcheck_detail::is_holder<T>::value>>
  T get() const {
    return T(ptr<typename T::ContainedType>());
  }
  std::shared_ptr<Module> ptr() const { return checked(); }
  template <typename T, typename C = typename ckptcheck_detail::contained<T>::type>
  std::shared_ptr<C> ptr() const {
    auto m = std::dynamic_pointer_cast<C>(checked());
    TORCH_CHECK(m != nullptr, "Attempted to cast module of type ", checked()->name(), " to type ", typeid(C).name());
    return m;
  }
  bool is_empty() const noexcept { return module_ == nullptr; }
  const std::type_info& type_info() const {
    const Module& m = *checked();
    return typeid(m);
  }

 private:
  const std::shared_ptr<Module>& checked() const {
    TORCH_CHECK(module_ != nullptr, "Cannot call ptr() on an empty AnyModule");
    return module_;
  }
  std::shared_ptr<Module> module_;
};

// A name and a module, for Sequential({{"conv", Conv2d(...)}, ...}).
class NamedAnyModule {
 public:
  template <typename ModuleType>
  NamedAnyModule(std::string name, std::shared_ptr<ModuleType> module_ptr)
      : NamedAnyModule(std::move(name), AnyModule(std::move(module_ptr))) {}
  template <typename M, typename = std::enable_if_t<!ckptcheck_detail::is_holder<M>::value &&
                                                    std::is_base_of<Module, std::decay_t<M>>::value>>
  NamedAnyModule(std::string name, M&& module) : NamedAnyModule(std::move(name), AnyModule(std::forward<M>(module))) {}
  template <typename M>
  NamedAnyModule(std::string name, const ModuleHolder<M>& module_holder)
      : NamedAnyModule(std::move(name), AnyModule(module_holder)) {}
  NamedAnyModule(std::string name, AnyModule any_module) : name_(std::move(name)), module_(std::move(any_module)) {}
  const std::string& name() const noexcept { return name_; }
  AnyModule& module() noexcept { return module_; }
  const AnyModule& module() const noexcept { return module_; }

 private:
  std::string name_;
  AnyModule module_;
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
