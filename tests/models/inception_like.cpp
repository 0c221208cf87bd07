// Exercises: torchvision Inception v3: BasicConv2d taking Conv2dOptions by value (bias(false) set on the copy, BatchNorm sized by options.out_channels(), eps 0.001), Inception A/B/C/D/E blocks with many branches, asymmetric {1, 7}/{7, 1} kernels and paddings, Mixed_* names built with std::ostringstream and c10::str in loops over width vectors, an InceptionAux registered between blocks when a bool argument says so.
#include <torch/torch.h>

namespace inception {

using Options = torch::nn::Conv2dOptions;

struct BasicConv2dImpl : torch::nn::Module {
  torch::nn::Conv2d conv{nullptr};
  torch::nn::BatchNorm2d bn{nullptr};

  explicit BasicConv2dImpl(Options options, double std_dev = 0.1) {
    options.bias(false);
    conv = torch::nn::Conv2d(options);
    bn = torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(options.out_channels()).eps(0.001));

    register_module("conv", conv);
    register_module("bn", bn);

    torch::nn::init::normal_(conv->weight, 0, std_dev);
  }

  torch::Tensor forward(torch::Tensor x) { return torch::relu(bn->forward(conv->forward(x))); }
};
TORCH_MODULE(BasicConv2d);

struct InceptionAImpl : torch::nn::Module {
  BasicConv2d branch1x1, branch5x5_1, branch5x5_2, branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3, branch_pool;

  InceptionAImpl(int64_t in_channels, int64_t pool_features)
      : branch1x1(Options(in_channels, 64, 1)),
        branch5x5_1(Options(in_channels, 48, 1)),
        branch5x5_2(Options(48, 64, 5).padding(2)),
        branch3x3dbl_1(Options(in_channels, 64, 1)),
        branch3x3dbl_2(Options(64, 96, 3).padding(1)),
        branch3x3dbl_3(Options(96, 96, 3).padding(1)),
        branch_pool(Options(in_channels, pool_features, 1)) {
    register_module("branch1x1", branch1x1);
    register_module("branch5x5_1", branch5x5_1);
    register_module("branch5x5_2", branch5x5_2);
    register_module("branch3x3dbl_1", branch3x3dbl_1);
    register_module("branch3x3dbl_2", branch3x3dbl_2);
    register_module("branch3x3dbl_3", branch3x3dbl_3);
    register_module("branch_pool", branch_pool);
  }

  torch::Tensor forward(const torch::Tensor& x) {
    auto b1 = branch1x1->forward(x);
    auto b5 = branch5x5_2->forward(branch5x5_1->forward(x));
    auto b3 = branch3x3dbl_3->forward(branch3x3dbl_2->forward(branch3x3dbl_1->forward(x)));
    auto bp = branch_pool->forward(torch::avg_pool2d(x, 3, 1, 1));
    return torch::cat({b1, b5, b3, bp}, 1);
  }
};
TORCH_MODULE(InceptionA);

struct InceptionBImpl : torch::nn::Module {
  BasicConv2d branch3x3, branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3;

  explicit InceptionBImpl(int64_t in_channels)
      : branch3x3(Options(in_channels, 384, 3).stride(2)),
        branch3x3dbl_1(Options(in_channels, 64, 1)),
        branch3x3dbl_2(Options(64, 96, 3).padding(1)),
        branch3x3dbl_3(Options(96, 96, 3).stride(2)) {
    register_module("branch3x3", branch3x3);
    register_module("branch3x3dbl_1", branch3x3dbl_1);
    register_module("branch3x3dbl_2", branch3x3dbl_2);
    register_module("branch3x3dbl_3", branch3x3dbl_3);
  }

  torch::Tensor forward(const torch::Tensor& x) {
    auto b3 = branch3x3->forward(x);
    auto bd = branch3x3dbl_3->forward(branch3x3dbl_2->forward(branch3x3dbl_1->forward(x)));
    return torch::cat({b3, bd, torch::max_pool2d(x, 3, 2)}, 1);
  }
};
TORCH_MODULE(InceptionB);

