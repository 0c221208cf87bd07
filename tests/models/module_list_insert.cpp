// Exercises: ModuleList::insert in the middle of a list (LibTorch 1.13 re-keys the children in its own way).
#include <torch/torch.h>

struct InsertedListImpl : torch::nn::Module {
  InsertedListImpl() {
    blocks = register_module("blocks", torch::nn::ModuleList());
    blocks->push_back(torch::nn::Linear(8, 8));
    blocks->push_back(torch::nn::Linear(8, 4));
    blocks->push_back(torch::nn::Linear(4, 2));
    blocks->insert(1, torch::nn::Linear(8, 3));
    blocks->insert(4, torch::nn::Linear(2, 1));
  }

  torch::nn::ModuleList blocks{nullptr};
};
TORCH_MODULE(InsertedList);
