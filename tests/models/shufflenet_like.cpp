// Exercises: torchvision ShuffleNetV2 x1.0: stages_repeats / stages_out_channels std::vector args checked with throws, stage names "stage" + std::to_string(i + 2), InvertedResidual with branch1 only when stride > 1 (a nullptr Sequential registered conditionally), depthwise convs (groups = channels) from a helper, channel split arithmetic (oup / 2, << 1 in a TORCH_CHECK), `stride > 1 ? inp : branch_features`, stages kept in a std::vector of holders.
#include <torch/torch.h>

namespace {

torch::nn::Conv2d depthwise_conv(int64_t i, int64_t o, int64_t kernel_size, int64_t stride = 1,
                                 int64_t padding = 0, bool bias = false) {
  return torch::nn::Conv2d(
      torch::nn::Conv2dOptions(i, o, kernel_size).stride(stride).padding(padding).bias(bias).groups(i));
}

torch::Tensor shuffle_channels(torch::Tensor x, int64_t groups) {
  auto batchsize = x.size(0), num_channels = x.size(1), height = x.size(2), width = x.size(3);
  auto channels_per_group = num_channels / groups;
  x = x.view({batchsize, groups, channels_per_group, height, width});
  x = torch::transpose(x, 1, 2).contiguous();
  return x.view({batchsize, -1, height, width});
}

}  // namespace

struct InvertedResidualImpl : torch::nn::Module {
  int64_t stride;
  torch::nn::Sequential branch1{nullptr}, branch2{nullptr};

  InvertedResidualImpl(int64_t inp, int64_t oup, int64_t stride) : stride(stride) {
    if (stride < 1 || stride > 3) throw std::invalid_argument("illegal stride value");

    const int64_t branch_features = oup / 2;
    TORCH_CHECK(stride != 1 || inp == branch_features << 1);

    if (stride > 1) {
      branch1 = torch::nn::Sequential(
          depthwise_conv(inp, inp, 3, stride, 1),
          torch::nn::BatchNorm2d(inp),
          torch::nn::Conv2d(torch::nn::Conv2dOptions(inp, branch_features, 1).bias(false)),
          torch::nn::BatchNorm2d(branch_features),
          torch::nn::ReLU(torch::nn::ReLUOptions(true)));
      register_module("branch1", branch1);
    }

    branch2 = torch::nn::Sequential(
        torch::nn::Conv2d(torch::nn::Conv2dOptions(stride > 1 ? inp : branch_features, branch_features, 1).bias(false)),
        torch::nn::BatchNorm2d(branch_features),
        torch::nn::ReLU(torch::nn::ReLUOptions(true)),
        depthwise_conv(branch_features, branch_features, 3, stride, 1),
        torch::nn::BatchNorm2d(branch_features),
        torch::nn::Conv2d(torch::nn::Conv2dOptions(branch_features, branch_features, 1).bias(false)),
        torch::nn::BatchNorm2d(branch_features),
        torch::nn::ReLU(torch::nn::ReLUOptions(true)));
    register_module("branch2", branch2);
  }

  torch::Tensor forward(torch::Tensor x) {
    torch::Tensor out;
    if (stride == 1) {
      auto chunks = x.chunk(2, 1);
      out = torch::cat({chunks[0], branch2->forward(chunks[1])}, 1);
    } else {
      out = torch::cat({branch1->forward(x), branch2->forward(x)}, 1);
    }
    return shuffle_channels(out, 2);
  }
};
TORCH_MODULE(InvertedResidual);

struct ShuffleNetV2Impl : torch::nn::Module {
  std::vector<int64_t> _stage_out_channels;
  torch::nn::Sequential conv1{nullptr}, conv5{nullptr};
  std::vector<torch::nn::Sequential> stages;
  torch::nn::Linear fc{nullptr};

  ShuffleNetV2Impl(const std::vector<int64_t>& stages_repeats, const std::vector<int64_t>& stages_out_channels,
                   int64_t num_classes = 1000)
      : _stage_out_channels(stages_out_channels) {
    if (stages_repeats.size() != 3) throw std::invalid_argument("expected stages_repeats as list of 3 positive ints");
    if (stages_out_channels.size() != 5)
      throw std::invalid_argument("expected stages_out_channels as list of 5 positive ints");

    int64_t input_channels = 3;
    int64_t output_channels = _stage_out_channels[0];

    conv1 = torch::nn::Sequential(
        torch::nn::Conv2d(torch::nn::Conv2dOptions(input_channels, output_channels, 3).stride(2).padding(1).bias(false)),
        torch::nn::BatchNorm2d(output_channels),
        torch::nn::ReLU(torch::nn::ReLUOptions(true)));
    register_module("conv1", conv1);
    input_channels = output_channels;

    for (size_t i = 0; i < stages_repeats.size(); ++i) {
      const std::string name = "stage" + std::to_string(i + 2);
      output_channels = _stage_out_channels[i + 1];
      torch::nn::Sequential seq;
      seq->push_back(InvertedResidual(input_channels, output_channels, 2));
      for (int64_t j = 0; j < stages_repeats[i] - 1; ++j)
        seq->push_back(InvertedResidual(output_channels, output_channels, 1));
      stages.push_back(register_module(name, seq));
      input_channels = output_channels;
    }

    output_channels = _stage_out_channels.back();
    conv5 = torch::nn::Sequential(
        torch::nn::Conv2d(torch::nn::Conv2dOptions(input_channels, output_channels, 1).bias(false)),
        torch::nn::BatchNorm2d(output_channels),
        torch::nn::ReLU(torch::nn::ReLUOptions(true)));
    register_module("conv5", conv5);

    fc = register_module("fc", torch::nn::Linear(output_channels, num_classes));
  }

  torch::Tensor forward(torch::Tensor x) {
    x = conv1->forward(x);
    x = torch::max_pool2d(x, 3, 2, 1);
    for (auto& stage : stages) x = stage->forward(x);
    x = conv5->forward(x);
    x = x.mean({2, 3});
    return fc->forward(x);
  }
};
TORCH_MODULE(ShuffleNetV2);