struct InceptionCImpl : torch::nn::Module {
  BasicConv2d branch1x1{nullptr}, branch7x7_1{nullptr}, branch7x7_2{nullptr}, branch7x7_3{nullptr},
      branch7x7dbl_1{nullptr}, branch7x7dbl_2{nullptr}, branch7x7dbl_3{nullptr}, branch7x7dbl_4{nullptr},
      branch7x7dbl_5{nullptr}, branch_pool{nullptr};

  InceptionCImpl(int64_t in_channels, int64_t channels_7x7) {
    branch1x1 = BasicConv2d(Options(in_channels, 192, 1));

    auto c7 = channels_7x7;
    branch7x7_1 = BasicConv2d(Options(in_channels, c7, 1));
    branch7x7_2 = BasicConv2d(Options(c7, c7, {1, 7}).padding({0, 3}));
    branch7x7_3 = BasicConv2d(Options(c7, 192, {7, 1}).padding({3, 0}));

    branch7x7dbl_1 = BasicConv2d(Options(in_channels, c7, 1));
    branch7x7dbl_2 = BasicConv2d(Options(c7, c7, {7, 1}).padding({3, 0}));
    branch7x7dbl_3 = BasicConv2d(Options(c7, c7, {1, 7}).padding({0, 3}));
    branch7x7dbl_4 = BasicConv2d(Options(c7, c7, {7, 1}).padding({3, 0}));
    branch7x7dbl_5 = BasicConv2d(Options(c7, 192, {1, 7}).padding({0, 3}));

    branch_pool = BasicConv2d(Options(in_channels, 192, 1));

    register_module("branch1x1", branch1x1);
    register_module("branch7x7_1", branch7x7_1);
    register_module("branch7x7_2", branch7x7_2);
    register_module("branch7x7_3", branch7x7_3);
    register_module("branch7x7dbl_1", branch7x7dbl_1);
    register_module("branch7x7dbl_2", branch7x7dbl_2);
    register_module("branch7x7dbl_3", branch7x7dbl_3);
    register_module("branch7x7dbl_4", branch7x7dbl_4);
    register_module("branch7x7dbl_5", branch7x7dbl_5);
    register_module("branch_pool", branch_pool);
  }

  torch::Tensor forward(const torch::Tensor& x) {
    auto b1 = branch1x1->forward(x);
    auto b7 = branch7x7_3->forward(branch7x7_2->forward(branch7x7_1->forward(x)));
    auto bd = branch7x7dbl_1->forward(x);
    bd = branch7x7dbl_5->forward(branch7x7dbl_4->forward(branch7x7dbl_3->forward(branch7x7dbl_2->forward(bd))));
    auto bp = branch_pool->forward(torch::avg_pool2d(x, 3, 1, 1));
    return torch::cat({b1, b7, bd, bp}, 1);
  }
};
TORCH_MODULE(InceptionC);

struct InceptionDImpl : torch::nn::Module {
  BasicConv2d branch3x3_1, branch3x3_2, branch7x7x3_1, branch7x7x3_2, branch7x7x3_3, branch7x7x3_4;

  explicit InceptionDImpl(int64_t in_channels)
      : branch3x3_1(Options(in_channels, 192, 1)),
        branch3x3_2(Options(192, 320, 3).stride(2)),
        branch7x7x3_1(Options(in_channels, 192, 1)),
        branch7x7x3_2(Options(192, 192, {1, 7}).padding({0, 3})),
        branch7x7x3_3(Options(192, 192, {7, 1}).padding({3, 0})),
        branch7x7x3_4(Options(192, 192, 3).stride(2)) {
    register_module("branch3x3_1", branch3x3_1);
    register_module("branch3x3_2", branch3x3_2);
    register_module("branch7x7x3_1", branch7x7x3_1);
    register_module("branch7x7x3_2", branch7x7x3_2);
    register_module("branch7x7x3_3", branch7x7x3_3);
    register_module("branch7x7x3_4", branch7x7x3_4);
  }

