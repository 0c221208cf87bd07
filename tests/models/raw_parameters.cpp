// Exercises: register_parameter/register_buffer with randn/zeros/ones/empty/full/eye/rand, dtypes and requires_grad=false.
#include <torch/torch.h>

struct RawParamsImpl : torch::nn::Module {
  RawParamsImpl() {
    w = register_parameter("w", torch::randn({3, 4}));
    b = register_parameter("b", torch::zeros({4}));
    scale = register_parameter("scale", torch::ones({1, 4}));
    scratch = register_parameter("scratch", torch::empty({2, 3, 5}));
    bias_init = register_parameter("bias_init", torch::full({6}, 0.1));
    proj = register_parameter("proj", torch::eye(5));
    noise = register_parameter("noise", torch::rand({7, 2}));
    precise = register_parameter("precise", torch::randn({4, 4}, torch::kFloat64));
    half = register_parameter("half", torch::zeros({8}, torch::TensorOptions().dtype(torch::kFloat16)));
    frozen = register_parameter("frozen", torch::randn({2, 2}), /*requires_grad=*/false);
    rect = register_parameter("rect", torch::eye(3, 6));
    running = register_buffer("running", torch::zeros({4}));
    step = register_buffer("step", torch::zeros({}, torch::kLong));
    mask = register_buffer("mask", torch::ones({3, 3}, torch::TensorOptions().dtype(torch::kBool)));
  }

  torch::Tensor forward(torch::Tensor x) { return torch::matmul(x, w) * scale + b; }

  torch::Tensor w, b, scale, scratch, bias_init, proj, noise, precise, half, frozen, rect;
  torch::Tensor running, step, mask;
};
TORCH_MODULE(RawParams);
