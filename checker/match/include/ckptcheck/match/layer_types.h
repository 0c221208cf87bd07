// CK308 (module-type-mismatch): which LibTorch layer a module class recorded in
// a checkpoint stands for. Whole pickled modules record Python classes
// ("torch.nn.modules.linear.Linear"), TorchScript archives from Python their
// TorchScript types ("__torch__.torch.nn.modules.linear.___torch_mangle_3.Linear");
// C++ torch::save archives record every module as "__torch__.Module" (or
// "__torch__.___torch_mangle_N.Module"): the C++ class is lost.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ckptcheck {

// "torch::nn::Linear" for any spelling of torch.nn's Linear; also the containers
// (Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict).
// nullopt for custom classes and for the class-less modules of C++ archives.
std::optional<std::string> libtorch_layer_for(std::string_view file_type);

// Whether the file's module class and the layer the code builds there
// ("torch::nn::Linear", or a custom class such as "vision::BlockImpl") agree.
// Built-in layers compare by libtorch_layer_for; custom classes by the last
// component of the file's class against the C++ class without namespaces and
// without an "Impl" suffix. A C++ archive's "__torch__.Module" records no class
// and agrees with anything; so does an empty file_type.
bool same_layer(std::string_view file_type, std::string_view code_layer);

}  // namespace ckptcheck
