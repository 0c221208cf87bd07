// Exercises: a helper returning std::vector<torch::nn::NamedAnyModule> (emplace_back of holders, a custom module, a conditional activation), vectors concatenated with insert(), pushed into a Sequential by name with layer.name()/layer.module(), and an OrderedDict<std::string, AnyModule> filled from such a vector for Sequential's constructor.
#include <torch/torch.h>

struct SqueezeExciteImpl : torch::nn::Module {
  SqueezeExciteImpl(int64_t channels, int64_t reduction = 4) {
    reduce = register_module("reduce", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, channels / reduction, 1)));
    expand = register_module("expand", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels / reduction, channels, 1)));
  }

  torch::Tensor forward(torch::Tensor x) {
    auto s = torch::adaptive_avg_pool2d(x, 1);
    return x * torch::sigmoid(expand(torch::relu(reduce(s))));
  }

  torch::nn::Conv2d reduce{nullptr}, expand{nullptr};
};
TORCH_MODULE(SqueezeExcite);

std::vector<torch::nn::NamedAnyModule> conv_bn_act(const std::string& prefix, int64_t in, int64_t out,
                                                   int64_t stride = 1, bool act = true) {
  std::vector<torch::nn::NamedAnyModule> layers;
  layers.emplace_back(prefix + "conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3)
                                                             .stride(stride)
                                                             .padding(1)
                                                             .bias(false)));
  layers.emplace_back(prefix + "bn", torch::nn::BatchNorm2d(out));
  if (act) {
    layers.emplace_back(prefix + "act", torch::nn::SiLU());
  }
  return layers;
}

struct StemNetImpl : torch::nn::Module {
  StemNetImpl(int64_t in_channels, int64_t width, int64_t num_classes) {
    auto layers = conv_bn_act("stem_", in_channels, width, 2);
    auto more = conv_bn_act("dw_", width, width);
    layers.insert(layers.end(), more.begin(), more.end());
    layers.emplace_back("se", SqueezeExcite(width));

    stem = register_module("stem", torch::nn::Sequential());
    for (auto& layer : layers) {
      stem->push_back(layer.name(), layer.module());
    }

    torch::OrderedDict<std::string, torch::nn::AnyModule> down_layers;
    for (auto& layer : conv_bn_act("", width, width * 2, 2, /*act=*/false)) {
      down_layers.insert(layer.name(), layer.module());
    }
    down = register_module("down", torch::nn::Sequential(std::move(down_layers)));

    fc = register_module("fc", torch::nn::Linear(width * 2, num_classes));
  }

  torch::Tensor forward(torch::Tensor x) {
    x = down->forward(stem->forward(x));
    return fc(torch::adaptive_avg_pool2d(x, 1).flatten(1));
  }

  torch::nn::Sequential stem{nullptr}, down{nullptr};
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(StemNet);
