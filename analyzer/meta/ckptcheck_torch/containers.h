// Meta LibTorch, part 7: the containers (Sequential, ModuleList, ModuleDict,
// ParameterList, ParameterDict, Functional) and the layers built from them
// (AdaptiveLogSoftmaxWithLoss, the Transformer family). Names and numbering
// follow LibTorch: an unnamed push_back is named by the container's size
// before it, insert() renumbers what follows, clone() rebuilds by cloning each
// element. See c10.h.
#pragma once

#include "layers.h"

namespace torch {
namespace nn {

class SequentialImpl : public Cloneable<SequentialImpl> {
 public:
  using Iterator = std::vector<AnyModule>::iterator;
  using ConstIterator = std::vector<AnyModule>::const_iterator;
  SequentialImpl();  // library.cpp
  template <typename... Modules>
  explicit SequentialImpl(Modules&&... modules) {
    modules_.reserve(sizeof...(Modules));
    push_back_all(std::forward<Modules>(modules)...);
  }
  explicit SequentialImpl(torch::OrderedDict<std::string, AnyModule>&& ordered_dict) {
    for (auto& item : ordered_dict) push_back(item.key(), std::move(item.value()));
  }
  explicit SequentialImpl(std::initializer_list<NamedAnyModule> named_modules) {
    for (const NamedAnyModule& m : named_modules) push_back(m.name(), m.module());
  }
  std::shared_ptr<Module> clone(const c10::optional<at::Device>& device = c10::nullopt) const override {
    auto clone = std::make_shared<SequentialImpl>();
    for (const AnyModule& m : modules_) clone->push_back(m.clone(device));
    return clone;
  }
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {}
  template <typename ReturnType = at::Tensor, typename... InputTypes>
  ReturnType forward(InputTypes&&... inputs);
  template <typename ModuleType>
  void push_back(std::shared_ptr<ModuleType> module_ptr) {
    push_back(std::to_string(modules_.size()), std::move(module_ptr));
  }
  template <typename ModuleType>
  void push_back(std::string name, std::shared_ptr<ModuleType> module_ptr) {
    push_back(std::move(name), AnyModule(std::move(module_ptr)));
  }
  template <typename M, typename = std::enable_if_t<!ckptcheck_detail::is_holder<M>::value &&
                                                    std::is_base_of<Module, std::decay_t<M>>::value>>
  void push_back(M&& module) {
    push_back(std::to_string(modules_.size()), std::forward<M>(module));
  }
  template <typename M, typename = std::enable_if_t<!ckptcheck_detail::is_holder<M>::value &&
                                                    std::is_base_of<Module, std::decay_t<M>>::value>>
  void push_back(std::string name, M&& module) {
    push_back(std::move(name), std::make_shared<std::decay_t<M>>(std::forward<M>(module)));
  }
  template <typename M>
  void push_back(const ModuleHolder<M>& module_holder) {
    push_back(std::to_string(modules_.size()), module_holder);
  }
  template <typename M>
  void push_back(std::string name, const ModuleHolder<M>& module_holder) {
    push_back(std::move(name), module_holder.ptr());
  }
  void push_back(AnyModule any_module) { push_back(std::to_string(modules_.size()), std::move(any_module)); }
  void push_back(std::string name, AnyModule any_module) {
    modules_.push_back(std::move(any_module));
    register_module(std::move(name), modules_.back().ptr());
  }
  template <typename Container>
  void extend(const Container& container) {
    for (const auto& module : container) push_back(module);
  }
  Iterator begin() { return modules_.begin(); }
  ConstIterator begin() const { return modules_.begin(); }
  Iterator end() { return modules_.end(); }
  ConstIterator end() const { return modules_.end(); }
  template <typename T>
  T& at(size_t index) {
    TORCH_CHECK(index < size(), "Index out of range");
    return modules_[index].get<T>();
  }
  std::shared_ptr<Module> ptr(size_t index) const {
    TORCH_CHECK(index < size(), "Index out of range");
    return modules_[index].ptr();
  }
  template <typename T>
  std::shared_ptr<T> ptr(size_t index) const {
    TORCH_CHECK(index < size(), "Index out of range");
    return modules_[index].ptr<T>();
  }
  std::shared_ptr<Module> operator[](size_t index) const { return ptr(index); }
  size_t size() const noexcept { return modules_.size(); }
  bool is_empty() const noexcept { return modules_.empty(); }

