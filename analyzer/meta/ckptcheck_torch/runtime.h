// Meta LibTorch, part 9: what programs around a model use (devices, autograd
// switches, serialization, TorchScript loading, optimizers). Switches that a
// constructor may touch (manual_seed, NoGradGuard, cuda::is_available) work;
// the rest is declared so that a main() or a training loop compiles, and
// stops the run with its name if a constructor calls it. See c10.h.
#pragma once

#include <fstream>

#include "data.h"

namespace torch {

inline void manual_seed(uint64_t) {}

namespace cuda {
// ckptcheck runs constructors on a machine that has no GPU to offer them.
inline bool is_available() { return false; }
inline size_t device_count() { return 0; }
inline bool cudnn_is_available() { return false; }
inline void synchronize(int64_t = -1) {}
inline void manual_seed(uint64_t) {}
inline void manual_seed_all(uint64_t) {}
}  // namespace cuda

struct NoGradGuard {
  NoGradGuard() {}
};
struct AutoGradMode {
  AutoGradMode(bool) {}
};
struct InferenceMode {
  InferenceMode(bool = true) {}
};

namespace autograd {
using Variable = at::Tensor;
// Gradients are never computed here: the switch is remembered, nothing more.
struct GradMode {
  static bool is_enabled() { return enabled(); }
  static void set_enabled(bool on) { enabled() = on; }

 private:
  static bool& enabled() {
    static bool on = true;
    return on;
  }
};
std::vector<at::Tensor> grad(CKPT_ANY_ARGS);
void backward(CKPT_ANY_ARGS);
}  // namespace autograd

// torch::save(module, "file.pt"), torch::load(module, "file.pt").
template <typename Value, typename... SaveToArgs>
void save(const Value& value, SaveToArgs&&... args);
// Loading weights into a module while it is constructed (a pretrained
// backbone): the file is opened, as LibTorch would, so that a missing one
// fails the same way and the analyzer reports that it was read; its values
// are not needed, and shapes stay as the code makes them. Loading anything
// else, or from anything but a path, stops the run.
template <typename Value, typename... LoadFromArgs>
void load(Value& value, LoadFromArgs&&... args) {
  using V = std::decay_t<Value>;
  constexpr bool is_module = nn::ckptcheck_detail::is_holder<V>::value ||
                             std::is_convertible<V, std::shared_ptr<nn::Module>>::value;
  if constexpr (is_module && sizeof...(LoadFromArgs) == 1 &&
                (std::is_convertible<LoadFromArgs, std::string>::value && ...)) {
    std::string path(std::forward<LoadFromArgs>(args)...);
    std::ifstream file(path, std::ios::binary);
    TORCH_CHECK(file.good(), "open file failed because of errno 2 on fopen: No such file or directory, file path: ", path);
  } else {
    ckptcheck_check_failed("torch::load");
  }
}
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
// Training code only: declared so that it compiles.
class OptimizerOptions {
 public:
  virtual ~OptimizerOptions() = default;
  double get_lr() const;
  void set_lr(double lr);
};
class OptimizerParamGroup {
 public:
  explicit OptimizerParamGroup(std::vector<at::Tensor> params);
  std::vector<at::Tensor>& params();
  OptimizerOptions& options();
};
class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual at::Tensor step(std::function<at::Tensor()> closure = nullptr) = 0;
  void zero_grad(bool set_to_none = true);
  std::vector<OptimizerParamGroup>& param_groups() noexcept;
  void add_param_group(const OptimizerParamGroup& param_group);
};
// Optimizer options: any setting, by its name.
#define CKPT_OPTIMIZER(Name, ...)                                                             \
  struct Name##Options {                                                                      \
    Name##Options(double lr = 0.001);                                                         \
    __VA_ARGS__                                                                               \
  };                                                                                          \
  class Name : public Optimizer {                                                             \
   public:                                                                                    \
    Name(std::vector<at::Tensor> params, Name##Options defaults = {});                        \
    at::Tensor step(std::function<at::Tensor()> closure = nullptr) override;                  \
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
