// Exercises: WaveNet-style model: nested `for s < stacks` / `for l < layers_per_stack` loops, dilation 1 << l, dilated filter/gate Conv1d and 1x1 residual/skip convs pushed into four ModuleLists (registered after filling), a bool root arg deciding bias, a causal conv module at the start, end convs, a receptive field accumulated in the loops.
#include <torch/torch.h>

// Conv1d that pads on the left only, so output t sees inputs <= t.
struct CausalConv1dImpl : torch::nn::Module {
  CausalConv1dImpl(int64_t in_channels, int64_t out_channels, int64_t kernel_size, int64_t dilation = 1, bool bias = true)
      : left_padding((kernel_size - 1) * dilation) {
    conv = register_module("conv", torch::nn::Conv1d(torch::nn::Conv1dOptions(in_channels, out_channels, kernel_size)
                                                         .dilation(dilation)
                                                         .bias(bias)));
  }

  torch::Tensor forward(const torch::Tensor& x) {
    return conv(torch::constant_pad_nd(x, {left_padding, 0}));
  }

  int64_t left_padding;
  torch::nn::Conv1d conv{nullptr};
};
TORCH_MODULE(CausalConv1d);

struct WaveNetImpl : torch::nn::Module {
  WaveNetImpl(int64_t layers_per_stack = 10, int64_t stacks = 4, int64_t dilation_channels = 32,
              int64_t residual_channels = 32, int64_t skip_channels = 256, int64_t end_channels = 256,
              int64_t classes = 256, int64_t kernel_size = 2, bool bias = false)
      : layers_per_stack_(layers_per_stack), stacks_(stacks) {
    start_conv = register_module("start_conv", CausalConv1d(classes, residual_channels, /*kernel_size=*/1, 1, bias));

    int64_t receptive_field = 1;
    for (int64_t s = 0; s < stacks; ++s) {
      int64_t additional_scope = kernel_size - 1;
      for (int64_t l = 0; l < layers_per_stack; ++l) {
        const int64_t dilation = int64_t{1} << l;
        filter_convs->push_back(CausalConv1d(residual_channels, dilation_channels, kernel_size, dilation, bias));
        gate_convs->push_back(CausalConv1d(residual_channels, dilation_channels, kernel_size, dilation, bias));
        // 1x1 convolutions back to the residual stream and out to the skip sum
        residual_convs->push_back(torch::nn::Conv1d(
            torch::nn::Conv1dOptions(dilation_channels, residual_channels, 1).bias(bias)));
        skip_convs->push_back(torch::nn::Conv1d(torch::nn::Conv1dOptions(dilation_channels, skip_channels, 1).bias(bias)));
        receptive_field += additional_scope;
        additional_scope *= 2;
      }
    }
    receptive_field_ = receptive_field;
    register_module("filter_convs", filter_convs);
    register_module("gate_convs", gate_convs);
    register_module("residual_convs", residual_convs);
    register_module("skip_convs", skip_convs);

    end_conv_1 = register_module("end_conv_1",
                                 torch::nn::Conv1d(torch::nn::Conv1dOptions(skip_channels, end_channels, 1).bias(true)));
    end_conv_2 = register_module("end_conv_2",
                                 torch::nn::Conv1d(torch::nn::Conv1dOptions(end_channels, classes, 1).bias(true)));
  }

  // x: one-hot [B, classes, T] -> logits [B, classes, T]
  torch::Tensor forward(const torch::Tensor& x) {
    auto h = start_conv(x);
    torch::Tensor skip;
    for (size_t i = 0; i < filter_convs->size(); ++i) {
      auto filter = torch::tanh(filter_convs->ptr<CausalConv1dImpl>(i)->forward(h));
      auto gate = torch::sigmoid(gate_convs->ptr<CausalConv1dImpl>(i)->forward(h));
      auto z = filter * gate;
      auto s = skip_convs[i]->as<torch::nn::Conv1d>()->forward(z);
      skip = skip.defined() ? skip + s : s;
      h = h + residual_convs[i]->as<torch::nn::Conv1d>()->forward(z);
    }
    return end_conv_2(torch::relu(end_conv_1(torch::relu(skip))));
  }

  int64_t layers_per_stack_, stacks_, receptive_field_ = 0;
  CausalConv1d start_conv{nullptr};
  torch::nn::ModuleList filter_convs, gate_convs, residual_convs, skip_convs;
  torch::nn::Conv1d end_conv_1{nullptr}, end_conv_2{nullptr};
};
TORCH_MODULE(WaveNet);