 private:
  template <typename First, typename... Rest>
  void push_back_all(First&& first, Rest&&... rest) {
    push_back(std::forward<First>(first));
    push_back_all(std::forward<Rest>(rest)...);
  }
  void push_back_all() {}
  std::vector<AnyModule> modules_;
};
class Sequential : public ModuleHolder<SequentialImpl> {
 public:
  using ModuleHolder<SequentialImpl>::ModuleHolder;
  Sequential() : ModuleHolder() {}
  Sequential(std::initializer_list<NamedAnyModule> named_modules)
      : ModuleHolder(std::make_shared<SequentialImpl>(named_modules)) {}
};

class ModuleListImpl : public Cloneable<ModuleListImpl> {
 public:
  using Iterator = std::vector<std::shared_ptr<Module>>::iterator;
  using ConstIterator = std::vector<std::shared_ptr<Module>>::const_iterator;
  ModuleListImpl();  // library.cpp
  template <typename... Modules>
  explicit ModuleListImpl(Modules&&... modules) {
    modules_.reserve(sizeof...(Modules));
    (push_back(std::forward<Modules>(modules)), ...);
  }
  std::shared_ptr<Module> clone(const c10::optional<at::Device>& device = c10::nullopt) const override {
    auto clone = std::make_shared<ModuleListImpl>();
    for (const auto& m : modules_) clone->push_back(m->clone(device));
    return clone;
  }
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {}
  void push_back(std::shared_ptr<Module> module) {
    modules_.push_back(std::move(module));
    register_module(std::to_string(modules_.size() - 1), modules_.back());
  }
  template <typename M, typename = std::enable_if_t<!ckptcheck_detail::is_holder<M>::value &&
                                                    std::is_base_of<Module, std::decay_t<M>>::value>>
  void push_back(M&& module) {
    push_back(std::make_shared<std::decay_t<M>>(std::forward<M>(module)));
  }
  template <typename M>
  void push_back(const ModuleHolder<M>& module_holder) {
    push_back(module_holder.ptr());
  }
  template <typename Container>
  void extend(const Container& container) {
    for (const auto& module : container) push_back(module);
  }
  // As LibTorch 1.13 does it, bug included: its renumbering loop re-registers
  // the module at `index` each time round instead of the i-th, so the names
  // after `index` keep the modules they had, and the last name is added for
  // the last module. named_parameters() shows exactly that.
  void insert(size_t index, std::shared_ptr<Module> module) {
    TORCH_CHECK(index <= size(), "Index out of range");
    if (index == size()) return push_back(std::move(module));
    modules_.insert(modules_.begin() + static_cast<std::ptrdiff_t>(index), std::move(module));
    for (size_t i = index; i < size() - 1; ++i) replace_module(std::to_string(index), modules_[index]);
    register_module(std::to_string(size() - 1), modules_.back());
  }
  template <typename M>
  void insert(size_t index, const ModuleHolder<M>& module_holder) {
    insert(index, module_holder.ptr());
  }
  template <typename M, typename = std::enable_if_t<!ckptcheck_detail::is_holder<M>::value &&
                                                    std::is_base_of<Module, std::decay_t<M>>::value>>
  void insert(size_t index, M&& module) {
    insert(index, std::make_shared<std::decay_t<M>>(std::forward<M>(module)));
  }
  Iterator begin() { return modules_.begin(); }
  ConstIterator begin() const { return modules_.begin(); }
  Iterator end() { return modules_.end(); }
  ConstIterator end() const { return modules_.end(); }
  template <typename T>
  T& at(size_t index) {
    TORCH_CHECK(index < size(), "Index out of range");
    auto m = std::dynamic_pointer_cast<T>(modules_[index]);
    TORCH_CHECK(m, "Unable to cast module");
    return *m;
  }
  std::shared_ptr<Module> ptr(size_t index) const {
    TORCH_CHECK(index < size(), "Index out of range");
    return modules_[index];
  }
  template <typename T>
  std::shared_ptr<T> ptr(size_t index) const {
    TORCH_CHECK(index < size(), "Index out of range");
    return std::dynamic_pointer_cast<T>(modules_[index]);
  }
  std::shared_ptr<Module> operator[](size_t index) const { return ptr(index); }
  size_t size() const noexcept { return modules_.size(); }
  bool is_empty() const noexcept { return modules_.empty(); }

