// A small MNIST-style classifier written with the LibTorch C++ frontend.
// Its weights come from the Python twin of the model, saved with
//   torch.save(model.state_dict(), "net_weights.pt")
// (see make_example.py for the Python twin of this model). The parameter and
// buffer names below must match that file: conv1.weight, conv1.bias,
// bn1.{weight,bias,running_mean,running_var,num_batches_tracked},
// fc1.{weight,bias}, fc2.{weight,bias}.
//
// Note: LibTorch 1.13 cannot read that file directly: torch::load() expects a
// C++/TorchScript archive, and torch::pickle_load() aborts on the OrderedDict
// (with its _metadata attribute) that Python's state_dict() produces. Checking
// names and shapes without loading is what ckptcheck is for.
//
// Build: g++ -std=c++17 net.cpp -I/usr/include/torch/csrc/api/include -ltorch -ltorch_cpu -lc10

#include <torch/torch.h>

#include <iostream>

struct NetImpl : torch::nn::Module {
  NetImpl()
      : conv1(torch::nn::Conv2dOptions(1, 8, /*kernel_size=*/3)),
        bn1(8),
        fc1(8 * 4 * 4, 32),
        fc2(32, 10) {
    register_module("conv1", conv1);
    register_module("bn1", bn1);
    register_module("fc1", fc1);
    register_module("fc2", fc2);
  }

  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(bn1(conv1(x)));               // [N, 8, 26, 26]
    x = torch::max_pool2d(x, 2);                  // [N, 8, 13, 13]
    x = torch::adaptive_avg_pool2d(x, {4, 4});    // [N, 8, 4, 4]
    x = x.flatten(1);                             // [N, 128]
    x = torch::relu(fc1(x));
    return torch::log_softmax(fc2(x), /*dim=*/1);
  }

  torch::nn::Conv2d conv1;
  torch::nn::BatchNorm2d bn1;
  torch::nn::Linear fc1, fc2;
};
TORCH_MODULE(Net);

int main() {
  Net net;
  net->eval();

  // The entries a checkpoint for this model must provide.
  for (const auto& p : net->named_parameters()) {
    std::cout << "parameter " << p.key() << " " << p.value().sizes() << "\n";
  }
  for (const auto& b : net->named_buffers()) {
    std::cout << "buffer    " << b.key() << " " << b.value().sizes() << "\n";
  }

  torch::Tensor image = torch::zeros({1, 1, 28, 28});
  torch::Tensor scores = net->forward(image);
  std::cout << "scores " << scores.sizes() << "\n";
  return 0;
}
