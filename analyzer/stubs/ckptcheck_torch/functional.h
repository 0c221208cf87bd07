// Bundled LibTorch declarations, part 6: torch::nn::functional,
// torch::nn::init and torch::nn::utils. Model code calls these in forward()
// and in weight initialisation; none of them registers anything, so they take
// catch-all arguments. See tensor.h.
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
double calculate_gain(NonlinearityType nonlinearity, double param = 0.01);
std::tuple<int64_t, int64_t> _calculate_fan_in_and_fan_out(const at::Tensor& tensor);
at::Tensor constant_(at::Tensor tensor, at::Scalar value);
at::Tensor dirac_(at::Tensor tensor);
at::Tensor eye_(at::Tensor matrix);
at::Tensor normal_(at::Tensor tensor, double mean = 0, double std = 1);
at::Tensor ones_(at::Tensor tensor);
at::Tensor orthogonal_(at::Tensor tensor, double gain = 1.0);
at::Tensor sparse_(at::Tensor tensor, double sparsity, double std = 0.01);
at::Tensor uniform_(at::Tensor tensor, double low = 0, double high = 1);
at::Tensor kaiming_normal_(at::Tensor tensor, double a = 0, FanModeType mode = torch::kFanIn,
                           NonlinearityType nonlinearity = torch::kLeakyReLU);
at::Tensor kaiming_uniform_(at::Tensor tensor, double a = 0, FanModeType mode = torch::kFanIn,
                            NonlinearityType nonlinearity = torch::kLeakyReLU);
at::Tensor xavier_normal_(at::Tensor tensor, double gain = 1.0);
at::Tensor xavier_uniform_(at::Tensor tensor, double gain = 1.0);
at::Tensor zeros_(at::Tensor tensor);
}  // namespace init

namespace utils {
double clip_grad_norm_(::ckptcheck_bundled::Arg parameters, double max_norm, double norm_type = 2.0,
                       bool error_if_nonfinite = false);
void clip_grad_value_(::ckptcheck_bundled::Arg parameters, double clip_value);
at::Tensor parameters_to_vector(const std::vector<at::Tensor>& parameters);
void vector_to_parameters(const at::Tensor& vec, const std::vector<at::Tensor>& parameters);
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
