#include "host_calls.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <string>

#include "ckptcheck/rules/layer_rules.h"

namespace ckptcheck::exec {
namespace {

// One layer-rule call: the options meta LibTorch gave, then the rule's answer.
struct RuleCall {
  const LayerRule* rule = nullptr;
  std::string layer;
  LayerOptions options;
  std::vector<LayerEntry> entries;
  std::vector<std::vector<int64_t>> shapes;  // entries' shapes as numbers
  std::string error;
};

// The ranges are sorted (meta_session.cpp sorts them once): thousands of
// them, looked up for every frame of every registration.
bool in_jit_code(uint64_t address) {
  const auto& ranges = jit_code_ranges();
  auto after = std::upper_bound(ranges.begin(), ranges.end(), address,
                                [](uint64_t a, const std::pair<uint64_t, uint64_t>& r) { return a < r.first; });
  return after != ranges.begin() && address < std::prev(after)->second;
}

}  // namespace

Recording& current_recording() {
  static Recording recording;
  return recording;
}

std::vector<int64_t>& run_arguments() {
  static std::vector<int64_t> values;
  return values;
}

std::vector<std::pair<uint64_t, uint64_t>>& jit_code_ranges() {
  static std::vector<std::pair<uint64_t, uint64_t>> ranges;
  return ranges;
}

nlohmann::json to_json(const Recording& r) {
  nlohmann::json j;
  j["modules"] = nlohmann::json::array();
  for (const RecordedModule& m : r.modules) j["modules"].push_back({m.path, m.type, m.site, m.internal});
  j["tensors"] = nlohmann::json::array();
  for (const RecordedTensor& t : r.tensors)
    j["tensors"].push_back({t.path, t.buffer, t.shape, t.dtype, t.requires_grad, t.storage, t.site, t.internal});
  j["warnings"] = nlohmann::json::array();
  for (const RecordedWarning& w : r.warnings) j["warnings"].push_back({w.message, w.site});
  j["sites"] = r.sites;
  return j;
}

Recording recording_from_json(const nlohmann::json& j) {
  Recording r;
  for (const auto& m : j.at("modules"))
    r.modules.push_back({m.at(0).get<std::string>(), m.at(1).get<std::string>(), m.at(2).get<long>(), m.at(3).get<bool>()});
  for (const auto& t : j.at("tensors"))
    r.tensors.push_back({t.at(0).get<std::string>(), t.at(1).get<bool>(), t.at(2).get<std::vector<int64_t>>(),
                         t.at(3).get<std::string>(), t.at(4).get<bool>(), t.at(5).get<uint64_t>(), t.at(6).get<long>(),
                         t.at(7).get<bool>()});
  for (const auto& w : j.at("warnings")) r.warnings.push_back({w.at(0).get<std::string>(), w.at(1).get<long>()});
  r.sites = j.at("sites").get<std::vector<std::vector<uint64_t>>>();
  return r;
}

}  // namespace ckptcheck::exec

using ckptcheck::DimExpr;
using ckptcheck::OptionValue;
using ckptcheck::exec::RuleCall;

