// Bundled LibTorch declarations, part 5: containers (Sequential, ModuleList,
// ModuleDict, ParameterList, ParameterDict, Functional) and the transformer
// modules built from them. See tensor.h.
#pragma once

#include "layers.h"

namespace torch {
namespace nn {

class SequentialImpl : public Cloneable<SequentialImpl> {
 public:
  using Iterator = std::vector<AnyModule>::iterator;
  using ConstIterator = std::vector<AnyModule>::const_iterator;
  SequentialImpl();
  template <typename... Modules>
  explicit SequentialImpl(Modules&&... modules);
  explicit SequentialImpl(torch::OrderedDict<std::string, AnyModule>&& ordered_dict);
  explicit SequentialImpl(std::initializer_list<NamedAnyModule> named_modules);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  template <typename ReturnType = at::Tensor, typename... InputTypes>
  ReturnType forward(InputTypes&&... inputs);
  template <typename ModuleType>
  void push_back(std::shared_ptr<ModuleType> module_ptr);
  template <typename ModuleType>
  void push_back(std::string name, std::shared_ptr<ModuleType> module_ptr);
  template <typename M, typename = std::enable_if_t<!ckptcheck_detail::is_holder<M>::value &&
                                                    std::is_base_of<Module, std::decay_t<M>>::value>>
  void push_back(M&& module);
  template <typename M, typename = std::enable_if_t<!ckptcheck_detail::is_holder<M>::value &&
                                                    std::is_base_of<Module, std::decay_t<M>>::value>>
  void push_back(std::string name, M&& module);
  template <typename M>
  void push_back(const ModuleHolder<M>& module_holder);
  template <typename M>
  void push_back(std::string name, const ModuleHolder<M>& module_holder);
  void push_back(AnyModule any_module);
  void push_back(std::string name, AnyModule any_module);
  template <typename Container>
  void extend(const Container& container);
  Iterator begin();
  ConstIterator begin() const;
  Iterator end();
  ConstIterator end() const;
  template <typename T>
  T& at(size_t index);
  std::shared_ptr<Module> ptr(size_t index) const;
  template <typename T>
  std::shared_ptr<T> ptr(size_t index) const;
  Module& operator[](size_t index) const;
  size_t size() const noexcept;
  bool is_empty() const noexcept;
};
class Sequential : public ModuleHolder<SequentialImpl> {
 public:
  using ModuleHolder<SequentialImpl>::ModuleHolder;
  Sequential();
  Sequential(std::initializer_list<NamedAnyModule> named_modules);
};

class ModuleListImpl : public Cloneable<ModuleListImpl> {
 public:
  using Iterator = std::vector<std::shared_ptr<Module>>::iterator;
  using ConstIterator = std::vector<std::shared_ptr<Module>>::const_iterator;
  ModuleListImpl();
  template <typename... Modules>
  explicit ModuleListImpl(Modules&&... modules);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  void push_back(std::shared_ptr<Module> module);
  template <typename M, typename = std::enable_if_t<!ckptcheck_detail::is_holder<M>::value &&
                                                    std::is_base_of<Module, std::decay_t<M>>::value>>
  void push_back(M&& module);
  template <typename M>
  void push_back(const ModuleHolder<M>& module_holder);
  template <typename Container>
  void extend(const Container& container);
  void insert(size_t index, std::shared_ptr<Module> module);
  template <typename M>
  void insert(size_t index, const ModuleHolder<M>& module_holder);
  template <typename M, typename = std::enable_if_t<!ckptcheck_detail::is_holder<M>::value &&
                                                    std::is_base_of<Module, std::decay_t<M>>::value>>
  void insert(size_t index, M&& module);
  Iterator begin();
  ConstIterator begin() const;
  Iterator end();
  ConstIterator end() const;
  template <typename T>
  T& at(size_t index);
  std::shared_ptr<Module> ptr(size_t index) const;
  template <typename T>
  std::shared_ptr<T> ptr(size_t index) const;
  std::shared_ptr<Module> operator[](size_t index) const;
  size_t size() const noexcept;
  bool is_empty() const noexcept;
};
TORCH_MODULE(ModuleList);

class ModuleDictImpl : public Cloneable<ModuleDictImpl> {
 public:
  using Iterator = torch::OrderedDict<std::string, std::shared_ptr<Module>>::Iterator;
  using ConstIterator = torch::OrderedDict<std::string, std::shared_ptr<Module>>::ConstIterator;
  ModuleDictImpl();
  explicit ModuleDictImpl(const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules);
  explicit ModuleDictImpl(const torch::OrderedDict<std::string, std::shared_ptr<Module>>& modules);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> items() const;
  std::vector<std::string> keys() const;
  std::vector<std::shared_ptr<Module>> values() const;
  Iterator begin();
  ConstIterator begin() const;
  Iterator end();
  ConstIterator end() const;
  size_t size() const noexcept;
  bool empty() const noexcept;
  bool contains(const std::string& key) const noexcept;
  void clear();
  std::shared_ptr<Module> pop(const std::string& key);
  void update(const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules);
  template <typename Container>
  void update(const Container& container);
  std::shared_ptr<Module> operator[](const std::string& key) const;
  template <typename T>
  T& at(const std::string& key);