 private:
  std::vector<std::shared_ptr<Module>> modules_;
};
TORCH_MODULE(ModuleList);

class ModuleDictImpl : public Cloneable<ModuleDictImpl> {
 public:
  using Iterator = torch::OrderedDict<std::string, std::shared_ptr<Module>>::Iterator;
  using ConstIterator = torch::OrderedDict<std::string, std::shared_ptr<Module>>::ConstIterator;
  ModuleDictImpl();  // library.cpp
  explicit ModuleDictImpl(const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules) { update(modules); }
  explicit ModuleDictImpl(const torch::OrderedDict<std::string, std::shared_ptr<Module>>& modules) { update(modules); }
  std::shared_ptr<Module> clone(const c10::optional<at::Device>& device = c10::nullopt) const override {
    auto clone = std::make_shared<ModuleDictImpl>();
    for (const auto& m : modules_) clone->insert(m.key(), m.value()->clone(device));
    return clone;
  }
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {}
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> items() const { return modules_.pairs(); }
  std::vector<std::string> keys() const { return modules_.keys(); }
  std::vector<std::shared_ptr<Module>> values() const { return modules_.values(); }
  Iterator begin() { return modules_.begin(); }
  ConstIterator begin() const { return modules_.begin(); }
  Iterator end() { return modules_.end(); }
  ConstIterator end() const { return modules_.end(); }
  size_t size() const noexcept { return modules_.size(); }
  bool empty() const noexcept { return modules_.is_empty(); }
  bool contains(const std::string& key) const noexcept { return modules_.contains(key); }
  void clear() {
    modules_.clear();
    for (const std::string& key : named_children().keys()) unregister_module(key);
  }
  std::shared_ptr<Module> pop(const std::string& key) {
    auto module = modules_[key];
    modules_.erase(key);
    unregister_module(key);
    return module;
  }
  void update(const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules) {
    for (const auto& item : modules) insert(item.first, item.second);
  }
  template <typename Container>
  void update(const Container& container) {
    for (const auto& item : container) insert(item.key(), item.value());
  }
  std::shared_ptr<Module> operator[](const std::string& key) const { return modules_[key]; }
  template <typename T>
  T& at(const std::string& key) {
    auto m = std::dynamic_pointer_cast<T>(modules_[key]);
    TORCH_CHECK(m, "Unable to cast module[", key, "] to ", typeid(T).name());
    return *m;
  }

