// Exercises: registered names that differ from the C++ member names (trailing underscores, abbreviations).
#include <torch/torch.h>

class TaggerImpl : public torch::nn::Module {
 public:
  TaggerImpl(int64_t vocab_size, int64_t num_tags) {
    embedding_ = register_module("embed", torch::nn::Embedding(vocab_size, 100));
    encoder_ = register_module("encoder", torch::nn::Linear(100, 50));
    output_layer_ = register_module("head", torch::nn::Linear(50, num_tags));
    transitions_ = register_parameter("crf_transitions", torch::zeros({num_tags, num_tags}));
    start_ = register_buffer("start_scores", torch::zeros({num_tags}));
  }

  torch::Tensor forward(torch::Tensor tokens) {
    return output_layer_(torch::tanh(encoder_(embedding_(tokens))));
  }

 private:
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::Linear encoder_{nullptr};
  torch::nn::Linear output_layer_{nullptr};
  torch::Tensor transitions_;
  torch::Tensor start_;
};
TORCH_MODULE(Tagger);
