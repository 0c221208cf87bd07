// Meta LibTorch, the host interface: the few calls meta LibTorch makes into
// ckptcheck's analyzer, which compiles it together with the model and runs the
// model's constructor. The analyzer defines these functions
// (analyzer/src/exec/host_calls.cpp) and gives their addresses to the JIT, so
// this plain C interface is the only thing both sides must agree on.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {

// ---- Layer rules -------------------------------------------------------------
// What a built-in layer registers comes from ckptcheck's layer rules
// (rules/src/layer_rules*.cpp), tested against LibTorch, so that meta LibTorch
// and the static analysis can never disagree about a layer. A layer collects
// its options, runs its rule and registers the tensors it lists.
void* ckptcheck_rule_begin(const char* layer);
void ckptcheck_rule_int(void* rule, const char* option, int64_t value);
void ckptcheck_rule_ints(void* rule, const char* option, const int64_t* values, size_t count);
void ckptcheck_rule_bool(void* rule, const char* option, int value);
void ckptcheck_rule_double(void* rule, const char* option, double value);
void ckptcheck_rule_string(void* rule, const char* option, const char* value);
// The number of tensors, or -1 with *error set (valid until ckptcheck_rule_end).
long ckptcheck_rule_run(void* rule, const char** error);
// Tensor `index` of the last run: its name relative to the layer, whether it
// is a buffer, its shape and its dtype (torch's short name, "float32").
void ckptcheck_rule_tensor(void* rule, long index, const char** name, int* is_buffer, const int64_t** shape,
                           size_t* rank, const char** dtype);
void ckptcheck_rule_end(void* rule);

// ---- Where things happen ----------------------------------------------------
// Records the call stack above `frame` (the caller's frame address) and
// returns an id for it; the analyzer maps it to a line of the model's source.
long ckptcheck_call_site(void* frame);

// ---- Construction ------------------------------------------------------------
// The value the analyzer chose for constructor argument `index` in this run.
int64_t ckptcheck_arg_int(long index);

// ---- The result ---------------------------------------------------------------
// After construction, the module tree in named_modules() order, then every
// parameter and buffer. `site` is a ckptcheck_call_site id (or -1);
// `internal` is 1 for registrations a built-in layer makes for itself;
// `storage` identifies the tensor's storage (tied weights share one).
void ckptcheck_emit_module(const char* path, const char* type, long site, int internal);
void ckptcheck_emit_tensor(const char* path, int is_buffer, const int64_t* shape, size_t rank, const char* dtype,
                           int requires_grad, const void* storage, long site, int internal);
// TORCH_WARN and friends.
void ckptcheck_emit_warning(const char* message, long site);
}
