// Meta LibTorch, part 8: torch::nn::functional, torch::nn::init and
// torch::nn::utils. Initialisers (kaiming_normal_, ...) change values only, so
// here they return their tensor; the functional API is forward() code,
// declared with catch-all arguments. See c10.h.
#pragma once

#include "containers.h"

namespace torch {
namespace nn {
namespace functional {

#define CKPT_NN_FUNCTION(name) at::Tensor name(CKPT_ANY_ARGS);
#include "api_names.def"
#undef CKPT_NN_FUNCTION

std::tuple<at::Tensor, at::Tensor> max_pool1d_with_indices(CKPT_ANY_ARGS);
std::tuple<at::Tensor, at::Tensor> max_pool2d_with_indices(CKPT_ANY_ARGS);
std::tuple<at::Tensor, at::Tensor> max_pool3d_with_indices(CKPT_ANY_ARGS);
std::tuple<at::Tensor, at::Tensor> adaptive_max_pool1d_with_indices(CKPT_ANY_ARGS);
std::tuple<at::Tensor, at::Tensor> adaptive_max_pool2d_with_indices(CKPT_ANY_ARGS);
std::tuple<at::Tensor, at::Tensor> adaptive_max_pool3d_with_indices(CKPT_ANY_ARGS);
std::tuple<at::Tensor, at::Tensor> fractional_max_pool2d_with_indices(CKPT_ANY_ARGS);
std::tuple<at::Tensor, at::Tensor> fractional_max_pool3d_with_indices(CKPT_ANY_ARGS);
std::tuple<at::Tensor, at::Tensor> multi_head_attention_forward(CKPT_ANY_ARGS);

}  // namespace functional

namespace init {
using NonlinearityType =
    c10::variant<enumtype::kLinear, enumtype::kConv1D, enumtype::kConv2D, enumtype::kConv3D, enumtype::kConvTranspose1D,
                 enumtype::kConvTranspose2D, enumtype::kConvTranspose3D, enumtype::kSigmoid, enumtype::kTanh,
                 enumtype::kReLU, enumtype::kLeakyReLU>;
using FanModeType = c10::variant<enumtype::kFanIn, enumtype::kFanOut>;
// torch.nn.init.calculate_gain.
inline double calculate_gain(NonlinearityType nonlinearity, double param = 0.01) {
  std::string name = ckptcheck_tag_name(nonlinearity);
  if (name == "kTanh") return 5.0 / 3;
  if (name == "kReLU") return std::sqrt(2.0);
  if (name == "kLeakyReLU") return std::sqrt(2.0 / (1 + param * param));
  return 1.0;
}
// Fans from the shape: [out, in, k...] gives in*k and out*k.
inline std::tuple<int64_t, int64_t> _calculate_fan_in_and_fan_out(const at::Tensor& tensor) {
  TORCH_CHECK(tensor.dim() >= 2, "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  int64_t receptive = 1;
  for (int64_t d = 2; d < tensor.dim(); ++d) receptive *= tensor.size(d);
  return {tensor.size(1) * receptive, tensor.size(0) * receptive};
}
#define CKPT_INIT(name, ...) \
  inline at::Tensor name(at::Tensor tensor, ##__VA_ARGS__) { return tensor; }
CKPT_INIT(constant_, at::Scalar)
CKPT_INIT(dirac_)
CKPT_INIT(eye_)
CKPT_INIT(normal_, double = 0, double = 1)
CKPT_INIT(ones_)
CKPT_INIT(orthogonal_, double = 1.0)
CKPT_INIT(sparse_, double, double = 0.01)
CKPT_INIT(uniform_, double = 0, double = 1)
CKPT_INIT(kaiming_normal_, double = 0, FanModeType = torch::kFanIn, NonlinearityType = torch::kLeakyReLU)
CKPT_INIT(kaiming_uniform_, double = 0, FanModeType = torch::kFanIn, NonlinearityType = torch::kLeakyReLU)
CKPT_INIT(xavier_normal_, double = 1.0)
CKPT_INIT(xavier_uniform_, double = 1.0)
CKPT_INIT(zeros_)
CKPT_INIT(trunc_normal_, double = 0, double = 1, double = -2, double = 2)
#undef CKPT_INIT
}  // namespace init

namespace utils {
double clip_grad_norm_(::ckptcheck_bundled::Arg parameters, double max_norm, double norm_type = 2.0,
                       bool error_if_nonfinite = false);
void clip_grad_value_(::ckptcheck_bundled::Arg parameters, double clip_value);
inline at::Tensor parameters_to_vector(const std::vector<at::Tensor>& parameters) {
  int64_t n = 0;
  for (const at::Tensor& p : parameters) n += p.numel();
  return at::empty({n}, parameters.empty() ? at::kFloat : parameters.front().dtype());
}
inline void vector_to_parameters(const at::Tensor&, const std::vector<at::Tensor>&) {}
namespace rnn {
class PackedSequence {
 public:
  PackedSequence();
  const at::Tensor& data() const;
  const at::Tensor& batch_sizes() const;
  const at::Tensor& sorted_indices() const;
  const at::Tensor& unsorted_indices() const;
};
PackedSequence pack_padded_sequence(at::Tensor input, at::Tensor lengths, bool batch_first = false,
                                    bool enforce_sorted = true);
std::tuple<at::Tensor, at::Tensor> pad_packed_sequence(PackedSequence sequence, bool batch_first = false,
                                                       double padding_value = 0.0,
                                                       c10::optional<int64_t> total_length = c10::nullopt);
at::Tensor pad_sequence(at::ArrayRef<at::Tensor> sequences, bool batch_first = false, double padding_value = 0);
PackedSequence pack_sequence(at::ArrayRef<at::Tensor> sequences, bool enforce_sorted = true);
}  // namespace rnn
}  // namespace utils

}  // namespace nn
}  // namespace torch
