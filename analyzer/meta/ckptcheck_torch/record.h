// Meta LibTorch, part 10: reading the result. After the model's constructor
// has run, ckptcheck_meta::record walks the module tree as named_modules(),
// named_parameters() and named_buffers() do and reports every module, tensor
// and where each was registered to the analyzer (host.h). The analyzer's
// generated entry point calls it with the constructed root. See c10.h.
#pragma once

#include "runtime.h"

namespace ckptcheck_meta {

using torch::nn::Module;
using torch::nn::ckptcheck_detail::Registration;
using torch::nn::ckptcheck_detail::join_name;

inline void record_modules(const Module& m, const std::string& path, Registration where) {
  ckptcheck_emit_module(path.c_str(), m.name().c_str(), where.site, where.internal);
  for (const auto& child : m.ckptcheck_children())
    record_modules(*child.value(), join_name(path, child.key()), m.ckptcheck_registration('m', child.key()));
}

// Own tensors first, then each child's, as named_parameters() lists them;
// undefined tensors are skipped, as LibTorch skips them.
inline void record_tensors(const Module& m, const std::string& path, bool buffers) {
  const auto& own = buffers ? m.ckptcheck_buffers() : m.ckptcheck_parameters();
  for (const auto& item : own) {
    const at::Tensor& t = item.value();
    if (!t.defined()) continue;
    Registration where = m.ckptcheck_registration(buffers ? 'b' : 'p', item.key());
    ckptcheck_emit_tensor(join_name(path, item.key()).c_str(), buffers, t.sizes().data(), t.sizes().size(),
                          c10::dtype_name(t.dtype()), t.requires_grad(), t.ckptcheck_storage().get(), where.site,
                          where.internal);
  }
  for (const auto& child : m.ckptcheck_children()) record_tensors(*child.value(), join_name(path, child.key()), buffers);
}

inline void record(const std::shared_ptr<Module>& root) {
  TORCH_CHECK(root != nullptr, "the construction gave an empty module");
  record_modules(*root, "", Registration{});
  record_tensors(*root, "", false);
  record_tensors(*root, "", true);
}

// The root as a Module, however the construction gives it: a holder
// (TORCH_MODULE), a shared_ptr, or a module by value.
template <typename T>
std::shared_ptr<Module> as_root(T&& built) {
  using D = std::decay_t<T>;
  if constexpr (torch::nn::ckptcheck_detail::is_holder<D>::value) return built.ptr();
  else if constexpr (std::is_convertible<D, std::shared_ptr<Module>>::value) return built;
  else return std::make_shared<D>(std::forward<T>(built));
}

}  // namespace ckptcheck_meta
