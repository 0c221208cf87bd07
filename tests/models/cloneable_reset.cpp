// Exercises: torch::nn::Cloneable<T> with the registrations in reset(), options stored as a member and read back in reset().
#include <torch/torch.h>

struct GatedUnitOptions {
  GatedUnitOptions(int64_t in_features, int64_t out_features) : in_features_(in_features), out_features_(out_features) {}
  TORCH_ARG(int64_t, in_features);
  TORCH_ARG(int64_t, out_features);
  TORCH_ARG(bool, bias) = true;
};

class GatedUnitImpl : public torch::nn::Cloneable<GatedUnitImpl> {
 public:
  explicit GatedUnitImpl(const GatedUnitOptions& options_) : options(options_) { reset(); }

  void reset() override {
    value = register_module("value", torch::nn::Linear(
                                         torch::nn::LinearOptions(options.in_features(), options.out_features()).bias(options.bias())));
    gate = register_module("gate", torch::nn::Linear(options.in_features(), options.out_features()));
    gate_scale = register_parameter("gate_scale", torch::ones({options.out_features()}));
  }

  torch::Tensor forward(torch::Tensor x) { return value(x) * torch::sigmoid(gate(x) * gate_scale); }

  GatedUnitOptions options;
  torch::nn::Linear value{nullptr}, gate{nullptr};
  torch::Tensor gate_scale;
};
TORCH_MODULE(GatedUnit);

struct GluStackImpl : torch::nn::Cloneable<GluStackImpl> {
  GluStackImpl(int64_t dim, bool last_bias) : dim_(dim), last_bias_(last_bias) { reset(); }

  void reset() override {
    first = register_module("first", GatedUnit(GatedUnitOptions(dim_, dim_)));
    second = register_module("second", GatedUnit(GatedUnitOptions(dim_, dim_ / 2).bias(last_bias_)));
  }

  int64_t dim_;
  bool last_bias_;
  GatedUnit first{nullptr}, second{nullptr};
};
TORCH_MODULE(GluStack);
