// Exercises: a ModuleDict built from a std::vector<std::pair<std::string, std::shared_ptr<torch::nn::Module>>> that a helper fills with emplace_back/push_back (holder .ptr(), std::make_shared of built-in and custom Impls, names from std::to_string in a loop), a later pair with an existing key replacing the first in place, and lookups with contains()/[] after registration.
#include <torch/torch.h>

using ModulePairs = std::vector<std::pair<std::string, std::shared_ptr<torch::nn::Module>>>;

struct PatchEncoderImpl : torch::nn::Module {
  PatchEncoderImpl(int64_t in_channels, int64_t dim, int64_t patch) {
    proj = register_module("proj", torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, dim, patch).stride(patch)));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
  }

  torch::Tensor forward(torch::Tensor x) { return norm(proj(x).flatten(2).transpose(1, 2)); }

  torch::nn::Conv2d proj{nullptr};
  torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(PatchEncoder);

ModulePairs make_encoders(int64_t dim, int64_t num_audio_scales) {
  ModulePairs encoders;
  encoders.emplace_back("text", torch::nn::Embedding(30522, dim).ptr());
  encoders.emplace_back("image", PatchEncoder(3, dim, 16).ptr());
  for (int64_t s = 0; s < num_audio_scales; ++s) {
    encoders.push_back({"audio_" + std::to_string(s),
                        std::make_shared<torch::nn::Conv1dImpl>(
                            torch::nn::Conv1dOptions(80, dim, 3).stride(1 << s).padding(1))});
  }
  encoders.emplace_back("depth", std::make_shared<PatchEncoderImpl>(1, dim, 16));
  return encoders;
}

struct MultiModalEncoderImpl : torch::nn::Module {
  MultiModalEncoderImpl(int64_t dim, int64_t num_audio_scales = 2, bool text_from_vocab = true) {
    auto pairs = make_encoders(dim, num_audio_scales);
    if (!text_from_vocab) {
      // Pre-computed text features: a projection replaces the embedding, keeping its place.
      pairs.emplace_back("text", std::make_shared<torch::nn::LinearImpl>(768, dim));
    }
    encoders = register_module("encoders", torch::nn::ModuleDict(pairs));

    if (encoders->contains("audio_0")) {
      auto audio = std::dynamic_pointer_cast<torch::nn::Conv1dImpl>(encoders["audio_0"]);
      audio_norm = register_module("audio_norm", torch::nn::BatchNorm1d(audio->options.out_channels()));
    }
    modality_embed = register_parameter("modality_embed", torch::zeros({static_cast<int64_t>(encoders->size()), dim}));
  }

  torch::nn::ModuleDict encoders{nullptr};
  torch::nn::BatchNorm1d audio_norm{nullptr};
  torch::Tensor modality_embed;
};
TORCH_MODULE(MultiModalEncoder);
