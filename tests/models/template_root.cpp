// Exercises: a class template as the root (ResNetImpl<ResidualBlock>) built through a hand-written ModuleHolder subclass template (TORCH_MODULE cannot name a template), the block's static constexpr expansion, a _make_layer member returning a Sequential while updating inplanes, an optional downsample.
#include <torch/torch.h>

struct ResidualBlock : torch::nn::Module {
  static constexpr int64_t expansion = 1;

  ResidualBlock(int64_t inplanes, int64_t planes, int64_t stride = 1,
                torch::nn::Sequential downsample = nullptr)
      : downsample(downsample) {
    conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(inplanes, planes, 3)
                                                           .stride(stride).padding(1).bias(false)));
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(planes));
    conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(planes, planes, 3)
                                                           .padding(1).bias(false)));
    bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
    if (!downsample.is_empty()) register_module("downsample", this->downsample);
  }

  torch::Tensor forward(torch::Tensor x) {
    auto identity = downsample.is_empty() ? x : downsample->forward(x);
    auto out = torch::relu(bn1(conv1(x)));
    return torch::relu(bn2(conv2(out)) + identity);
  }

  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
  torch::nn::Sequential downsample;
};

template <typename Block>
struct ResNetImpl : torch::nn::Module {
  int64_t inplanes = 16;

  ResNetImpl(const std::vector<int64_t>& layers, int64_t num_classes = 1000) {
    conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, inplanes, 3).padding(1).bias(false)));
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(inplanes));
    for (size_t i = 0; i < layers.size(); ++i) {
      int64_t planes = 16 << i;
      stages.push_back(register_module("layer" + std::to_string(i + 1),
                                       _make_layer(planes, layers[i], i == 0 ? 1 : 2)));
    }
    fc = register_module("fc", torch::nn::Linear(inplanes, num_classes));
  }

  torch::nn::Sequential _make_layer(int64_t planes, int64_t blocks, int64_t stride = 1) {
    torch::nn::Sequential downsample = nullptr;
    if (stride != 1 || inplanes != planes * Block::expansion) {
      downsample = torch::nn::Sequential(
          torch::nn::Conv2d(torch::nn::Conv2dOptions(inplanes, planes * Block::expansion, 1).stride(stride).bias(false)),
          torch::nn::BatchNorm2d(planes * Block::expansion));
    }
    torch::nn::Sequential layer;
    layer->push_back(Block(inplanes, planes, stride, downsample));
    inplanes = planes * Block::expansion;
    for (int64_t i = 1; i < blocks; ++i) layer->push_back(Block(inplanes, planes));
    return layer;
  }

  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(bn1(conv1(x)));
    for (auto& stage : stages) x = stage->forward(x);
    return fc(torch::adaptive_avg_pool2d(x, 1).flatten(1));
  }

  torch::nn::Conv2d conv1{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  std::vector<torch::nn::Sequential> stages;
  torch::nn::Linear fc{nullptr};
};

template <typename Block>
class ResNet : public torch::nn::ModuleHolder<ResNetImpl<Block>> {
 public:
  using torch::nn::ModuleHolder<ResNetImpl<Block>>::ModuleHolder;
};
