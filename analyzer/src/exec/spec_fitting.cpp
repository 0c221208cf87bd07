#include "spec_fitting.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "../rules/CK501_analysis_incomplete.h"

namespace ckptcheck::exec {
namespace {

// An entry or module of one run, as the fitting sees it: the digit runs of
// its name taken out as tokens ("layers.3.fc1.weight" is "layers.#.fc#.weight"
// with tokens 3, 1).
struct Instance {
  size_t run = 0;
  size_t position = 0;  // in its run's list
  std::vector<int64_t> tokens;
  std::string signature;  // shape and dtype, or module type: what must agree within a repeated group
  const SpecEntry* entry = nullptr;
  const SpecModule* module = nullptr;
};

std::pair<std::string, std::vector<int64_t>> tokenized(const std::string& name) {
  std::string mask;
  std::vector<int64_t> tokens;
  for (size_t i = 0; i < name.size();) {
    if (std::isdigit(static_cast<unsigned char>(name[i]))) {
      size_t j = i;
      while (j < name.size() && std::isdigit(static_cast<unsigned char>(name[j]))) ++j;
      tokens.push_back(j - i > 17 ? -1 : std::stoll(name.substr(i, j - i)));
      mask += '#';
      i = j;
    } else {
      mask += name[i++];
    }
  }
  return {mask, tokens};
}

// The mask with token `slot` written as "{text}" and the others as `tokens`.
std::string named(const std::string& mask, const std::vector<int64_t>& tokens, size_t slot, const std::string& text) {
  std::string out;
  size_t t = 0;
  for (char c : mask) {
    if (c != '#') {
      out += c;
      continue;
    }
    out += t == slot ? "{" + text + "}" : std::to_string(tokens[t]);
    ++t;
  }
  return out;
}

// An item of the fitted spec, before it is ordered.
struct Item {
  SpecEntry entry;  // for modules, only name/condition/repeat/location/layer (the type) are used
  bool is_module = false;
  std::pair<size_t, size_t> anchor;  // (run, position) of its first instance
};

class SpecFit {
 public:
  SpecFit(const std::vector<ProbeRun>& runs, const std::vector<std::string>& vars) : runs_(runs), vars_(vars) {}

  using IndexOf = std::function<int64_t(const Instance&)>;

  std::vector<Observation> observations(const std::vector<const Instance*>& instances,
                                        const std::function<int64_t(const Instance&)>& value,
                                        const std::string& index = "", const IndexOf& index_of = {}) const {
    std::vector<Observation> out;
    for (const Instance* i : instances) {
      Observation o{runs_[i->run].at, value(*i)};
      if (!index.empty()) o.at[index] = index_of(*i);
      out.push_back(std::move(o));
    }
    return out;
  }

  // The fitted shape of these instances (one item's), or nullopt.
  std::optional<std::vector<DimExpr>> fit_shape(const std::vector<const Instance*>& instances,
                                                const std::string& index = "", const IndexOf& index_of = {}) const {
    const SpecEntry* first = instances.front()->entry;
    if (!first) return std::vector<DimExpr>{};
    // One item has one dtype in a run; across runs it may follow an argument
    // (`if (use_double) to(torch::kFloat64)`): the item keeps its first run's
    // (the baseline's), and the check runs the constructor again at the values
    // it concludes, where the dtype is exact.
    std::map<size_t, const std::string*> dtype_in_run;
    for (const Instance* i : instances) {
      auto [seen, fresh] = dtype_in_run.try_emplace(i->run, &i->entry->dtype);
      if (i->entry->shape.size() != first->shape.size() || (!fresh && *seen->second != i->entry->dtype))
        return std::nullopt;
    }
    // A loop of hundreds of layers says no more than its first two and last
    // instances in each run: fit to those, then check the fit on all.
    std::vector<const Instance*> sample = instances;
    if (!index.empty()) {
      std::map<size_t, std::vector<const Instance*>> by_run;
      for (const Instance* i : instances) by_run[i->run].push_back(i);
      sample.clear();
      for (auto& [run, list] : by_run) {
        std::sort(list.begin(), list.end(),
                  [&](const Instance* a, const Instance* b) { return index_of(*a) < index_of(*b); });
        for (size_t k = 0; k < list.size(); ++k)
          if (k < 2 || k + 1 == list.size()) sample.push_back(list[k]);
      }
    }
    std::vector<DimExpr> shape;
    for (size_t d = 0; d < first->shape.size(); ++d) {
      auto value = [&](const Instance& i) { return *i.entry->shape[d].constant(); };
      auto e = fit_value(observations(sample, value, index, index_of));
      if (!e) return std::nullopt;
      for (const Observation& o : observations(instances, value, index, index_of))
        if (e->evaluate(o.at) != o.value) return std::nullopt;
      shape.push_back(*e);
    }
    return shape;
  }

