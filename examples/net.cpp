// A small MNIST-style classifier written with the LibTorch C++ frontend, and
// an example of code that has drifted from its weights. net_weights.pt is the
// state dict of the Python twin this port started from (make_example.py):
//   torch.save(model.state_dict(), "net_weights.pt")
// Since then the C++ code changed, as code does:
//   - the hidden width became a constructor argument whose default (64) is not
//     what the weights were trained with (32);
//   - fc2 was renamed to classifier;
//   - main() loads the weights with torch::load, which cannot read a Python
//     state dict at all ("PytorchStreamReader failed locating file constants.pkl").
// `ckptcheck --model examples/net.cpp examples/net_weights.pt` reports all three.
//
// Build: g++ -std=c++17 net.cpp -I/usr/include/torch/csrc/api/include -ltorch -ltorch_cpu -lc10

#include <torch/torch.h>

#include <iostream>

struct NetImpl : torch::nn::Module {
  explicit NetImpl(int64_t hidden = 64)
      : conv1(torch::nn::Conv2dOptions(1, 8, /*kernel_size=*/3)),
        bn1(8),
        fc1(8 * 4 * 4, hidden),
        classifier(hidden, 10) {
    register_module("conv1", conv1);
    register_module("bn1", bn1);
    register_module("fc1", fc1);
    register_module("classifier", classifier);
  }

  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(bn1(conv1(x)));               // [N, 8, 26, 26]
    x = torch::max_pool2d(x, 2);                  // [N, 8, 13, 13]
    x = torch::adaptive_avg_pool2d(x, {4, 4});    // [N, 8, 4, 4]
    x = x.flatten(1);                             // [N, 128]
    x = torch::relu(fc1(x));
    return torch::log_softmax(classifier(x), /*dim=*/1);
  }

  torch::nn::Conv2d conv1;
  torch::nn::BatchNorm2d bn1;
  torch::nn::Linear fc1, classifier;
};
TORCH_MODULE(Net);

int main() {
  Net net;
  torch::load(net, "net_weights.pt");  // throws: a Python state dict is not a C++ archive
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