extern "C" {

void* ckptcheck_rule_begin(const char* layer) {
  auto* call = new RuleCall;
  call->layer = layer;
  call->rule = ckptcheck::find_layer_rule(layer);
  return call;
}

void ckptcheck_rule_int(void* rule, const char* option, int64_t value) {
  static_cast<RuleCall*>(rule)->options[option] = DimExpr(value);
}

void ckptcheck_rule_ints(void* rule, const char* option, const int64_t* values, size_t count) {
  std::vector<DimExpr> list;
  for (size_t i = 0; i < count; ++i) list.emplace_back(values[i]);
  static_cast<RuleCall*>(rule)->options[option] = std::move(list);
}

void ckptcheck_rule_bool(void* rule, const char* option, int value) {
  static_cast<RuleCall*>(rule)->options[option] = value != 0;
}

void ckptcheck_rule_double(void* rule, const char* option, double value) {
  static_cast<RuleCall*>(rule)->options[option] = value;
}

void ckptcheck_rule_string(void* rule, const char* option, const char* value) {
  static_cast<RuleCall*>(rule)->options[option] = std::string(value);
}

long ckptcheck_rule_run(void* rule, const char** error) {
  auto* call = static_cast<RuleCall*>(rule);
  call->entries.clear();
  call->shapes.clear();
  if (!call->rule) {
    call->error = "ckptcheck has no layer rule for torch::nn::" + call->layer;
    *error = call->error.c_str();
    return -1;
  }
  auto result = call->rule->entries(call->options);
  if (auto* message = std::get_if<std::string>(&result)) {
    call->error = "torch::nn::" + call->layer + ": " + *message;
    *error = call->error.c_str();
    return -1;
  }
  call->entries = std::get<std::vector<ckptcheck::LayerEntry>>(std::move(result));
  for (const ckptcheck::LayerEntry& e : call->entries) {
    std::vector<int64_t> shape;
    for (const DimExpr& d : e.shape) {
      // Every option is a number here, so every dimension is one.
      auto k = d.constant();
      if (!k) {
        call->error = "torch::nn::" + call->layer + ": the rule gave '" + d.to_string() + "' for " + e.name;
        *error = call->error.c_str();
        return -1;
      }
      shape.push_back(*k);
    }
    call->shapes.push_back(std::move(shape));
  }
  return static_cast<long>(call->entries.size());
}

void ckptcheck_rule_tensor(void* rule, long index, const char** name, int* is_buffer, const int64_t** shape,
                           size_t* rank, const char** dtype) {
  auto* call = static_cast<RuleCall*>(rule);
  const ckptcheck::LayerEntry& e = call->entries.at(static_cast<size_t>(index));
  *name = e.name.c_str();
  *is_buffer = e.kind == ckptcheck::EntryKind::Buffer;
  *shape = call->shapes.at(static_cast<size_t>(index)).data();
  *rank = call->shapes.at(static_cast<size_t>(index)).size();
  *dtype = e.dtype.c_str();
}

void ckptcheck_rule_end(void* rule) { delete static_cast<RuleCall*>(rule); }

// Follows the frame-pointer chain from `frame` (a frame of JIT'd code, which
// the analyzer compiles with frame pointers) for as long as the callers are
// JIT'd code too; host code need not keep frame pointers, so the walk stops at
// the first return address outside the JIT's code.
long ckptcheck_call_site(void* frame) {
  std::vector<uint64_t> returns;
  auto** fp = static_cast<void**>(frame);
  for (int depth = 0; fp && depth < 256; ++depth) {
    auto ret = reinterpret_cast<uint64_t>(fp[1]);
    if (!ckptcheck::exec::in_jit_code(ret)) break;
    returns.push_back(ret);
    auto** next = static_cast<void**>(fp[0]);
    if (next <= fp) break;  // the stack grows down: callers' frames are above
    fp = next;
  }
  auto& sites = ckptcheck::exec::current_recording().sites;
  sites.push_back(std::move(returns));
  return static_cast<long>(sites.size()) - 1;
}

int64_t ckptcheck_arg_int(long index) {
  return ckptcheck::exec::run_arguments().at(static_cast<size_t>(index));
}

void ckptcheck_emit_module(const char* path, const char* type, long site, int internal) {
  ckptcheck::exec::current_recording().modules.push_back({path, type, site, internal != 0});
}

void ckptcheck_emit_tensor(const char* path, int is_buffer, const int64_t* shape, size_t rank, const char* dtype,
                           int requires_grad, const void* storage, long site, int internal) {
  ckptcheck::exec::current_recording().tensors.push_back(
      {path, is_buffer != 0, std::vector<int64_t>(shape, shape + rank), dtype, requires_grad != 0,
       reinterpret_cast<uint64_t>(storage), site, internal != 0});
}

void ckptcheck_emit_warning(const char* message, long site) {
  ckptcheck::exec::current_recording().warnings.push_back({message, site});
}

}  // extern "C"

namespace ckptcheck::exec {

std::vector<std::pair<const char*, void*>> host_symbols() {
  return {
      {"ckptcheck_rule_begin", reinterpret_cast<void*>(&ckptcheck_rule_begin)},
      {"ckptcheck_rule_int", reinterpret_cast<void*>(&ckptcheck_rule_int)},
      {"ckptcheck_rule_ints", reinterpret_cast<void*>(&ckptcheck_rule_ints)},
      {"ckptcheck_rule_bool", reinterpret_cast<void*>(&ckptcheck_rule_bool)},
      {"ckptcheck_rule_double", reinterpret_cast<void*>(&ckptcheck_rule_double)},
      {"ckptcheck_rule_string", reinterpret_cast<void*>(&ckptcheck_rule_string)},
      {"ckptcheck_rule_run", reinterpret_cast<void*>(&ckptcheck_rule_run)},
      {"ckptcheck_rule_tensor", reinterpret_cast<void*>(&ckptcheck_rule_tensor)},
      {"ckptcheck_rule_end", reinterpret_cast<void*>(&ckptcheck_rule_end)},
      {"ckptcheck_call_site", reinterpret_cast<void*>(&ckptcheck_call_site)},
      {"ckptcheck_arg_int", reinterpret_cast<void*>(&ckptcheck_arg_int)},
      {"ckptcheck_emit_module", reinterpret_cast<void*>(&ckptcheck_emit_module)},
      {"ckptcheck_emit_tensor", reinterpret_cast<void*>(&ckptcheck_emit_tensor)},
      {"ckptcheck_emit_warning", reinterpret_cast<void*>(&ckptcheck_emit_warning)},
  };
}

}  // namespace ckptcheck::exec