  Item item_from(const Instance& first, std::string name, std::vector<DimExpr> shape) const {
    Item item;
    item.anchor = {first.run, first.position};
    if (first.entry) {
      item.entry = *first.entry;
      item.entry.shape = std::move(shape);
    } else {
      item.is_module = true;
      item.entry.layer = first.module->type;
      item.entry.location = first.module->location;
    }
    item.entry.name = std::move(name);
    return item;
  }

  // A family: the instances of one kind sharing a mask, across runs.
  bool explain(const std::string& mask, const std::vector<Instance>& family, std::vector<Item>& out) {
    std::map<size_t, std::set<std::vector<int64_t>>> per_run;
    for (size_t r = 0; r < runs_.size(); ++r) per_run[r];
    for (const Instance& i : family) per_run[i.run].insert(i.tokens);
    bool same = std::all_of(per_run.begin(), per_run.end(), [&](const auto& p) { return p.second == per_run[0]; });
    if (same) return explain_fixed(mask, family, out, false);
    if (explain_ranges(mask, family, out)) return true;
    return explain_fixed(mask, family, out, true);
  }

  // Every token tuple is one item, present where a condition says (when
  // `conditional`), its shape fitted across the runs.
  bool explain_fixed(const std::string& mask, const std::vector<Instance>& family, std::vector<Item>& out,
                     bool conditional) {
    std::map<std::vector<int64_t>, std::vector<const Instance*>> by_tuple;
    for (const Instance& i : family) by_tuple[i.tokens].push_back(&i);
    // Conditions explain an optional layer or two; dozens of conditional
    // entries are a loop the ranges did not explain, and thresholds fitted to
    // them would be guesses.
    size_t optional = 0;
    for (const auto& [tuple, instances] : by_tuple) optional += instances.size() != runs_.size();
    if (conditional && optional > 8) return false;
    std::vector<Item> items;
    for (const auto& [tuple, instances] : by_tuple) {
      auto shape = fit_shape(instances);
      if (!shape) return false;
      Item item = item_from(*instances.front(), named(mask, tuple, tuple.size(), ""), *shape);
      if (conditional && instances.size() != runs_.size()) {
        std::vector<Observation> seen;
        std::set<size_t> present;
        for (const Instance* i : instances) present.insert(i->run);
        for (size_t r = 0; r < runs_.size(); ++r) seen.push_back({runs_[r].at, present.count(r) ? 1 : 0});
        auto condition = fit_condition(seen);
        if (!condition) return false;
        item.entry.conditional = true;
        item.entry.condition = condition->to_string();
      }
      items.push_back(std::move(item));
    }
    out.insert(out.end(), items.begin(), items.end());
    return true;
  }

  // One token (a list or Sequential index, LSTM's layer number) runs over
  // values that the arguments decide: a repeated group. Its instances form an
  // arithmetic progression of that token (a loop that pushes a Linear, a
  // BatchNorm and a ReLU each time fills every third index), next to single
  // items whose index the arguments shift (a head after the loop).
  bool explain_ranges(const std::string& mask, const std::vector<Instance>& family, std::vector<Item>& out) {
    size_t width = family.front().tokens.size();
    std::vector<size_t> varying;
    for (size_t slot = 0; slot < width; ++slot) {
      std::map<size_t, std::set<int64_t>> values;
      for (const Instance& i : family) values[i.run].insert(i.tokens[slot]);
      bool differs = values.size() != runs_.size();
      for (const auto& [r, v] : values) differs |= v != values.begin()->second;
      if (differs) varying.push_back(slot);
    }
    if (varying.size() != 1) return false;
    size_t slot = varying.front();
    // By the other tokens, then by run: the instances in index order.
    std::map<std::vector<int64_t>, std::map<size_t, std::vector<const Instance*>>> by_rest;
    for (const Instance& i : family) {
      std::vector<int64_t> rest = i.tokens;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(slot));
      by_rest[rest][i.run].push_back(&i);
    }
    std::vector<Item> items;
    for (auto& [rest, runs] : by_rest) {
      if (runs.size() != runs_.size()) return false;                 // absent from some run entirely
      std::vector<std::vector<const Instance*>> whole;               // by run
      std::vector<std::vector<std::vector<const Instance*>>> parts;  // by run, by signature
      for (auto& [r, list] : runs) {
        std::sort(list.begin(), list.end(),
                  [&](const Instance* x, const Instance* y) { return x->tokens[slot] < y->tokens[slot]; });
        whole.push_back(list);
        std::map<std::string, size_t> part_of;
        std::vector<std::vector<const Instance*>> p;
        for (const Instance* i : list) {
          auto [it, fresh] = part_of.try_emplace(i->signature, p.size());
          if (fresh) p.emplace_back();
          p[it->second].push_back(i);
        }
        parts.push_back(std::move(p));
      }
      // One progression over them all, when shapes that follow the index
      // explain them; else one per signature, matched across runs in order.
      std::vector<Item> made;
      if (progression_item(mask, rest, slot, whole, made)) {
        items.insert(items.end(), made.begin(), made.end());
        continue;
      }
      size_t count = parts[0].size();
      if (!std::all_of(parts.begin(), parts.end(), [&](const auto& p) { return p.size() == count; })) return false;
      made.clear();
      for (size_t k = 0; k < count; ++k) {
        std::vector<std::vector<const Instance*>> column;
        for (const auto& p : parts) column.push_back(p[k]);
        if (!progression_item(mask, rest, slot, column, made)) return false;
      }
      items.insert(items.end(), made.begin(), made.end());
    }
    out.insert(out.end(), items.begin(), items.end());
    return true;
  }

