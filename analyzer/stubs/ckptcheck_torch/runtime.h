// Bundled LibTorch declarations, part 7: what programs around a model use
// (devices, autograd switches, serialization, TorchScript loading, optimizers).
// Declared so that a model file with a main() or a training loop parses; the
// analysis does not evaluate any of it. See tensor.h.
#pragma once

#include "functional.h"

namespace torch {

void manual_seed(uint64_t seed);

namespace cuda {
bool is_available();
size_t device_count();
bool cudnn_is_available();
void synchronize(int64_t device_index = -1);
void manual_seed(uint64_t seed);
void manual_seed_all(uint64_t seed);
}  // namespace cuda

struct NoGradGuard {
  NoGradGuard();
  ~NoGradGuard();
};
struct AutoGradMode {
  AutoGradMode(bool enabled);
  ~AutoGradMode();
};
struct InferenceMode {
  InferenceMode(bool enabled = true);
  ~InferenceMode();
};

namespace autograd {
using Variable = at::Tensor;
std::vector<at::Tensor> grad(CKPT_ANY_ARGS);
void backward(CKPT_ANY_ARGS);
}  // namespace autograd

// torch::save(module, "file.pt"), torch::load(module, "file.pt").
template <typename Value, typename... SaveToArgs>
void save(const Value& value, SaveToArgs&&... args);
template <typename Value, typename... LoadFromArgs>
void load(Value& value, LoadFromArgs&&... args);
std::vector<char> pickle_save(const at::Tensor& value);
at::Tensor pickle_load(const std::vector<char>& data);

namespace jit {
class IValue {
 public:
  IValue();
  IValue(at::Tensor value);
  IValue(double value);
  IValue(int64_t value);
  IValue(bool value);
  IValue(std::string value);
  at::Tensor toTensor() const;
  double toDouble() const;
  int64_t toInt() const;
  bool toBool() const;
  bool isTensor() const;
  bool isTuple() const;
  std::vector<IValue> toTupleRef() const;
};
namespace script {
class Module;
}
class Module {
 public:
  Module();
  IValue forward(std::vector<IValue> inputs);
  void eval();
  void train(bool on = true);
  void to(at::Device device, bool non_blocking = false);
  void save(const std::string& filename) const;
  std::vector<at::Tensor> parameters(bool recurse = true) const;
  OrderedDict<std::string, at::Tensor> named_parameters(bool recurse = true) const;
};
Module load(const std::string& filename, c10::optional<at::Device> device = c10::nullopt);
}  // namespace jit
using jit::IValue;

namespace optim {
using Betas = std::tuple<double, double>;
// Optimizer options: any setting, by its name.
#define CKPT_OPTIMIZER(Name, ...)                                                             \
  struct Name##Options {                                                                      \
    Name##Options(double lr = 0.001);                                                         \
    __VA_ARGS__                                                                               \
  };                                                                                          \
  class Name {                                                                                \
   public:                                                                                    \
    Name(std::vector<at::Tensor> params, Name##Options defaults = {});                        \
    at::Tensor step(std::function<at::Tensor()> closure = nullptr);                           \
    void zero_grad(bool set_to_none = true);                                                  \
  };
CKPT_OPTIMIZER(SGD, CKPT_ARG(double, lr); CKPT_ARG(double, momentum); CKPT_ARG(double, dampening);
               CKPT_ARG(double, weight_decay); CKPT_ARG(bool, nesterov);)
CKPT_OPTIMIZER(Adam, CKPT_ARG(double, lr); CKPT_ARG(Betas, betas); CKPT_ARG(double, eps);
               CKPT_ARG(double, weight_decay); CKPT_ARG(bool, amsgrad);)
CKPT_OPTIMIZER(AdamW, CKPT_ARG(double, lr); CKPT_ARG(Betas, betas); CKPT_ARG(double, eps);
               CKPT_ARG(double, weight_decay); CKPT_ARG(bool, amsgrad);)
CKPT_OPTIMIZER(Adagrad, CKPT_ARG(double, lr); CKPT_ARG(double, lr_decay); CKPT_ARG(double, weight_decay);
               CKPT_ARG(double, initial_accumulator_value); CKPT_ARG(double, eps);)
CKPT_OPTIMIZER(RMSprop, CKPT_ARG(double, lr); CKPT_ARG(double, alpha); CKPT_ARG(double, eps);
               CKPT_ARG(double, weight_decay); CKPT_ARG(double, momentum); CKPT_ARG(bool, centered);)
#undef CKPT_OPTIMIZER
class StepLR {
 public:
  template <typename Optimizer>
  StepLR(Optimizer& optimizer, unsigned step_size, double gamma = 0.1);
  void step();
};
}  // namespace optim

}  // namespace torch