  torch::Tensor forward(const torch::Tensor& x) {
    auto b3 = branch3x3_2->forward(branch3x3_1->forward(x));
    auto b7 = branch7x7x3_4->forward(
        branch7x7x3_3->forward(branch7x7x3_2->forward(branch7x7x3_1->forward(x))));
    return torch::cat({b3, b7, torch::max_pool2d(x, 3, 2)}, 1);
  }
};
TORCH_MODULE(InceptionD);

struct InceptionEImpl : torch::nn::Module {
  BasicConv2d branch1x1, branch3x3_1, branch3x3_2a, branch3x3_2b, branch3x3dbl_1, branch3x3dbl_2,
      branch3x3dbl_3a, branch3x3dbl_3b, branch_pool;

  explicit InceptionEImpl(int64_t in_channels)
      : branch1x1(Options(in_channels, 320, 1)),
        branch3x3_1(Options(in_channels, 384, 1)),
        branch3x3_2a(Options(384, 384, {1, 3}).padding({0, 1})),
        branch3x3_2b(Options(384, 384, {3, 1}).padding({1, 0})),
        branch3x3dbl_1(Options(in_channels, 448, 1)),
        branch3x3dbl_2(Options(448, 384, 3).padding(1)),
        branch3x3dbl_3a(Options(384, 384, {1, 3}).padding({0, 1})),
        branch3x3dbl_3b(Options(384, 384, {3, 1}).padding({1, 0})),
        branch_pool(Options(in_channels, 192, 1)) {
    register_module("branch1x1", branch1x1);
    register_module("branch3x3_1", branch3x3_1);
    register_module("branch3x3_2a", branch3x3_2a);
    register_module("branch3x3_2b", branch3x3_2b);
    register_module("branch3x3dbl_1", branch3x3dbl_1);
    register_module("branch3x3dbl_2", branch3x3dbl_2);
    register_module("branch3x3dbl_3a", branch3x3dbl_3a);
    register_module("branch3x3dbl_3b", branch3x3dbl_3b);
    register_module("branch_pool", branch_pool);
  }

  torch::Tensor forward(const torch::Tensor& x) {
    auto b1 = branch1x1->forward(x);
    auto b3 = branch3x3_1->forward(x);
    b3 = torch::cat({branch3x3_2a->forward(b3), branch3x3_2b->forward(b3)}, 1);
    auto bd = branch3x3dbl_2->forward(branch3x3dbl_1->forward(x));
    bd = torch::cat({branch3x3dbl_3a->forward(bd), branch3x3dbl_3b->forward(bd)}, 1);
    auto bp = branch_pool->forward(torch::avg_pool2d(x, 3, 1, 1));
    return torch::cat({b1, b3, bd, bp}, 1);
  }
};
TORCH_MODULE(InceptionE);

struct InceptionAuxImpl : torch::nn::Module {
  BasicConv2d conv0, conv1;
  torch::nn::Linear fc;

  InceptionAuxImpl(int64_t in_channels, int64_t num_classes)
      : conv0(BasicConv2d(Options(in_channels, 128, 1))),
        conv1(BasicConv2d(Options(128, 768, 5), 0.01)),
        fc(768, num_classes) {
    register_module("conv0", conv0);
    register_module("conv1", conv1);
    register_module("fc", fc);
    torch::nn::init::normal_(fc->weight, 0, 0.001);
  }

  torch::Tensor forward(torch::Tensor x) {
    x = torch::avg_pool2d(x, 5, 3);
    x = conv1->forward(conv0->forward(x));
    x = torch::adaptive_avg_pool2d(x, {1, 1});
    return fc->forward(x.view({x.size(0), -1}));
  }
};
TORCH_MODULE(InceptionAux);

}  // namespace inception