 private:
  // A key already present is replaced in place, keeping its position.
  void insert(const std::string& key, std::shared_ptr<Module> module) {
    if (contains(key)) {
      modules_[key] = std::move(module);
      replace_module(key, modules_[key]);
    } else {
      modules_.insert(key, std::move(module));
      register_module(key, modules_.back().value());
    }
  }
  torch::OrderedDict<std::string, std::shared_ptr<Module>> modules_{"Module"};
};
TORCH_MODULE(ModuleDict);

class ParameterListImpl : public Cloneable<ParameterListImpl> {
 public:
  using Iterator = std::vector<torch::OrderedDict<std::string, at::Tensor>::Item>::iterator;
  using ConstIterator = std::vector<torch::OrderedDict<std::string, at::Tensor>::Item>::const_iterator;
  ParameterListImpl();  // library.cpp
  template <typename... Tensors>
  explicit ParameterListImpl(Tensors&&... params) {
    (append(std::forward<Tensors>(params)), ...);
  }
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {}
  void append(const at::Tensor& param) {
    register_parameter(std::to_string(parameters_.size()), param, param.requires_grad());
  }
  void append(const torch::OrderedDict<std::string, at::Tensor>::Item& pair) {
    register_parameter(std::to_string(parameters_.size()), pair.value(), pair.value().requires_grad());
  }
  template <typename Container>
  void extend(const Container& container) {
    for (const auto& param : container) append(param);
  }
  Iterator begin() { return parameters_.begin(); }
  ConstIterator begin() const { return parameters_.begin(); }
  Iterator end() { return parameters_.end(); }
  ConstIterator end() const { return parameters_.end(); }
  at::Tensor& at(size_t idx) {
    TORCH_CHECK(idx < size(), "Index out of range");
    return parameters_[std::to_string(idx)];
  }
  const at::Tensor& at(size_t idx) const {
    TORCH_CHECK(idx < size(), "Index out of range");
    return parameters_[std::to_string(idx)];
  }
  at::Tensor& operator[](size_t idx) { return at(idx); }
  const at::Tensor& operator[](size_t idx) const { return at(idx); }
  size_t size() const noexcept { return parameters_.size(); }
  bool is_empty() const noexcept { return parameters_.is_empty(); }
};
TORCH_MODULE(ParameterList);

class ParameterDictImpl : public Cloneable<ParameterDictImpl> {
 public:
  using Iterator = torch::OrderedDict<std::string, at::Tensor>::Iterator;
  using ConstIterator = torch::OrderedDict<std::string, at::Tensor>::ConstIterator;
  ParameterDictImpl();  // library.cpp
  // LibTorch takes the dictionary as it is: no register_parameter, so
  // requires_grad stays what each tensor has.
  explicit ParameterDictImpl(const torch::OrderedDict<std::string, at::Tensor>& params) { parameters_ = params; }
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {}
  at::Tensor& insert(std::string key, at::Tensor param) {
    bool requires_grad = param.requires_grad();
    return register_parameter(std::move(key), std::move(param), requires_grad);
  }
  at::Tensor pop(const std::string& key) {
    at::Tensor v = parameters_[key];
    parameters_.erase(key);
    return v;
  }
  std::vector<std::string> keys() const { return parameters_.keys(); }
  std::vector<at::Tensor> values() const { return parameters_.values(); }
  Iterator begin() { return parameters_.begin(); }
  ConstIterator begin() const { return parameters_.begin(); }
  Iterator end() { return parameters_.end(); }
  ConstIterator end() const { return parameters_.end(); }
  size_t size() const noexcept { return parameters_.size(); }
  bool empty() const noexcept { return parameters_.is_empty(); }
  bool contains(const std::string& key) const noexcept { return parameters_.contains(key); }
  void clear() { parameters_.clear(); }
  template <typename Container>
  void update(const Container& container) {
    for (const auto& item : container) {
      if (parameters_.contains(item.key())) parameters_[item.key()] = item.value();
      else insert(item.key(), item.value());
    }
  }
  const at::Tensor& get(const std::string& key) const { return parameters_[key]; }
  at::Tensor& get(const std::string& key) { return parameters_[key]; }
  at::Tensor& operator[](const std::string& key) { return parameters_[key]; }
  const at::Tensor& operator[](const std::string& key) const { return parameters_[key]; }
};
TORCH_MODULE(ParameterDict);

// Wraps a function (torch::relu) as a module.
class FunctionalImpl : public Cloneable<FunctionalImpl> {
 public:
  using Function = std::function<at::Tensor(at::Tensor)>;
  explicit FunctionalImpl(Function function);  // library.cpp
  template <typename SomeFunction, typename... Args, typename = std::enable_if_t<(sizeof...(Args) > 0)>>
  explicit FunctionalImpl(SomeFunction original_function, Args&&... args)
      : function_([=](at::Tensor input) { return original_function(input, args...); }) {}
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {}
  at::Tensor forward(at::Tensor input) { return function_(std::move(input)); }
  at::Tensor operator()(at::Tensor input) { return forward(std::move(input)); }