  // One item for these instances (by run): their token is start + stride*i for
  // i in [0, count), start and count fitted over the arguments, the stride
  // the same in every run.
  bool progression_item(const std::string& mask, const std::vector<int64_t>& rest, size_t slot,
                        const std::vector<std::vector<const Instance*>>& by_run, std::vector<Item>& made) {
    std::optional<int64_t> stride;
    std::vector<Observation> starts, counts;
    std::vector<const Instance*> all;
    std::map<const Instance*, int64_t> loop_index;
    for (const auto& list : by_run) {
      if (list.empty()) return false;
      for (size_t k = 1; k < list.size(); ++k) {
        int64_t step = list[k]->tokens[slot] - list[k - 1]->tokens[slot];
        if (step <= 0 || (stride && step != *stride)) return false;
        stride = step;
      }
      const Assignment& at = runs_[list.front()->run].at;
      starts.push_back({at, list.front()->tokens[slot]});
      counts.push_back({at, static_cast<int64_t>(list.size())});
      for (size_t k = 0; k < list.size(); ++k) loop_index[list[k]] = static_cast<int64_t>(k);
      all.insert(all.end(), list.begin(), list.end());
    }
    auto start = fit_value(starts), count = fit_value(counts);
    if (!start || !count) return false;
    std::vector<int64_t> tokens = rest;
    tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(slot), 0);
    const Instance* first = all.front();
    for (const Instance* i : all)
      if (std::make_pair(i->run, i->position) < std::make_pair(first->run, first->position)) first = i;
    if (count->constant() == 1) {
      auto shape = fit_shape(all);
      if (!shape) return false;
      std::string name = start->constant() ? named_constant(mask, tokens, slot, *start->constant())
                                           : named(mask, tokens, slot, start->to_string());
      made.push_back(item_from(*first, name, *shape));
      return true;
    }
    std::string index = index_name();
    auto shape = fit_shape(all, index, [&](const Instance& i) { return loop_index.at(&i); });
    if (!shape) return false;
    DimExpr at = *start + DimExpr(stride.value_or(1)) * DimExpr::symbol(index);
    Item item = item_from(*first, named(mask, tokens, slot, at.to_string()), *shape);
    // Items of one loop share its group, so that they expand index by index.
    std::string kind = first->module ? "m" : entry_kind_name(first->entry->kind);
    std::string prefix = named(mask, tokens, slot, "");
    prefix = prefix.substr(0, prefix.find("{}"));
    auto [it, fresh] =
        groups_.try_emplace(kind + "|" + prefix + "|" + count->to_string(), static_cast<int>(groups_.size()) + 1);
    item.entry.repeat = {SpecRepeat{index, DimExpr(int64_t{0}), *count, it->second}};
    made.push_back(std::move(item));
    return true;
  }

  std::string named_constant(const std::string& mask, std::vector<int64_t> tokens, size_t slot, int64_t value) const {
    tokens[slot] = value;
    return named(mask, tokens, tokens.size(), "");
  }

  // A loop index that no argument is called.
  std::string index_name() const {
    for (std::string candidate : {"i", "j", "k", "l", "idx"})
      if (std::find(vars_.begin(), vars_.end(), candidate) == vars_.end()) return candidate;
    return "ckptcheck_index";
  }

  // What a fit cannot explain is listed as the baseline has it.
  void keep_as_baseline(const std::string& mask, const std::vector<Instance>& family, std::vector<Item>& out) {
    for (const Instance& i : family)
      if (i.run == 0) {
        std::vector<DimExpr> shape = i.entry ? i.entry->shape : std::vector<DimExpr>{};
        out.push_back(item_from(i, i.entry ? i.entry->name : i.module->name, shape));
      }
    unexplained_.insert(mask);
  }

