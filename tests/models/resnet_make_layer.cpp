// Exercises: torchvision-style ResNet: _make_layer helper returning a Sequential built in a loop,
// a member (inplanes_) updated by the helper, static constexpr expansion, a {2, 2, 2, 2} vector root arg,
// a downsample branch decided by known values, "layer" + std::to_string(i) names.
#include <torch/torch.h>

struct BasicBlockImpl : torch::nn::Module {
  static constexpr int64_t expansion = 1;

  BasicBlockImpl(int64_t inplanes, int64_t planes, int64_t stride, torch::nn::Sequential downsample)
      : conv1(torch::nn::Conv2dOptions(inplanes, planes, 3).stride(stride).padding(1).bias(false)),
        bn1(planes),
        conv2(torch::nn::Conv2dOptions(planes, planes, 3).padding(1).bias(false)),
        bn2(planes),
        downsample(downsample) {
    register_module("conv1", conv1);
    register_module("bn1", bn1);
    register_module("conv2", conv2);
    register_module("bn2", bn2);
    if (!downsample.is_empty()) register_module("downsample", downsample);
  }

  torch::Tensor forward(torch::Tensor x) {
    auto identity = downsample.is_empty() ? x : downsample->forward(x);
    auto out = torch::relu(bn1(conv1(x)));
    return torch::relu(bn2(conv2(out)) + identity);
  }

  torch::nn::Conv2d conv1;
  torch::nn::BatchNorm2d bn1;
  torch::nn::Conv2d conv2;
  torch::nn::BatchNorm2d bn2;
  torch::nn::Sequential downsample;
};
TORCH_MODULE(BasicBlock);

struct ResNetImpl : torch::nn::Module {
  ResNetImpl(std::vector<int64_t> layers, int64_t num_classes = 1000) {
    conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 64, 7).stride(2).padding(3).bias(false)));
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(64));
    const int64_t widths[] = {64, 128, 256, 512};
    for (size_t i = 0; i < layers.size(); ++i) {
      int64_t stride = i == 0 ? 1 : 2;
      register_module("layer" + std::to_string(i + 1), make_layer(widths[i], layers[i], stride));
    }
    fc = register_module("fc", torch::nn::Linear(512 * BasicBlockImpl::expansion, num_classes));
  }

  torch::nn::Sequential make_layer(int64_t planes, int64_t blocks, int64_t stride) {
    torch::nn::Sequential downsample{nullptr};
    if (stride != 1 || inplanes_ != planes * BasicBlockImpl::expansion) {
      downsample = torch::nn::Sequential(
          torch::nn::Conv2d(torch::nn::Conv2dOptions(inplanes_, planes * BasicBlockImpl::expansion, 1).stride(stride).bias(false)),
          torch::nn::BatchNorm2d(planes * BasicBlockImpl::expansion));
    }
    torch::nn::Sequential layer;
    layer->push_back(BasicBlock(inplanes_, planes, stride, downsample));
    inplanes_ = planes * BasicBlockImpl::expansion;
    for (int64_t i = 1; i < blocks; ++i) layer->push_back(BasicBlock(inplanes_, planes, 1, torch::nn::Sequential(nullptr)));
    return layer;
  }

  int64_t inplanes_ = 64;
  torch::nn::Conv2d conv1{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(ResNet);