 private:
  void insert(const std::string& key, std::shared_ptr<Module> module);  // private in LibTorch too
};
TORCH_MODULE(ModuleDict);

class ParameterListImpl : public Cloneable<ParameterListImpl> {
 public:
  using Iterator = std::vector<torch::OrderedDict<std::string, at::Tensor>::Item>::iterator;
  using ConstIterator = std::vector<torch::OrderedDict<std::string, at::Tensor>::Item>::const_iterator;
  ParameterListImpl();
  template <typename... Tensors>
  explicit ParameterListImpl(Tensors&&... params);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  void append(at::Tensor&& param);
  void append(const at::Tensor& param);
  void append(const torch::OrderedDict<std::string, at::Tensor>::Item& pair);
  template <typename Container>
  void extend(const Container& container);
  Iterator begin();
  ConstIterator begin() const;
  Iterator end();
  ConstIterator end() const;
  at::Tensor& at(size_t idx);
  const at::Tensor& at(size_t idx) const;
  at::Tensor& operator[](size_t idx);
  const at::Tensor& operator[](size_t idx) const;
  size_t size() const noexcept;
  bool is_empty() const noexcept;
};
TORCH_MODULE(ParameterList);

class ParameterDictImpl : public Cloneable<ParameterDictImpl> {
 public:
  using Iterator = torch::OrderedDict<std::string, at::Tensor>::Iterator;
  using ConstIterator = torch::OrderedDict<std::string, at::Tensor>::ConstIterator;
  ParameterDictImpl();
  explicit ParameterDictImpl(const torch::OrderedDict<std::string, at::Tensor>& params);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  at::Tensor& insert(std::string key, at::Tensor param);
  at::Tensor pop(const std::string& key);
  std::vector<std::string> keys() const;
  std::vector<at::Tensor> values() const;
  Iterator begin();
  ConstIterator begin() const;
  Iterator end();
  ConstIterator end() const;
  size_t size() const noexcept;
  bool empty() const noexcept;
  bool contains(const std::string& key) const noexcept;
  void clear();
  template <typename Container>
  void update(const Container& container);
  const at::Tensor& get(const std::string& key) const;
  at::Tensor& get(const std::string& key);
  at::Tensor& operator[](const std::string& key);
  const at::Tensor& operator[](const std::string& key) const;
};
TORCH_MODULE(ParameterDict);

// Wraps a function (torch::relu) as a module.
class FunctionalImpl : public Cloneable<FunctionalImpl> {
 public:
  using Function = std::function<at::Tensor(at::Tensor)>;
  explicit FunctionalImpl(Function function);
  template <typename SomeFunction, typename... Args, typename = std::enable_if_t<(sizeof...(Args) > 0)>>
  explicit FunctionalImpl(SomeFunction original_function, Args&&... args);
  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(at::Tensor input);
  at::Tensor operator()(at::Tensor input);
};
TORCH_MODULE(Functional);

class TransformerEncoderLayerImpl : public Cloneable<TransformerEncoderLayerImpl> {
 public:
  explicit TransformerEncoderLayerImpl(TransformerEncoderLayerOptions options_);
  TransformerEncoderLayerImpl(int64_t d_model, int64_t nhead);
  void reset() override;
  void reset_parameters();
  at::Tensor forward(const at::Tensor& src, const at::Tensor& src_mask = {},
                     const at::Tensor& src_key_padding_mask = {});
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

class TransformerDecoderLayerImpl : public Cloneable<TransformerDecoderLayerImpl> {
 public:
  explicit TransformerDecoderLayerImpl(TransformerDecoderLayerOptions options_);
  TransformerDecoderLayerImpl(int64_t d_model, int64_t nhead);
  void reset() override;
  void reset_parameters();
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

class TransformerEncoderImpl : public Cloneable<TransformerEncoderImpl> {
 public:
  explicit TransformerEncoderImpl(TransformerEncoderOptions options_);
  TransformerEncoderImpl(TransformerEncoderLayer encode_layer, int64_t num_layers);
  void reset() override;
  void reset_parameters();
  at::Tensor forward(const at::Tensor& src, const at::Tensor& src_mask = {},
                     const at::Tensor& src_key_padding_mask = {});
  TransformerEncoderOptions options;
  ModuleList layers = nullptr;
  AnyModule norm;
};
TORCH_MODULE(TransformerEncoder);

class TransformerDecoderImpl : public Cloneable<TransformerDecoderImpl> {
 public:
  explicit TransformerDecoderImpl(TransformerDecoderOptions options_);
  TransformerDecoderImpl(TransformerDecoderLayer decode_layer, int64_t num_layers);
  void reset() override;
  void reset_parameters();
  at::Tensor forward(const at::Tensor& tgt, const at::Tensor& memory, const at::Tensor& tgt_mask = {},
                     const at::Tensor& memory_mask = {}, const at::Tensor& tgt_key_padding_mask = {},
                     const at::Tensor& memory_key_padding_mask = {});
  TransformerDecoderOptions options;
  ModuleList layers = nullptr;
  AnyModule norm;
};
TORCH_MODULE(TransformerDecoder);

class TransformerImpl : public Cloneable<TransformerImpl> {
 public:
  explicit TransformerImpl(TransformerOptions options_);
  void reset() override;
  void reset_parameters();
  at::Tensor forward(const at::Tensor& src, const at::Tensor& tgt, const at::Tensor& src_mask = {},
                     const at::Tensor& tgt_mask = {}, const at::Tensor& memory_mask = {},
                     const at::Tensor& src_key_padding_mask = {}, const at::Tensor& tgt_key_padding_mask = {},
                     const at::Tensor& memory_key_padding_mask = {});
  static at::Tensor generate_square_subsequent_mask(int64_t sz);
  TransformerOptions options;
  AnyModule encoder;
  AnyModule decoder;
};
TORCH_MODULE(Transformer);

}  // namespace nn
}  // namespace torch