  // Items in the order the runs list them: by their first instance, placed
  // after the baseline item that precedes it in its own run.
  void order(std::vector<Item>& items, const std::vector<std::vector<size_t>>& item_of) const {
    auto key = [&](const Item& item) {
      auto [run, position] = item.anchor;
      if (run == 0) return std::make_tuple(position, size_t{0}, position);
      for (size_t p = position; p-- > 0;) {
        size_t other = item_of[run][p];
        if (other != SIZE_MAX && items[other].anchor.first == 0)
          return std::make_tuple(items[other].anchor.second, size_t{1}, position);
      }
      return std::make_tuple(size_t{0}, size_t{0}, position);
    };
    std::vector<size_t> index(items.size());
    for (size_t i = 0; i < items.size(); ++i) index[i] = i;
    std::stable_sort(index.begin(), index.end(), [&](size_t a, size_t b) { return key(items[a]) < key(items[b]); });
    std::vector<Item> sorted;
    for (size_t i : index) sorted.push_back(items[i]);
    items = std::move(sorted);
  }

  // Fits one list (the entries, or the modules) of every run.
  std::vector<Item> fit_list(bool modules) {
    std::vector<Instance> instances;
    std::vector<std::vector<size_t>> position_to_instance(runs_.size());
    for (size_t r = 0; r < runs_.size(); ++r) {
      const ModelSpec& s = runs_[r].spec;
      size_t n = modules ? s.modules.size() : s.entries.size();
      for (size_t p = 0; p < n; ++p) {
        Instance i;
        i.run = r;
        i.position = p;
        const std::string& name = modules ? s.modules[p].name : s.entries[p].name;
        i.tokens = tokenized(name).second;
        if (modules) {
          i.module = &s.modules[p];
          i.signature = s.modules[p].type;
        } else {
          i.entry = &s.entries[p];
          i.signature = std::string(entry_kind_name(i.entry->kind)) + ":" + i.entry->dtype;
          for (const DimExpr& d : i.entry->shape) i.signature += "," + d.to_string();
        }
        instances.push_back(std::move(i));
      }
    }
    std::map<std::string, std::vector<Instance>> families;
    for (const Instance& i : instances) {
      std::string kind = modules ? "m" : entry_kind_name(i.entry->kind);
      families[kind + "|" + tokenized(modules ? i.module->name : i.entry->name).first].push_back(i);
    }
    std::vector<Item> items;
    for (const auto& [key, family] : families) {
      std::string mask = key.substr(key.find('|') + 1);
      std::vector<Item> made;
      if (!explain(mask, family, made)) {
        made.clear();
        keep_as_baseline(mask, family, made);
      }
      items.insert(items.end(), made.begin(), made.end());
    }
    // Where each run's positions landed, for ordering what the baseline lacks.
    std::vector<std::vector<size_t>> item_of(runs_.size());
    for (size_t r = 0; r < runs_.size(); ++r)
      item_of[r].assign(modules ? runs_[r].spec.modules.size() : runs_[r].spec.entries.size(), SIZE_MAX);
    for (size_t i = 0; i < items.size(); ++i) item_of[items[i].anchor.first][items[i].anchor.second] = i;
    order(items, item_of);
    return items;
  }

  ModelSpec fitted() {
    ModelSpec spec = runs_.front().spec;
    spec.entries.clear();
    spec.modules.clear();
    for (Item& item : fit_list(false)) spec.entries.push_back(std::move(item.entry));
    for (Item& item : fit_list(true))
      spec.modules.push_back(SpecModule{item.entry.name, item.entry.layer, item.entry.location, item.entry.conditional,
                                        item.entry.condition, item.entry.repeat});
    spec.inferred_from_runs = static_cast<int>(runs_.size());
    for (SpecSymbol& s : spec.symbols)
      if (std::find(vars_.begin(), vars_.end(), s.name) != vars_.end()) s.symbolic = true;
    for (const std::string& mask : unexplained_)
      spec.diagnostics.push_back(analysis::to_diagnostic(analysis::DependenceNotInferred{mask, joined_vars()}));
    return spec;
  }

 private:
  std::string joined_vars() const {
    std::string s;
    for (const std::string& v : vars_) s += (s.empty() ? "" : ", ") + v;
    return s;
  }

  const std::vector<ProbeRun>& runs_;
  const std::vector<std::string>& vars_;
  std::map<std::string, int> groups_;
  std::set<std::string> unexplained_;
};

}  // namespace

ModelSpec fit_spec(const std::vector<ProbeRun>& runs, const std::vector<std::string>& vars) {
  return SpecFit(runs, vars).fitted();
}

}  // namespace ckptcheck::exec
