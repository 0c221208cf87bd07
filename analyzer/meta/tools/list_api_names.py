#!/usr/bin/env python3
"""Write api_names.def and inplace_ops.def: the names of torch's tensor methods and
functions that meta LibTorch does not implement itself.

Meta LibTorch (../ckptcheck_torch/) implements what model constructors use
(factories, views, shape arithmetic, ...). The rest of LibTorch's tensor API is
forward() code: it only has to compile, so each remaining name is declared with
a catch-all signature (api_names.def), and in-place operations, which only
change values, return their tensor (inplace_ops.def). Only the names come from
torch (its public Python API, which LibTorch's C++ API mirrors name for name);
nothing else is copied.

Run with a Python that has torch, from this directory:
    /usr/bin/python3 list_api_names.py
"""
import os
import re
import sys

import torch
import torch.nn.functional

CXX_KEYWORDS = set("""alignas alignof and and_eq asm auto bitand bitor bool break case catch char
char8_t char16_t char32_t class compl concept const consteval constexpr constinit const_cast
continue co_await co_return co_yield decltype default delete do double dynamic_cast else enum
explicit export extern false float for friend goto if inline int long mutable namespace new
noexcept not not_eq nullptr operator or or_eq private protected public register reinterpret_cast
requires return short signed sizeof static static_assert static_cast struct switch template this
thread_local throw true try typedef typeid typename union unsigned using virtual void volatile
wchar_t while xor xor_eq""".split())

# Declared exactly in tensor.h / functional.h (evaluated by the analyzer, or not
# returning a Tensor), or meaning something else in C++.
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "ckptcheck_torch")

# Implemented by meta LibTorch's at::Tensor (tensor.h), besides elementwise_ops.def.
EXACT_METHODS = set("""size sizes dim ndimension numel element_size nelement stride strides
storage_offset scalar_type dtype options device is_cuda is_cpu defined requires_grad is_contiguous
is_floating_point is_complex is_leaf is_sparse is_quantized equal allclose item data_ptr
to view reshape max min sort topk kthvalue mode median chunk split unbind tensor_split type
tolist numpy backward register_hook grad retain_grad data new_tensor set_requires_grad
requires_grad_ get_device is_pinned is_shared is_signed dim_order nbytes itemsize
index index_put_ print toString type_as view_as reshape_as flatten unflatten squeeze unsqueeze t
transpose swapaxes swapdims permute movedim expand expand_as repeat repeat_interleave narrow select
slice split_with_sizes index_select gather contiguous clone detach detach_ flip roll tril triu
masked_fill new_zeros new_ones new_empty new_full set_ set_data resize_ resize_as_ squeeze_
unsqueeze_ t_ transpose_ copy_ index_fill_ matmul mm bmm mv dot outer ger pow clamp clamp_min
clamp_max where softmax log_softmax cumsum cumprod argmax argmin all any nonzero count_nonzero
sum mean prod nansum nanmean amax amin logsumexp norm std var cpu cuda is_same is_view is_meta
is_mkldnn is_nested has_storage retains_grad output_nr toType mT""".split())
# Implemented (or declared exactly) by meta LibTorch's functions.h.
EXACT_FUNCTIONS = set("""zeros ones empty rand randn full randint eye arange linspace logspace
dtype requires_grad tensor from_blob max min sort topk kthvalue mode median chunk split unbind
tensor_split meshgrid broadcast_tensors std_mean var_mean equal allclose is_tensor is_nonzero
save load manual_seed numel is_floating_point is_complex get_default_dtype set_default_dtype
where nonzero unique lstm gru rnn_tanh rnn_relu lstm_cell gru_cell rnn_tanh_cell rnn_relu_cell
typename randperm empty_strided scalar_tensor zeros_like ones_like empty_like rand_like
randn_like full_like cat concat concatenate stack hstack vstack reshape flatten unflatten squeeze
unsqueeze t transpose swapaxes swapdims permute movedim narrow select slice expand
repeat_interleave split_with_sizes index_select gather clone detach flip roll tril triu
masked_fill matmul mm bmm mv dot outer ger pow clamp clamp_min clamp_max softmax log_softmax
cumsum cumprod argmax argmin maximum minimum all any sum mean prod nansum nanmean amax amin
logsumexp norm std var""".split())
EXACT_NN_FUNCTIONS = set("""max_pool1d_with_indices max_pool2d_with_indices max_pool3d_with_indices
adaptive_max_pool1d_with_indices adaptive_max_pool2d_with_indices adaptive_max_pool3d_with_indices
fractional_max_pool2d_with_indices fractional_max_pool3d_with_indices multi_head_attention_forward
assert_int_or_pair boolean_dispatch handle_torch_function has_torch_function
has_torch_function_unary has_torch_function_variadic""".split())


def names(obj, exclude):
    out = []
    for n in dir(obj):
        if not re.fullmatch(r"[a-z][a-z0-9_]*", n) or n in CXX_KEYWORDS or n in exclude:
            continue
        if callable(getattr(obj, n, None)) and not isinstance(getattr(obj, n), type):
            out.append(n)
    return sorted(out)


def implemented_elementwise():
    text = open(os.path.join(OUT, "elementwise_ops.def")).read()
    return set(re.findall(r"^CKPT_\w+\((\w+)\)", text, re.M))


def write(path, lines):
    with open(path, "w") as f:
        f.writelines(lines)


def main():
    elementwise = implemented_elementwise()
    methods = names(torch.Tensor, EXACT_METHODS | elementwise)
    inplace = [n for n in methods if n.endswith("_")]
    others = [n for n in methods if not n.endswith("_")]
    # torch.* plus torch._C._nn.*: the functions C++ has as at::/torch:: (gelu,
    # adaptive_avg_pool2d, ... live in the latter on the Python side).
    functions = set(n for n in names(torch, EXACT_FUNCTIONS | elementwise)
                    if type(getattr(torch, n)).__name__ in ("builtin_function_or_method", "function"))
    functions |= set(names(torch._C._nn, EXACT_FUNCTIONS | elementwise))
    functions -= set(inplace)  # declared by inplace_ops.def's functional form
    header = "// Generated by tools/list_api_names.py from torch %s's public API names.\n" % torch.__version__
    lines = [header, "// X-macro lists: each name is declared with a catch-all signature.\n", "#ifdef CKPT_TENSOR_METHOD\n"]
    lines += ["CKPT_TENSOR_METHOD(%s)\n" % n for n in others]
    lines.append("#endif\n#ifdef CKPT_TORCH_FUNCTION\n")
    lines += ["CKPT_TORCH_FUNCTION(%s)\n" % n for n in sorted(functions)]
    lines.append("#endif\n#ifdef CKPT_NN_FUNCTION\n")
    lines += ["CKPT_NN_FUNCTION(%s)\n" % n for n in names(torch.nn.functional, EXACT_NN_FUNCTIONS)]
    lines.append("#endif\n")
    write(os.path.join(OUT, "api_names.def"), lines)
    write(os.path.join(OUT, "inplace_ops.def"),
          [header, "// In-place operations that only change values: meta LibTorch returns the tensor itself.\n",
           "#ifdef CKPT_INPLACE\n"] + ["CKPT_INPLACE(%s)\n" % n for n in inplace] + ["#endif\n"])


if __name__ == "__main__":
    main()
