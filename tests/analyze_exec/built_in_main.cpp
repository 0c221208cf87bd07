// The root needs objects (a Space, a Base) that ckptcheck cannot choose, and no
// --arg or --construct is given: main() shows how the code builds it, and the
// set-up it does first (space.shape[0] = 3) must be replayed too.
#include <torch/torch.h>
#include <string>
namespace rl {
struct Space { std::string type; std::vector<int64_t> shape; };
struct BaseImpl : torch::nn::Module {
  BaseImpl(int64_t in, bool recurrent, int64_t hidden) { fc = register_module("fc", torch::nn::Linear(in, hidden)); }
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Base);
struct PolicyImpl : torch::nn::Module {
  PolicyImpl(Space space, Base base_) : base(base_) {
    register_module("base", base);
    head = register_module("head", torch::nn::Linear(64, space.shape[0]));
  }
  Base base;
  torch::nn::Linear head{nullptr};
};
TORCH_MODULE(Policy);
}
int main(int argc, char** argv) {
  rl::Space space{"Discrete", {2}};
  space.shape[0] = 3;
  auto base = rl::Base(4, false, 64);
  rl::Policy policy(space, base);
  torch::save(policy, argv[1]);
}
