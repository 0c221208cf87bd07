// Exercises: ParameterList (constructor, append, extend) and ParameterDict (insert, OrderedDict constructor).
#include <torch/torch.h>

struct MixtureImpl : torch::nn::Module {
  MixtureImpl(int64_t num_components, int64_t dim) {
    means = register_module("means", torch::nn::ParameterList(
                                         torch::randn({dim}, torch::requires_grad()),
                                         torch::randn({dim}, torch::requires_grad())));
    means->append(torch::randn({dim}, torch::requires_grad()));
    means->extend(std::vector<torch::Tensor>{torch::zeros({dim, dim}), torch::ones({2})});

    scales = register_module("scales", torch::nn::ParameterDict());
    scales->insert("log_sigma", torch::zeros({num_components, dim}, torch::requires_grad()));
    scales->insert("logits", torch::zeros({num_components}));
    scales->insert("temperature", torch::ones({1}, torch::kFloat64));

    torch::OrderedDict<std::string, torch::Tensor> priors;
    priors.insert("b_mean", torch::zeros({dim}));
    priors.insert("a_scale", torch::ones({dim}));
    fixed = register_module("fixed", torch::nn::ParameterDict(priors));
  }

  torch::nn::ParameterList means{nullptr};
  torch::nn::ParameterDict scales{nullptr};
  torch::nn::ParameterDict fixed{nullptr};
};
TORCH_MODULE(Mixture);
