// Exercises: a YOLO detection neck + head: an FPN with inner_blocks/layer_blocks ModuleLists filled in a range-for over an in_channels vector {256, 512, 1024}, per-scale heads in a ModuleDict built from a vector of (name, ptr()) pairs keyed "p" + std::to_string(i + 3), anchors * (5 + num_classes) output channels, float32 buffers from torch::tensor of a std::vector<float> reshaped with view() and from a braced list of doubles, in-place bias init under NoGradGuard.
#include <torch/torch.h>

namespace detection {

// Conv2d + BatchNorm2d + LeakyReLU, as in YOLO's "Conv" block.
struct ConvBnActImpl : torch::nn::Module {
  ConvBnActImpl(int64_t c1, int64_t c2, int64_t k = 1, int64_t s = 1)
      : conv(torch::nn::Conv2dOptions(c1, c2, k).stride(s).padding(k / 2).bias(false)),
        bn(torch::nn::BatchNorm2dOptions(c2).eps(0.001).momentum(0.03)),
        act(torch::nn::LeakyReLUOptions().negative_slope(0.1).inplace(true)) {
    register_module("conv", conv);
    register_module("bn", bn);
    register_module("act", act);
  }

  torch::Tensor forward(torch::Tensor x) { return act(bn(conv(x))); }

  torch::nn::Conv2d conv;
  torch::nn::BatchNorm2d bn;
  torch::nn::LeakyReLU act;
};
TORCH_MODULE(ConvBnAct);

// torchvision-style FeaturePyramidNetwork: one lateral (inner) and one output (layer) conv per level.
class FeaturePyramidNetworkImpl : public torch::nn::Module {
 public:
  FeaturePyramidNetworkImpl(const std::vector<int64_t>& in_channels_list, int64_t out_channels) {
    for (int64_t in_channels : in_channels_list) {
      if (in_channels == 0) throw std::invalid_argument("in_channels=0 is currently not supported");
      inner_blocks->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, 1)));
      layer_blocks->push_back(
          torch::nn::Conv2d(torch::nn::Conv2dOptions(out_channels, out_channels, 3).padding(1)));
    }
    register_module("inner_blocks", inner_blocks);
    register_module("layer_blocks", layer_blocks);

    for (auto& module : modules(/*include_self=*/false)) {
      if (auto* conv = module->as<torch::nn::Conv2d>()) {
        torch::nn::init::kaiming_uniform_(conv->weight, /*a=*/1);
        torch::nn::init::constant_(conv->bias, 0);
      }
    }
  }

  std::vector<torch::Tensor> forward(const std::vector<torch::Tensor>& x) {
    const auto levels = static_cast<int64_t>(x.size());
    std::vector<torch::Tensor> results(levels);
    auto last_inner = inner_blocks[levels - 1]->as<torch::nn::Conv2d>()->forward(x.back());
    results[levels - 1] = layer_blocks[levels - 1]->as<torch::nn::Conv2d>()->forward(last_inner);
    for (int64_t idx = levels - 2; idx >= 0; --idx) {
      auto inner_lateral = inner_blocks[idx]->as<torch::nn::Conv2d>()->forward(x[idx]);
      auto top_down = torch::nn::functional::interpolate(
          last_inner, torch::nn::functional::InterpolateFuncOptions()
                          .size(std::vector<int64_t>{inner_lateral.size(-2), inner_lateral.size(-1)})
                          .mode(torch::kNearest));
      last_inner = inner_lateral + top_down;
      results[idx] = layer_blocks[idx]->as<torch::nn::Conv2d>()->forward(last_inner);
    }
    return results;
  }

 private:
  torch::nn::ModuleList inner_blocks;
  torch::nn::ModuleList layer_blocks;
};
TORCH_MODULE(FeaturePyramidNetwork);

const std::vector<float> kAnchors = {10, 13, 16, 30, 33, 23,  30, 61, 62, 45,
                                     59, 119, 116, 90, 156, 198, 373, 326};

}  // namespace detection

struct YoloV3HeadImpl : torch::nn::Module {
  YoloV3HeadImpl(const std::vector<int64_t>& in_channels, int64_t num_classes = 80, int64_t fpn_channels = 256,
                 int64_t num_anchors = 3)
      : num_classes_(num_classes), num_outputs_(num_classes + 5), num_anchors_(num_anchors) {
    const auto num_levels = static_cast<int64_t>(in_channels.size());
    fpn = register_module("fpn", detection::FeaturePyramidNetwork(in_channels, fpn_channels));

    std::vector<std::pair<std::string, std::shared_ptr<torch::nn::Module>>> per_scale;
    const std::vector<double> strides = {8.0, 16.0, 32.0};
    for (int64_t i = 0; i < num_levels; ++i) {
      auto pred = torch::nn::Conv2d(torch::nn::Conv2dOptions(fpn_channels * 2, num_anchors * (5 + num_classes), 1));
      {
        // YOLOv5-style prior on objectness and class scores (image size 640).
        torch::NoGradGuard no_grad;
        auto b = pred->bias.view({num_anchors, -1});
        b.select(1, 4).add_(std::log(8.0 / std::pow(640.0 / strides[i], 2)));
        b.narrow(1, 5, num_classes).add_(std::log(0.6 / (num_classes - 0.99)));
      }
      torch::nn::Sequential head(detection::ConvBnAct(fpn_channels, fpn_channels * 2, 3), pred);
      per_scale.emplace_back("p" + std::to_string(i + 3), head.ptr());
    }
    heads = register_module("heads", torch::nn::ModuleDict(per_scale));

    register_buffer("anchors", torch::tensor(detection::kAnchors).view({num_levels, num_anchors, 2}));
    register_buffer("stride", torch::tensor({8.0, 16.0, 32.0}));
  }

  std::vector<torch::Tensor> forward(const std::vector<torch::Tensor>& features) {
    auto pyramid = fpn->forward(features);
    std::vector<torch::Tensor> outputs;
    for (size_t i = 0; i < pyramid.size(); ++i) {
      auto head = heads["p" + std::to_string(i + 3)]->as<torch::nn::Sequential>();
      auto y = head->forward(pyramid[i]);
      const auto bs = y.size(0), ny = y.size(2), nx = y.size(3);
      outputs.push_back(y.view({bs, num_anchors_, num_outputs_, ny, nx}).permute({0, 1, 3, 4, 2}).contiguous());
    }
    return outputs;
  }

  int64_t num_classes_, num_outputs_, num_anchors_;
  detection::FeaturePyramidNetwork fpn{nullptr};
  torch::nn::ModuleDict heads{nullptr};
};
TORCH_MODULE(YoloV3Head);
