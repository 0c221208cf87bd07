// Exercises: a class template over the block type (TemplateResNetImpl<Bottleneck>) with the block's
// static constexpr expansion, TORCH_MODULE_IMPL of a template instance, make_shared of another
// instance, a CRTP base registering a layer sized by the derived class, a virtual helper overridden
// in a subclass and called from the subclass's constructor.
#include <torch/torch.h>

struct BasicBlockImpl : torch::nn::Module {
  static constexpr int64_t expansion = 1;
  BasicBlockImpl(int64_t in, int64_t planes) {
    conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, planes, 3).padding(1).bias(false)));
    bn = register_module("bn", torch::nn::BatchNorm2d(planes * expansion));
  }
  torch::nn::Conv2d conv{nullptr};
  torch::nn::BatchNorm2d bn{nullptr};
};

struct BottleneckImpl : torch::nn::Module {
  static constexpr int64_t expansion = 4;
  BottleneckImpl(int64_t in, int64_t planes) {
    reduce = register_module("reduce", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, planes, 1).bias(false)));
    expand = register_module("expand", torch::nn::Conv2d(torch::nn::Conv2dOptions(planes, planes * expansion, 1).bias(false)));
  }
  torch::nn::Conv2d reduce{nullptr}, expand{nullptr};
};

template <typename Block>
struct TemplateResNetImpl : torch::nn::Module {
  explicit TemplateResNetImpl(int64_t num_classes = 10) {
    int64_t in = 16;
    for (int64_t planes : {16, 32}) {
      register_module("block" + std::to_string(planes), std::make_shared<Block>(in, planes));
      in = planes * Block::expansion;
    }
    fc = register_module("fc", torch::nn::Linear(in, num_classes));
  }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE_IMPL(ResNetBottleneck, TemplateResNetImpl<BottleneckImpl>);

template <typename Derived>
struct WithStem : torch::nn::Module {
  WithStem() { stem = register_module("stem", torch::nn::Linear(8, Derived::kWidth)); }
  torch::nn::Linear stem{nullptr};
};

struct HeadBaseImpl : torch::nn::Module {
  virtual int64_t head_width() const { return 4; }
  void build() { head = register_module("head", torch::nn::Linear(head_width(), 2)); }
  torch::nn::Linear head{nullptr};
};

struct WideHeadImpl : HeadBaseImpl {
  WideHeadImpl() { build(); }
  int64_t head_width() const override { return 6; }
};

struct TemplateZooImpl : WithStem<TemplateZooImpl> {
  static constexpr int64_t kWidth = 12;
  explicit TemplateZooImpl(int64_t num_classes) {
    resnet = register_module("resnet", ResNetBottleneck(num_classes));
    basic = register_module("basic", std::make_shared<TemplateResNetImpl<BasicBlockImpl>>(3));
    head = register_module("head", std::make_shared<WideHeadImpl>());
  }
  ResNetBottleneck resnet{nullptr};
  std::shared_ptr<TemplateResNetImpl<BasicBlockImpl>> basic;
  std::shared_ptr<WideHeadImpl> head;
};
TORCH_MODULE(TemplateZoo);
