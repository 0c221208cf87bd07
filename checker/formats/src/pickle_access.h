// Small read-only accessors over a pickle Graph, so interpretation code reads
// as "is this an OrderedDict" rather than as kind and index juggling.
#pragma once

#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "pickle_graph.h"

namespace ckptcheck::pickle {

inline bool is_global(const Graph& g, const Value& v, std::string_view module, std::string_view name) {
  return v.kind == Kind::Global && g.global(v).module == module && g.global(v).name == name;
}

// The GLOBAL an object was made from (REDUCE callable or NEWOBJ class), if any.
inline const GlobalRef* callable_of(const Graph& g, const Value& v) {
  if (v.kind != Kind::Object) return nullptr;
  const Value& c = g.node(v).callable;
  return c.kind == Kind::Global ? &g.global(c) : nullptr;
}

inline bool is_call(const Graph& g, const Value& v, std::string_view module, std::string_view name) {
  const GlobalRef* c = callable_of(g, v);
  return c && c->module == module && c->name == name;
}

inline std::span<const Value> items_of_tuple(const Graph& g, const Value& v) {
  if (v.kind != Kind::Tuple && v.kind != Kind::PersId) return {};
  auto [p, n] = g.tuple(v);
  return {p, n};
}

inline std::span<const Value> args_of(const Graph& g, const Value& obj) {
  if (obj.kind != Kind::Object) return {};
  return items_of_tuple(g, g.node(obj).args);
}

inline std::optional<std::string_view> as_str(const Graph& g, const Value& v) {
  if (v.kind == Kind::Str || v.kind == Kind::Bytes) return g.text(v);
  return std::nullopt;
}

inline std::optional<int64_t> as_int(const Value& v) {
  if (v.kind == Kind::Int) return static_cast<int64_t>(v.b);
  if (v.kind == Kind::Bool) return static_cast<int64_t>(v.b);
  return std::nullopt;
}

inline double as_double(const Value& v) {
  double d;
  std::memcpy(&d, &v.b, 8);
  return d;
}

// Key/value pairs of a dict-like value: a dict, an OrderedDict (or any object
// filled by SETITEMS), or a TorchScript restore_type_tag wrapper around one.
inline const std::vector<Value>* pairs_of(const Graph& g, const Value& v) {
  if (v.kind == Kind::Dict) return &g.node(v).pairs;
  if (v.kind != Kind::Object) return nullptr;
  if (is_call(g, v, "torch.jit._pickle", "restore_type_tag")) {
    auto a = args_of(g, v);
    return a.empty() ? nullptr : pairs_of(g, a[0]);
  }
  const GlobalRef* c = callable_of(g, v);
  if (c && ((c->module == "collections" && (c->name == "OrderedDict" || c->name == "defaultdict" ||
                                            c->name == "Counter"))))
    return &g.node(v).pairs;
  return nullptr;
}

// Looks up a string key in a dict-like value.
inline const Value* dict_get(const Graph& g, const Value& dict, std::string_view key) {
  const auto* pairs = pairs_of(g, dict);
  if (!pairs) return nullptr;
  for (size_t i = 0; i + 1 < pairs->size(); i += 2)
    if (auto k = as_str(g, (*pairs)[i]); k && *k == key) return &(*pairs)[i + 1];
  return nullptr;
}

// Items of a list-like value: list, tuple, set (builtins.set REDUCE of a list, or
// EMPTY_SET/ADDITEMS), or a TorchScript build_*list / restore_type_tag wrapper.
inline std::span<const Value> sequence_of(const Graph& g, const Value& v) {
  switch (v.kind) {
    case Kind::List: case Kind::Set: case Kind::FrozenSet: return g.node(v).items;
    case Kind::Tuple: return items_of_tuple(g, v);
    case Kind::Object: {
      const GlobalRef* c = callable_of(g, v);
      if (!c) return {};
      if ((c->module == "builtins" && (c->name == "set" || c->name == "frozenset")) ||
          c->module == "torch.jit._pickle") {
        auto a = args_of(g, v);
        return a.empty() ? std::span<const Value>{} : sequence_of(g, a[0]);
      }
      return {};
    }
    default: return {};
  }
}

}  // namespace ckptcheck::pickle
