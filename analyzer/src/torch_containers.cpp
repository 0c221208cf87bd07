// Containers for the static engine's interpreter: Sequential, ModuleList,
// ModuleDict, ParameterList and ParameterDict, filled by push_back, extend,
// insert and update, and iterated.
#include <algorithm>

#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/Basic/Builtins.h>

#include "interpreter.h"

namespace ckptcheck::analysis {

using namespace clang;

namespace {

// What iterating a container gives (what extend() and update() read): a
// ModuleList's or Sequential's modules, the (key, value) items of the others.
std::optional<std::vector<Value>> container_elements(const ModuleValue& m) {
  if (m.uncounted.constant() != 0) return std::nullopt;  // holds a repeated group: how many is a symbol
  std::vector<Value> out;
  const std::string& type = container_type(m);
  if (type == "torch::nn::ModuleList") {
    out.assign(m.list.begin(), m.list.end());
  } else if (type == "torch::nn::Sequential") {
    for (const auto& [name, child] : m.children) out.push_back(child);
  } else if (type == "torch::nn::ModuleDict") {
    for (const auto& [name, child] : m.children) out.push_back(ListValue{{name, child}});
  } else if (type == "torch::nn::ParameterList" || type == "torch::nn::ParameterDict") {
    for (const TensorRegistration& t : m.tensors) out.push_back(ListValue{{t.name, t.tensor}});
  } else {
    return std::nullopt;
  }
  return out;
}

}  // namespace

// What containers' constructors and methods do, as LibTorch 1.13 defines them
// (torch/nn/modules/container/*.h).
Value Interpreter::container_call(const ModulePtr& c, const std::string& method, const std::vector<Value>& args,
                                  const Expr* where) {
  const std::string& type = container_type(*c);
  if ((method == "push_back" || method == "append") && args.size() == 1)
    return add_to_container(c, std::nullopt, args[0], where);
  if (method == "push_back" && args.size() == 2 && as_string(args[0]))  // Sequential::push_back(name, module)
    return add_to_container(c, *as_string(args[0]), args[1], where);
  if (method == "insert" && args.size() == 2) {
    if (type == "torch::nn::ModuleList") return insert_into_module_list(c, args[0], args[1], where);
    if (as_string(args[0])) return add_to_container(c, *as_string(args[0]), args[1], where);
  }
  if ((method == "extend" || method == "update") && args.size() == 1) {
    // extend() pushes back / appends each element (an item's value: ParameterList
    // appends OrderedDict items' tensors); update() sets each item's key.
    std::optional<std::vector<Value>> items = list_items(args[0]);
    if (auto* other = as_module(args[0])) items = container_elements(**other);
    if (!items) return dropped(args[0], where, type + "::" + method + " with this argument is not evaluated");
    for (const Value& item : *items) {
      const std::string* key = pair_key(item);
      const Value& value = key ? pair_value(item) : item;
      if (method == "extend")
        add_to_container(c, std::nullopt, value, where);
      else if (key)
        set_in_container(c, *key, value, where);
      else
        dropped(item, where, "an item given to " + type + "::update has no key");
    }
    return Value{c};
  }
  if (method == "pop" || method == "clear")
    return unknown(where, type + "::" + method + " is not evaluated; what the container holds after it may differ");
  return unknown(where, type + "::" + method + " with these arguments is not evaluated");
}

// push_back / append / a named insert: registers `item` under `name`, or under
// its position (ParameterList counts its parameters; Sequential and ModuleList
// their modules, which their children match).
Value Interpreter::add_to_container(const ModulePtr& container, std::optional<std::string> name, const Value& item,
                                    const Expr* where) {
  size_t physical = numbers_tensors(*container) ? container->tensors.size() : container->children.size();
  std::vector<SpecRepeat> outer = repeats_for(*container, !std::holds_alternative<TensorValue>(item));
  if (name)
    if (auto why = repeated_name_problem(*name, outer)) return unknown(where, *why);
  std::string n = name ? *name : number_item(container, physical);
  bool taken = false;  // register_module and register_parameter throw for a name they have
  if (as_module(item))
    for (const auto& child : container->children) taken |= child.first == n;
  if (std::holds_alternative<TensorValue>(item))
    for (const TensorRegistration& t : container->tensors) taken |= t.name == n;
  if (taken)
    return unknown(where, "'" + n + "' is already registered in " + container->type + " (LibTorch throws here)");
  if (!as_module(item) && !std::holds_alternative<TensorValue>(item)) {
    dropped(item, where, "an item added to " + container->type + " is not a module or tensor the analyzer knows");
    return Value{container};
  }
  note_addition(container, physical);
  if (auto* m = as_module(item)) {
    mark_registered(**m, "", outer);  // a container refuses additions under a condition (eval_member_call)
    container->children.emplace_back(n, *m);
    if (container_type(*container) == "torch::nn::ModuleList") container->list.push_back(*m);
  } else {
    container->tensors.push_back(TensorRegistration{n, EntryKind::Parameter, std::get<TensorValue>(item),
                                                    location_of(where), "", outer, source_text(where)});
  }
  return Value{container};
}

// update(): an existing key keeps its place and takes the new value
// (ModuleDict replace_module()s it; ParameterDict assigns it through
// operator[], which throws for a key it does not have); ModuleDict registers a
// new key at the end.
Value Interpreter::set_in_container(const ModulePtr& container, const std::string& name, const Value& item,
                                    const Expr* where) {
  if (auto* m = as_module(item))
    for (auto& child : container->children)
      if (child.first == name) {
        child.second = *m;
        return Value{container};
      }
  if (auto* t = std::get_if<TensorValue>(&item))
    for (TensorRegistration& r : container->tensors)
      if (r.name == name) {
        r.tensor = *t;
        r.location = location_of(where);
        return Value{container};
      }
  if (container_type(*container) == "torch::nn::ParameterDict" && !is_unknown(item))
    return unknown(where, "ParameterDict::update with the new key '" + name + "' (LibTorch throws here)");
  return add_to_container(container, name, item, where);
}

// ModuleList::insert(index, module) in LibTorch 1.13 (modulelist.h) inserts
// into its list, then replace_module()s the key "<index>" once per following
// module (always that same key, with the module now at `index`) and
// registers the list's last module under the next number. So the module that
// was at `index` loses its key and the last one has two: after push_back(a, b,
// c), insert(1, x) registers 0: a, 1: x, 2: c, 3: c. Mirrored as it is.
Value Interpreter::insert_into_module_list(const ModulePtr& list, const Value& index, const Value& item,
                                           const Expr* where) {
  if (list->uncounted.constant() != 0)
    return unknown(where, "ModuleList::insert after a loop that runs a symbolic number of times is not evaluated");
  auto* i = as_dim(index);
  std::optional<int64_t> k = i ? i->constant() : std::nullopt;
  if (!k) return dropped(index, where, "the position given to ModuleList::insert is not known statically");
  auto* m = as_module(item);
  if (!m) return dropped(item, where, "an item inserted into torch::nn::ModuleList is not a module the analyzer knows");
  if (*k < 0 || static_cast<size_t>(*k) > list->list.size())
    return unknown(where, "ModuleList::insert at " + std::to_string(*k) + ", past the end (LibTorch throws here)");
  if (static_cast<size_t>(*k) == list->list.size()) return add_to_container(list, std::nullopt, item, where);
  list->list.insert(list->list.begin() + *k, *m);
  for (auto& child : list->children)
    if (child.first == std::to_string(*k)) child.second = list->list[*k];
  std::string last = std::to_string(list->list.size() - 1);
  for (const auto& child : list->children)
    if (child.first == last)
      return unknown(where, "'" + last + "' is already registered in torch::nn::ModuleList (LibTorch throws here)");
  list->children.emplace_back(last, list->list.back());
  return Value{list};
}

}  // namespace ckptcheck::analysis