struct Inception3Impl : torch::nn::Module {
  bool aux_logits;
  inception::BasicConv2d Conv2d_1a_3x3{nullptr}, Conv2d_2a_3x3{nullptr}, Conv2d_2b_3x3{nullptr},
      Conv2d_3b_1x1{nullptr}, Conv2d_4a_3x3{nullptr};
  std::vector<inception::InceptionA> mixed_5;
  inception::InceptionB Mixed_6a{nullptr};
  std::vector<inception::InceptionC> mixed_6;
  inception::InceptionAux AuxLogits{nullptr};
  inception::InceptionD Mixed_7a{nullptr};
  std::vector<inception::InceptionE> mixed_7;
  torch::nn::Dropout dropout{nullptr};
  torch::nn::Linear fc{nullptr};

  explicit Inception3Impl(int64_t num_classes = 1000, bool aux_logits = true, double dropout_p = 0.5)
      : aux_logits(aux_logits) {
    using inception::Options;
    Conv2d_1a_3x3 = register_module("Conv2d_1a_3x3", inception::BasicConv2d(Options(3, 32, 3).stride(2)));
    Conv2d_2a_3x3 = register_module("Conv2d_2a_3x3", inception::BasicConv2d(Options(32, 32, 3)));
    Conv2d_2b_3x3 = register_module("Conv2d_2b_3x3", inception::BasicConv2d(Options(32, 64, 3).padding(1)));
    Conv2d_3b_1x1 = register_module("Conv2d_3b_1x1", inception::BasicConv2d(Options(64, 80, 1)));
    Conv2d_4a_3x3 = register_module("Conv2d_4a_3x3", inception::BasicConv2d(Options(80, 192, 3)));

    // Mixed_5b, Mixed_5c, Mixed_5d: out = 64 + 64 + 96 + pool_features
    int64_t channels = 192;
    const std::vector<int64_t> pool_features = {32, 64, 64};
    for (size_t i = 0; i < pool_features.size(); ++i) {
      std::ostringstream name;
      name << "Mixed_5" << static_cast<char>('b' + i);
      mixed_5.push_back(register_module(name.str(), inception::InceptionA(channels, pool_features[i])));
      channels = 64 + 64 + 96 + pool_features[i];
    }

    Mixed_6a = register_module("Mixed_6a", inception::InceptionB(channels));
    channels += 384 + 96;

    // Mixed_6b .. Mixed_6e
    const std::vector<int64_t> channels_7x7 = {128, 160, 160, 192};
    for (size_t i = 0; i < channels_7x7.size(); ++i)
      mixed_6.push_back(register_module(c10::str("Mixed_6", static_cast<char>('b' + i)),
                                        inception::InceptionC(channels, channels_7x7[i])));

    if (aux_logits) AuxLogits = register_module("AuxLogits", inception::InceptionAux(channels, num_classes));

    Mixed_7a = register_module("Mixed_7a", inception::InceptionD(channels));
    channels += 320 + 192;
    for (char suffix : {'b', 'c'}) {
      mixed_7.push_back(register_module(std::string("Mixed_7") + suffix, inception::InceptionE(channels)));
      channels = 320 + 768 + 768 + 192;
    }

    dropout = register_module("dropout", torch::nn::Dropout(dropout_p));
    fc = register_module("fc", torch::nn::Linear(channels, num_classes));
  }

  torch::Tensor forward(torch::Tensor x) {
    x = Conv2d_2b_3x3->forward(Conv2d_2a_3x3->forward(Conv2d_1a_3x3->forward(x)));
    x = torch::max_pool2d(x, 3, 2);
    x = Conv2d_4a_3x3->forward(Conv2d_3b_1x1->forward(x));
    x = torch::max_pool2d(x, 3, 2);
    for (auto& block : mixed_5) x = block->forward(x);
    x = Mixed_6a->forward(x);
    for (auto& block : mixed_6) x = block->forward(x);
    x = Mixed_7a->forward(x);
    for (auto& block : mixed_7) x = block->forward(x);
    x = torch::adaptive_avg_pool2d(x, {1, 1});
    x = dropout->forward(x).flatten(1);
    return fc->forward(x);
  }
};
TORCH_MODULE(Inception3);
