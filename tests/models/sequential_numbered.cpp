// Exercises: Sequential with numbered entries where parameter-free members (ReLU, Dropout, Functional) still take an index, then push_back.
#include <torch/torch.h>

struct SeqClassifierImpl : torch::nn::Module {
  SeqClassifierImpl(int64_t in_features, int64_t num_classes) {
    features = register_module("features", torch::nn::Sequential(
                                               torch::nn::Linear(in_features, 256),
                                               torch::nn::ReLU(),
                                               torch::nn::Dropout(0.5),
                                               torch::nn::Linear(256, 128),
                                               torch::nn::Functional(torch::relu),
                                               torch::nn::BatchNorm1d(128)));
    features->push_back(torch::nn::Linear(128, 64));
    features->push_back(torch::nn::Tanh());
    features->push_back(torch::nn::Linear(64, 32));

    classifier = register_module("classifier", torch::nn::Sequential());
    classifier->push_back(torch::nn::Dropout(0.1));
    classifier->push_back(torch::nn::Linear(32, num_classes));
  }

  torch::Tensor forward(torch::Tensor x) { return classifier->forward(features->forward(x)); }

  torch::nn::Sequential features{nullptr};
  torch::nn::Sequential classifier{nullptr};
};
TORCH_MODULE(SeqClassifier);
