// Meta LibTorch's compiled part: the key functions of its polymorphic classes
// (Module's destructor, each built-in module's reset()) and the constructors
// that are not templates, so that their vtables, and the Cloneable<...>::clone
// each vtable needs, are compiled once, when ckptcheck is built, and linked
// into every model's program, as LibTorch's own library is. Defined inline in
// the headers, every model would instantiate and compile them all again:
// several seconds per model. See c10.h.
#include "all.h"

namespace torch {
namespace nn {

Module::~Module() = default;

#define CKPT_MODULE_WITH_OPTIONS(Name)                                                             \
  Name##Impl::Name##Impl(const decltype(Name##Impl::options)& options_) : options(options_) { reset(); } \
  void Name##Impl::reset() { ckptcheck_reset(); }
#define CKPT_MODULE_PLAIN(Name)           \
  Name##Impl::Name##Impl() { reset(); }   \
  void Name##Impl::reset() { ckptcheck_reset(); }
#include "builtin_modules.def"
#undef CKPT_MODULE_WITH_OPTIONS
#undef CKPT_MODULE_PLAIN

// LibTorch names this one itself, without "Impl".
MultiheadAttentionImpl::MultiheadAttentionImpl(const MultiheadAttentionOptions& options_)
    : Module("torch::nn::MultiheadAttention"), options(options_) {
  reset();
}
void MultiheadAttentionImpl::reset() { ckptcheck_reset(); }

FunctionalImpl::FunctionalImpl(Function function) : function_(std::move(function)) {}
void FunctionalImpl::reset() { ckptcheck_reset(); }

}  // namespace nn

// Meta LibTorch's constants are inline variables, so that they are constant
// expressions (case torch::kFloat:); code that binds one to a reference needs
// its storage, which Clang's PCH code generation does not emit. Taking their
// addresses here emits them into this library for every model to link to.
#define CKPT_ADDRESS(name) static_cast<const void*>(&name),
extern const void* const ckptcheck_constants[] = {
    CKPT_ADDRESS(c10::kByte) CKPT_ADDRESS(c10::kChar) CKPT_ADDRESS(c10::kShort) CKPT_ADDRESS(c10::kInt)
    CKPT_ADDRESS(c10::kLong) CKPT_ADDRESS(c10::kHalf) CKPT_ADDRESS(c10::kFloat) CKPT_ADDRESS(c10::kDouble)
    CKPT_ADDRESS(c10::kComplexHalf) CKPT_ADDRESS(c10::kComplexFloat) CKPT_ADDRESS(c10::kComplexDouble)
    CKPT_ADDRESS(c10::kBool) CKPT_ADDRESS(c10::kBFloat16) CKPT_ADDRESS(c10::kQInt8) CKPT_ADDRESS(c10::kQUInt8)
    CKPT_ADDRESS(c10::kQInt32) CKPT_ADDRESS(c10::kCPU) CKPT_ADDRESS(c10::kCUDA) CKPT_ADDRESS(c10::kHIP)
    CKPT_ADDRESS(c10::kXLA) CKPT_ADDRESS(c10::kMPS) CKPT_ADDRESS(c10::kMeta) CKPT_ADDRESS(c10::kVulkan)
    CKPT_ADDRESS(c10::kXPU) CKPT_ADDRESS(c10::kStrided) CKPT_ADDRESS(c10::kSparse) CKPT_ADDRESS(torch::kUInt8)
    CKPT_ADDRESS(torch::kInt8) CKPT_ADDRESS(torch::kInt16) CKPT_ADDRESS(torch::kInt32) CKPT_ADDRESS(torch::kInt64)
    CKPT_ADDRESS(torch::kFloat16) CKPT_ADDRESS(torch::kFloat32) CKPT_ADDRESS(torch::kFloat64)
    CKPT_ADDRESS(torch::kComplex32) CKPT_ADDRESS(torch::kComplex64) CKPT_ADDRESS(torch::kComplex128)
    CKPT_ADDRESS(at::indexing::Ellipsis) CKPT_ADDRESS(at::indexing::None)
#define CKPT_TAG_ADDRESS(name) CKPT_ADDRESS(torch::name)
    CKPT_ENUM_TAGS(CKPT_TAG_ADDRESS)
#undef CKPT_TAG_ADDRESS
};
#undef CKPT_ADDRESS

}  // namespace torch
