#include "ckptcheck/match/layer_types.h"

#include <array>
#include <vector>

#include "ckptcheck/rules/layer_rules.h"

namespace ckptcheck {
namespace {

// The class path without TorchScript's "__torch__." root and without its
// "___torch_mangle_N" segments, which only tell apart types sharing a name.
std::vector<std::string_view> components(std::string_view type) {
  if (type.starts_with("__torch__.")) type.remove_prefix(10);
  std::vector<std::string_view> out;
  while (!type.empty()) {
    size_t dot = type.find('.');
    std::string_view part = type.substr(0, dot);
    if (!part.starts_with("___torch_mangle_")) out.push_back(part);
    if (dot == std::string_view::npos) break;
    type.remove_prefix(dot + 1);
  }
  return out;
}

constexpr std::array<std::string_view, 5> kContainers = {"Sequential", "ModuleList", "ModuleDict", "ParameterList",
                                                          "ParameterDict"};

// A module whose class says nothing about the layer: a C++ archive's
// ("__torch__.Module", "__torch__.___torch_mangle_2.Module"), or a plain
// torch.nn.Module scripted in Python ("__torch__.torch.nn.modules.module.Module"),
// as a re-save of bare tensors (CK601's fix) writes.
bool is_classless_module(std::string_view file_type) {
  if (!file_type.starts_with("__torch__.")) return false;
  std::vector<std::string_view> parts = components(file_type);
  static const std::vector<std::string_view> kPlainModule = {"torch", "nn", "modules", "module", "Module"};
  return (parts.size() == 1 && parts[0] == "Module") || parts == kPlainModule;
}

std::string_view last_component(std::string_view name, std::string_view separator) {
  size_t at = name.rfind(separator);
  return at == std::string_view::npos ? name : name.substr(at + separator.size());
}

}  // namespace

std::optional<std::string> libtorch_layer_for(std::string_view file_type) {
  std::vector<std::string_view> parts = components(file_type);
  // torch.nn.modules.<file>.<Class>
  if (parts.size() != 5 || parts[0] != "torch" || parts[1] != "nn" || parts[2] != "modules") return std::nullopt;
  std::string_view cls = parts[4];
  // MultiheadAttention's out_proj: a Linear that opts out of dynamic quantization
  // (torch/nn/modules/linear.py); LibTorch's out_proj is a plain Linear.
  if (cls == "NonDynamicallyQuantizableLinear") cls = "Linear";
  for (std::string_view c : kContainers)
    if (cls == c) return "torch::nn::" + std::string(cls);
  if (const LayerRule* rule = find_layer_rule(cls)) return "torch::nn::" + std::string(rule->name);
  return std::nullopt;
}

bool same_layer(std::string_view file_type, std::string_view code_layer) {
  if (file_type.empty() || is_classless_module(file_type)) return true;
  if (code_layer.starts_with("::")) code_layer.remove_prefix(2);
  std::optional<std::string> file_layer = libtorch_layer_for(file_type);
  bool code_builtin = code_layer.starts_with("torch::nn::");
  if (file_layer || code_builtin) {
    if (!file_layer || !code_builtin) return false;
    std::string_view code = code_layer;
    if (code.ends_with("Impl")) code.remove_suffix(4);
    return *file_layer == code;
  }
  std::string_view code = last_component(code_layer, "::");
  if (code.ends_with("Impl") && code.size() > 4) code.remove_suffix(4);
  std::vector<std::string_view> parts = components(file_type);
  return !parts.empty() && parts.back() == code;
}

}  // namespace ckptcheck
