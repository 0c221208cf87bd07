// Exercises: locuslab-style TCN: a num_channels vector root arg, dilation static_cast<int64_t>(std::pow(2, i)), Conv1d padding (k-1)*dilation, a parameter-free Chomp1d module, convs registered under their own names AND again inside a Sequential (LibTorch lists them twice), a 1x1 downsample registered only when in != out, blocks pushed into a Sequential as "block_" + std::to_string(i), init through ->weight.normal_().
#include <torch/torch.h>

// Removes the trailing `chomp_size` steps that the symmetric padding added (keeps the conv causal).
struct Chomp1dImpl : torch::nn::Module {
  explicit Chomp1dImpl(int64_t chomp_size) : chomp_size(chomp_size) {}
  torch::Tensor forward(const torch::Tensor& x) { return x.slice(2, 0, x.size(2) - chomp_size).contiguous(); }
  int64_t chomp_size;
};
TORCH_MODULE(Chomp1d);

struct TemporalBlockImpl : torch::nn::Module {
  TemporalBlockImpl(int64_t n_inputs, int64_t n_outputs, int64_t kernel_size, int64_t stride, int64_t dilation,
                    int64_t padding, double dropout = 0.2) {
    conv1 = register_module("conv1", torch::nn::Conv1d(torch::nn::Conv1dOptions(n_inputs, n_outputs, kernel_size)
                                                           .stride(stride)
                                                           .padding(padding)
                                                           .dilation(dilation)));
    chomp1 = register_module("chomp1", Chomp1d(padding));
    relu1 = register_module("relu1", torch::nn::ReLU());
    dropout1 = register_module("dropout1", torch::nn::Dropout(dropout));

    conv2 = register_module("conv2", torch::nn::Conv1d(torch::nn::Conv1dOptions(n_outputs, n_outputs, kernel_size)
                                                           .stride(stride)
                                                           .padding(padding)
                                                           .dilation(dilation)));
    chomp2 = register_module("chomp2", Chomp1d(padding));
    relu2 = register_module("relu2", torch::nn::ReLU());
    dropout2 = register_module("dropout2", torch::nn::Dropout(dropout));

    net = register_module("net", torch::nn::Sequential(conv1, chomp1, relu1, dropout1, conv2, chomp2, relu2, dropout2));
    if (n_inputs != n_outputs) {
      downsample = register_module("downsample", torch::nn::Conv1d(n_inputs, n_outputs, 1));
    }
    relu = register_module("relu", torch::nn::ReLU());
    init_weights();
  }

  void init_weights() {
    torch::NoGradGuard no_grad;
    conv1->weight.normal_(0, 0.01);
    conv2->weight.normal_(0, 0.01);
    if (downsample) downsample->weight.normal_(0, 0.01);
  }

  torch::Tensor forward(const torch::Tensor& x) {
    auto out = net->forward(x);
    auto res = downsample ? downsample(x) : x;
    return relu(out + res);
  }

  torch::nn::Conv1d conv1{nullptr}, conv2{nullptr};
  Chomp1d chomp1{nullptr}, chomp2{nullptr};
  torch::nn::ReLU relu1{nullptr}, relu2{nullptr}, relu{nullptr};
  torch::nn::Dropout dropout1{nullptr}, dropout2{nullptr};
  torch::nn::Sequential net{nullptr};
  torch::nn::Conv1d downsample{nullptr};
};
TORCH_MODULE(TemporalBlock);

struct TemporalConvNetImpl : torch::nn::Module {
  TemporalConvNetImpl(int64_t num_inputs, const std::vector<int64_t>& num_channels, int64_t kernel_size = 2,
                      double dropout = 0.2) {
    const auto num_levels = num_channels.size();
    for (size_t i = 0; i < num_levels; ++i) {
      const auto dilation_size = static_cast<int64_t>(std::pow(2, i));
      const int64_t in_channels = i == 0 ? num_inputs : num_channels[i - 1];
      const int64_t out_channels = num_channels[i];
      network->push_back("block_" + std::to_string(i),
                         TemporalBlock(in_channels, out_channels, kernel_size, /*stride=*/1, dilation_size,
                                       /*padding=*/(kernel_size - 1) * dilation_size, dropout));
    }
    register_module("network", network);
  }

  torch::Tensor forward(const torch::Tensor& x) { return network->forward(x); }

  torch::nn::Sequential network;
};
TORCH_MODULE(TemporalConvNet);

// Sequence classifier (e.g. sequential MNIST): TCN over [B, C, T], Linear on the last step.
struct TCNImpl : torch::nn::Module {
  TCNImpl(int64_t input_size, int64_t output_size, std::vector<int64_t> num_channels, int64_t kernel_size, double dropout)
      : tcn(input_size, num_channels, kernel_size, dropout), linear(num_channels.back(), output_size) {
    register_module("tcn", tcn);
    register_module("linear", linear);
    linear->weight.data().normal_(0, 0.01);
  }

  torch::Tensor forward(const torch::Tensor& inputs) {
    auto y = tcn(inputs);
    return torch::log_softmax(linear(y.select(2, y.size(2) - 1)), 1);
  }

  TemporalConvNet tcn;
  torch::nn::Linear linear;
};
TORCH_MODULE(TCN);
