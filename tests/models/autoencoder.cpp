// Exercises: encoder/decoder Sequential members built in the initialiser list from root parameters, and a latent head.
#include <torch/torch.h>

struct AutoencoderImpl : torch::nn::Module {
  AutoencoderImpl(int64_t input_dim, int64_t latent_dim)
      : encoder(torch::nn::Linear(input_dim, 512), torch::nn::ReLU(), torch::nn::Linear(512, 128), torch::nn::ReLU()),
        mu(128, latent_dim),
        log_var(128, latent_dim),
        decoder(torch::nn::Linear(latent_dim, 128), torch::nn::ReLU(), torch::nn::Linear(128, 512), torch::nn::ReLU(),
                torch::nn::Linear(512, input_dim), torch::nn::Sigmoid()) {
    register_module("encoder", encoder);
    register_module("mu", mu);
    register_module("log_var", log_var);
    register_module("decoder", decoder);
  }

  torch::Tensor forward(torch::Tensor x) {
    auto h = encoder->forward(x);
    auto z = mu(h) + torch::randn_like(mu(h)) * torch::exp(0.5 * log_var(h));
    return decoder->forward(z);
  }

  torch::nn::Sequential encoder;
  torch::nn::Linear mu, log_var;
  torch::nn::Sequential decoder;
};
TORCH_MODULE(Autoencoder);