 private:
  Function function_;
};
TORCH_MODULE(Functional);

// AdaptiveLogSoftmaxWithLossImpl::reset: the head, then one two-layer
// Sequential per cluster in the ModuleList "tail".
class AdaptiveLogSoftmaxWithLossImpl : public Cloneable<AdaptiveLogSoftmaxWithLossImpl> {
 public:
  struct ASMoutput {
    at::Tensor output;
    double loss;
  };
  explicit AdaptiveLogSoftmaxWithLossImpl(const AdaptiveLogSoftmaxWithLossOptions& options_);  // library.cpp
  AdaptiveLogSoftmaxWithLossImpl(int64_t in_features, int64_t n_classes, std::vector<int64_t> cutoffs)
      : AdaptiveLogSoftmaxWithLossImpl(AdaptiveLogSoftmaxWithLossOptions(in_features, n_classes, std::move(cutoffs))) {}
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {
    BuiltinScope builtin;
    std::vector<int64_t> cutoffs = options.cutoffs();
    TORCH_CHECK(std::is_sorted(cutoffs.begin(), cutoffs.end()), "cutoffs should be a sequence sorted in ascending order");
    TORCH_CHECK(!cutoffs.empty() && cutoffs.front() > 0, "cutoffs should be a sequence of unique, positive integers");
    TORCH_CHECK(cutoffs.back() <= options.n_classes() - 1,
                "cutoffs should be a sequence of unique, positive integers sorted in an increasing order, where each "
                "value is between 1 and n_classes-1");
    cutoffs.push_back(options.n_classes());
    int64_t shortlist_size = cutoffs[0];
    int64_t n_clusters = static_cast<int64_t>(cutoffs.size()) - 1;
    head = register_module("head", Linear(LinearOptions(options.in_features(), shortlist_size + n_clusters)
                                              .bias(options.head_bias())));
    tail = register_module("tail", ModuleList());
    for (int64_t i = 0; i < n_clusters; ++i) {
      int64_t hsz = static_cast<int64_t>(std::floor(options.in_features() / std::pow(options.div_value(), i + 1)));
      int64_t osz = cutoffs[static_cast<size_t>(i + 1)] - cutoffs[static_cast<size_t>(i)];
      tail->push_back(Sequential(Linear(LinearOptions(options.in_features(), hsz).bias(false)),
                                 Linear(LinearOptions(hsz, osz).bias(false))));
    }
  }
  void reset_parameters() {}
  ASMoutput forward(const at::Tensor& input, const at::Tensor& target);
  at::Tensor log_prob(const at::Tensor& input);
  at::Tensor predict(const at::Tensor& input);
  AdaptiveLogSoftmaxWithLossOptions options;
  Linear head = nullptr;
  ModuleList tail = nullptr;
};
TORCH_MODULE(AdaptiveLogSoftmaxWithLoss);

// ---- transformers --------------------------------------------------------------------------

// TransformerEncoderLayerImpl::reset: its sublayers in LibTorch's order.
class TransformerEncoderLayerImpl : public Cloneable<TransformerEncoderLayerImpl> {
 public:
  explicit TransformerEncoderLayerImpl(const TransformerEncoderLayerOptions& options_);  /* library.cpp */
  TransformerEncoderLayerImpl(int64_t d_model, int64_t nhead)
      : TransformerEncoderLayerImpl(TransformerEncoderLayerOptions(d_model, nhead)) {}
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {
    BuiltinScope builtin;
    self_attn = register_module("self_attn", MultiheadAttention(MultiheadAttentionOptions(options.d_model(), options.nhead())
                                                                    .dropout(options.dropout())));
    linear1 = register_module("linear1", Linear(options.d_model(), options.dim_feedforward()));
    dropout = register_module("dropout", Dropout(options.dropout()));
    linear2 = register_module("linear2", Linear(options.dim_feedforward(), options.d_model()));
    norm1 = register_module("norm1", LayerNorm(LayerNormOptions({options.d_model()})));
    norm2 = register_module("norm2", LayerNorm(LayerNormOptions({options.d_model()})));
    dropout1 = register_module("dropout1", Dropout(options.dropout()));
    dropout2 = register_module("dropout2", Dropout(options.dropout()));
  }
  void reset_parameters() {}
  at::Tensor forward(const at::Tensor& src, const at::Tensor& src_mask = {}, const at::Tensor& src_key_padding_mask = {});
  TransformerEncoderLayerOptions options;
  MultiheadAttention self_attn = nullptr;
  Linear linear1 = nullptr;
  Dropout dropout = nullptr;
  Linear linear2 = nullptr;
  LayerNorm norm1 = nullptr;
  LayerNorm norm2 = nullptr;
  Dropout dropout1 = nullptr;
  Dropout dropout2 = nullptr;
};
TORCH_MODULE(TransformerEncoderLayer);

// TransformerDecoderLayerImpl::reset: its sublayers in LibTorch's order.
class TransformerDecoderLayerImpl : public Cloneable<TransformerDecoderLayerImpl> {
 public:
  explicit TransformerDecoderLayerImpl(const TransformerDecoderLayerOptions& options_);  /* library.cpp */
  TransformerDecoderLayerImpl(int64_t d_model, int64_t nhead)
      : TransformerDecoderLayerImpl(TransformerDecoderLayerOptions(d_model, nhead)) {}
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {
    BuiltinScope builtin;
    auto attention = [this] {
      return MultiheadAttention(MultiheadAttentionOptions(options.d_model(), options.nhead()).dropout(options.dropout()));
    };
    self_attn = register_module("self_attn", attention());
    dropout1 = register_module("dropout1", Dropout(options.dropout()));
    norm1 = register_module("norm1", LayerNorm(LayerNormOptions({options.d_model()})));
    multihead_attn = register_module("multihead_attn", attention());
    dropout2 = register_module("dropout2", Dropout(options.dropout()));
    norm2 = register_module("norm2", LayerNorm(LayerNormOptions({options.d_model()})));
    linear1 = register_module("linear1", Linear(options.d_model(), options.dim_feedforward()));
    dropout = register_module("dropout", Dropout(options.dropout()));
    linear2 = register_module("linear2", Linear(options.dim_feedforward(), options.d_model()));
    dropout3 = register_module("dropout3", Dropout(options.dropout()));
    norm3 = register_module("norm3", LayerNorm(LayerNormOptions({options.d_model()})));
  }
  void reset_parameters() {}
  at::Tensor forward(at::Tensor tgt, const at::Tensor& memory, const at::Tensor& tgt_mask = {},
                     const at::Tensor& memory_mask = {}, const at::Tensor& tgt_key_padding_mask = {},
                     const at::Tensor& memory_key_padding_mask = {});
  TransformerDecoderLayerOptions options;
  MultiheadAttention self_attn = nullptr;
  Dropout dropout1 = nullptr;
  LayerNorm norm1 = nullptr;
  MultiheadAttention multihead_attn = nullptr;
  Dropout dropout2 = nullptr;
  LayerNorm norm2 = nullptr;
  Linear linear1 = nullptr;
  Dropout dropout = nullptr;
  Linear linear2 = nullptr;
  Dropout dropout3 = nullptr;
  LayerNorm norm3 = nullptr;
};
TORCH_MODULE(TransformerDecoderLayer);

struct TransformerEncoderOptions {
  TransformerEncoderOptions(TransformerEncoderLayer encoder_layer, int64_t num_layers)
      : encoder_layer_(std::move(encoder_layer)), num_layers_(num_layers) {}
  TransformerEncoderOptions(const TransformerEncoderLayerOptions& encoder_layer_options, int64_t num_layers)
      : encoder_layer_(encoder_layer_options), num_layers_(num_layers) {}
  CKPT_ARG(TransformerEncoderLayer, encoder_layer);
  CKPT_ARG(int64_t, num_layers);
  CKPT_ARG_D(AnyModule, norm, AnyModule());
};
struct TransformerDecoderOptions {
  TransformerDecoderOptions(TransformerDecoderLayer decoder_layer, int64_t num_layers)
      : decoder_layer_(std::move(decoder_layer)), num_layers_(num_layers) {}
  TransformerDecoderOptions(const TransformerDecoderLayerOptions& decoder_layer_options, int64_t num_layers)
      : decoder_layer_(decoder_layer_options), num_layers_(num_layers) {}
  CKPT_ARG(TransformerDecoderLayer, decoder_layer);
  CKPT_ARG(int64_t, num_layers);
  CKPT_ARG_D(AnyModule, norm, AnyModule());
};

// TransformerEncoderImpl / TransformerDecoderImpl::reset: num_layers clones of
// the given layer in the ModuleList "layers", then a clone of the norm if given.
#define CKPT_TRANSFORMER_STACK(Name, Layer, layer_option)                                                \
  class Name##Impl : public Cloneable<Name##Impl> {                                                      \
   public:                                                                                               \
    explicit Name##Impl(const Name##Options& options_);  /* library.cpp */              \
    Name##Impl(Layer layer, int64_t num_layers) : Name##Impl(Name##Options(std::move(layer), num_layers)) {} \
    void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {                                                                              \
      BuiltinScope builtin;                                                                              \
      layers = register_module("layers", ModuleList());                                                  \
      for (int64_t i = 0; i < options.num_layers(); ++i) layers->push_back(options.layer_option()->clone()); \
      if (!options.norm().is_empty()) {                                                                  \
        norm = options.norm().clone();                                                                   \
        register_module("norm", norm.ptr());                                                             \
      }                                                                                                  \
    }                                                                                                    \
    void reset_parameters() {}                                                                           \
    Name##Options options;                                                                               \
    ModuleList layers = nullptr;                                                                         \
    AnyModule norm;                                                                                      \
  };
CKPT_TRANSFORMER_STACK(TransformerEncoder, TransformerEncoderLayer, encoder_layer)
CKPT_TRANSFORMER_STACK(TransformerDecoder, TransformerDecoderLayer, decoder_layer)
#undef CKPT_TRANSFORMER_STACK
TORCH_MODULE(TransformerEncoder);
TORCH_MODULE(TransformerDecoder);

// TransformerImpl::reset: an encoder and a decoder, each ending in a
// LayerNorm({d_model}), unless custom ones are given.
class TransformerImpl : public Cloneable<TransformerImpl> {
 public:
  explicit TransformerImpl(const TransformerOptions& options_);  /* library.cpp */
  void reset() override; /* defined in library.cpp */ void ckptcheck_reset() {
    BuiltinScope builtin;
    if (options.custom_encoder().is_empty()) {
      LayerNorm norm(LayerNormOptions({options.d_model()}));
      TransformerEncoder stack(TransformerEncoderOptions(TransformerEncoderLayerOptions(options.d_model(), options.nhead())
                                                             .dim_feedforward(options.dim_feedforward())
                                                             .dropout(options.dropout())
                                                             .activation(options.activation()),
                                                         options.num_encoder_layers())
                                   .norm(AnyModule(norm)));
      encoder = AnyModule(stack);
    } else {
      encoder = options.custom_encoder().clone();
    }
    register_module("encoder", encoder.ptr());
    if (options.custom_decoder().is_empty()) {
      LayerNorm norm(LayerNormOptions({options.d_model()}));
      TransformerDecoder stack(TransformerDecoderOptions(TransformerDecoderLayerOptions(options.d_model(), options.nhead())
                                                             .dim_feedforward(options.dim_feedforward())
                                                             .dropout(options.dropout())
                                                             .activation(options.activation()),
                                                         options.num_decoder_layers())
                                   .norm(AnyModule(norm)));
      decoder = AnyModule(stack);
    } else {
      decoder = options.custom_decoder().clone();
    }
    register_module("decoder", decoder.ptr());
  }
  void reset_parameters() {}
  at::Tensor forward(const at::Tensor& src, const at::Tensor& tgt, const at::Tensor& src_mask = {},
                     const at::Tensor& tgt_mask = {}, const at::Tensor& memory_mask = {},
                     const at::Tensor& src_key_padding_mask = {}, const at::Tensor& tgt_key_padding_mask = {},
                     const at::Tensor& memory_key_padding_mask = {});
  static at::Tensor generate_square_subsequent_mask(int64_t sz) { return at::zeros({sz, sz}); }
  TransformerOptions options;
  AnyModule encoder;
  AnyModule decoder;
};
TORCH_MODULE(Transformer);

}  // namespace nn
}  // namespace torch
